// SPDX-License-Identifier: GPL-2.0-only
/*
 * Driver: summaries for every function of the TU (callers need them), then
 * one reporting run per function, then findings sorted and de-duplicated.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "callgraph.h"
#include "checks.h"
#include "facts_internal.h"

#define SUMMARY_ROUNDS 4
#define HOLDER_ROUNDS  4

static bool summary_eq(const struct summary *x, const struct summary *y)
{
	return x->mem_params == y->mem_params &&
	       x->ret_params == y->ret_params && x->ret_mem == y->ret_mem &&
	       x->out_params == y->out_params && x->out_mem == y->out_mem &&
	       x->skipped_params == y->skipped_params &&
	       x->ret_deps == y->ret_deps;
}

struct reach {
	struct analysis *a;
	bool *needed;
	uint32_t *queue, tail;
};

/* Marks a function a call reaches (by name, within this TU). */
static void mark_callee(const char *name, void *ctx)
{
	struct reach *r = ctx;
	int32_t fi = function_index(r->a, name);

	if (fi >= 0 && !r->needed[fi]) {
		r->needed[fi] = true;
		r->queue[r->tail++] = fi;
	}
}

/* ---- relevance --------------------------------------------------------
 * A finding needs I/O memory or a map: an __iomem type, a map struct, or a
 * call the rules know (an I/O source, a map API). A function that has none
 * of these, and calls no function that has, starts from nothing its
 * dataflow could turn into a finding: it is not analysed (most kernel
 * functions, which would otherwise dominate the plugin's cost). */

static bool type_matters(struct analysis *a, const struct imc_type *t)
{
	uint32_t i;

	for (; t; t = t->pointee) {
		if (t->iomem || (t->kind == IMC_T_STRUCT && t->tag &&
				 rules_for(a, t->tag)->r[IMC_R_MAP_STRUCT]))
			return true;
		if (t->kind == IMC_T_FUNC) {
			for (i = 0; i < t->nparams; i++)
				if (type_matters(a, t->params[i]))
					return true;
			return type_matters(a, t->ret);
		}
	}
	return false;
}

/* Calls whose effect the rules describe, so that the body's summary is not
 * read (engine/flow_calls.c: accessors and I/O sources) or only for a
 * returned pointer (memory and map functions: a map test's truth value or
 * a memcpy()'s void carries no I/O memory anyone could access). */
static bool rules_decide(struct analysis *a, const struct imc_func *fn)
{
	const struct imc_type *ret = fn->type ? fn->type->ret : NULL;
	const struct callee_rules *cr = rules_for(a, fn->name);
	int d;

	if (cr->r[IMC_R_ACCESSOR] || cr->r[IMC_R_IO_SOURCE])
		return true;
	if (ret && (ret->kind == IMC_T_PTR || ret->kind == IMC_T_STRUCT ||
		    ret->kind == IMC_T_UNION))
		return false;
	for (d = 0; d < IMC_R_COUNT; d++)
		if (d != IMC_R_MAP_STRUCT && d != IMC_R_IO_FIELD &&
		    d != IMC_R_REWRITE && cr->r[d])
			return true;
	return false;
}

static void callee_rules_free(struct analysis *a)
{
	size_t i;

	for (i = 0; i < a->callee_rules.cap; i++)
		free(a->callee_rules.vals[i]);
	imc_ptrmap_free(&a->callee_rules);
}

const char *imc_bodies_needed(struct imc_tu *tu,
			      const struct imc_ptrmap *skipped,
			      const struct imc_rules *rules,
			      const struct imc_options *opts)
{
	static const struct imc_options defaults;
	struct analysis a = {0};
	const char *need = NULL;
	uint32_t i;

	a.tu = tu;
	a.rules = rules;
	a.opts = opts ? opts : &defaults;
	generations_select(&a);
	for (i = 0; i < imc_tu_nfuncs(tu) && !need; i++) {
		const struct imc_func *fn = imc_tu_func(tu, i);

		if (imc_ptrmap_get(skipped, (uintptr_t)fn->name) &&
		    type_matters(&a, fn->type) && !rules_decide(&a, fn))
			need = fn->name;
	}
	callee_rules_free(&a);
	free(a.gen_active);
	return need;
}

static bool call_matters(struct analysis *a, const char *name)
{
	const struct callee_rules *cr = rules_for(a, name);
	int d;

	for (d = 0; d < IMC_R_COUNT; d++)
		if (cr->r[d] && d != IMC_R_MEMFN && d != IMC_R_REWRITE)
			return true;
	return false;
}

static bool node_matters(struct analysis *a, const struct imc_node *n)
{
	uint32_t i;

	if (!n)
		return false;
	if (type_matters(a, n->type) || type_matters(a, n->fntype) ||
	    (n->var && type_matters(a, n->var->type)) || holder_read(a, n) ||
	    (n->kind == IMC_CALL && n->name && call_matters(a, n->name)) ||
	    facts_matter(a, n))
		return true;
	for (i = 0; i < n->nkids; i++)
		if (node_matters(a, n->kids[i]))
			return true;
	return false;
}

static bool func_matters(struct analysis *a, const struct imc_func *fn)
{
	uint32_t i;

	if (type_matters(a, fn->type))
		return true;
	for (i = 0; i < fn->nparams; i++)
		if (type_matters(a, fn->params[i]->type))
			return true;
	return node_matters(a, fn->body);
}

struct call_edges {
	struct analysis *a;
	uint32_t caller;
	uint32_t *from, *to; /* edge k: from[k] calls to[k] */
	size_t n, cap;
};

static void add_edge(const char *name, void *ctx)
{
	struct call_edges *e = ctx;
	int32_t callee = function_index(e->a, name);

	if (callee < 0)
		return;
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 64;
		e->from = imc_xrealloc(e->from, e->cap * sizeof(*e->from));
		e->to = imc_xrealloc(e->to, e->cap * sizeof(*e->to));
	}
	e->from[e->n] = e->caller;
	e->to[e->n++] = (uint32_t)callee;
}

/* Functions that matter themselves or call, directly or not, one that
 * does: a breadth-first walk up the call graph from the former. */
static bool *relevant_functions(struct analysis *a)
{
	uint32_t n = imc_tu_nfuncs(a->tu), i, head = 0, tail = 0, j;
	bool *relevant = imc_xcalloc(n + 1, sizeof(bool));
	uint32_t *queue = imc_xcalloc(n + 1, sizeof(uint32_t));
	uint32_t *first = imc_xcalloc(n + 2, sizeof(uint32_t)), *callers;
	struct call_edges e = {.a = a};
	size_t k;

	for (i = 0; i < n; i++) {
		e.caller = i;
		imc_for_each_callee(imc_tu_func(a->tu, i)->body, add_edge, &e);
		if ((relevant[i] = func_matters(a, imc_tu_func(a->tu, i))))
			queue[tail++] = i;
	}
	/* callers of j: callers[first[j] .. first[j + 1]) */
	for (k = 0; k < e.n; k++)
		first[e.to[k] + 1]++;
	for (i = 0; i < n; i++)
		first[i + 1] += first[i];
	callers = imc_xcalloc(e.n + 1, sizeof(uint32_t));
	for (k = 0; k < e.n; k++)
		callers[first[e.to[k]]++] = e.from[k];
	for (i = n; i > 0; i--) /* the fill moved each start to the next */
		first[i] = first[i - 1];
	first[0] = 0;
	while (head < tail) {
		uint32_t callee = queue[head++];

		for (j = first[callee]; j < first[callee + 1]; j++)
			if (!relevant[callers[j]]) {
				relevant[callers[j]] = true;
				queue[tail++] = callers[j];
			}
	}
	free(callers);
	free(first);
	free(e.from);
	free(e.to);
	free(queue);
	return relevant;
}

/* Only relevant functions reported on, and what they call, need
 * analysing: a kernel TU brings thousands of static inline functions from
 * headers it never calls. */
static bool *needed_functions(struct analysis *a, const bool *relevant)
{
	uint32_t n = imc_tu_nfuncs(a->tu), i, head = 0;
	struct reach r = {a, imc_xcalloc(n + 1, sizeof(bool)),
			  imc_xcalloc(n + 1, sizeof(uint32_t)), 0};

	for (i = 0; i < n; i++)
		/* collecting facts: what every function does with its
		 * parameters, I/O memory in sight or not */
		if ((relevant[i] || a->facts) &&
		    wanted(a, imc_tu_func(a->tu, i)->loc.file)) {
			r.needed[i] = true;
			r.queue[r.tail++] = i;
		}
	while (head < r.tail)
		imc_for_each_callee(imc_tu_func(a->tu, r.queue[head++])->body,
				    mark_callee, &r);
	free(r.queue);
	return r.needed;
}

/* Callees first: only recursion needs a second round to settle. */
static void compute_summaries(struct analysis *a, const bool *needed)
{
	uint32_t n, k, round, *order = summary_order(a, needed, &n);
	uint32_t rounds = analysis_cap("summary-rounds", SUMMARY_ROUNDS);
	bool *changed = imc_xcalloc(n + 1, sizeof(*changed)), any = true;

	for (round = 0; any && round < rounds; round++) {
		any = false;
		for (k = 0; k < n; k++) {
			uint32_t i = order[k];
			struct summary before = a->sums[i];

			flow_run_function(a, i, &a->sums[i], false);
			changed[k] = !summary_eq(&before, &a->sums[i]);
			any |= changed[k];
		}
	}
	for (k = 0; any && k < n; k++) /* the callers we report on */
		if (changed[k] &&
		    wanted(a, imc_tu_func(a->tu, order[k])->loc.file))
			analysis_limit(a, imc_tu_func(a->tu, order[k]),
				       "what '%s' does with its arguments did "
				       "not settle in %u rounds of call "
				       "summaries; findings at its callers "
				       "may be incomplete",
				       imc_tu_func(a->tu, order[k])->name,
				       rounds);
	free(changed);
	free(order);
}

static void index_functions(struct analysis *a)
{
	uint32_t i;

	for (i = 0; i < imc_tu_nfuncs(a->tu); i++) {
		const struct imc_func *fn = imc_tu_func(a->tu, i);

		if (fn->body && fn->name)
			imc_ptrmap_put(&a->fn_index, (uintptr_t)fn->name,
				       (void *)(uintptr_t)(i + 1));
	}
}

/* At the unit's first own function: holders are the unit's, not one
 * function's. */
static void holders_limit(struct analysis *a, uint32_t rounds)
{
	uint32_t i;

	for (i = 0; i < imc_tu_nfuncs(a->tu); i++)
		if (wanted(a, imc_tu_func(a->tu, i)->loc.file))
			break;
	if (i < imc_tu_nfuncs(a->tu))
		analysis_limit(a, imc_tu_func(a->tu, i),
			       "which struct members and variables hold I/O "
			       "memory did not settle in %u rounds; findings "
			       "through them may be incomplete",
			       rounds);
}

int imc_analyze(struct imc_tu *tu, const struct imc_rules *rules,
		const struct imc_options *opts, struct imc_findings *out)
{
	static const struct imc_options defaults;
	struct analysis a = {0};
	uint32_t holder_rounds = analysis_cap("holder-rounds", HOLDER_ROUNDS);
	bool *needed, *relevant;
	uint32_t i, round;

	a.tu = tu;
	a.rules = rules;
	a.opts = opts ? opts : &defaults;
	a.out = out;
	a.checks = imc_checks;
	a.first_finding = out->n;
	/* the front end's cache (the plugin's has the text it lowered) */
	a.sources = a.opts->sources ? a.opts->sources : imc_sources_new();
	a.sums = imc_xcalloc(imc_tu_nfuncs(tu) + 1, sizeof(*a.sums));
	a.facts = a.opts->facts;
	index_functions(&a);
	facts_db_open(&a);
	generations_select(&a);
	/* Members and variables found to hold I/O memory make more functions
	 * relevant, whose assignments may find more: until nothing new. */
	for (round = 0;; round++) {
		relevant = relevant_functions(&a);
		needed = needed_functions(&a, relevant);
		a.holders_changed = false;
		compute_summaries(&a, needed);
		if (!a.holders_changed)
			break;
		if (round == holder_rounds) {
			holders_limit(&a, holder_rounds);
			break;
		}
		free(needed);
		free(relevant);
	}
	if (a.facts)
		facts_collect(&a);
	for (i = 0; i < imc_tu_nfuncs(tu); i++) {
		const struct imc_func *fn = imc_tu_func(tu, i);

		/* An accessor's body is where plain access to I/O memory is
		 * right (readl() on x86: `*(volatile u32 __force *)addr`). */
		if (relevant[i] && wanted(&a, fn->loc.file) &&
		    !rules_for(&a, fn->name)->r[IMC_R_ACCESSOR])
			flow_run_function(&a, i, NULL, true);
	}
	free(needed);
	free(relevant);
	fixits_finalize(&a);
	sort_and_filter(out, a.first_finding, &a);
	group_findings(out, a.first_finding);
	free(a.edits);
	free(a.sums);
	imc_ptrmap_free(&a.fn_index);
	callee_rules_free(&a);
	holders_free(&a);
	origins_free(&a);
	facts_db_close(&a);
	free(a.gen_active);
	imc_strset_free(&a.strings);
	if (a.sources != a.opts->sources)
		imc_sources_free(a.sources);
	return 0;
}
