/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The HTML report (--format=html -o DIR): DIR/index.html lists the findings
 * by rule, file and line; one page per finding shows its source with the
 * path events and the primary line highlighted, and the fix-it as a diff.
 * Static files: inline CSS, no script, nothing fetched. The source is read
 * when the report is written, by the paths the findings name.
 */
#ifndef IOMEMCHECK_HTML_H
#define IOMEMCHECK_HTML_H

#include <stddef.h>

#include "iomemcheck.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the report of f into dir (made if missing). Returns the number
 * of findings, or -1 with a one-line err. */
int imc_html_write_findings(const struct imc_findings *f, const char *dir,
			    char *err, size_t errlen);

/* The same for iomemcheck JSON reports (--format=json, the plugin's
 * report=FILE, --merge's output): their findings together, one of equal
 * ones. Returns the number of findings whose rule is in one of the
 * fail_on lists ("RULE,RULE"; none: every finding), or -1 with err. */
int imc_html_write_reports(const char *const *paths, size_t n, const char *dir,
			   const char *const *fail_on, size_t nfail_on,
			   char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
