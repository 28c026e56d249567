// SPDX-License-Identifier: GPL-2.0-only
/*
 * --explain RULE: the rule's page (docs/rules/RULE.md, embedded at build
 * time so that an installed binary has it), then how to silence its
 * findings, which is the same for every rule and so not on the pages.
 */
#include <string.h>

#include "explain.h"
#include "iomemcheck.h"

static const char *page_of(const char *rule)
{
	unsigned i;

	for (i = 0; i < imc_explain_npages; i++)
		if (!strcmp(imc_explain_pages[i].rule, rule))
			return imc_explain_pages[i].text;
	return NULL;
}

int imc_explain(FILE *out, const char *rule)
{
	const char *page = imc_rule_find(rule) ? page_of(rule) : NULL;
	size_t len;

	if (!page)
		return -1;
	len = strlen(page);
	fputs(page, out);
	if (len && page[len - 1] != '\n')
		fputc('\n', out);
	fprintf(out,
		"\n"
		"## Suppressing it\n"
		"\n"
		"When the access is right (the memory is known to be system "
		"memory\n"
		"on every path), say so where it happens, with a reason; the "
		"comment\n"
		"goes on the finding's line or the line above:\n"
		"\n"
		"    /* iomemcheck-ignore(%s): reason */\n"
		"\n"
		"A finding without a reason is not suppressed. For a whole "
		"tree with\n"
		"known findings record them once (`iomemcheck --write-baseline "
		"FILE`)\n"
		"and report only new ones (`--baseline FILE`); `--fail-on "
		"RULE,...`\n"
		"picks the rules that fail a CI job, and `--diff=REV` reports "
		"only\n"
		"changed lines.\n",
		rule);
	return 0;
}
