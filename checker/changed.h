/* SPDX-License-Identifier: GPL-2.0-only */
/* --diff=REV: which lines of a file changed since REV (git diff -U0). */
#ifndef IOMEMCHECK_CHECKER_CHANGED_H
#define IOMEMCHECK_CHECKER_CHANGED_H

#include <stdbool.h>
#include <stdint.h>

#include "iomemcheck.h"

struct imc_changed; /* per file: line ranges, or "all" for untracked files */

/* Keeps only findings on lines changed since rev. Returns 0, or -1 with a
 * one-line err if git could not tell. */
int imc_keep_changed(struct imc_findings *f, const char *rev, char *err,
		     size_t errlen);

#endif
