// SPDX-License-Identifier: GPL-2.0-only
/*
 * --engine=gcc: `make C=1 CHECK="iomemcheck --engine=gcc"` at the cost of
 * the parse GCC does anyway. The unit's own GCC (the one that knows the
 * target) runs with -fsyntax-only and the plugin, which writes the
 * analysis' findings as a JSON report (findings=FILE) instead of reporting
 * them; they are read back and go through the checker's pipeline like a
 * libclang unit's, so suppressions, baselines, --diff, every format, --fix,
 * -j and --shard behave the same.
 *
 * GCC runs from an argument vector (posix_spawnp), never through a shell:
 * the file names and flags come from the build.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "finish.h"
#include "gccengine.h"
#include "options.h"
#include "util.h"

extern char **environ;

/* ---- which GCC ---- */

/* Splits s at blanks (make's $(CC) may be "ccache gcc"); no quoting, no
 * expansion: a word is passed as it is. */
static void split_words(const char *s, struct imc_strv *out,
			struct imc_strv *owned)
{
	const char *p = s;

	while (*p) {
		size_t n;
		char *w;

		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (!n)
			break;
		w = imc_xcalloc(n + 1, 1);
		memcpy(w, p, n);
		imc_strv_push(owned, w);
		imc_strv_push(out, w);
		p += n;
	}
}

/* --gcc, a database entry's compiler, $CC, ${CROSS_COMPILE}gcc, gcc. */
static void gcc_words(const struct imc_cli *cli, const struct imc_ccargs *cc,
		      struct imc_strv *out, struct imc_strv *owned)
{
	const char *env_cc = getenv("CC"), *cross = getenv("CROSS_COMPILE");

	if (cli->gcc)
		imc_strv_push(out, cli->gcc);
	else if (cc->compiler)
		imc_strv_push(out, cc->compiler);
	else if (env_cc && strspn(env_cc, " \t") < strlen(env_cc))
		split_words(env_cc, out, owned);
	else if (cross && *cross) {
		char *w = imc_xasprintf("%sgcc", cross);

		imc_strv_push(owned, w);
		imc_strv_push(out, w);
	} else
		imc_strv_push(out, "gcc");
}

/* The compiler proper: the last word ("ccache gcc" -> gcc). */
static const char *compiler_of(const struct imc_strv *words)
{
	return words->v[words->n - 1];
}

/* Whether execvp would find an executable program (a name without '/'
 * on $PATH). */
static bool runnable(const char *prog)
{
	const char *path = getenv("PATH"), *p;
	bool found = false;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	for (p = path ? path : "/usr/bin:/bin"; p && !found;
	     p = strchr(p, ':') ? strchr(p, ':') + 1 : NULL) {
		size_t n = strcspn(p, ":");
		char *file =
			imc_xasprintf("%.*s/%s", (int)n, n ? p : ".", prog);

		found = access(file, X_OK) == 0;
		free(file);
	}
	return found;
}

/* ---- which plugin ---- */

/* The directory above the running iomemcheck's (build/, or the prefix
 * of bin/). */
static bool exe_parent(char *dir, size_t len)
{
	char path[PATH_MAX];
	int up;

	if (!realpath("/proc/self/exe", path))
		return false;
	for (up = 0; up < 2; up++) {
		char *slash = strrchr(path, '/');

		if (!slash)
			return false;
		*slash = '\0';
	}
	snprintf(dir, len, "%s", path);
	return true;
}

/* DIR[/PREFIX]/iomemcheck.so if it exists, else NULL; its name goes to
 * tried if that is given. */
static char *plugin_in(const char *dir, const char *prefix, char *tried,
		       size_t len)
{
	char *path = imc_xasprintf("%s%s%s/iomemcheck.so", dir,
				   *prefix ? "/" : "", prefix);

	if (tried)
		snprintf(tried, len, "%s", path);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

/* The plugin built for GCC of target prefix (sub-directory PREFIX/ of the
 * plugin directory for a cross GCC): the build tree's beside the checker
 * (build/checker/iomemcheck -> build/plugin/), the installed one beside
 * bin/, the configured install directory. NULL if none exists; tried
 * names the first place looked at. */
static char *find_plugin(const char *prefix, char *tried, size_t len)
{
	char exe[PATH_MAX];
	const char *dirs[3];
	char *beside[2] = {NULL, NULL}, *path = NULL;
	size_t i, n = 0;

	if (exe_parent(exe, sizeof(exe))) {
		beside[0] = imc_xasprintf("%s/plugin", exe);
		beside[1] = imc_xasprintf("%s/%s/iomemcheck", exe,
					  IMC_INSTALL_LIBDIR);
		dirs[n++] = beside[0];
		dirs[n++] = beside[1];
	}
	dirs[n++] = IMC_PLUGIN_INSTALL_DIR;
	for (i = 0; i < n && !path; i++)
		path = plugin_in(dirs[i], prefix, i == 0 ? tried : NULL, len);
	/* the host's own GCC by its full name (x86_64-linux-gnu-gcc): the
	 * native plugin */
	for (i = 0; i < n && !path && !strcmp(prefix, IMC_HOST_MACHINE); i++)
		path = plugin_in(dirs[i], "", NULL, 0);
	free(beside[0]);
	free(beside[1]);
	return path;
}

/* The name GCC knows the plugin by: its file name without ".so". */
static char *plugin_name(const char *path)
{
	const char *base = imc_base_name(path);
	size_t n = strlen(base);

	if (n > 3 && !strcmp(base + n - 3, ".so"))
		n -= 3;
	return imc_xasprintf("%.*s", (int)n, base);
}

/* ---- GCC's arguments ---- */

/* sparse's warnings GCC does not have (-Wbitwise would be an error). */
static const char *const sparse_warnings[] = {
	"address-space",
	"bitwise",
	"bitwise-pointer",
	"cast-from-as",
	"cast-to-as",
	"cast-truncate",
	"constexpr-not-const",
	"context",
	"decl",
	"default-bitfield-sign",
	"do-while",
	"enum-mismatch",
	"external-function-has-definition",
	"flexible-array-array",
	"flexible-array-nested",
	"flexible-array-sizeof",
	"flexible-array-union",
	"init-cstring",
	"int-to-enum",
	"memcpy-max-count",
	"non-ansi-function-declaration",
	"non-pointer-null",
	"old-initializer",
	"one-bit-signed-bitfield",
	"paren-string",
	"ptr-subtraction-blows",
	"return-void",
	"sizeof-bool",
	"sparse-all",
	"sparse-error",
	"transparent-union",
	"typesign",
	"unknown-attribute",
};

/* kbuild's CHECKFLAGS (Makefile, arch/x86/Makefile), before c_flags: GCC
 * predefines these or gets its own -m flags from c_flags (-m64 is not an
 * aarch64 GCC's option). */
static const char *const kbuild_checkflags[] = {
	"-D__linux__", "-Dlinux",	  "-D__STDC__",	  "-Dunix",
	"-D__unix__",  "-D__x86_64__",	  "-D__i386__",	  "-m64",
	"-m32",	       "-mlittle-endian", "-mbig-endian",
};

/* Options with a separate value GCC must not get. */
static const char *const dropped_with_value[] = {
	"-o", "-MF", "-MT", "-MQ", "-target", "-gcc-base-dir", "-multiarch-dir",
};

/* Options GCC must not get: the mode (ours is -fsyntax-only), dependency
 * files (the compile writes its own), sparse's -f options. */
static const char *const dropped[] = {
	"-c",	       "-S",	       "-E",  "-M",  "-MM",
	"-MD",	       "-MMD",	       "-MP", "-MG", "-fsyntax-only",
	"-save-temps", "--save-temps",
};
static const char *const dropped_prefixes[] = {
	"--arch=",
	"--os=",
	"--target=",
	"-save-temps=",
	"-fdump-ir",
	"-fmemcpy-max-count=",
	"-fdiagnostic-prefix",
	"-fmax-warnings=",
	"-MF",
	"-MT",
	"-MQ",
	"-o",
};

static bool in_list(const char *arg, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(arg, list[i]))
			return true;
	return false;
}

static bool has_prefix_in(const char *arg, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strncmp(arg, list[i], strlen(list[i])))
			return true;
	return false;
}

#define N(a) (sizeof(a) / sizeof(*(a)))

static bool sparse_warning(const char *arg)
{
	const char *name;

	if (strncmp(arg, "-W", 2))
		return false;
	name = arg + 2;
	if (!strncmp(name, "no-", 3))
		name += 3;
	return in_list(name, sparse_warnings, N(sparse_warnings));
}

/* kbuild's dependency file (-Wp,-MMD,dir/.f.o.d): also where c_flags
 * begin after CHECKFLAGS. */
static bool dep_file_wp(const char *arg)
{
	return !strncmp(arg, "-Wp,", 4) &&
	       (strstr(arg, ",-MD") || strstr(arg, ",-MMD"));
}

static bool kbuild_line(const struct imc_strv *given)
{
	size_t i;

	for (i = 0; i < given->n; i++)
		if (dep_file_wp(given->v[i]))
			return true;
	return false;
}

/* Given's options minus sparse's own and what must not reach GCC. */
static void filter_args(const struct imc_strv *given, struct imc_strv *out)
{
	bool in_checkflags = kbuild_line(given);
	size_t i;

	for (i = 0; i < given->n; i++) {
		const char *a = given->v[i];

		if (dep_file_wp(a)) {
			in_checkflags = false;
			continue;
		}
		if (in_list(a, dropped_with_value, N(dropped_with_value))) {
			i++;
			continue;
		}
		if (in_list(a, dropped, N(dropped)) ||
		    has_prefix_in(a, dropped_prefixes, N(dropped_prefixes)) ||
		    sparse_warning(a) ||
		    (in_checkflags &&
		     in_list(a, kbuild_checkflags, N(kbuild_checkflags))))
			continue;
		imc_strv_push(out, a);
	}
}

static void push_owned(struct imc_strv *argv, struct imc_strv *owned, char *s)
{
	imc_strv_push(owned, s);
	imc_strv_push(argv, s);
}

/* The plugin's options from ours (the front ends' names in plugin.cc). */
static void plugin_options(const struct imc_cli *cli, const char *name,
			   struct imc_strv *argv, struct imc_strv *owned)
{
	size_t i;

	for (i = 0; i < cli->rules.n; i++)
		push_owned(argv, owned,
			   imc_xasprintf("-fplugin-arg-%s-rules=%s", name,
					 cli->rules.v[i]));
	if (cli->report_headers)
		push_owned(argv, owned,
			   imc_xasprintf("-fplugin-arg-%s-headers", name));
	if (cli->cast_to_as)
		push_owned(argv, owned,
			   imc_xasprintf("-fplugin-arg-%s-cast-to-as", name));
	if (cli->per_access)
		push_owned(argv, owned,
			   imc_xasprintf("-fplugin-arg-%s-per-access", name));
	if (cli->api)
		push_owned(argv, owned,
			   imc_xasprintf("-fplugin-arg-%s-api=%s", name,
					 cli->api));
	/* both absolute by now (facts_options() in main.c) */
	if (cli->facts_out)
		push_owned(argv, owned,
			   imc_xasprintf("-fplugin-arg-%s-facts=%s", name,
					 cli->facts_out));
	if (cli->facts_db)
		push_owned(argv, owned,
			   imc_xasprintf("-fplugin-arg-%s-facts-db=%s", name,
					 cli->facts_db));
}

/* ---- running it ---- */

static int run_gcc(const char *file, struct imc_strv *argv)
{
	pid_t pid;
	int rc, status;

	imc_strv_push(argv, NULL);
	rc = posix_spawnp(&pid, argv->v[0], NULL, NULL, (char **)argv->v,
			  environ);
	if (rc) {
		fprintf(stderr,
			"iomemcheck: --engine=gcc: cannot run %s: %s (give "
			"--gcc=PATH or set CC)\n",
			argv->v[0], strerror(rc));
		return EXIT_TOOL;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "iomemcheck: %s: waiting for %s: %s\n",
				file, argv->v[0], strerror(errno));
			return EXIT_TOOL;
		}
	if (WIFSIGNALED(status)) {
		fprintf(stderr,
			"iomemcheck: %s: %s was killed by signal %d (%s)\n",
			file, argv->v[0], WTERMSIG(status),
			strsignal(WTERMSIG(status)));
		return EXIT_TOOL;
	}
	if (WEXITSTATUS(status)) {
		fprintf(stderr,
			"iomemcheck: %s: %s failed (exit status %d); not "
			"checked\n",
			file, argv->v[0], WEXITSTATUS(status));
		return EXIT_TOOL;
	}
	return EXIT_CLEAN;
}

/* A file for the plugin's report; "" if none could be made. */
static bool report_file(char *path, size_t len)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, len, "%s/iomemcheck-gcc-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		fprintf(stderr, "iomemcheck: --engine=gcc: %s: %s\n", path,
			strerror(errno));
		return false;
	}
	close(fd);
	return true;
}

/* The argument vector: GCC, its mode and the plugin, the unit's own
 * options, the file. */
static void build_argv(const struct imc_cli *cli, const char *file,
		       const struct imc_ccargs *cc, const char *plugin,
		       const char *report, struct imc_strv *argv,
		       struct imc_strv *owned)
{
	char *name = plugin_name(plugin);

	gcc_words(cli, cc, argv, owned);
	imc_strv_push(argv, "-fsyntax-only");
	/* GCC's own warnings are the compile's business, as for sparse */
	imc_strv_push(argv, "-w");
	push_owned(argv, owned, imc_xasprintf("-fplugin=%s", plugin));
	push_owned(argv, owned,
		   imc_xasprintf("-fplugin-arg-%s-findings=%s", name, report));
	plugin_options(cli, name, argv, owned);
	filter_args(&cc->given, argv);
	if (file[0] == '-') /* a file, never an option */
		push_owned(argv, owned, imc_xasprintf("./%s", file));
	else
		imc_strv_push(argv, file);
	free(name);
}

static void free_owned(struct imc_strv *owned)
{
	size_t i;

	for (i = 0; i < owned->n; i++)
		free((char *)owned->v[i]);
	imc_strv_free(owned);
}

/* The GCC to run and its plugin; EXIT_TOOL with a message if either is
 * unusable. */
static int choose(const struct imc_cli *cli, const struct imc_ccargs *cc,
		  char **plugin)
{
	struct imc_strv words = {0}, owned = {0};
	const char *gcc;
	char tried[PATH_MAX + 64] = "";
	char *prefix;
	int status = EXIT_CLEAN;

	gcc_words(cli, cc, &words, &owned);
	gcc = compiler_of(&words);
	if (!(prefix = imc_compiler_triple(gcc)))
		prefix = imc_xstrdup(""); /* the host's gcc */
	if (!runnable(words.v[0])) {
		fprintf(stderr,
			"iomemcheck: --engine=gcc: cannot run %s: %s (give "
			"--gcc=PATH or set CC)\n",
			words.v[0], strerror(ENOENT));
		status = EXIT_TOOL;
	} else if (strstr(imc_base_name(gcc), "clang")) {
		fprintf(stderr,
			"iomemcheck: --engine=gcc: %s is not GCC (give "
			"--gcc=PATH, or use the default --engine=clang)\n",
			gcc);
		status = EXIT_TOOL;
	} else if (cli->plugin) {
		*plugin = imc_xstrdup(cli->plugin);
	} else if (!(*plugin = find_plugin(prefix, tried, sizeof(tried)))) {
		fprintf(stderr,
			"iomemcheck: --engine=gcc: no plugin for %s (%s does "
			"not exist; build it, or give --plugin=PATH)\n",
			gcc, tried);
		status = EXIT_TOOL;
	}
	free(prefix);
	imc_strv_free(&words);
	free_owned(&owned);
	return status;
}

int imc_gcc_check(const struct imc_cli *cli, const char *file,
		  const struct imc_ccargs *cc, struct imc_findings *out)
{
	struct imc_strv argv = {0}, owned = {0};
	char report[PATH_MAX], err[PATH_MAX + 128];
	char *plugin = NULL;
	int status;

	if (choose(cli, cc, &plugin))
		return EXIT_TOOL;
	if (!report_file(report, sizeof(report))) {
		free(plugin);
		return EXIT_TOOL;
	}
	build_argv(cli, file, cc, plugin, report, &argv, &owned);
	status = run_gcc(file, &argv);
	if (status == EXIT_CLEAN &&
	    imc_report_read(report, out, err, sizeof(err)) < 0) {
		fprintf(stderr,
			"iomemcheck: %s: the plugin handed over no findings "
			"(%s)\n",
			file, err);
		status = EXIT_TOOL;
	}
	unlink(report);
	free(plugin);
	imc_strv_free(&argv);
	free_owned(&owned);
	return status;
}
