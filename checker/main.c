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
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>

#include "finish.h"
#include "iomemcheck.h"
#include "lower.h"
#include "options.h"
#include "report.h"

struct run {
	const struct imc_cli *cli;
	struct imc_rules *rules;
	CXIndex index;
	struct imc_findings all; /* of every TU, reported at the end */
	struct imc_snapshot *snaps; /* --fix: the bytes each file had */
	size_t nsnaps;
	char **owned; /* file names that must outlive their TU */
	size_t nowned;
};

/* --fix must not write a file that changed after we read it: remember what
 * we read, before libclang reads it. */
static int snapshot(struct run *run, const char *file)
{
	char err[1024];

	if (!run->cli->fix && !run->cli->fix_dry_run)
		return 0;
	run->snaps = realloc(run->snaps, (run->nsnaps + 1) * sizeof(*run->snaps));
	if (!run->snaps)
		exit(EXIT_TOOL);
	if (imc_snapshot_take(&run->snaps[run->nsnaps], file, err, sizeof(err))) {
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
	snprintf(buf, len, "%s", clang_getCString(s) ? clang_getCString(s) : "");
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
		clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file,
					   NULL, NULL, &off);
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

/* Checks one translation unit. */
static int check_tu(struct run *run, const char *file,
		    const struct imc_ccargs *cc)
{
	const unsigned flags = CXTranslationUnit_IncludeAttributedTypes |
			       CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	struct imc_options opts = { .report_headers = run->cli->report_headers,
				    .cast_to_as = run->cli->cast_to_as,
				    .api = run->cli->api };
	struct imc_findings findings = { 0 };
	struct imc_lower_stats stats;
	struct imc_strv args = { 0 };
	struct imc_bad_loc *bad;
	CXTranslationUnit cxtu = NULL;
	enum CXErrorCode ec;
	struct imc_tu *tu;
	struct stat st;
	unsigned nbad;
	int fatal, header_err, status;

	if (stat(file, &st) != 0) {
		fprintf(stderr, "iomemcheck: %s: %s\n", file, strerror(errno));
		return EXIT_TOOL;
	}
	if (snapshot(run, file))
		return EXIT_TOOL;
	imc_clang_args(cc, &args);
	ec = clang_parseTranslationUnit2(run->index, file, args.v, (int)args.n,
					 NULL, 0, flags, &cxtu);
	imc_strv_free(&args);
	if (ec != CXError_Success || !cxtu) {
		fprintf(stderr, "iomemcheck: %s: libclang could not parse it "
			"(error %d)\n", file, (int)ec);
		return EXIT_TOOL;
	}
	fatal = triage_errors(cxtu, file, &bad, &nbad, &header_err);
	if (fatal >= 0) {
		CXDiagnostic d = clang_getDiagnostic(cxtu, (unsigned)fatal);

		print_clang_error(file, d);
		clang_disposeDiagnostic(d);
		free(bad);
		clang_disposeTranslationUnit(cxtu);
		return EXIT_TOOL;
	}

	tu = imc_lower(cxtu, file, bad, nbad,
		       run->cli->report_headers || run->cli->dump_ir, &stats);
	if (header_err >= 0) {
		CXDiagnostic d = clang_getDiagnostic(cxtu, (unsigned)header_err);
		char msg[1024];

		fprintf(stderr, "iomemcheck: %s: note: %u error(s) in included "
			"files, %u function(s) there not checked; the first:\n",
			file, nbad, stats.skipped);
		cxs(clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
						      CXDiagnostic_DisplayColumn),
		    msg, sizeof(msg));
		fprintf(stderr, "%s\n", msg);
		clang_disposeDiagnostic(d);
	}
	free(bad);
	if (run->cli->dump_ir)
		imc_tu_dump(tu, stdout);
	imc_analyze(tu, run->rules, &opts, &findings);
	imc_findings_move(&run->all, &findings);
	status = EXIT_CLEAN;
	imc_tu_free(tu);
	clang_disposeTranslationUnit(cxtu);
	return status;
}

/* ---- -p BUILD_DIR ---- */

static char *absolute_path(const char *file)
{
	char cwd[PATH_MAX], *out;
	size_t len;

	if (file[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		out = strdup(file);
	else {
		len = strlen(cwd) + strlen(file) + 2;
		out = malloc(len);
		if (out)
			snprintf(out, len, "%s/%s", cwd, file);
	}
	if (!out)
		exit(EXIT_TOOL);
	return out;
}

static int check_command(struct run *run, CXCompileCommand cmd)
{
	struct imc_ccargs cc = { 0 };
	unsigned i, n = clang_CompileCommand_getNumArgs(cmd);
	CXString *held = calloc(n + 2, sizeof(*held));
	const char **argv = calloc(n + 2, sizeof(*argv));
	CXString dir = clang_CompileCommand_getDirectory(cmd);
	CXString file = clang_CompileCommand_getFilename(cmd);
	int cwd = open(".", O_RDONLY | O_DIRECTORY);
	int status;

	if (!held || !argv || cwd < 0) {
		fprintf(stderr, "iomemcheck: cannot save the working directory\n");
		exit(EXIT_TOOL);
	}
	for (i = 0; i < n; i++) {
		held[i] = clang_CompileCommand_getArg(cmd, i);
		argv[i] = clang_getCString(held[i]);
	}
	imc_cc_filter(&cc, (int)n, argv);
	if (chdir(clang_getCString(dir)) != 0) {
		fprintf(stderr, "iomemcheck: %s: %s\n", clang_getCString(dir),
			strerror(errno));
		status = EXIT_TOOL;
	} else {
		/* Entries may be relative to their directory (Meson): report,
		 * suppress and fix by the absolute name, valid from anywhere. */
		char *abs = absolute_path(clang_getCString(file));

		status = check_tu(run, abs, &cc);
		run->owned = realloc(run->owned, (run->nowned + 1) * sizeof(char *));
		if (!run->owned)
			exit(EXIT_TOOL);
		run->owned[run->nowned++] = abs;
	}
	if (fchdir(cwd) != 0) {
		fprintf(stderr, "iomemcheck: cannot return to the working directory\n");
		exit(EXIT_TOOL);
	}
	close(cwd);
	imc_ccargs_free(&cc);
	for (i = 0; i < n; i++)
		clang_disposeString(held[i]);
	clang_disposeString(dir);
	clang_disposeString(file);
	free(held);
	free(argv);
	return status;
}

static int check_commands(struct run *run, CXCompileCommands cmds)
{
	unsigned i, n = clang_CompileCommands_getSize(cmds);
	int status = EXIT_CLEAN;

	for (i = 0; i < n; i++)
		status = worse(status, check_command(
					       run, clang_CompileCommands_getCommand(cmds, i)));
	return status;
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

static int run_compile_db(struct run *run)
{
	const struct imc_cli *cli = run->cli;
	CXCompilationDatabase_Error err;
	CXCompilationDatabase db;
	int status = EXIT_CLEAN;
	char path[PATH_MAX];
	size_t i;

	/* libclang would print its own complaints: look first */
	snprintf(path, sizeof(path), "%s/compile_commands.json", cli->build_dir);
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "iomemcheck: %s: %s\n", path, strerror(errno));
		return EXIT_TOOL;
	}
	db = load_compile_db(cli->build_dir, &err);
	if (err != CXCompilationDatabase_NoError || !db) {
		fprintf(stderr, "iomemcheck: %s: cannot load compile_commands.json\n",
			cli->build_dir);
		return EXIT_TOOL;
	}
	if (!cli->files.n) {
		CXCompileCommands cmds =
			clang_CompilationDatabase_getAllCompileCommands(db);

		status = check_commands(run, cmds);
		clang_CompileCommands_dispose(cmds);
	}
	for (i = 0; i < cli->files.n; i++) {
		const char *f = cli->files.v[i];
		char abs[PATH_MAX];
		CXCompileCommands cmds;

		if (!realpath(f, abs)) {
			fprintf(stderr, "iomemcheck: %s: %s\n", f, strerror(errno));
			status = EXIT_TOOL;
			continue;
		}
		cmds = clang_CompilationDatabase_getCompileCommands(db, abs);
		if (!cmds || !clang_CompileCommands_getSize(cmds)) {
			fprintf(stderr, "iomemcheck: %s: not in %s/compile_commands.json\n",
				f, cli->build_dir);
			status = EXIT_TOOL;
		} else {
			status = worse(status, check_commands(run, cmds));
		}
		if (cmds)
			clang_CompileCommands_dispose(cmds);
	}
	clang_CompilationDatabase_dispose(db);
	return status;
}

/* ---- --fix ---- */

enum { FIX_ROUNDS = 4 };

/* Fix-its that overlap wait for the next round: analyse the fixed file
 * again until nothing is left to apply (sparse-style command lines only;
 * a compile database entry gets one round). */
static int fix_more_rounds(struct run *run, const char *file)
{
	struct run again = *run;
	char err[1024];
	int round, n = 1, status = EXIT_CLEAN;

	for (round = 1; round < FIX_ROUNDS && n > 0; round++) {
		memset(&again.all, 0, sizeof(again.all));
		again.snaps = NULL;
		again.nsnaps = 0;
		status = check_tu(&again, file, &run->cli->cc);
		imc_findings_sort(&again.all);
		imc_findings_suppress(&again.all);
		n = status == EXIT_CLEAN && again.nsnaps ?
			imc_fix_apply(&again.snaps[0], &again.all, NULL, err, sizeof(err)) : -1;
		if (n < 0 && status == EXIT_CLEAN) {
			fprintf(stderr, "iomemcheck: %s\n", err);
			status = EXIT_TOOL;
		}
		imc_findings_free(&again.all);
		if (again.nsnaps)
			imc_snapshot_free(&again.snaps[0]);
		free(again.snaps);
	}
	return status;
}

static int apply_fixes(struct run *run)
{
	int status = EXIT_CLEAN, n;
	char err[1024];
	size_t i;

	for (i = 0; i < run->nsnaps; i++) {
		n = imc_fix_apply(&run->snaps[i], &run->all,
				  run->cli->fix_dry_run ? stdout : NULL, err,
				  sizeof(err));
		if (n < 0) {
			fprintf(stderr, "iomemcheck: %s\n", err);
			status = EXIT_TOOL;
		} else if (n > 0 && run->cli->fix && !run->cli->build_dir) {
			status = worse(status, fix_more_rounds(run, run->snaps[i].path));
		}
	}
	return status;
}

/* ---- main ---- */

/* --fail-on names rules of the catalogue: a typo would fail nothing. */
static int check_fail_on(const struct imc_cli *cli)
{
	size_t i, k;

	for (i = 0; i < cli->fail_on.n; i++) {
		char *list = strdup(cli->fail_on.v[i]), *tok, *save = NULL;

		for (tok = strtok_r(list, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			for (k = 0; k < imc_rule_catalogue_len; k++)
				if (!strcmp(tok, imc_rule_catalogue[k].name))
					break;
			if (k == imc_rule_catalogue_len) {
				fprintf(stderr, "iomemcheck: --fail-on: unknown rule '%s' (see --list-rules)\n",
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

int main(int argc, char **argv)
{
	struct imc_cli cli;
	struct run run = { .cli = &cli };
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
	if (cli.help) {
		imc_cli_print_help(stdout);
		return EXIT_CLEAN;
	}
	if (cli.version) {
		CXString v = clang_getClangVersion();

		printf("iomemcheck %s (%s)\n", IMC_VERSION, clang_getCString(v));
		clang_disposeString(v);
		return EXIT_CLEAN;
	}
	if (cli.list_rules) {
		list_rules();
		return EXIT_CLEAN;
	}
	run.rules = load_rules(&cli);
	if (!cli.files.n && !cli.build_dir) {
		fputs("iomemcheck: no input files (try --help)\n", stderr);
		return EXIT_TOOL;
	}
	run.index = clang_createIndex(0, 0);
	if (cli.build_dir)
		status = run_compile_db(&run);
	else
		for (i = 0; i < cli.files.n; i++)
			status = worse(status, check_tu(&run, cli.files.v[i],
							&cli.cc));
	status = worse(status, imc_finish(&cli, &run.all, status == EXIT_TOOL));
	if (status != EXIT_TOOL && (cli.fix || cli.fix_dry_run))
		status = worse(status, apply_fixes(&run));
	imc_findings_free(&run.all);
	for (i = 0; i < run.nsnaps; i++)
		imc_snapshot_free(&run.snaps[i]);
	free(run.snaps);
	for (i = 0; i < run.nowned; i++)
		free(run.owned[i]);
	free(run.owned);
	clang_disposeIndex(run.index);
	imc_rules_free(run.rules);
	imc_cli_free(&cli);
	return status;
}
