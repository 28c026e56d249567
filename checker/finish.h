/* SPDX-License-Identifier: GPL-2.0-only */
/* After every TU is analysed: filters, reports and the exit status. */
#ifndef IOMEMCHECK_CHECKER_FINISH_H
#define IOMEMCHECK_CHECKER_FINISH_H

#include "iomemcheck.h"
#include "options.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TOOL = 2 };

/* Sorts (a deterministic order whatever the order of the inputs), drops
 * suppressed, unchanged-line (--diff) and baselined findings, writes the
 * baseline, the text diagnostics and the json/sarif report. Returns the
 * exit status the findings call for, or EXIT_TOOL with a message printed. */
int imc_finish(const struct imc_cli *cli, struct imc_findings *all,
	       bool tool_failed);
/* The same for a run cut short (all->incomplete says why): the finished
 * units' findings as text and in the report, marked incomplete; no
 * baseline is written (it would forget the units not checked). */
void imc_finish_incomplete(const struct imc_cli *cli, struct imc_findings *all);

/* Moves the findings of src to the end of dst; src ends empty. */

#endif
