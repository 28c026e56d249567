// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck: checks I/O memory access discipline with libclang.
 *
 *   iomemcheck [OPTION...] [COMPILER FLAG...] FILE.c...   (sparse-style)
 *   iomemcheck -p BUILD_DIR [FILE.c...]                   (compile database)
 *
 * For each file: parse with libclang, lower every function body into the
 * core IR (lower.c), analyse (core/), print the findings on stderr.
 * Exit status: 0 no findings, 1 findings, 2 the tool failed on some input.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>

#include "explain.h"
#include "facts-merge.h"
#include "finish.h"
#include "gccengine.h"
#include "html.h"
#include "interrupt.h"
#include "iomemcheck.h"
#include "jsonsyntax.h"
#include "lower.h"
#include "merge.h"
#include "options.h"
#include "parse.h"
#include "parallel.h"
#include "report.h"
#include "util.h"

/* One translation unit to check: a FILE of the command line, or an entry
 * of the compile database; or one that cannot be checked (its message). */
struct unit {
	const char *file;
	const struct imc_ccargs *cc; /* its flags (-p: own_cc) */
	/* -p: the entry's directory, command line and flags (all owned) */
	char *dir, *dbfile;
	char **argv;
	unsigned argc;
	struct imc_ccargs own_cc;
	char *error; /* "iomemcheck: ...\n": the unit fails with this */
	char *key; /* its path, by which --shard sorts (owned) */
};

struct run {
	const struct imc_cli *cli;
	struct imc_rules *rules;
	CXIndex index; /* made when the first unit is checked here */
	struct imc_findings all; /* of every TU, reported at the end */
	struct imc_snapshot *snaps; /* --fix: the bytes each file had */
	size_t nsnaps;
	char **owned; /* file names that must outlive their TU */
	size_t nowned;
	struct unit *units;
	size_t nunits;
	/* for SIGTERM/SIGINT (interrupted()): all, live and done change
	 * under lock; finishing: the report of every unit is being made */
	pthread_mutex_t lock;
	pid_t *live; /* the -j workers running */
	size_t done; /* units whose findings are in all */
	bool finishing;
};

/* --fix must not write a file that changed after we read it: remember what
 * we read, before libclang reads it. */
static int snapshot(struct run *run, const char *file)
{
	char err[1024];

	if (!run->cli->fix && !run->cli->fix_dry_run)
		return 0;
	run->snaps =
		realloc(run->snaps, (run->nsnaps + 1) * sizeof(*run->snaps));
	if (!run->snaps)
		exit(EXIT_TOOL);
	if (imc_snapshot_take(&run->snaps[run->nsnaps], file, err,
			      sizeof(err))) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		return -1;
	}
	run->nsnaps++;
	return 0;
}

static int worse(int a, int b)
{
	return a > b ? a : b;
}

static const char *cxs(CXString s, char *buf, size_t len)
{
	snprintf(buf, len, "%s",
		 clang_getCString(s) ? clang_getCString(s) : "");
	clang_disposeString(s);
	return buf;
}

/* "file:line:col: error: message" for D (or "iomemcheck: FILE: error: ..."
 * when clang gives no place). */
static void print_clang_error(const char *main_file, CXDiagnostic d)
{
	CXSourceLocation loc = clang_getDiagnosticLocation(d);
	char msg[1024], name[PATH_MAX];
	CXFile file;
	unsigned line, col;

	clang_getExpansionLocation(loc, &file, &line, &col, NULL);
	cxs(clang_getDiagnosticSpelling(d), msg, sizeof(msg));
	if (file)
		fprintf(stderr, "%s:%u:%u: error: %s\n",
			cxs(clang_getFileName(file), name, sizeof(name)), line,
			col, msg);
	else
		fprintf(stderr, "iomemcheck: %s: error: %s\n", main_file, msg);
}

/* Sorts clang's errors: in the main file, fatal or without a place they
 * make the translation unit unreliable (returns that diagnostic's index);
 * in included headers they only cost the functions they are in (collected
 * in bad). Returns -1 if the TU can be checked. */
static int triage_errors(CXTranslationUnit tu, const char *main_file,
			 struct imc_bad_loc **bad, unsigned *nbad,
			 int *first_header_error)
{
	CXFile main = clang_getFile(tu, main_file);
	unsigned i, n = clang_getNumDiagnostics(tu);
	int fatal = -1;

	*bad = NULL;
	*nbad = 0;
	*first_header_error = -1;
	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		CXFile file;
		unsigned off;

		if (sev < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		clang_getExpansionLocation(clang_getDiagnosticLocation(d),
					   &file, NULL, NULL, &off);
		if (sev == CXDiagnostic_Fatal || !file ||
		    (main && clang_File_isEqual(file, main))) {
			if (fatal < 0)
				fatal = (int)i;
		} else {
			*bad = realloc(*bad, (*nbad + 1) * sizeof(**bad));
			if (!*bad)
				exit(EXIT_TOOL);
			(*bad)[*nbad].file = file;
			(*bad)[*nbad].offset = off;
			(*nbad)++;
			if (*first_header_error < 0)
				*first_header_error = (int)i;
		}
		clang_disposeDiagnostic(d);
	}
	return fatal;
}

/* --facts-out: the unit's facts, collected by its analysis. */
static int write_facts(struct run *run, struct imc_facts *facts)
{
	char err[PATH_MAX + 128];
	int status = EXIT_CLEAN;

	if (facts &&
	    imc_facts_write(facts, run->cli->facts_out, err, sizeof(err))) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		status = EXIT_TOOL;
	}
	imc_facts_free(facts);
	return status;
}

/* Whether cc names the language itself (-x c): then any name is C. */
static bool language_given(const struct imc_ccargs *cc)
{
	size_t i;

	for (i = 0; cc && i < cc->args.n; i++)
		if (!strncmp(cc->args.v[i], "-x", 2))
			return true;
	return false;
}

/* The names libclang's driver takes for C (any other is a linker input or
 * another language, which it rejects without saying why). */
static bool c_file_name(const char *file)
{
	const char *dot = strrchr(file, '.');

	return dot && !strchr(dot, '/') &&
	       (!strcmp(dot, ".c") || !strcmp(dot, ".h") || !strcmp(dot, ".i"));
}

/* Why FILE cannot be a unit, said before libclang sees it (its own answer
 * is an error number): NULL if it can. */
static const char *source_refused(const char *file, const struct imc_ccargs *cc)
{
	struct stat st;
	int fd;

	if (stat(file, &st) != 0)
		return strerror(errno);
	if (S_ISDIR(st.st_mode))
		return strerror(EISDIR);
	if (!S_ISREG(st.st_mode))
		return "not a regular file";
	if (!language_given(cc) && !c_file_name(file))
		return "not a C file (a name ending in .c, .h or .i, or -x c)";
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return strerror(errno);
	close(fd);
	return NULL;
}

/* Checks one translation unit; its findings go to out. */
static int check_file(struct run *run, const char *file,
		      const struct imc_ccargs *cc, struct imc_findings *out)
{
	struct imc_options opts = {.report_headers = run->cli->report_headers,
				   .cast_to_as = run->cli->cast_to_as,
				   .per_access = run->cli->per_access,
				   .api = run->cli->api,
				   .facts_db = run->cli->facts_db};
	struct imc_findings findings = {0};
	struct imc_lower_stats stats;
	struct imc_strv args = {0};
	struct imc_bad_loc *bad;
	CXTranslationUnit cxtu = NULL;
	enum CXErrorCode ec;
	struct imc_tu *tu;
	unsigned nbad;
	int fatal, header_err, status;
	const char *need = NULL, *refused = source_refused(file, cc);
	char why[128] = "";
	bool skip;

	if (refused) {
		fprintf(stderr, "iomemcheck: %s: %s\n", file, refused);
		return EXIT_TOOL;
	}
	if (snapshot(run, file))
		return EXIT_TOOL;
	if (run->cli->engine_gcc)
		return imc_gcc_check(run->cli, file, cc, out);
	if (run->cli->facts_out)
		opts.facts = imc_facts_new();
	if (!run->index)
		run->index = imc_parse_index();
	imc_clang_args(cc, &args);
	skip = imc_parse_may_skip(run->cli->report_headers ||
				  run->cli->dump_ir);
reparse:
	ec = imc_parse(run->index, file, &args, skip, &cxtu);
	if (ec != CXError_Success || !cxtu) {
		fprintf(stderr,
			"iomemcheck: %s: libclang could not parse it "
			"(error %d)\n",
			file, (int)ec);
		imc_strv_free(&args);
		return EXIT_TOOL;
	}
	fatal = triage_errors(cxtu, file, &bad, &nbad, &header_err);
	if (fatal >= 0) {
		CXDiagnostic d = clang_getDiagnostic(cxtu, (unsigned)fatal);

		print_clang_error(file, d);
		clang_disposeDiagnostic(d);
		free(bad);
		clang_disposeTranslationUnit(cxtu);
		imc_strv_free(&args);
		return EXIT_TOOL;
	}

	tu = imc_lower(cxtu, file, bad, nbad,
		       (run->cli->report_headers || run->cli->dump_ir
				? IMC_LOWER_ALL
				: 0) |
			       (skip ? IMC_LOWER_BODIES_SKIPPED : 0),
		       &stats);
	/* a header body skipped by the first parse may be needed: parse.c */
	if (!(skip && stats.nskipped_bodies &&
	      (need = imc_bodies_needed(tu, &stats.skipped_bodies, run->rules,
					&opts)))) {
		if (run->cli->dump_ir)
			imc_tu_dump(tu, stdout);
		imc_analyze(tu, run->rules, &opts, &findings);
		need = skip ? findings.needs_body : NULL;
	}
	if (need) {
		snprintf(why, sizeof(why), "%s", need);
		imc_findings_free(&findings);
		memset(&findings, 0, sizeof(findings));
		imc_ptrmap_free(&stats.skipped_bodies);
		imc_tu_free(tu);
		free(bad);
		clang_disposeTranslationUnit(cxtu);
		skip = false;
		goto reparse;
	}
	imc_parse_trace(file, skip, stats.nskipped_bodies, *why ? why : NULL);
	imc_ptrmap_free(&stats.skipped_bodies);
	imc_strv_free(&args);
	if (header_err >= 0) {
		CXDiagnostic d =
			clang_getDiagnostic(cxtu, (unsigned)header_err);
		char msg[1024];

		fprintf(stderr,
			"iomemcheck: %s: note: %u error(s) in included "
			"files, %u function(s) there not checked; the first:\n",
			file, nbad, stats.skipped);
		cxs(clang_formatDiagnostic(d,
					   CXDiagnostic_DisplaySourceLocation |
						   CXDiagnostic_DisplayColumn),
		    msg, sizeof(msg));
		fprintf(stderr, "%s\n", msg);
		clang_disposeDiagnostic(d);
	}
	free(bad);
	imc_findings_move(out, &findings);
	status = write_facts(run, opts.facts);
	imc_tu_free(tu);
	clang_disposeTranslationUnit(cxtu);
	return status;
}

/* The same for a file named "-x.c" (given after "--"): as "./-x.c", the
 * name clang's driver, which has no "--", takes for a file. */
static int check_tu(struct run *run, const char *file,
		    const struct imc_ccargs *cc, struct imc_findings *out)
{
	char *dotted = file[0] == '-' ? imc_xasprintf("./%s", file) : NULL;
	int status = check_file(run, dotted ? dotted : file, cc, out);

	free(dotted);
	return status;
}

/* ---- the units: FILEs, or the entries of -p BUILD_DIR ---- */

/* Drops the "." components and repeated slashes of path, in place
 * ("/t/drv/./x.c": "/t/drv/x.c"): the name a patch and a report give is
 * then the one below the tree's top. ".." stays (a symlink may precede). */
static void drop_dot_parts(char *path)
{
	char *in = path, *out = path;

	while (*in) {
		if (in[0] == '/' &&
		    (in[1] == '/' ||
		     (in[1] == '.' && (in[2] == '/' || !in[2])))) {
			in += in[1] == '/' ? 1 : 2;
			continue;
		}
		*out++ = *in++;
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

static char *absolute_path(const char *file)
{
	char cwd[PATH_MAX], *out;

	if (file[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		out = imc_xstrdup(file);
	else
		out = imc_xasprintf("%s/%s", cwd, file);
	if (out[0] == '/')
		drop_dot_parts(out);
	return out;
}

/* A string the run keeps until its end. */
static char *own(struct run *run, char *s)
{
	run->owned = imc_xrealloc(run->owned,
				  (run->nowned + 1) * sizeof(*run->owned));
	run->owned[run->nowned++] = s;
	return s;
}

static void free_owned(struct run *run)
{
	size_t i;

	for (i = 0; i < run->nowned; i++)
		free(run->owned[i]);
	free(run->owned);
	run->owned = NULL;
	run->nowned = 0;
}

static struct unit *new_unit(struct run *run)
{
	struct unit *u;

	run->units = imc_xrealloc(run->units,
				  (run->nunits + 1) * sizeof(*run->units));
	u = &run->units[run->nunits++];
	memset(u, 0, sizeof(*u));
	return u;
}

static void free_unit(struct unit *u)
{
	unsigned i;

	for (i = 0; i < u->argc; i++)
		free(u->argv[i]);
	free(u->argv);
	imc_ccargs_free(&u->own_cc);
	free(u->dir);
	free(u->dbfile);
	free(u->error);
	free(u->key);
}

/* A unit that fails with "iomemcheck: WHAT: WHY" when its turn comes. */
static void failed_unit(struct run *run, const char *what, const char *why)
{
	struct unit *u = new_unit(run);

	u->file = what;
	u->key = imc_xstrdup(what);
	u->error = imc_xasprintf("iomemcheck: %s: %s\n", what, why);
}

static void add_command(struct run *run, CXCompileCommand cmd)
{
	struct unit *u = new_unit(run);
	CXString dir = clang_CompileCommand_getDirectory(cmd);
	CXString file = clang_CompileCommand_getFilename(cmd);
	const char *d = clang_getCString(dir), *f = clang_getCString(file);
	unsigned i;

	u->argc = clang_CompileCommand_getNumArgs(cmd);
	u->argv = imc_xcalloc(u->argc + 1, sizeof(*u->argv));
	for (i = 0; i < u->argc; i++) {
		CXString a = clang_CompileCommand_getArg(cmd, i);

		u->argv[i] = imc_xstrdup(clang_getCString(a));
		clang_disposeString(a);
	}
	imc_cc_filter(&u->own_cc, (int)u->argc, (const char *const *)u->argv);
	imc_cc_override_target(&u->own_cc, &run->cli->cc);
	u->dir = imc_xstrdup(d);
	u->dbfile = imc_xstrdup(f);
	u->key = f[0] == '/' ? imc_xstrdup(f) : imc_xasprintf("%s/%s", d, f);
	u->file = u->key;
	clang_disposeString(dir);
	clang_disposeString(file);
}

static void add_commands(struct run *run, CXCompileCommands cmds)
{
	unsigned i, n = clang_CompileCommands_getSize(cmds);

	for (i = 0; i < n; i++)
		add_command(run, clang_CompileCommands_getCommand(cmds, i));
}

/* libclang prints its own multi-line complaints about a malformed database;
 * ours is the one line. */
static CXCompilationDatabase load_compile_db(const char *dir,
					     CXCompilationDatabase_Error *err)
{
	int saved = dup(2), null = open("/dev/null", O_WRONLY);
	CXCompilationDatabase db;

	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(null, 2);
	db = clang_CompilationDatabase_fromDirectory(dir, err);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	if (null >= 0)
		close(null);
	return db;
}

/* libclang takes a truncated compile_commands.json for the entries before
 * the damage, or for none, and says nothing: the file must be JSON, an
 * array. */
static int check_compile_db_json(const char *path)
{
	struct imc_json_error jerr;
	char err[PATH_MAX + 64];
	size_t len, at = 0;
	char *text = imc_read_input(path, IMC_JSON_INPUT_MAX, &len, err,
				    sizeof(err));
	int status = EXIT_TOOL;

	if (!text) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		return EXIT_TOOL;
	}
	while (at < len && strchr(" \t\r\n", text[at]))
		at++;
	if (imc_json_syntax(text, len, &jerr))
		fprintf(stderr, "iomemcheck: %s:%u:%u: invalid JSON: %s\n",
			path, jerr.line, jerr.col, jerr.what);
	else if (text[at] != '[')
		fprintf(stderr,
			"iomemcheck: %s: not a compile database (a JSON array "
			"of entries)\n",
			path);
	else
		status = EXIT_CLEAN;
	free(text);
	return status;
}

/* The units of -p: every entry, or those of the FILEs named. Returns
 * EXIT_TOOL if the database cannot be used at all. */
static int list_compile_db(struct run *run)
{
	const struct imc_cli *cli = run->cli;
	CXCompilationDatabase_Error err;
	CXCompilationDatabase db;
	char path[PATH_MAX];
	size_t i;

	/* libclang would print its own complaints: look first */
	snprintf(path, sizeof(path), "%s/compile_commands.json",
		 cli->build_dir);
	if (check_compile_db_json(path))
		return EXIT_TOOL;
	db = load_compile_db(cli->build_dir, &err);
	if (err != CXCompilationDatabase_NoError || !db) {
		fprintf(stderr,
			"iomemcheck: %s: cannot load compile_commands.json\n",
			cli->build_dir);
		return EXIT_TOOL;
	}
	if (!cli->files.n) {
		CXCompileCommands cmds =
			clang_CompilationDatabase_getAllCompileCommands(db);

		add_commands(run, cmds);
		clang_CompileCommands_dispose(cmds);
	}
	for (i = 0; i < cli->files.n; i++) {
		const char *f = cli->files.v[i];
		char abs[PATH_MAX], why[PATH_MAX + 64];
		CXCompileCommands cmds;

		if (!realpath(f, abs)) {
			failed_unit(run, f, strerror(errno));
			continue;
		}
		cmds = clang_CompilationDatabase_getCompileCommands(db, abs);
		if (!cmds || !clang_CompileCommands_getSize(cmds)) {
			snprintf(why, sizeof(why),
				 "not in %s/compile_commands.json",
				 cli->build_dir);
			failed_unit(run, f, why);
		} else {
			add_commands(run, cmds);
		}
		if (cmds)
			clang_CompileCommands_dispose(cmds);
	}
	clang_CompilationDatabase_dispose(db);
	return EXIT_CLEAN;
}

static int cmp_key(const void *pa, const void *pb)
{
	const struct unit *const *a = pa, *const *b = pb;
	int d = strcmp((*a)->key, (*b)->key);

	return d ? d : (*a < *b ? -1 : *a > *b);
}

/* --shard K/N: of the units sorted by path (ties: in database order), the
 * Kth, the (K+N)th, ...; a unit that cannot be checked stays in every
 * shard (its error must not depend on the sharding). The kept units stay
 * in their order. */
static void shard(struct run *run)
{
	const struct imc_cli *cli = run->cli;
	struct unit **sorted = imc_xcalloc(run->nunits + 1, sizeof(*sorted));
	bool *keep = imc_xcalloc(run->nunits + 1, sizeof(*keep));
	size_t i, n = 0, rank = 0;

	for (i = 0; i < run->nunits; i++)
		if (!run->units[i].error)
			sorted[n++] = &run->units[i];
		else
			keep[i] = true;
	qsort(sorted, n, sizeof(*sorted), cmp_key);
	for (rank = 0; rank < n; rank++)
		if (rank % cli->shard_n == cli->shard_k - 1)
			keep[sorted[rank] - run->units] = true;
	for (i = 0, n = 0; i < run->nunits; i++)
		if (keep[i])
			run->units[n++] = run->units[i];
		else
			free_unit(&run->units[i]);
	run->nunits = n;
	free(keep);
	free(sorted);
}

/* A compile database entry, in its own directory. */
static int check_in_dir(struct run *run, const struct unit *u,
			struct imc_findings *out)
{
	int cwd = open(".", O_RDONLY | O_DIRECTORY);
	int status;

	if (cwd < 0) {
		fprintf(stderr,
			"iomemcheck: cannot save the working directory\n");
		exit(EXIT_TOOL);
	}
	if (chdir(u->dir) != 0) {
		fprintf(stderr, "iomemcheck: %s: %s\n", u->dir,
			strerror(errno));
		status = EXIT_TOOL;
	} else {
		/* Entries may be relative to their directory (Meson): report,
		 * suppress and fix by the absolute name, valid from anywhere. */
		char *abs = absolute_path(u->dbfile);

		status = check_tu(run, abs, &u->own_cc, out);
		own(run, abs);
	}
	if (fchdir(cwd) != 0) {
		fprintf(stderr,
			"iomemcheck: cannot return to the working directory\n");
		exit(EXIT_TOOL);
	}
	close(cwd);
	return status;
}

static int check_unit(void *ctx, size_t i, struct imc_findings *out)
{
	struct run *run = ctx;
	const struct unit *u = &run->units[i];

	if (u->error) {
		fputs(u->error, stderr);
		return EXIT_TOOL;
	}
	if (u->dir)
		return check_in_dir(run, u, out);
	return check_tu(run, u->file, u->cc, out);
}

/* libclang initialises much lazily (targets, option tables: some 600
 * std::call_once): once in the parent, not in every worker. A parse of an
 * empty file for the first unit's target does it (without the unit's
 * -include and -I: nothing to read), and leaves no thread behind
 * (libclang joins its parse thread). */
static void warm_up(void *ctx)
{
	struct run *run = ctx;
	const struct unit *u = &run->units[0];
	const struct imc_ccargs *cc = u->dir ? &u->own_cc : u->cc;
	struct imc_ccargs target = {.arch = cc ? cc->arch : NULL,
				    .target = cc ? cc->target : NULL,
				    .compiler_target =
					    cc ? cc->compiler_target : NULL,
				    .endian = cc ? cc->endian : 0};
	struct CXUnsavedFile empty = {"iomemcheck-warm-up.c", "", 0};
	struct imc_strv args = {0};
	CXTranslationUnit tu = NULL;

	if (!run->index)
		run->index = imc_parse_index();
	imc_clang_args(&target, &args);
	if (clang_parseTranslationUnit2(
		    run->index, empty.Filename, args.v, (int)args.n, &empty, 1,
		    CXTranslationUnit_IncludeAttributedTypes,
		    &tu) == CXError_Success)
		clang_disposeTranslationUnit(tu);
	imc_strv_free(&args);
}

static int check_units(struct run *run)
{
	const struct imc_cli *cli = run->cli;
	const char **names = imc_xcalloc(run->nunits + 1, sizeof(*names));
	struct imc_units_run r = {
		.n = run->nunits,
		.jobs = cli->jobs,
		/* --fix keeps what it read; --dump-ir prints as it goes */
		.may_fork = !cli->fix && !cli->fix_dry_run && !cli->dump_ir,
		/* not under kbuild: make runs one iomemcheck per file, several
		 * at a time, all on one terminal */
		.progress = !getenv("KBUILD_CHECKSRC"),
		.check = check_unit,
		/* libclang's: nothing to warm up for GCC */
		.warm_up = cli->engine_gcc ? NULL : warm_up,
		.ctx = run,
		.names = names,
		.lock = &run->lock,
		.live = run->live,
		.done = &run->done,
	};
	size_t i;
	int status;

	for (i = 0; i < run->nunits; i++)
		names[i] = run->units[i].key;
	status = imc_run_units(&r, &run->all);
	free(names);
	return status;
}

/* -p: the compile database's directory, by which the reports and the
 * patch name the files below it (NULL if it is gone). */
static const char *tree_top(struct run *run)
{
	char *top = realpath(run->cli->build_dir, NULL);

	return top ? own(run, top) : NULL;
}

/* SIGTERM (a CI's timeout) or SIGINT: the units done so far are reported,
 * as text and in the report, marked incomplete; the running workers are
 * stopped. Exit status 128 + the signal, as the default action gives. */
static void interrupted(void *ctx, int sig)
{
	struct run *run = ctx;
	char why[128];
	unsigned k;

	pthread_mutex_lock(&run->lock);
	if (run->finishing) { /* every unit is done: let the run end */
		pthread_mutex_unlock(&run->lock);
		return;
	}
	for (k = 0; k < run->cli->jobs; k++)
		if (run->live[k] > 0)
			kill(run->live[k], SIGTERM);
	snprintf(why, sizeof(why), "interrupted by %s after %zu of %zu units",
		 sig == SIGTERM ? "SIGTERM" : "SIGINT", run->done, run->nunits);
	run->all.incomplete = why;
	imc_finish_incomplete(run->cli, &run->all);
	fprintf(stderr, "iomemcheck: %s; the report is incomplete\n", why);
	fflush(stdout);
	fflush(stderr);
	_exit(128 + sig);
}

/* ---- --fix ---- */

enum { FIX_ROUNDS = 4 };

/* Fix-its that overlap wait for the next round: analyse the fixed file
 * again until nothing is left to apply (sparse-style command lines only;
 * a compile database entry gets one round). */
static int fix_more_rounds(struct run *run, const char *file,
			   struct imc_fix_tally *tally)
{
	struct run again = *run;
	char err[1024];
	int round, n = 1, status = EXIT_CLEAN;

	for (round = 1; round < FIX_ROUNDS && n > 0; round++) {
		memset(&again.all, 0, sizeof(again.all));
		again.snaps = NULL;
		again.nsnaps = 0;
		status = check_tu(&again, file, &run->cli->cc, &again.all);
		imc_findings_sort(&again.all);
		imc_findings_suppress(&again.all);
		n = status == EXIT_CLEAN && again.nsnaps
			    ? imc_fix_apply(&again.snaps[0], &again.all, NULL,
					    err, sizeof(err))
			    : -1;
		if (n < 0 && status == EXIT_CLEAN) {
			fprintf(stderr, "iomemcheck: %s\n", err);
			status = EXIT_TOOL;
		}
		if (n > 0)
			tally->edits += (size_t)n;
		imc_findings_free(&again.all);
		if (again.nsnaps)
			imc_snapshot_free(&again.snaps[0]);
		free(again.snaps);
	}
	return status;
}

/* A file that two units have (two -p entries of one file, with other
 * flags): its fix-its, all units' together, are applied once. */
static bool snapshot_seen(const struct run *run, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (!strcmp(run->snaps[k].path, run->snaps[i].path))
			return true;
	return false;
}

/* Every file's fix-its, then what was done and which findings got none. */
static int apply_fixes(struct run *run)
{
	struct imc_fix_tally tally = {0};
	int status = EXIT_CLEAN, n;
	char err[1024];
	size_t i;

	for (i = 0; i < run->nsnaps; i++) {
		if (snapshot_seen(run, i))
			continue;
		n = imc_fix_apply(&run->snaps[i], &run->all,
				  run->cli->fix_dry_run ? stdout : NULL, err,
				  sizeof(err));
		if (n < 0) {
			fprintf(stderr, "iomemcheck: %s\n", err);
			status = EXIT_TOOL;
			continue;
		}
		tally.edits += (size_t)n;
		tally.files += n > 0;
		if (n > 0 && run->cli->fix && !run->cli->build_dir)
			status = worse(status,
				       fix_more_rounds(run, run->snaps[i].path,
						       &tally));
	}
	/* a refusal that left everything as it was is one line, as any bad
	 * input */
	if (status != EXIT_TOOL || tally.edits)
		imc_fix_report(stderr, run->snaps, run->nsnaps, &run->all,
			       &tally, run->cli->fix_dry_run);
	return status;
}

/* ---- --merge REPORT... ---- */

static int merge(const struct imc_cli *cli)
{
	const char *output = cli->output ? cli->output : cli->output_o;
	struct imc_merge_opts opts = {
		.fail_on = cli->fail_on.v,
		.nfail_on = cli->fail_on.n,
		.format = strcmp(cli->format, "text") ? cli->format : NULL,
	};
	char err[1024];
	int status;

	if (!cli->files.n) {
		fputs("iomemcheck: --merge: no reports to merge\n", stderr);
		return EXIT_TOOL;
	}
	if (!strcmp(cli->format, "html")) /* JSON reports rendered */
		status = imc_html_write_reports(
			cli->files.v, cli->files.n, output, opts.fail_on,
			opts.nfail_on, err, sizeof(err));
	else
		status = imc_merge_files(cli->files.v, cli->files.n, output,
					 &opts, err, sizeof(err));
	if (status < 0) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		return EXIT_TOOL;
	}
	if (cli->exit_zero || !status)
		return EXIT_CLEAN;
	return EXIT_FINDINGS;
}

/* ---- main ---- */

/* --facts-out and --facts name places valid from every unit's directory
 * (-p changes into each); the database must be readable now, and the
 * directory there, rather than each unit failing alone. */
static int facts_options(struct imc_cli *cli, struct run *run)
{
	char err[PATH_MAX + 128];
	char *dir;

	if (cli->facts_db) {
		if (imc_facts_db_check(cli->facts_db, err, sizeof(err))) {
			fprintf(stderr, "iomemcheck: --facts: %s\n", err);
			return -1;
		}
		cli->facts_db = own(run, absolute_path(cli->facts_db));
	}
	if (!cli->facts_out)
		return 0;
	if (!*cli->facts_out) {
		fputs("iomemcheck: --facts-out: an empty directory name\n",
		      stderr);
		return -1;
	}
	dir = own(run, absolute_path(cli->facts_out));
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "iomemcheck: --facts-out: %s: %s\n", dir,
			strerror(errno));
		return -1;
	}
	cli->facts_out = dir;
	return 0;
}

/* --fail-on names rules of the catalogue: a typo would fail nothing. */
static int check_fail_on(const struct imc_cli *cli)
{
	size_t i;

	for (i = 0; i < cli->fail_on.n; i++) {
		char *list = strdup(cli->fail_on.v[i]), *tok, *save = NULL;

		for (tok = strtok_r(list, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			if (!imc_rule_find(tok)) {
				fprintf(stderr,
					"iomemcheck: --fail-on: unknown rule "
					"'%s' (see --list-rules)\n",
					tok);
				free(list);
				return -1;
			}
		}
		free(list);
	}
	return 0;
}

static void list_rules(void)
{
	size_t i;

	for (i = 0; i < imc_rule_catalogue_len; i++)
		printf("%-24s %s\n", imc_rule_catalogue[i].name,
		       imc_rule_catalogue[i].summary);
}

static struct imc_rules *load_rules(const struct imc_cli *cli)
{
	struct imc_rules *rules = imc_rules_new();
	char err[1024];
	size_t i;

	if (imc_rules_load_default(rules, err, sizeof(err)) != 0) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		exit(EXIT_TOOL);
	}
	for (i = 0; i < cli->rules.n; i++) {
		if (imc_rules_load_file(rules, cli->rules.v[i], err,
					sizeof(err)) != 0) {
			fprintf(stderr, "iomemcheck: %s\n", err);
			exit(EXIT_TOOL);
		}
	}
	if (imc_rules_check_api(rules, cli->api, err, sizeof(err)) != 0) {
		fprintf(stderr, "iomemcheck: --api: %s\n", err);
		exit(EXIT_TOOL);
	}
	return rules;
}

/* The report and the baseline to write, tried before any unit is parsed:
 * an -o into a missing directory must not cost the whole analysis. */
static int check_outputs(const struct imc_cli *cli)
{
	char err[PATH_MAX + 128];
	bool html = !strcmp(cli->format, "html");

	if (((cli->output && strcmp(cli->format, "text") &&
	      imc_output_check(cli->output, html, err, sizeof(err))) ||
	     (cli->write_baseline &&
	      imc_output_check(cli->write_baseline, false, err,
			       sizeof(err))))) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		return -1;
	}
	return 0;
}

static int checker_main(int argc, char **argv)
{
	struct imc_cli cli;
	struct run run = {.cli = &cli, .lock = PTHREAD_MUTEX_INITIALIZER};
	char err[512];
	int status = EXIT_CLEAN;
	size_t i;

	if (imc_cli_parse(&cli, argc, argv, err, sizeof(err)) != 0) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		imc_cli_free(&cli);
		return EXIT_TOOL;
	}
	if (check_fail_on(&cli)) {
		imc_cli_free(&cli);
		return EXIT_TOOL;
	}
	for (i = 0; i < cli.unknown_rule_flags.n; i++)
		fprintf(stderr,
			"iomemcheck: warning: %s: no such rule (see "
			"--list-rules); ignored\n",
			cli.unknown_rule_flags.v[i]);
	if (cli.help) {
		imc_cli_print_help(stdout);
		return EXIT_CLEAN;
	}
	if (cli.version) {
		CXString v = clang_getClangVersion();

		printf("iomemcheck %s (%s)\n", IMC_VERSION,
		       clang_getCString(v));
		clang_disposeString(v);
		return EXIT_CLEAN;
	}
	if (cli.list_rules) {
		list_rules();
		return EXIT_CLEAN;
	}
	if (cli.explain) {
		if (imc_explain(stdout, cli.explain)) {
			fprintf(stderr,
				"iomemcheck: --explain: unknown rule '%s' (see "
				"--list-rules)\n",
				cli.explain);
			status = EXIT_TOOL;
		}
		imc_cli_free(&cli);
		return status;
	}
	if (cli.merge) {
		status = merge(&cli);
		imc_cli_free(&cli);
		return status;
	}
	if (cli.facts_merge) {
		status = imc_facts_merge_cli(&cli);
		imc_cli_free(&cli);
		return status;
	}
	if (facts_options(&cli, &run)) {
		free_owned(&run);
		imc_cli_free(&cli);
		return EXIT_TOOL;
	}
	run.rules = load_rules(&cli);
	if (!cli.files.n && !cli.build_dir) {
		fputs("iomemcheck: no input files (try --help)\n", stderr);
		return EXIT_TOOL;
	}
	if (check_outputs(&cli)) {
		free_owned(&run);
		imc_rules_free(run.rules);
		imc_cli_free(&cli);
		return EXIT_TOOL;
	}
	if (cli.build_dir) {
		status = list_compile_db(&run);
	} else {
		for (i = 0; i < cli.files.n; i++) {
			struct unit *u = new_unit(&run);

			u->file = cli.files.v[i];
			u->cc = &cli.cc;
			u->key = imc_xstrdup(u->file);
		}
	}
	if (cli.build_dir) /* before the units: a SIGTERM's report has it */
		run.all.root = tree_top(&run);
	if (status != EXIT_TOOL) {
		if (cli.shard_n)
			shard(&run);
		run.live = imc_xcalloc(cli.jobs + 1, sizeof(*run.live));
		imc_interrupt_start(interrupted, &run);
		status = check_units(&run);
	}
	/* every unit is done: the report is written whole or not at all, so
	 * from here on the signals may act as usual */
	pthread_mutex_lock(&run.lock);
	run.finishing = true;
	pthread_mutex_unlock(&run.lock);
	imc_interrupt_default();
	status = worse(status, imc_finish(&cli, &run.all, status == EXIT_TOOL));
	if (status != EXIT_TOOL && (cli.fix || cli.fix_dry_run))
		status = worse(status, apply_fixes(&run));
	imc_work_report();
	imc_findings_free(&run.all);
	for (i = 0; i < run.nsnaps; i++)
		imc_snapshot_free(&run.snaps[i]);
	free(run.snaps);
	free_owned(&run);
	for (i = 0; i < run.nunits; i++)
		free_unit(&run.units[i]);
	free(run.units);
	free(run.live);
	if (run.index)
		clang_disposeIndex(run.index);
	imc_rules_free(run.rules);
	imc_cli_free(&cli);
	return status;
}

/* Parsing, lowering and the analysis recurse on the input's shape: clang's
 * parser on `a = b = ... = z` and on `if ... else if ...`, the lowering and
 * the core on any deep tree. libclang parses on a thread of its own with an
 * 8 MB stack, which 50,000 chained assignments overflow (clang's driver
 * copes: it grows its stack). So the whole run happens on one thread with a
 * stack of BIG_STACK (address space only, pages are touched as used) and
 * libclang is told to parse on the calling thread. The depth the lowering
 * accepts (IMC_MAX_NESTING) is what fits this stack under ASan too. */
#define BIG_STACK (1024u << 20)

struct main_args {
	int argc;
	char **argv;
	int status;
};

static void main_on_big_stack(void *ctx)
{
	struct main_args *a = ctx;

	a->status = checker_main(a->argc, a->argv);
}

int main(int argc, char **argv)
{
	struct main_args a = {argc, argv, EXIT_TOOL};

	setenv("LIBCLANG_NOTHREADS", "1", 1);
	clang_executeOnThread(main_on_big_stack, &a, BIG_STACK);
	return a.status;
}
