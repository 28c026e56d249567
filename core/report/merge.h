/* SPDX-License-Identifier: GPL-2.0-only */
/* --merge: one report out of the reports of several --shard runs. */
#ifndef IOMEMCHECK_MERGE_H
#define IOMEMCHECK_MERGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct imc_merge_opts {
	/* --fail-on lists ("RULE,RULE"): only findings of these rules count
	 * in the return value; none: every finding counts */
	const char *const *fail_on;
	size_t nfail_on;
	/* "json" or "sarif": the inputs must be of that kind; NULL: any */
	const char *format;
};

/* Merges iomemcheck JSON reports, SARIF reports or baselines (all of one
 * kind) into one document of that kind, as the run over all their units
 * would have written it: findings in the order of imc_findings_sort(), one
 * of duplicates (a header finding seen by several shards), the SARIF rule
 * catalogue once. Writes it to output, atomically, or to stdout if output
 * is NULL. Returns the number of findings that count (opts->fail_on), or
 * -1 with a one-line err. */
int imc_merge_files(const char *const *paths, size_t n, const char *output,
		    const struct imc_merge_opts *opts, char *err,
		    size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
