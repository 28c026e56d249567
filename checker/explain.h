/* SPDX-License-Identifier: GPL-2.0-only */
/* --explain RULE: the rule's page, built into the binary. */
#ifndef IOMEMCHECK_CHECKER_EXPLAIN_H
#define IOMEMCHECK_CHECKER_EXPLAIN_H

#include <stdio.h>

struct imc_explain_page {
	const char *rule; /* docs/rules/RULE.md */
	const char *text; /* its bytes, NUL-terminated */
};
/* explain-pages.c, generated at build time (embed-pages.cmake) */
extern const struct imc_explain_page imc_explain_pages[];
extern const unsigned imc_explain_npages;

/* Prints RULE's page and how to suppress its findings to out. Returns 0,
 * or -1 (nothing printed) if RULE is not in the rule catalogue or has no
 * page. */
int imc_explain(FILE *out, const char *rule);

#endif
