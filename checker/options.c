// SPDX-License-Identifier: GPL-2.0-only
/*
 * The command line, in sparse's calling convention: kbuild runs
 * `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c`, i.e. sparse's own flags plus
 * the whole GCC command line. We keep what matters for parsing, ignore the
 * rest, and never write anything the compiler would (dependency files).
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iomemcheck.h"
#include "options.h"

void imc_strv_push(struct imc_strv *sv, const char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? 2 * sv->cap : 16;
		sv->v = realloc(sv->v, sv->cap * sizeof(*sv->v));
		if (!sv->v) {
			fputs("iomemcheck: out of memory\n", stderr);
			exit(2);
		}
	}
	sv->v[sv->n++] = s;
}

void imc_strv_free(struct imc_strv *sv)
{
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

/* ------------------------------------------------------------------ */
/* Our own options: adding one is a field in struct imc_cli and a line  */
/* in this table.                                                       */

enum own_kind {
	OWN_BOOL, /* sets a bool */
	OWN_NOBOOL, /* clears it (-Wno-...) */
	OWN_STRING, /* `--opt VALUE` or `--opt=VALUE`, last one wins */
	OWN_LIST, /* like OWN_STRING, repeatable, appends */
};

struct own_opt {
	const char *name;
	enum own_kind kind;
	size_t field; /* offsetof(struct imc_cli, ...) */
	const char *metavar;
	const char *help;
};

#define FIELD(f) offsetof(struct imc_cli, f)

static const struct own_opt own_opts[] = {
	{"--rules", OWN_LIST, FIELD(rules), "FILE",
	 "load rules from FILE too (repeatable)"},
	{"-p", OWN_STRING, FIELD(build_dir), "DIR",
	 "check the files of DIR/compile_commands.json (all of them, or the\n"
	 "FILEs given), each with its own flags and directory"},
	{"-j", OWN_STRING, FIELD(jobs_arg), "N",
	 "check N units at a time (default: one per\n"
	 "CPU); the same output and exit status as -j1"},
	{"--shard", OWN_STRING, FIELD(shard_arg), "K/N",
	 "check only shard K of N (1 <= K <= N): of the\n"
	 "units sorted by path, the Kth, (K+N)th, ...\n"
	 "(join the shards' reports with --merge)"},
	{"--merge", OWN_BOOL, FIELD(merge), NULL,
	 "join the JSON or SARIF reports or baselines\n"
	 "given as FILEs (of --shard runs) into one, on\n"
	 "stdout or in the -o/--output file"},
	{"--engine", OWN_STRING, FIELD(engine), "clang|gcc",
	 "parse with libclang (clang, the default) or with GCC and the\n"
	 "iomemcheck plugin (gcc: the target's compiler, -fsyntax-only;\n"
	 "the same findings, reports and exit status)"},
	{"--gcc", OWN_STRING, FIELD(gcc), "PATH",
	 "--engine=gcc: this GCC (default: a -p entry's compiler,\n"
	 "else $CC, else ${CROSS_COMPILE}gcc)"},
	{"--plugin", OWN_STRING, FIELD(plugin), "PATH",
	 "--engine=gcc: this plugin (default: the one installed or\n"
	 "built beside iomemcheck, for that GCC's target)"},
	{"--facts-out", OWN_STRING, FIELD(facts_out), "DIR",
	 "write each unit's cross-unit facts to DIR (one file per\n"
	 "unit; docs/facts.md); also under kbuild: CF=--facts-out=DIR"},
	{"--facts-merge", OWN_BOOL, FIELD(facts_merge), NULL,
	 "merge the facts of the DIRs given as FILEs into the SQLite\n"
	 "database -o DB (created, or updated: a unit collected again\n"
	 "replaces its rows)"},
	{"--facts", OWN_STRING, FIELD(facts_db), "DB",
	 "use other units' facts from DB (of --facts-merge): members,\n"
	 "globals and functions defined elsewhere"},
	{"--api", OWN_STRING, FIELD(api), "GEN[,GEN]",
	 "apply these API generations' rules (iosys-map, dma-buf-map,\n"
	 "pre-5.10; default auto: those the file's code mentions)"},
	{"--headers", OWN_BOOL, FIELD(report_headers), NULL,
	 "also report findings in included files"},
	{"-Wcast-to-as", OWN_BOOL, FIELD(cast_to_as), NULL,
	 "also report explicit casts that add __iomem to a plain pointer\n"
	 "(sparse's -Wcast-to-as; off by default, as in sparse)"},
	{"-Wno-cast-to-as", OWN_NOBOOL, FIELD(cast_to_as), NULL,
	 "do not (the default; the last of the two wins)"},
	{"--per-access", OWN_BOOL, FIELD(per_access), NULL,
	 "one finding per access of an unchecked map or untyped I/O\n"
	 "pointer (default: one per function and root cause, the other\n"
	 "accesses as notes)"},
	{"-fdiagnostics-parseable-fixits", OWN_BOOL, FIELD(parseable_fixits),
	 NULL,
	 "print fix-its as fix-it:\"file\":{l:c-l:c}:\"text\" (for\n"
	 "tools: no source display)"},
	{"-fno-diagnostics-show-caret", OWN_BOOL, FIELD(no_caret), NULL,
	 "do not show fix-its under the source line"},
	{"--exit-zero", OWN_BOOL, FIELD(exit_zero), NULL,
	 "exit 0 even with findings, as sparse does (for kbuild:\n"
	 "make C=1 CHECK=iomemcheck CF=--exit-zero)"},
	{"--werror", OWN_BOOL, FIELD(werror), NULL,
	 "findings make the exit status 1 even under kbuild (C=1), where\n"
	 "iomemcheck otherwise exits 0 like sparse"},
	{"-Wsparse-error", OWN_BOOL, FIELD(sparse_error), NULL,
	 "findings print as errors and make the exit status 1, even under\n"
	 "kbuild (sparse's flag; make C=1 CF=-Wsparse-error)"},
	{"-Wno-sparse-error", OWN_NOBOOL, FIELD(sparse_error), NULL,
	 "do not (the default; the last of the two wins)"},
	{"-Werror", OWN_BOOL, FIELD(werror_flag), NULL,
	 "as -Wsparse-error, except under kbuild: there it is the\n"
	 "compiler's (CONFIG_WERROR) and ignored, as sparse does"},
	{"-Wno-error", OWN_NOBOOL, FIELD(werror_flag), NULL,
	 "do not (the default; the last of the two wins)"},
	{"--fail-on", OWN_LIST, FIELD(fail_on), "RULE[,RULE]",
	 "only findings of these rules make the exit status 1"},
	{"--format", OWN_STRING, FIELD(format), "FMT",
	 "text (default), json, sarif or html; json/sarif go to\n"
	 "stdout or the --output file, html to the -o directory\n"
	 "(index.html and a page per finding; with --merge: of\n"
	 "JSON reports); text diagnostics stay on stderr"},
	{"--output", OWN_STRING, FIELD(output), "FILE",
	 "write the json/sarif report to FILE (-o FILE works too)"},
	{"-o", OWN_STRING, FIELD(output_o), "FILE",
	 "with --format=json|sarif|html: as --output; otherwise ignored\n"
	 "(GCC's -o)"},
	{"--fix", OWN_BOOL, FIELD(fix), NULL,
	 "apply the fix-its in place, all or nothing per file"},
	{"--fix-dry-run", OWN_BOOL, FIELD(fix_dry_run), NULL,
	 "print the fix-its as a unified diff on stdout instead"},
	{"--baseline", OWN_STRING, FIELD(baseline), "FILE",
	 "hide the findings recorded in FILE (see --write-baseline)"},
	{"--write-baseline", OWN_STRING, FIELD(write_baseline), "FILE",
	 "record the current findings in FILE"},
	{"--diff", OWN_STRING, FIELD(diff_rev), "REV",
	 "report only findings on lines changed since git revision REV"},
	{"--dump-ir", OWN_BOOL, FIELD(dump_ir), NULL,
	 "print the IR of every function to stdout"},
	{"--list-rules", OWN_BOOL, FIELD(list_rules), NULL,
	 "list the rules and exit"},
	{"--explain", OWN_STRING, FIELD(explain), "RULE",
	 "print what RULE finds, why it matters, how to\n"
	 "fix it and how to suppress it, and exit"},
	{"--version", OWN_BOOL, FIELD(version), NULL,
	 "print the version and exit"},
	{"--help", OWN_BOOL, FIELD(help), NULL, "print this help and exit"},
};

void imc_cli_print_help(FILE *out)
{
	size_t i;

	fputs("usage: iomemcheck [OPTION...] [COMPILER FLAG...] FILE.c...\n"
	      "       make C=1 CHECK=iomemcheck\n\n"
	      "Checks that I/O memory (__iomem pointers, struct iosys_map) is "
	      "only\n"
	      "accessed through accessors. Compiler flags are those of the "
	      "GCC\n"
	      "command line: -D, -U, -I, -isystem, -include, -std=, -m32/-m64 "
	      "are\n"
	      "used, everything else is ignored.\n\n",
	      out);
	for (i = 0; i < sizeof(own_opts) / sizeof(*own_opts); i++) {
		const struct own_opt *o = &own_opts[i];
		char left[64];
		const char *h;

		snprintf(left, sizeof(left), "%s%s%s", o->name,
			 o->metavar ? " " : "", o->metavar ? o->metavar : "");
		fprintf(out, "  %-32s", left);
		for (h = o->help; *h; h++) {
			fputc(*h, out);
			if (*h == '\n')
				fprintf(out, "  %-32s", "");
		}
		fputc('\n', out);
	}
	fprintf(out, "  %-32s%s\n  %-32s%s\n", "-Wno-RULE",
		"switch RULE off (see --list-rules); -WRULE: on again,", "",
		"the last one wins (other -W flags are ignored)");
	fputs("\nExit status: 0 no findings, 1 findings (0 with --exit-zero, "
	      "and\n"
	      "under kbuild's C=1/C=2 unless --werror, as sparse), 2 error.\n"
	      "Suppress one finding with a comment on its line or the line "
	      "above:\n"
	      "  /* iomemcheck-ignore(RULE): reason */\n",
	      out);
}

/* Matches ARG against option NAME; for options with a value also takes it
 * (`NAME=V` or `NAME V`). Returns how many argv entries it used, 0 if ARG
 * is not this option, -1 if the value is missing. */
static int match_with_value(const char *name, bool takes_value, bool joined,
			    int i, int argc, const char *const *argv,
			    const char **value)
{
	const char *arg = argv[i];
	size_t len = strlen(name);

	if (strncmp(arg, name, len))
		return 0;
	if (!takes_value)
		return arg[len] ? 0 : 1;
	if (arg[len] == '=') {
		*value = arg + len + 1;
		return 1;
	}
	if (arg[len] && joined) {
		*value = arg + len;
		return 1;
	}
	if (arg[len])
		return 0;
	if (i + 1 >= argc)
		return -1;
	*value = argv[i + 1];
	return 2;
}

static int parse_own(struct imc_cli *cli, int i, int argc,
		     const char *const *argv, char *err, size_t errlen)
{
	size_t k;

	for (k = 0; k < sizeof(own_opts) / sizeof(*own_opts); k++) {
		const struct own_opt *o = &own_opts[k];
		const char *value = NULL;
		char *field = (char *)cli + o->field;
		int used = match_with_value(
			o->name, o->kind != OWN_BOOL && o->kind != OWN_NOBOOL,
			/* -j4 as make's */
			!strcmp(o->name, "-j"), i, argc, argv, &value);

		if (used < 0) {
			snprintf(err, errlen, "option '%s' needs an argument",
				 o->name);
			return -1;
		}
		if (!used)
			continue;
		switch (o->kind) {
		case OWN_BOOL:
			*(bool *)field = true;
			break;
		case OWN_NOBOOL:
			*(bool *)field = false;
			break;
		case OWN_STRING:
			*(const char **)field = value;
			break;
		case OWN_LIST:
			imc_strv_push((struct imc_strv *)field, value);
			break;
		}
		return used;
	}
	return 0;
}

/* -WRULE, -Wno-RULE: 1 if ARG is one (or looks like one of ours: the
 * -W names of iomem-* and map-* rules, noted for a warning), else 0. */
static int parse_rule_switch(struct imc_cli *cli, const char *arg)
{
	bool off = !strncmp(arg, "-Wno-", 5);
	const char *name = arg + (off ? 5 : 2);
	int k;

	if (strncmp(arg, "-W", 2))
		return 0;
	k = imc_rule_index(name, strlen(name));
	if (k >= 0) {
		uint64_t bit = (uint64_t)1 << k;

		cli->disabled =
			off ? cli->disabled | bit : cli->disabled & ~bit;
		return 1;
	}
	if (strncmp(name, "iomem", 5) && strncmp(name, "map-", 4))
		return 0;
	imc_strv_push(&cli->unknown_rule_flags, arg);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Compiler flags (GCC's and sparse's).                                 */

enum cc_form {
	CC_EXACT, /* -nostdinc */
	CC_PREFIX, /* -std=gnu11, -fno-pic: the name starts the argument */
	CC_JOINED_OR_SEP, /* -DX or -D X */
	CC_SEP, /* -Xlinker X (only separate) */
	CC_EQ_OR_SEP, /* --param=X or --param X */
};

enum cc_action {
	CC_KEEP, /* pass to clang */
	CC_DROP, /* irrelevant for parsing */
	CC_ARCH, /* sparse's --arch= */
	CC_TARGET, /* --target=, -target */
	CC_BIG_ENDIAN, /* -mbig-endian (kbuild's CHECKFLAGS and c_flags) */
	CC_LITTLE_ENDIAN, /* -mlittle-endian */
};

struct cc_opt {
	const char *name;
	enum cc_form form;
	enum cc_action action;
};

/* First match wins: longer names before their prefixes. */
static const struct cc_opt cc_opts[] = {
	/* preprocessor and language: what parsing depends on */
	{"-D", CC_JOINED_OR_SEP, CC_KEEP},
	{"-U", CC_JOINED_OR_SEP, CC_KEEP},
	{"-I", CC_JOINED_OR_SEP, CC_KEEP},
	{"-isystem", CC_JOINED_OR_SEP, CC_KEEP},
	{"-iquote", CC_JOINED_OR_SEP, CC_KEEP},
	{"-idirafter", CC_JOINED_OR_SEP, CC_KEEP},
	{"-include", CC_JOINED_OR_SEP, CC_KEEP},
	{"-imacros", CC_JOINED_OR_SEP, CC_KEEP},
	{"-isysroot", CC_JOINED_OR_SEP, CC_KEEP},
	{"-iwithprefixbefore", CC_JOINED_OR_SEP, CC_KEEP},
	{"-iwithprefix", CC_JOINED_OR_SEP, CC_KEEP},
	{"-iprefix", CC_JOINED_OR_SEP, CC_KEEP},
	{"--sysroot", CC_EQ_OR_SEP, CC_KEEP},
	{"-nostdinc", CC_EXACT, CC_KEEP},
	{"-undef", CC_EXACT, CC_KEEP},
	{"-std=", CC_PREFIX, CC_KEEP},
	{"-ansi", CC_EXACT, CC_KEEP},
	{"-x", CC_JOINED_OR_SEP, CC_KEEP},
	{"-m16", CC_EXACT, CC_KEEP},
	{"-m32", CC_EXACT, CC_KEEP},
	{"-m64", CC_EXACT, CC_KEEP},
	{"-funsigned-char", CC_EXACT, CC_KEEP},
	{"-fno-unsigned-char", CC_EXACT, CC_KEEP},
	{"-fsigned-char", CC_EXACT, CC_KEEP},
	{"-fno-signed-char", CC_EXACT, CC_KEEP},
	{"-fshort-wchar", CC_EXACT, CC_KEEP},
	{"-fms-extensions", CC_EXACT, CC_KEEP},
	{"-fgnu89-inline", CC_EXACT, CC_KEEP},
	{"-fno-gnu89-inline", CC_EXACT, CC_KEEP},
	/* target */
	{"--target=", CC_PREFIX, CC_TARGET},
	{"-target", CC_SEP, CC_TARGET},
	{"--arch=", CC_PREFIX, CC_ARCH},
	{"-mbig-endian", CC_EXACT, CC_BIG_ENDIAN},
	{"-mlittle-endian", CC_EXACT, CC_LITTLE_ENDIAN},
	{"--os=", CC_PREFIX, CC_DROP},
	/* options with a separate argument we do not use */
	{"-o", CC_JOINED_OR_SEP, CC_DROP},
	{"-MF", CC_JOINED_OR_SEP, CC_DROP},
	{"-MT", CC_JOINED_OR_SEP, CC_DROP},
	{"-MQ", CC_JOINED_OR_SEP, CC_DROP},
	{"-Xassembler", CC_SEP, CC_DROP},
	{"-Xlinker", CC_SEP, CC_DROP},
	{"-Xpreprocessor", CC_SEP, CC_DROP},
	{"-Xclang", CC_SEP, CC_DROP},
	{"-aux-info", CC_SEP, CC_DROP},
	{"-dumpbase", CC_SEP, CC_DROP},
	{"-dumpbase-ext", CC_SEP, CC_DROP},
	{"-dumpdir", CC_SEP, CC_DROP},
	{"-auxbase", CC_SEP, CC_DROP},
	{"-auxbase-strip", CC_SEP, CC_DROP},
	{"-wrapper", CC_SEP, CC_DROP},
	{"--param", CC_EQ_OR_SEP, CC_DROP},
	{"-gcc-base-dir", CC_SEP, CC_DROP}, /* sparse */
	{"-multiarch-dir", CC_SEP, CC_DROP}, /* sparse */
	{"-L", CC_JOINED_OR_SEP, CC_DROP},
	{"-T", CC_JOINED_OR_SEP, CC_DROP},
	{"-u", CC_JOINED_OR_SEP, CC_DROP},
	{"-z", CC_SEP, CC_DROP},
	/* GCC's long options without an argument we know of */
	{"--coverage", CC_EXACT, CC_DROP},
	{"--save-temps", CC_EXACT, CC_DROP},
	{"--verbose", CC_EXACT, CC_DROP},
};

/* sparse's --arch= names (its target.c: a name, then "32" or "64" where
 * the architecture has both), as clang target triples with sparse's byte
 * order. -m32/-m64 follow separately and clang applies them to the
 * triple; -mbig-endian/-mlittle-endian are applied here (endian_variant).
 * First match wins: longer names before their prefixes. */
static const struct {
	const char *arch, *triple, *triple64;
} arch_triples[] = {
	{"aarch64", "aarch64-linux-gnu", NULL},
	{"arm64", "aarch64-linux-gnu", NULL},
	{"arm", "arm-linux-gnueabi", NULL},
	{"i386", "i386-linux-gnu", NULL},
	{"loongarch64", "loongarch64-linux-gnu", NULL},
	{"loongarch", "loongarch64-linux-gnu", NULL},
	{"m68k", "m68k-linux-gnu", NULL},
	{"mips", "mips-linux-gnu", "mips64-linux-gnuabi64"},
	{"powerpc", "powerpc-linux-gnu", "powerpc64-linux-gnu"},
	{"ppc", "powerpc-linux-gnu", "powerpc64-linux-gnu"},
	{"riscv", "riscv32-linux-gnu", "riscv64-linux-gnu"},
	{"s390x", "s390x-linux-gnu", NULL},
	{"s390", "s390x-linux-gnu", NULL},
	{"sparc", "sparc-linux-gnu", "sparc64-linux-gnu"},
	{"x86_64", "x86_64-linux-gnu", NULL},
	{"x86-64", "x86_64-linux-gnu", NULL},
	{"x86", "x86_64-linux-gnu", NULL},
};

/* The triple of sparse's --arch=ARCH, NULL for a name it does not take. */
static const char *arch_triple(const char *arch)
{
	size_t i;

	for (i = 0; i < sizeof(arch_triples) / sizeof(*arch_triples); i++) {
		size_t len = strlen(arch_triples[i].arch);
		const char *suffix = arch + len;

		if (strncmp(arch, arch_triples[i].arch, len))
			continue;
		if (!*suffix)
			return arch_triples[i].triple;
		if (!arch_triples[i].triple64)
			return NULL;
		if (!strcmp(suffix, "32"))
			return arch_triples[i].triple;
		if (!strcmp(suffix, "64"))
			return arch_triples[i].triple64;
		return NULL;
	}
	return NULL;
}

static const char *own(struct imc_ccargs *cc, char *s);

/* The architectures whose byte order a flag turns around: the first
 * component of the triple, little-endian and big-endian. */
static const struct {
	const char *little, *big;
} endian_pairs[] = {
	{"aarch64", "aarch64_be"},    {"arm", "armeb"},
	{"thumb", "thumbeb"},	      {"powerpcle", "powerpc"},
	{"powerpc64le", "powerpc64"}, {"mipsel", "mips"},
	{"mips64el", "mips64"},	      {"sparcel", "sparc"},
};

/* TRIPLE with the byte order ENDIAN ('b' or 'l') into BUF; TRIPLE itself
 * when its architecture has one order only (x86, riscv). */
static const char *endian_variant(const char *triple, char endian, char *buf,
				  size_t size)
{
	size_t n = strcspn(triple, "-"), i;

	for (i = 0; endian && i < sizeof(endian_pairs) / sizeof(*endian_pairs);
	     i++) {
		const char *from = endian == 'b' ? endian_pairs[i].little
						 : endian_pairs[i].big;
		const char *to = endian == 'b' ? endian_pairs[i].big
					       : endian_pairs[i].little;

		if (strlen(from) == n && !strncmp(triple, from, n)) {
			snprintf(buf, size, "%s%s", to, triple + n);
			return buf;
		}
	}
	return triple;
}

const char *imc_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *imc_compiler_triple(const char *path)
{
	const char *base = imc_base_name(path);
	static const char *const drivers[] = {"-gcc", "-cc", "-clang"};
	size_t len, i;

	len = strlen(base);
	/* a version suffix: -12, -19 */
	while (len && base[len - 1] >= '0' && base[len - 1] <= '9')
		len--;
	if (len < strlen(base) && len && base[len - 1] == '-')
		len--;
	else
		len = strlen(base);
	for (i = 0; i < sizeof(drivers) / sizeof(*drivers); i++) {
		size_t d = strlen(drivers[i]);

		if (len > d && !strncmp(base + len - d, drivers[i], d)) {
			size_t t = len - d;

			/* a triple has at least two components */
			if (!memchr(base, '-', t))
				return NULL;
			return strndup(base, t);
		}
	}
	return NULL;
}

/* Strings we make belong to cc (owned) and die with it. */
static const char *own(struct imc_ccargs *cc, char *s)
{
	if (!s)
		exit(2);
	imc_strv_push(&cc->owned, s);
	return s;
}

static void keep_joined(struct imc_ccargs *cc, const char *name,
			const char *value)
{
	size_t len = strlen(name) + strlen(value) + 1;
	char *s = malloc(len);

	if (s)
		snprintf(s, len, "%s%s", name, value);
	imc_strv_push(&cc->args, own(cc, s));
}

/* -Wp,A,B,...: the preprocessor's own options. Only definitions matter
 * (kbuild's -Wp,-MMD,dir/.f.o.d must not write a dependency file). */
static void cc_wp(struct imc_ccargs *cc, const char *list)
{
	char *copy = strdup(list), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if ((tok[0] == '-' && (tok[1] == 'D' || tok[1] == 'U')) &&
		    tok[2])
			imc_strv_push(&cc->args, own(cc, strdup(tok)));
	free(copy);
}

/* Classifies argv[i]. Returns how many entries it used (>= 1), or 0 if it
 * is not an option we know (a file, or an unknown `--` option). */
static int cc_classify(struct imc_ccargs *cc, int i, int argc,
		       const char *const *argv)
{
	const char *arg = argv[i];
	size_t k;

	if (!strncmp(arg, "-Wp,", 4)) {
		cc_wp(cc, arg + 4);
		return 1;
	}
	for (k = 0; k < sizeof(cc_opts) / sizeof(*cc_opts); k++) {
		const struct cc_opt *o = &cc_opts[k];
		size_t len = strlen(o->name);
		const char *value = NULL;
		int used = 0;

		if (strncmp(arg, o->name, len))
			continue;
		switch (o->form) {
		case CC_EXACT:
			if (arg[len])
				continue;
			used = 1;
			break;
		case CC_PREFIX:
			value = arg + len;
			used = 1;
			break;
		case CC_JOINED_OR_SEP:
			if (arg[len]) {
				value = arg + len;
				used = 1;
			} else {
				value = i + 1 < argc ? argv[i + 1] : "";
				used = i + 1 < argc ? 2 : 1;
			}
			break;
		case CC_SEP:
			if (arg[len])
				continue;
			value = i + 1 < argc ? argv[i + 1] : "";
			used = i + 1 < argc ? 2 : 1;
			break;
		case CC_EQ_OR_SEP:
			if (arg[len] == '=') {
				value = arg + len + 1;
				used = 1;
			} else if (!arg[len]) {
				value = i + 1 < argc ? argv[i + 1] : "";
				used = i + 1 < argc ? 2 : 1;
			} else {
				continue;
			}
			break;
		}
		switch (o->action) {
		case CC_KEEP:
			if (o->form == CC_EXACT || o->form == CC_PREFIX)
				imc_strv_push(&cc->args, arg);
			else if (o->form == CC_EQ_OR_SEP)
				keep_joined(cc, "--sysroot=", value);
			else if (used == 2) {
				imc_strv_push(&cc->args, arg);
				imc_strv_push(&cc->args, value);
			} else {
				imc_strv_push(&cc->args, arg);
			}
			break;
		case CC_DROP:
			break;
		case CC_ARCH:
			cc->arch = value;
			break;
		case CC_TARGET:
			cc->target = value;
			break;
		case CC_BIG_ENDIAN:
			cc->endian = 'b';
			break;
		case CC_LITTLE_ENDIAN:
			cc->endian = 'l';
			break;
		}
		return used;
	}
	if (arg[0] == '-' && arg[1] && arg[1] != '-')
		return 1; /* any other GCC flag: -f..., -m..., -W..., -O2, -g, -c */
	return 0;
}

/* Records the USED entries of argv from i as given (GCC engine). */
static void cc_given(struct imc_ccargs *cc, int i, int used,
		     const char *const *argv)
{
	int k;

	for (k = 0; k < used; k++)
		imc_strv_push(&cc->given, argv[i + k]);
}

void imc_cc_filter(struct imc_ccargs *cc, int argc, const char *const *argv)
{
	int i, used, first = 0;

	/* the compiler: argv[0], or the one a ccache or distcc runs */
	if (argc > 1 && (!strcmp(imc_base_name(argv[0]), "ccache") ||
			 !strcmp(imc_base_name(argv[0]), "distcc")))
		first = 1;
	if (argc > first) {
		cc->compiler = argv[first]; /* the GCC engine's GCC */
		char *triple = imc_compiler_triple(argv[first]);

		cc->compiler_target = triple ? own(cc, triple) : NULL;
	}
	for (i = first + 1; i < argc; i += used) {
		used = cc_classify(cc, i, argc, argv);
		if (used)
			cc_given(cc, i, used, argv);
		else
			used = 1; /* inputs and unknown long options */
	}
}

void imc_cc_override_target(struct imc_ccargs *cc, const struct imc_ccargs *cli)
{
	if (cli->target || cli->arch) {
		cc->target = cli->target;
		cc->arch = cli->arch;
	}
	if (cli->endian)
		cc->endian = cli->endian;
}

void imc_ccargs_free(struct imc_ccargs *cc)
{
	size_t i;

	for (i = 0; i < cc->owned.n; i++)
		free((char *)cc->owned.v[i]);
	imc_strv_free(&cc->owned);
	imc_strv_free(&cc->args);
	imc_strv_free(&cc->given);
}

/* The CPUs this process may run on (taskset, cgroups' cpusets). */
static unsigned cpus(void)
{
	cpu_set_t set;
	long n;

	if (!sched_getaffinity(0, sizeof(set), &set) && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

enum { MAX_JOBS = 1024 };

/* A decimal number in [1, max], nothing else; 0 if S is not one. */
static unsigned small_number(const char *s, size_t len, unsigned max)
{
	unsigned long v = 0;
	size_t i;

	if (!len || len > 9)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	return v <= max ? (unsigned)v : 0;
}

static int check_parallel(struct imc_cli *cli, char *err, size_t errlen)
{
	const char *slash;

	cli->jobs = cpus();
	if (cli->jobs_arg) {
		cli->jobs = small_number(cli->jobs_arg, strlen(cli->jobs_arg),
					 MAX_JOBS);
		if (!cli->jobs) {
			snprintf(err, errlen,
				 "-j: '%s' is not a number of jobs (1 to %d)",
				 cli->jobs_arg, MAX_JOBS);
			return -1;
		}
	}
	if (!cli->shard_arg)
		return 0;
	slash = strchr(cli->shard_arg, '/');
	if (slash) {
		cli->shard_k =
			small_number(cli->shard_arg,
				     (size_t)(slash - cli->shard_arg), 1000000);
		cli->shard_n =
			small_number(slash + 1, strlen(slash + 1), 1000000);
	}
	if (!slash || !cli->shard_k || !cli->shard_n ||
	    cli->shard_k > cli->shard_n) {
		snprintf(err, errlen,
			 "--shard: '%s' is not K/N with 1 <= K <= N",
			 cli->shard_arg);
		cli->shard_n = 0;
		return -1;
	}
	return 0;
}

static int check_engine(struct imc_cli *cli, char *err, size_t errlen)
{
	if (cli->engine && strcmp(cli->engine, "clang") &&
	    strcmp(cli->engine, "gcc")) {
		snprintf(err, errlen, "--engine: '%s' is not clang or gcc",
			 cli->engine);
		return -1;
	}
	cli->engine_gcc = cli->engine && !strcmp(cli->engine, "gcc");
	if (!cli->engine_gcc && (cli->gcc || cli->plugin)) {
		snprintf(err, errlen, "--%s: only with --engine=gcc",
			 cli->gcc ? "gcc" : "plugin");
		return -1;
	}
	if (cli->engine_gcc && cli->dump_ir) {
		snprintf(err, errlen,
			 "--dump-ir: not with --engine=gcc (the plugin's "
			 "-fplugin-arg-iomemcheck-dump-ir prints its IR)");
		return -1;
	}
	return 0;
}

/* Values our options accept, checked once everything is parsed. */
static int check_choices(struct imc_cli *cli, char *err, size_t errlen)
{
	if (check_parallel(cli, err, errlen))
		return -1;
	if (!cli->format)
		cli->format = "text";
	if (strcmp(cli->format, "text") && strcmp(cli->format, "json") &&
	    strcmp(cli->format, "sarif") && strcmp(cli->format, "html")) {
		snprintf(err, errlen,
			 "unknown format '%s' (text, json, sarif, html)",
			 cli->format);
		return -1;
	}
	if (!cli->output && strcmp(cli->format, "text"))
		cli->output = cli->output_o;
	if (!cli->output && !strcmp(cli->format, "html")) {
		snprintf(err, errlen, "--format=html needs -o DIR");
		return -1;
	}
	if (check_engine(cli, err, errlen))
		return -1;
	if (cli->fix && cli->fix_dry_run) {
		snprintf(err, errlen,
			 "--fix and --fix-dry-run exclude each other");
		return -1;
	}
	if (cli->fix && cli->diff_rev) {
		snprintf(err, errlen,
			 "--fix applies to whole files; drop --diff");
		return -1;
	}
	if (cli->shard_n && (cli->fix || cli->fix_dry_run)) {
		snprintf(err, errlen,
			 "--shard: not with --fix or --fix-dry-run");
		return -1;
	}
	if (cli->merge &&
	    (cli->build_dir || cli->shard_n || cli->fix || cli->fix_dry_run ||
	     cli->baseline || cli->write_baseline || cli->diff_rev)) {
		snprintf(err, errlen,
			 "--merge takes only reports: "
			 "no -p, --shard, --fix, --baseline or --diff");
		return -1;
	}
	return 0;
}

int imc_cli_parse(struct imc_cli *cli, int argc, char **argv, char *err,
		  size_t errlen)
{
	const char *const *av = (const char *const *)argv;
	bool only_files = false;
	int i, used;

	memset(cli, 0, sizeof(*cli));
	for (i = 1; i < argc; i += used) {
		const char *arg = argv[i];

		if (only_files || arg[0] != '-' || !arg[1]) {
			imc_strv_push(&cli->files, arg);
			used = 1;
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_files = true;
			used = 1;
			continue;
		}
		used = parse_own(cli, i, argc, av, err, errlen);
		if (used < 0)
			return -1;
		if (used)
			continue;
		used = parse_rule_switch(cli, arg);
		if (used)
			continue;
		used = cc_classify(&cli->cc, i, argc, av);
		if (used) {
			cc_given(&cli->cc, i, used, av);
			continue;
		}
		snprintf(err, errlen, "unknown option '%s'", arg);
		return -1;
	}
	return check_choices(cli, err, errlen);
}

void imc_cli_free(struct imc_cli *cli)
{
	imc_strv_free(&cli->rules);
	imc_strv_free(&cli->fail_on);
	imc_strv_free(&cli->unknown_rule_flags);
	imc_strv_free(&cli->files);
	imc_ccargs_free(&cli->cc);
}

/* What we add to every parse. */
static const char *const fixed_args[] = {
	/* sparse defines it, kbuild does not: it selects the annotations in
	 * compiler_types.h */
	"-D__CHECKER__",
	/* sparse's address_space(__iomem) needs an integer in clang: carry the
	 * name as a BTF type tag instead (the lowering reads it back) */
	"-Daddress_space(x)=btf_type_tag(#x)",
	/* sparse's context builtin, used by __acquire()/__release() */
	"-D__context__(...)=((void)0)",
	/* and its context attribute (__acquires(x) is
	 * __attribute__((context(x,0,1)))): clang parses the arguments of an
	 * unknown attribute as expressions, and x names a parameter that is not
	 * in scope there. `context(` never appears in kernel code outside
	 * comments and strings; __attribute__(()) is valid. */
	"-Dcontext(...)=",
	/* warnings do not matter to us; `force`, `bitwise`, `context` are
	 * unknown attributes to clang */
	"-w",
	"-Wno-unknown-attributes",
	/* what GCC only warns about must not stop the parse */
	"-Wno-error=implicit-function-declaration",
	"-Wno-error=implicit-int",
	"-Wno-error=int-conversion",
	"-Wno-error=incompatible-function-pointer-types",
	"-Wno-error=incompatible-pointer-types",
	"-Wno-error=return-type",
	/* report every error, never stop parsing at the 20th */
	"-ferror-limit=0",
};

/* The target: --target= as given, else sparse's --arch=, else the cross
 * compiler's name, then turned to the byte order a flag asks for; NULL
 * for the host's. */
static const char *target_triple(const struct imc_ccargs *cc, char *buf,
				 size_t size)
{
	const char *triple = cc->target;

	if (!triple && cc->arch)
		triple = arch_triple(cc->arch);
	if (!triple)
		triple = cc->compiler_target;
	return triple ? endian_variant(triple, cc->endian, buf, size) : NULL;
}

void imc_clang_args(const struct imc_ccargs *cc, struct imc_strv *out)
{
	/* used before the next call: the parse reads it, then it is freed */
	static char target_arg[160];
	char variant[128];
	const char *triple = target_triple(cc, variant, sizeof(variant));
	size_t i;

	for (i = 0; i < sizeof(fixed_args) / sizeof(*fixed_args); i++)
		imc_strv_push(out, fixed_args[i]);
	for (i = 0; i < cc->args.n; i++)
		imc_strv_push(out, cc->args.v[i]);
	if (triple) {
		snprintf(target_arg, sizeof(target_arg), "--target=%s", triple);
		imc_strv_push(out, target_arg);
	}
}
