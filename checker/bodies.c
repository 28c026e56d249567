// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which skipped header bodies the analysis needs (see parse.c).
 *
 * The first parse skips the function bodies of the #include preamble. A
 * header function the main file reaches is then lowered with an empty body,
 * which is right as long as its body could not change a finding in the main
 * file: its summary (what it does with the pointers it gets, what it returns
 * or stores) only matters for I/O memory and maps. So a skipped body is
 * needed when its function's type mentions __iomem or a map struct, or when
 * a call passes it an argument that may carry I/O memory or a map.
 *
 * "May carry" is a flow-insensitive over-approximation over the whole TU: a
 * value is tainted when an expression of it has an __iomem or map type,
 * reads a variable, struct member or function result that ever received a
 * tainted value, or calls a function the rules know (an I/O source, a map
 * function). Over-approximating only costs a re-parse; missing one would
 * change findings, which the DRM comparison in docs/performance.md checks.
 */
#include <stdlib.h>

#include "bodies.h"
#include "ir.h"
#include "rules.h"
#include "util.h"

struct taint {
	const struct imc_tu *tu;
	const struct imc_rules *rules;
	bool *var; /* by imc_var id */
	uint32_t nvars;
	struct imc_ptrmap member; /* interned member name -> (void *)1 */
	struct imc_ptrmap ret; /* interned function name -> (void *)1 */
	struct imc_ptrmap params; /* interned function name -> its imc_func */
	bool changed;
};

static bool type_matters(const struct imc_rules *rules,
			 const struct imc_type *t)
{
	uint32_t i;

	for (; t; t = t->pointee) {
		if (t->iomem ||
		    (t->kind == IMC_T_STRUCT && t->tag &&
		     imc_rules_find(rules, IMC_R_MAP_STRUCT, t->tag)))
			return true;
		if (t->kind == IMC_T_FUNC) {
			for (i = 0; i < t->nparams; i++)
				if (type_matters(rules, t->params[i]))
					return true;
			return type_matters(rules, t->ret);
		}
	}
	return false;
}

static bool rules_know(const struct imc_rules *rules, const char *name)
{
	int d;

	for (d = 0; d < IMC_R_COUNT; d++)
		if (d != IMC_R_MAP_STRUCT && d != IMC_R_IO_FIELD &&
		    imc_rules_find(rules, (enum imc_directive)d, name))
			return true;
	return false;
}

/* Calls whose effect the rules describe, so that the body's summary is not
 * read (core/flow.c, eval_call: accessors and I/O sources) or only for a
 * returned pointer (memory and map functions: a map test's truth value or a
 * memcpy()'s void carries no I/O memory anyone could access). */
static bool rules_decide(const struct imc_rules *rules,
			 const struct imc_func *fn)
{
	const struct imc_type *ret = fn->type ? fn->type->ret : NULL;
	int d;

	if (imc_rules_find(rules, IMC_R_ACCESSOR, fn->name) ||
	    imc_rules_find(rules, IMC_R_IO_SOURCE, fn->name))
		return true;
	if (ret && (ret->kind == IMC_T_PTR || ret->kind == IMC_T_STRUCT ||
		    ret->kind == IMC_T_UNION))
		return false;
	for (d = 0; d < IMC_R_COUNT; d++)
		if (d != IMC_R_MAP_STRUCT && d != IMC_R_IO_FIELD &&
		    d != IMC_R_REWRITE &&
		    imc_rules_find(rules, (enum imc_directive)d, fn->name))
			return true;
	return false;
}

static bool var_tainted(const struct taint *t, const struct imc_var *v)
{
	return v && v->id < t->nvars && t->var[v->id];
}

static bool tainted(const struct taint *t, const struct imc_node *n)
{
	uint32_t i;

	if (!n)
		return false;
	if (type_matters(t->rules, n->type) || var_tainted(t, n->var) ||
	    (n->var && type_matters(t->rules, n->var->type)))
		return true;
	if (n->kind == IMC_FIELD && n->name &&
	    imc_ptrmap_get(&t->member, (uintptr_t)n->name))
		return true;
	if (n->kind == IMC_CALL && n->name &&
	    (rules_know(t->rules, n->name) ||
	     imc_ptrmap_get(&t->ret, (uintptr_t)n->name)))
		return true;
	for (i = 0; i < n->nkids; i++)
		if (tainted(t, n->kids[i]))
			return true;
	return false;
}

static void mark_var(struct taint *t, const struct imc_var *v)
{
	if (v && v->id < t->nvars && !t->var[v->id]) {
		t->var[v->id] = true;
		t->changed = true;
	}
}

static void mark_name(struct taint *t, struct imc_ptrmap *m, const char *name)
{
	if (name && !imc_ptrmap_get(m, (uintptr_t)name)) {
		imc_ptrmap_put(m, (uintptr_t)name, (void *)1);
		t->changed = true;
	}
}

/* Where a tainted value goes: the variable or member assigned. */
static void mark_target(struct taint *t, const struct imc_node *lhs)
{
	while (lhs && (lhs->kind == IMC_DEREF || lhs->kind == IMC_INDEX ||
		       lhs->kind == IMC_CAST))
		lhs = imc_kid(lhs, 0);
	if (!lhs)
		return;
	if (lhs->kind == IMC_VAR)
		mark_var(t, lhs->var);
	else if (lhs->kind == IMC_FIELD)
		mark_name(t, &t->member, lhs->name);
}

/* A call passing tainted arguments taints the callee's parameters. */
static void mark_params(struct taint *t, const struct imc_node *call)
{
	const struct imc_func *fn;
	uint32_t i;

	if (!call->name ||
	    !(fn = imc_ptrmap_get(&t->params, (uintptr_t)call->name)))
		return;
	for (i = IMC_CALL_ARG0; i < call->nkids; i++)
		if (i - IMC_CALL_ARG0 < fn->nparams &&
		    tainted(t, call->kids[i]))
			mark_var(t, fn->params[i - IMC_CALL_ARG0]);
}

static void propagate(struct taint *t, const struct imc_func *fn,
		      const struct imc_node *n)
{
	uint32_t i;

	if (!n)
		return;
	switch (n->kind) {
	case IMC_ASSIGN:
		if (tainted(t, imc_kid(n, 1)))
			mark_target(t, imc_kid(n, 0));
		break;
	case IMC_DECL:
		if (tainted(t, imc_kid(n, 0)))
			mark_var(t, n->var);
		break;
	case IMC_RETURN:
		if (tainted(t, imc_kid(n, 0)))
			mark_name(t, &t->ret, fn->name);
		break;
	case IMC_DESIG:
		if (n->name && tainted(t, imc_kid(n, 0)))
			mark_name(t, &t->member, n->name);
		break;
	case IMC_CALL:
		mark_params(t, n);
		/* a pointer argument may come back with anything in it */
		for (i = IMC_CALL_ARG0; i < n->nkids; i++)
			if (n->kids[i] && n->kids[i]->kind == IMC_ADDR &&
			    tainted(t, n))
				mark_target(t, imc_kid(n->kids[i], 0));
		break;
	default:
		break;
	}
	for (i = 0; i < n->nkids; i++)
		propagate(t, fn, n->kids[i]);
}

/* The first call of a skipped function that needs its body, or NULL. */
static const struct imc_node *needing_call(const struct taint *t,
					   const struct imc_ptrmap *skipped,
					   const struct imc_node *n)
{
	const struct imc_node *found;
	const struct imc_func *fn;
	uint32_t i;

	if (!n)
		return NULL;
	if (n->kind == IMC_CALL && n->name &&
	    (fn = imc_ptrmap_get(skipped, (uintptr_t)n->name)) &&
	    !rules_decide(t->rules, fn))
		for (i = IMC_CALL_ARG0; i < n->nkids; i++)
			if (tainted(t, n->kids[i]))
				return n;
	for (i = 0; i < n->nkids; i++)
		if ((found = needing_call(t, skipped, n->kids[i])))
			return found;
	return NULL;
}

static uint32_t max_var_id(const struct imc_node *n, uint32_t max)
{
	uint32_t i;

	if (!n)
		return max;
	if (n->var && n->var->id >= max)
		max = n->var->id + 1;
	for (i = 0; i < n->nkids; i++)
		max = max_var_id(n->kids[i], max);
	return max;
}

static void taint_init(struct taint *t, const struct imc_tu *tu,
		       const struct imc_rules *rules)
{
	uint32_t i, k;

	t->tu = tu;
	t->rules = rules;
	for (i = 0; i < imc_tu_nfuncs(tu); i++) {
		const struct imc_func *fn = imc_tu_func(tu, i);

		imc_ptrmap_put(&t->params, (uintptr_t)fn->name, (void *)fn);
		t->nvars = max_var_id(fn->body, t->nvars);
		for (k = 0; k < fn->nparams; k++)
			if (fn->params[k]->id >= t->nvars)
				t->nvars = fn->params[k]->id + 1;
	}
	t->var = imc_xcalloc(t->nvars + 1, sizeof(bool));
}

bool imc_bodies_needed(const struct imc_tu *tu,
		       const struct imc_ptrmap *skipped,
		       const struct imc_rules *rules, const char **why)
{
	struct taint t = {0};
	const struct imc_node *call = NULL;
	uint32_t i;

	*why = NULL;
	for (i = 0; i < imc_tu_nfuncs(tu); i++) {
		const struct imc_func *fn = imc_tu_func(tu, i);

		if (imc_ptrmap_get(skipped, (uintptr_t)fn->name) &&
		    type_matters(rules, fn->type) && !rules_decide(rules, fn)) {
			*why = fn->name;
			return true;
		}
	}
	taint_init(&t, tu, rules);
	do {
		t.changed = false;
		for (i = 0; i < imc_tu_nfuncs(tu); i++)
			propagate(&t, imc_tu_func(tu, i),
				  imc_tu_func(tu, i)->body);
	} while (t.changed);
	for (i = 0; !call && i < imc_tu_nfuncs(tu); i++)
		call = needing_call(&t, skipped, imc_tu_func(tu, i)->body);
	if (call)
		*why = call->name;
	free(t.var);
	imc_ptrmap_free(&t.member);
	imc_ptrmap_free(&t.ret);
	imc_ptrmap_free(&t.params);
	return call != NULL;
}
