// SPDX-License-Identifier: GPL-2.0-only
/*
 * Driver: summaries for every function of the TU (callers need them), then
 * one reporting run per function, then findings sorted and de-duplicated.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "callgraph.h"

#define SUMMARY_ROUNDS 4
#define HOLDER_ROUNDS  4

const char *why(struct analysis *a, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return imc_strset_intern(&a->strings, buf);
}

const struct callee_rules *rules_for(struct analysis *a, const char *name)
{
	static const struct callee_rules none;
	struct callee_rules *cr;
	int d;

	if (!name)
		return &none;
	cr = imc_ptrmap_get(&a->callee_rules, (uintptr_t)name);
	if (cr)
		return cr;
	cr = imc_xcalloc(1, sizeof(*cr));
	for (d = 0; d < IMC_R_COUNT; d++)
		cr->r[d] = rule_find(a, (enum imc_directive)d, name);
	imc_ptrmap_put(&a->callee_rules, (uintptr_t)name, cr);
	return cr;
}

int32_t function_index(const struct analysis *a, const char *name)
{
	void *p = name ? imc_ptrmap_get(&a->fn_index, (uintptr_t)name) : NULL;

	return p ? (int32_t)((uintptr_t)p - 1) : -1;
}

size_t add_finding(struct analysis *a, const char *rule,
		   const struct imc_node *at, char *message)
{
	struct imc_findings *out = a->out;
	struct imc_finding *f;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = imc_xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	f = &out->v[out->n];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->loc = at->loc;
	f->loc.file = imc_intern_forever(at->loc.file);
	f->fe_loc = at->range.fe_begin;
	f->message = message;
	return out->n++;
}

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

static bool wanted(const struct analysis *a, const char *file)
{
	return a->opts->report_headers || file == imc_tu_main_file(a->tu) ||
	       (file && !strcmp(file, imc_tu_main_file(a->tu)));
}

static bool summary_eq(const struct summary *x, const struct summary *y)
{
	return x->mem_params == y->mem_params &&
	       x->ret_params == y->ret_params && x->ret_mem == y->ret_mem &&
	       x->out_params == y->out_params && x->out_mem == y->out_mem &&
	       x->skipped_params == y->skipped_params;
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
	    (n->kind == IMC_CALL && n->name && call_matters(a, n->name)))
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
		if (relevant[i] && wanted(a, imc_tu_func(a->tu, i)->loc.file)) {
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
static void sort_and_filter(struct imc_findings *out, size_t from,
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
	a.first_finding = out->n;
	/* the front end's cache (the plugin's has the text it lowered) */
	a.sources = a.opts->sources ? a.opts->sources : imc_sources_new();
	a.sums = imc_xcalloc(imc_tu_nfuncs(tu) + 1, sizeof(*a.sums));
	index_functions(&a);
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
	for (i = 0; i < a.callee_rules.cap; i++)
		free(a.callee_rules.vals[i]);
	imc_ptrmap_free(&a.callee_rules);
	holders_free(&a);
	origins_free(&a);
	free(a.gen_active);
	imc_strset_free(&a.strings);
	if (a.sources != a.opts->sources)
		imc_sources_free(a.sources);
	return 0;
}
