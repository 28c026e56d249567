// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changed.h"
#include "finish.h"
#include "html.h"
#include "report.h"

/* kbuild exports KBUILD_CHECKSRC=1/2 for C=1/C=2; there a nonzero exit
 * would stop the build and delete the object, so behave like sparse. */
static bool under_kbuild(void)
{
	const char *c = getenv("KBUILD_CHECKSRC");

	return c && *c && strcmp(c, "0");
}

/* -Wsparse-error, or -Werror outside kbuild (under kbuild it comes with
 * the compiler's flags, CONFIG_WERROR, and sparse ignores it there). */
static bool findings_are_errors(const struct imc_cli *cli)
{
	return cli->sparse_error || (cli->werror_flag && !under_kbuild());
}

static int findings_status(const struct imc_cli *cli,
			   const struct imc_policy *policy,
			   const struct imc_findings *f)
{
	size_t i;

	if (cli->exit_zero ||
	    (under_kbuild() && !cli->werror && !findings_are_errors(cli)))
		return EXIT_CLEAN;
	for (i = 0; i < f->n; i++)
		if (imc_policy_fails(policy, f->v[i].rule))
			return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

/* --format=html: the directory -o names (its pages written whole). */
static int write_html(const struct imc_cli *cli, const struct imc_findings *f)
{
	char err[1024];

	if (imc_html_write_findings(f, cli->output, err, sizeof(err)) >= 0)
		return 0;
	fprintf(stderr, "iomemcheck: %s\n", err);
	return -1;
}

/* A report file is written whole or not at all (imc_report_write). */
static int write_report(const struct imc_cli *cli, const struct imc_findings *f)
{
	int format = imc_report_format("", cli->format);
	char err[1024];
	int ret;

	if (!strcmp(cli->format, "html"))
		return write_html(cli, f);
	if (cli->output) {
		ret = imc_report_write(cli->output, format, f, err,
				       sizeof(err));
		if (ret)
			fprintf(stderr, "iomemcheck: %s\n", err);
		return ret;
	}
	ret = format == IMC_REPORT_SARIF ? imc_print_sarif(stdout, f)
					 : imc_print_json(stdout, f);
	return ret || fflush(stdout) ? -1 : 0;
}

static int keep_changed(struct imc_findings *f, void *rev, char *err,
			size_t errlen)
{
	return imc_keep_changed(f, rev, err, errlen);
}

static int finish(const struct imc_cli *cli, struct imc_findings *all,
		  bool tool_failed, bool incomplete)
{
	struct imc_policy policy = {
		.baseline = cli->baseline,
		.write_baseline = incomplete ? NULL : cli->write_baseline,
		.fail_on = (const char *const *)cli->fail_on.v,
		.nfail_on = cli->fail_on.n,
		.keep = cli->diff_rev ? keep_changed : NULL,
		.keep_arg = (void *)cli->diff_rev,
		.disabled = cli->disabled,
	};
	char err[1024];

	if (imc_findings_finish(all, &policy, err, sizeof(err))) {
		fprintf(stderr, "iomemcheck: %s\n", err);
		return EXIT_TOOL;
	}
	imc_report_text(stderr, all, cli->parseable_fixits,
			!cli->parseable_fixits && !cli->no_caret,
			findings_are_errors(cli) ? &policy : NULL);
	/* A report of a run that failed on some input would look complete;
	 * one cut short says so. */
	if (tool_failed && !incomplete)
		return EXIT_TOOL;
	if (strcmp(cli->format, "text") && write_report(cli, all))
		return EXIT_TOOL;
	return findings_status(cli, &policy, all);
}

int imc_finish(const struct imc_cli *cli, struct imc_findings *all,
	       bool tool_failed)
{
	return finish(cli, all, tool_failed, false);
}

void imc_finish_incomplete(const struct imc_cli *cli, struct imc_findings *all)
{
	finish(cli, all, false, true);
}
