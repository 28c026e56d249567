// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inline suppressions: a comment on the finding's line or the line above,
 *
 *     iomemcheck-ignore(RULE): reason
 *
 * A suppression without a reason does not count: the reason is the review.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "iomemcheck.h"
#include "source.h"
#include "util.h"

static const char marker[] = "iomemcheck-ignore(";

/* Whether `text` carries a suppression for rule with a non-empty reason. */
static bool suppresses(const char *text, const char *rule)
{
	const char *p = text;
	size_t len = strlen(rule);

	while ((p = strstr(p, marker))) {
		const char *r = p + sizeof(marker) - 1;

		p = r;
		if (strncmp(r, rule, len) || r[len] != ')' || r[len + 1] != ':')
			continue;
		/* The reason is inside the comment: code after it does not count. */
		for (r += len + 2; *r && *r != '\n' && strncmp(r, "*/", 2); r++)
			if (isalnum((unsigned char)*r))
				return true;
	}
	return false;
}

static char *line_text(struct imc_sources *src, const char *file, uint32_t line)
{
	struct imc_range r = {.valid = true};

	if (!line)
		return NULL;
	r.begin = (struct imc_loc){file, line, 1};
	r.end = (struct imc_loc){file, line + 1, 1};
	return imc_source_text(src, &r);
}

static bool is_suppressed(struct imc_sources *src, const struct imc_finding *f)
{
	char *here = line_text(src, f->loc.file, f->loc.line);
	char *above = line_text(src, f->loc.file, f->loc.line - 1);
	bool yes = (here && suppresses(here, f->rule)) ||
		   (above && suppresses(above, f->rule));

	free(here);
	free(above);
	return yes;
}

size_t imc_findings_suppress(struct imc_findings *f)
{
	struct imc_sources *src = imc_sources_new();
	size_t i, n = 0, dropped = 0;

	for (i = 0; i < f->n; i++) {
		if (!is_suppressed(src, &f->v[i])) {
			f->v[n++] = f->v[i];
			continue;
		}
		imc_finding_release(&f->v[i]);
		dropped++;
	}
	f->n = n;
	imc_sources_free(src);
	return dropped;
}
