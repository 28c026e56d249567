/* SPDX-License-Identifier: GPL-2.0-only */
/* iomemcheck --facts-merge DIR... -o DB (docs/facts.md). */
#ifndef IOMEMCHECK_CHECKER_FACTS_MERGE_H
#define IOMEMCHECK_CHECKER_FACTS_MERGE_H

#include "options.h"

/* Merges the facts files of the DIRs (cli->files) into the database of
 * -o/--output; the exit status (0, or 2 with a one-line error). */
int imc_facts_merge_cli(const struct imc_cli *cli);

#endif
