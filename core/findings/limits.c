// SPDX-License-Identifier: GPL-2.0-only
/*
 * The analysis' caps (passes over a loop region, rounds of call summaries
 * and of I/O holders) keep a pathological unit from running for ever. A cap
 * that cuts changes results, so it says so: a note at the function, kept
 * apart from the findings (it fails no run and no baseline records it).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

uint32_t analysis_cap(const char *name, uint32_t dflt)
{
	const char *env = getenv("IOMEMCHECK_LIMITS"), *p;
	size_t len = strlen(name);

	for (p = env; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, len) && p[len] == '=') {
			unsigned long v = strtoul(p + len + 1, NULL, 10);

			return v ? (uint32_t)v : dflt;
		}
	return dflt;
}

void analysis_limit(struct analysis *a, const struct imc_func *fn,
		    const char *fmt, ...)
{
	struct imc_findings *out = a->out;
	struct imc_event *e;
	char message[512];
	va_list ap;
	uint32_t k;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	for (k = 0; k < out->nlimits; k++)
		if (!strcmp(out->limits[k].message, message))
			return;
	out->limits = imc_xrealloc(out->limits,
				   (out->nlimits + 1) * sizeof(*out->limits));
	e = &out->limits[out->nlimits++];
	memset(e, 0, sizeof(*e));
	e->loc = fn->loc;
	e->loc.file = fn->loc.file ? imc_intern_forever(fn->loc.file) : NULL;
	e->kind = "note";
	e->message = imc_xstrdup(message);
}
