// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changed.h"
#include "finish.h"
#include "report.h"

void imc_findings_move(struct imc_findings *dst, struct imc_findings *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 16;
			dst->v = realloc(dst->v, dst->cap * sizeof(*dst->v));
			if (!dst->v)
				exit(EXIT_TOOL);
		}
		dst->v[dst->n++] = src->v[i];
	}
	free(src->v);
	memset(src, 0, sizeof(*src));
}

static bool in_list(const struct imc_strv *lists, const char *rule)
{
	size_t i;

	for (i = 0; i < lists->n; i++)
		if (imc_rule_in_list(lists->v[i], rule))
			return true;
	return false;
}

/* kbuild exports KBUILD_CHECKSRC=1/2 for C=1/C=2; there a nonzero exit
 * would stop the build and delete the object, so behave like sparse. */
static bool under_kbuild(void)
{
	const char *c = getenv("KBUILD_CHECKSRC");

	return c && *c && strcmp(c, "0");
}

static int findings_status(const struct imc_cli *cli,
			   const struct imc_findings *f)
{
	size_t i;

	if (cli->exit_zero || (under_kbuild() && !cli->werror))
		return EXIT_CLEAN;
	for (i = 0; i < f->n; i++)
		if (!cli->fail_on.n || in_list(&cli->fail_on, f->v[i].rule))
			return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

/* The report goes to a temporary file renamed into place: never a partial
 * output file, even when writing fails half-way. */
static int write_report(const struct imc_cli *cli, const struct imc_findings *f)
{
	bool sarif = !strcmp(cli->format, "sarif");
	char tmp[4096];
	FILE *out = stdout;
	int ret;

	if (cli->output) {
		snprintf(tmp, sizeof(tmp), "%s.tmp-%d", cli->output, (int)getpid());
		out = fopen(tmp, "w");
		if (!out) {
			fprintf(stderr, "iomemcheck: %s: cannot write\n", cli->output);
			return -1;
		}
	}
	ret = sarif ? imc_print_sarif(out, f) : imc_print_json(out, f);
	if (!cli->output)
		return ret || fflush(stdout) ? -1 : 0;
	if (fclose(out) || ret || rename(tmp, cli->output)) {
		remove(tmp);
		fprintf(stderr, "iomemcheck: %s: cannot write\n", cli->output);
		return -1;
	}
	return 0;
}

/* --write-baseline records every finding, --baseline hides the known ones;
 * with both naming one file, the old file still decides what is new. */
static int record_and_filter(const struct imc_cli *cli, struct imc_findings *all)
{
	char err[1024], pending[4096];
	int ret = 0;

	if (cli->write_baseline) {
		snprintf(pending, sizeof(pending), "%s.pending", cli->write_baseline);
		ret = imc_baseline_write(pending, all, err, sizeof(err));
	}
	if (!ret && cli->baseline &&
	    imc_baseline_filter(cli->baseline, all, err, sizeof(err)) < 0)
		ret = -1;
	if (cli->write_baseline && !ret && rename(pending, cli->write_baseline)) {
		snprintf(err, sizeof(err), "%s: %s", cli->write_baseline,
			 strerror(errno));
		ret = -1;
	}
	if (cli->write_baseline && ret) {
		char *p = strstr(err, ".pending");

		remove(pending);
		if (p) /* the user named the file, not our temporary */
			memmove(p, p + 8, strlen(p + 8) + 1);
	}
	if (ret)
		fprintf(stderr, "iomemcheck: %s\n", err);
	return ret;
}

int imc_finish(const struct imc_cli *cli, struct imc_findings *all,
	       bool tool_failed)
{
	char err[1024];

	imc_findings_sort(all);
	imc_findings_suppress(all);
	if (cli->diff_rev && imc_keep_changed(all, cli->diff_rev, err, sizeof(err))) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		return EXIT_TOOL;
	}
	if (record_and_filter(cli, all))
		return EXIT_TOOL;
	imc_report_text(stderr, all, cli->parseable_fixits,
			!cli->parseable_fixits && !cli->no_caret);
	/* A report of a run that failed on some input would look complete. */
	if (tool_failed)
		return EXIT_TOOL;
	if (strcmp(cli->format, "text") && write_report(cli, all))
		return EXIT_TOOL;
	return findings_status(cli, all);
}
