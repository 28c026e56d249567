// SPDX-License-Identifier: GPL-2.0-only
/*
 * Findings as a container: releasing them, sorting them, dropping
 * duplicates (their fix-its merge) and the fix-it clash test.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

void imc_finding_release(struct imc_finding *f)
{
	uint32_t k;

	for (k = 0; k < f->nfixits; k++)
		free((char *)f->fixits[k].text);
	free(f->fixits);
	for (k = 0; k < f->nevents; k++)
		free((char *)f->events[k].message);
	free(f->events);
	f->events = NULL;
	f->nevents = 0;
	free((char *)f->message);
	f->fixits = NULL;
	f->nfixits = 0;
	f->message = NULL;
}

void imc_findings_free(struct imc_findings *f)
{
	size_t i;
	uint32_t k;

	for (i = 0; i < f->n; i++)
		imc_finding_release(&f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
	for (k = 0; k < f->nlimits; k++)
		free((char *)f->limits[k].message);
	free(f->limits);
	f->limits = NULL;
	f->nlimits = 0;
}

static int cmp_str(const char *x, const char *y)
{
	return strcmp(x ? x : "", y ? y : "");
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct imc_finding *x = pa, *y = pb;
	int d = cmp_str(x->loc.file, y->loc.file);

	if (d)
		return d;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	if ((d = strcmp(x->rule, y->rule)))
		return d;
	return strcmp(x->message, y->message);
}

static bool same_fixit(const struct imc_fixit *x, const struct imc_fixit *y)
{
	return x->begin.file == y->begin.file &&
	       x->begin.line == y->begin.line && x->begin.col == y->begin.col &&
	       x->end.line == y->end.line && x->end.col == y->end.col &&
	       !strcmp(x->text, y->text);
}

static bool loc_lt(struct imc_loc a, struct imc_loc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

bool imc_fixits_clash(const struct imc_fixit *x, const struct imc_fixit *y)
{
	if (same_fixit(x, y) || cmp_str(x->begin.file, y->begin.file))
		return false;
	if (!loc_lt(x->begin, y->begin) && !loc_lt(y->begin, x->begin) &&
	    (!loc_lt(x->begin, x->end) || !loc_lt(y->begin, y->end)))
		return true;
	return loc_lt(x->begin, y->end) && loc_lt(y->begin, x->end);
}

static bool any_clash(const struct imc_finding *a, const struct imc_finding *b)
{
	uint32_t j, k;

	for (j = 0; j < a->nfixits; j++)
		for (k = 0; k < b->nfixits; k++)
			if (imc_fixits_clash(&a->fixits[j], &b->fixits[k]))
				return true;
	return false;
}

/* A duplicate (one expansion point, two accesses: `pr_info("%d %d\n",
 * r->a, r->b)`) hands its fix-its to the finding kept, which then fixes
 * both, or neither when either has none (--fix removes a finding whole).
 * Other edits of the same text are another unit's alternative (the same
 * file under other flags): the first finding's stay. */
static void merge_fixits(struct imc_finding *kept, struct imc_finding *dup)
{
	uint32_t k, j;

	if (!dup->nfixits) {
		for (k = 0; k < kept->nfixits; k++)
			free((char *)kept->fixits[k].text);
		kept->nfixits = 0;
		return;
	}
	if (any_clash(kept, dup))
		return;
	for (k = 0; kept->nfixits && k < dup->nfixits; k++) {
		for (j = 0; j < kept->nfixits; j++)
			if (same_fixit(&kept->fixits[j], &dup->fixits[k]))
				break;
		if (j < kept->nfixits)
			continue;
		kept->fixits = imc_xrealloc(kept->fixits,
					    (kept->nfixits + 1) *
						    sizeof(*kept->fixits));
		kept->fixits[kept->nfixits] = dup->fixits[k];
		kept->fixits[kept->nfixits++].text =
			imc_xstrdup(dup->fixits[k].text);
	}
}

/* Sorts out->v[from..] and drops duplicates (a macro can bring the same
 * access twice to one expansion point; their fix-its merge) and, with a,
 * unwanted files. */
void sort_and_filter(struct imc_findings *out, size_t from,
		     const struct analysis *a)
{
	size_t i, n = from;

	if (out->n > from)
		qsort(out->v + from, out->n - from, sizeof(*out->v),
		      cmp_finding);
	for (i = from; i < out->n; i++) {
		struct imc_finding *f = &out->v[i];

		if (!(a && !wanted(a, f->loc.file)) && n > from &&
		    !cmp_finding(&out->v[n - 1], f))
			merge_fixits(&out->v[n - 1], f);
		if ((a && !wanted(a, f->loc.file)) ||
		    (n > from && !cmp_finding(&out->v[n - 1], f))) {
			imc_finding_release(f);
			continue;
		}
		out->v[n++] = *f;
	}
	out->n = n;
}

void imc_findings_sort(struct imc_findings *f)
{
	sort_and_filter(f, 0, NULL);
}
