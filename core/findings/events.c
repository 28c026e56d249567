// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path events of findings and the grouping of findings by root cause.
 *
 * The dataflow explains why a pointer may be I/O memory with an interned
 * "why" text; each text that has a place in the source is registered here
 * with that place and the text it was derived from (a __force cast of a
 * pointer an ioremap() returned). A finding's events walk that chain back
 * to its source. Grouping then folds the findings of one function and one
 * root cause (a map object, an I/O value's source) into the first of them,
 * the others becoming its "access" events.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "facts_internal.h"

#define CHAIN_MAX 8

/* One per why and function (the same text, "map 'map' is not tested...",
 * names other places in other functions); the newest first. A text such
 * as "'p' is declared __iomem" has one in every function with a parameter
 * p, so a function's own is found through a->origin_in_fn, not by walking
 * the list (that walk made the analysis quadratic in the functions). */
struct origin {
	struct origin *next;
	const struct imc_func *fn;
	struct imc_loc loc;
	uintptr_t fe;
	const char *kind;
	const char *prev; /* the why this one was derived from, or NULL */
	char *message;
};

void imc_finding_add_event(struct imc_finding *f, const char *kind,
			   const struct imc_loc *loc, uintptr_t fe_loc,
			   const char *message)
{
	struct imc_event *e;

	f->events =
		imc_xrealloc(f->events, (f->nevents + 1) * sizeof(*f->events));
	e = &f->events[f->nevents++];
	e->loc = *loc;
	e->loc.file = loc->file ? imc_intern_forever(loc->file) : NULL;
	e->fe_loc = fe_loc;
	e->kind = kind;
	e->message = imc_xstrdup(message);
}

void origin_note(struct analysis *a, const char *why, const struct imc_node *at,
		 const char *kind, const char *prev, char *message)
{
	const struct imc_func *fn = a->current ? a->current->fn : NULL;
	struct origin *o;

	if (!why || !at || !at->loc.line ||
	    imc_pairmap_get(&a->origin_in_fn, (uintptr_t)why, (uintptr_t)fn)) {
		free(message);
		return;
	}
	o = imc_xcalloc(1, sizeof(*o));
	o->next = imc_ptrmap_get(&a->origins, (uintptr_t)why);
	o->fn = fn;
	o->loc = at->loc;
	o->fe = at->range.fe_begin;
	o->kind = kind;
	o->prev = prev != why ? prev : NULL;
	o->message = message;
	imc_ptrmap_put(&a->origins, (uintptr_t)why, o);
	imc_pairmap_put(&a->origin_in_fn, (uintptr_t)why, (uintptr_t)fn, o);
}

void finding_event(struct analysis *a, size_t f, const char *kind,
		   const struct imc_node *at, char *message)
{
	imc_finding_add_event(&a->out->v[f], kind, &at->loc, at->range.fe_begin,
			      message);
	free(message);
}

/* WHY's origin in the current function, else the newest (a callee's). */
static const struct origin *lookup(struct analysis *a, const char *why)
{
	const struct imc_func *fn = a->current ? a->current->fn : NULL;
	const struct origin *o = imc_pairmap_get(&a->origin_in_fn,
						 (uintptr_t)why, (uintptr_t)fn);

	return o ? o : imc_ptrmap_get(&a->origins, (uintptr_t)why);
}

bool origin_place(struct analysis *a, const char *why, bool root,
		  struct imc_loc *loc, const char **message)
{
	const struct origin *o = why ? lookup(a, why) : NULL, *up;
	int n = 0;

	while (root && o && o->prev && n++ < CHAIN_MAX &&
	       (up = lookup(a, o->prev)))
		o = up;
	if (!o)
		return false;
	*loc = o->loc;
	if (message)
		*message = o->message;
	return true;
}

bool finding_events_from(struct analysis *a, size_t f, const char *why)
{
	const struct origin *chain[CHAIN_MAX];
	int n = 0;
	bool found;

	while (why && n < CHAIN_MAX) {
		const struct origin *o = lookup(a, why);

		if (!o)
			break;
		chain[n++] = o;
		why = o->prev;
	}
	found = n > 0;
	while (n-- > 0)
		imc_finding_add_event(&a->out->v[f], chain[n]->kind,
				      &chain[n]->loc, chain[n]->fe,
				      chain[n]->message ? chain[n]->message
							: "I/O memory");
	return found;
}

void finding_cause(struct analysis *a, size_t f, const char *fn,
		   const void *cause)
{
	if (cause && !a->opts->per_access)
		a->out->v[f].cause = why(a, "%s:%s:%p", fn ? fn : "",
					 a->out->v[f].rule, cause);
}

void origins_free(struct analysis *a)
{
	size_t i;

	for (i = 0; i < a->origins.cap; i++) {
		struct origin *o = a->origins.vals[i], *next;

		for (; o; o = next) {
			next = o->next;
			free(o->message);
			free(o);
		}
	}
	imc_ptrmap_free(&a->origins);
	imc_pairmap_free(&a->origin_in_fn);
}

static bool has_fixit(const struct imc_finding *g, const struct imc_fixit *x)
{
	uint32_t k;

	for (k = 0; k < g->nfixits; k++)
		if (g->fixits[k].begin.line == x->begin.line &&
		    g->fixits[k].begin.col == x->begin.col &&
		    g->fixits[k].end.line == x->end.line &&
		    g->fixits[k].end.col == x->end.col &&
		    !strcmp(g->fixits[k].begin.file, x->begin.file) &&
		    !strcmp(g->fixits[k].text, x->text))
			return true;
	return false;
}

/* Folds member m into the grouped finding g: its access and call events,
 * and its fix-its (so that --fix still fixes every access; a rewrite of
 * several lines is on each finding it fixes, and is taken once). */
static void fold(struct imc_finding *g, struct imc_finding *m)
{
	uint32_t k;

	for (k = 0; k < m->nevents; k++)
		if (!strcmp(m->events[k].kind, "access") ||
		    !strcmp(m->events[k].kind, "call"))
			imc_finding_add_event(
				g, m->events[k].kind, &m->events[k].loc,
				m->events[k].fe_loc, m->events[k].message);
	for (k = 0; k < m->nfixits; k++) {
		if (has_fixit(g, &m->fixits[k]))
			continue;
		g->fixits = imc_xrealloc(g->fixits,
					 (g->nfixits + 1) * sizeof(*g->fixits));
		g->fixits[g->nfixits++] = m->fixits[k];
		m->fixits[k].text = NULL; /* now g's */
	}
	imc_finding_release(m);
}

/* Fixable accesses and the others of one cause are two findings: --fix
 * then removes every finding that has fix-its, and what it cannot fix is
 * still reported, at its own first access. */
void group_findings(struct imc_findings *out, size_t from)
{
	struct imc_ptrmap first[2] = {{0}, {0}}; /* [has fix-its] */
	size_t i, n = from;

	for (i = from; i < out->n; i++) {
		struct imc_finding *f = &out->v[i];
		struct imc_ptrmap *m = &first[f->nfixits > 0];
		void *g = f->cause ? imc_ptrmap_get(m, (uintptr_t)f->cause)
				   : NULL;

		if (g) {
			fold(&out->v[(uintptr_t)g - 1], f);
			continue;
		}
		if (f->cause)
			imc_ptrmap_put(m, (uintptr_t)f->cause,
				       (void *)(uintptr_t)(n + 1));
		out->v[n++] = *f;
	}
	out->n = n;
	for (i = from; i < out->n; i++)
		out->v[i].cause = NULL;
	imc_ptrmap_free(&first[0]);
	imc_ptrmap_free(&first[1]);
}
