// SPDX-License-Identifier: GPL-2.0-only
/*
 * Refinement of a state on branch conditions: the path sensitivity on
 * is_iomem (a test of a map's flag or a map-test call narrows the map).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"
#include "flow_internal.h"

/* Whether evaluating n can change the state: most conditions cannot. */
bool has_effects(const struct imc_node *n)
{
	uint32_t i;

	if (!n)
		return false;
	switch (n->kind) {
	case IMC_VAR:
	case IMC_CONST:
	case IMC_STR:
	case IMC_FIELD:
	case IMC_DEREF:
	case IMC_INDEX:
	case IMC_ADDR:
	case IMC_CAST:
	case IMC_UNARY:
		break;
	case IMC_BINARY:
		if (n->op == IMC_OP_LAND || n->op == IMC_OP_LOR)
			return true; /* evaluated path by path */
		break;
	default:
		return true;
	}
	for (i = 0; i < n->nkids; i++)
		if (has_effects(n->kids[i]))
			return true;
	return false;
}

/* Whether n's value can tell a map's kind: it reads a map's flag member
 * or a variable holding one. Only then is a condition worth evaluating
 * again (in the kernel, few are). */
static bool may_carry_flag(struct fnctx *c, const struct state *s,
			   const struct imc_node *n)
{
	const struct imc_node *base;
	const struct imc_rule *def;
	int32_t sl;
	uint32_t i;

	if (!n)
		return false;
	base = imc_kid(n, 0);
	if (n->kind == IMC_VAR)
		return (sl = slot(c, n->var)) >= 0 && s->vars[sl].flag_obj >= 0;
	if (n->kind == IMC_FIELD && base) {
		def = n->arrow ? map_ptr_def_of(c, base->type)
			       : map_def_of(c, base->type);
		if (def && n->name && !strcmp(n->name, def->flag_member))
			return true;
	}
	for (i = 0; i < n->nkids; i++)
		if (may_carry_flag(c, s, n->kids[i]))
			return true;
	return false;
}

/* Whether refining on n can narrow anything: a map-test call or a flag
 * in it. Most branches cannot, and then need no copy of the state. */
bool can_refine(struct fnctx *c, const struct state *s,
		const struct imc_node *n)
{
	uint32_t i;

	if (!n)
		return false;
	if (n->kind == IMC_CALL && n->name &&
	    rules_for(c->a, n->name)->r[IMC_R_MAP_TEST])
		return true;
	if (n->kind == IMC_VAR || n->kind == IMC_FIELD)
		return may_carry_flag(c, s, n);
	for (i = 0; i < n->nkids; i++)
		if (can_refine(c, s, n->kids[i]))
			return true;
	return false;
}

/* Narrows map o to the states in `want`; an empty result kills the path. */
static void narrow(struct state *s, int32_t o, unsigned want)
{
	struct mapst *m = &s->objs[o];

	m->st = m->st ? (uint8_t)(m->st & want) : (uint8_t)want;
	if (!m->st)
		s->live = false;
}

/* The value of n without reporting and without changing s (a condition
 * evaluated again to narrow the state). */
static struct val meaning(struct fnctx *c, struct state *s,
			  const struct imc_node *n)
{
	bool rep = c->report;
	struct state tmp;
	struct val v;

	c->report = false;
	if (!has_effects(n)) {
		v = eval(c, s, n);
	} else {
		state_new(c, &tmp);
		state_copy(c, &tmp, s);
		v = eval(c, &tmp, n);
		state_free(c, &tmp);
	}
	c->report = rep;
	return v;
}

static void refine_flag(struct fnctx *c, struct state *s,
			const struct imc_node *n, bool truth)
{
	struct val v;
	const struct imc_rule *r;
	int32_t o;

	if (n->kind == IMC_CALL && n->name &&
	    (r = rules_for(c->a, n->name)->r[IMC_R_MAP_TEST])) {
		unsigned st = truth ? r->state : r->false_state;
		unsigned other = truth ? r->false_state : r->state;

		o = obj_of_ptr(c, s, arg(n, r->map));
		if (o >= 0 && st)
			narrow(s, o, st);
		else if (o >= 0 && other && s->objs[o].st)
			narrow(s, o, IMC_MAP_MAYBE & ~other);
		return;
	}
	if (!may_carry_flag(c, s, n))
		return;
	v = meaning(c, s, n);
	if (v.flag_obj < 0)
		return;
	if (truth != v.flag_neg)
		narrow(s, v.flag_obj, IMC_MAP_IO);
	else
		narrow(s, v.flag_obj, IMC_MAP_SYSTEM | IMC_MAP_NULL);
}

void refine(struct fnctx *c, struct state *s, const struct imc_node *n,
	    bool truth)
{
	const struct imc_node *a = imc_kid(n, 0), *b = imc_kid(n, 1);
	struct state other;
	int64_t k;

	if (!n || !s->live || !can_refine(c, s, n))
		return;
	if (n->kind == IMC_UNARY && n->op == IMC_OP_NOT) {
		refine(c, s, a, !truth);
	} else if (n->kind == IMC_CAST) {
		refine(c, s, a, truth);
	} else if (n->kind == IMC_CALL && n->name &&
		   !strcmp(n->name, "__builtin_expect")) {
		refine(c, s, b, truth); /* likely(), unlikely() */
	} else if (n->kind == IMC_BINARY &&
		   (n->op == IMC_OP_LAND || n->op == IMC_OP_LOR)) {
		bool and = n->op == IMC_OP_LAND;

		if (truth == and) { /* both sides took the same value */
			refine(c, s, a, truth);
			refine(c, s, b, truth);
			return;
		}
		state_new(c, &other);
		state_copy(c, &other, s);
		refine(c, s, a, truth);
		refine(c, &other, a, !truth);
		refine(c, &other, b, truth);
		state_join(c, s, &other);
		state_free(c, &other);
	} else if (n->kind == IMC_BINARY &&
		   (n->op == IMC_OP_EQ || n->op == IMC_OP_NE) &&
		   (const_int_value(b, &k) || const_int_value(a, &k))) {
		const struct imc_node *x = const_int_value(b, &k) ? a : b;

		const_int_value(x == a ? b : a, &k);
		refine(c, s, x,
		       (n->op == IMC_OP_EQ) == (k != 0) ? truth : !truth);
	} else {
		refine_flag(c, s, n, truth);
	}
}
