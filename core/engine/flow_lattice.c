// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dataflow's lattice: abstract values of pointers and maps, states, joins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"
#include "facts_internal.h"
#include "flow_internal.h"

const struct val no_val = {.obj = -1, .flag_obj = -1, .pts = -1};

/* A state's contents are undefined until it is copied or joined into: the
 * buffers are reused, and most states are copies (branches, statement
 * expressions), so zeroing them would be wasted. */
void state_new(struct fnctx *c, struct state *s)
{
	size_t vsize = (c->nslots + 1) * sizeof(*s->vars);
	char *buf = c->nspare ? c->spare[--c->nspare]
			      : imc_xcalloc(1, vsize + (c->nobjs +
							1) * sizeof(*s->objs));

	s->live = false;
	s->vars = (struct val *)buf;
	s->objs = (struct mapst *)(buf + vsize);
}

/* A state whose contents are all zero. */
void state_init(struct fnctx *c, struct state *s)
{
	state_new(c, s);
	memset(s->vars, 0, (c->nslots + 1) * sizeof(*s->vars));
	memset(s->objs, 0, (c->nobjs + 1) * sizeof(*s->objs));
}

void state_free(struct fnctx *c, struct state *s)
{
	if (!s->vars)
		return;
	if (c->nspare == c->capspare) {
		c->capspare = c->capspare ? 2 * c->capspare : 8;
		c->spare =
			imc_xrealloc(c->spare, c->capspare * sizeof(*c->spare));
	}
	c->spare[c->nspare++] = s->vars;
	s->vars = NULL;
	s->objs = NULL;
}

void state_copy(struct fnctx *c, struct state *dst, const struct state *src)
{
	dst->live = src->live;
	memcpy(dst->vars, src->vars, c->nslots * sizeof(*dst->vars));
	memcpy(dst->objs, src->objs, c->nobjs * sizeof(*dst->objs));
}

/* Deterministic choice between two explanations: the first by text. */
static const char *pick_why(const char *a, const char *b)
{
	if (!a || !b)
		return a ? a : b;
	return strcmp(a, b) <= 0 ? a : b;
}

static int32_t join_idx(int32_t a, int32_t b)
{
	return a == b ? a : -1;
}

struct val val_join(struct val a, struct val b)
{
	struct val r = a;

	/* The reason that explains I/O memory is the one worth keeping. */
	if ((a.mem & MEM_IO) != (b.mem & MEM_IO))
		r.why = a.mem & MEM_IO ? a.why : b.why;
	else
		r.why = pick_why(a.why, b.why);
	r.mem = a.mem | b.mem;
	r.typed = a.typed || b.typed;
	r.from_map = a.from_map || b.from_map;
	r.forced = a.forced || b.forced;
	r.obj = join_idx(a.obj, b.obj);
	r.flag_obj = join_idx(a.flag_obj, b.flag_obj);
	r.flag_neg = a.flag_neg && b.flag_neg;
	if (a.flag_neg != b.flag_neg)
		r.flag_obj = -1;
	r.pts = join_idx(a.pts, b.pts);
	r.params = a.params | b.params;
	r.deps = facts_deps_join(a.deps, b.deps);
	if (!a.from.line || (b.from.line && (b.from.line < a.from.line ||
					     (b.from.line == a.from.line &&
					      b.from.col < a.from.col)))) {
		r.from = b.from;
		r.from_fe = b.from_fe;
	}
	return r;
}

static struct mapst map_join(struct mapst a, struct mapst b)
{
	struct mapst r = a;

	if ((a.st & IMC_MAP_IO) != (b.st & IMC_MAP_IO))
		r.why = a.st & IMC_MAP_IO ? a.why : b.why;
	else
		r.why = pick_why(a.why, b.why);
	r.st = a.st | b.st;
	r.member = a.member == b.member ? a.member : 0;
	r.flag = a.flag == b.flag ? a.flag : 0;
	r.incr = a.incr || b.incr;
	if (!a.incr && b.incr) {
		r.incr_loc = b.incr_loc;
		r.incr_fn = b.incr_fn;
	}
	return r;
}

static bool val_eq(const struct val *a, const struct val *b)
{
	return a->mem == b->mem && a->typed == b->typed &&
	       a->from_map == b->from_map && a->forced == b->forced &&
	       a->obj == b->obj && a->flag_obj == b->flag_obj &&
	       a->flag_neg == b->flag_neg && a->pts == b->pts &&
	       a->params == b->params && a->why == b->why &&
	       a->deps == b->deps && a->from.line == b->from.line &&
	       a->from.col == b->from.col;
}

static bool map_eq(const struct mapst *a, const struct mapst *b)
{
	return a->st == b->st && a->member == b->member && a->flag == b->flag &&
	       a->incr == b->incr && a->why == b->why;
}

/* dst |= src; returns whether dst changed. */
bool state_join(struct fnctx *c, struct state *dst, const struct state *src)
{
	bool changed = false;
	uint32_t i;

	if (!src->live)
		return false;
	if (!dst->live) {
		if (!dst->vars) /* a block's entry, allocated when first reached */
			state_new(c, dst);
		state_copy(c, dst, src);
		return true;
	}
	/* Mostly the values are equal already: no join for those. */
	for (i = 0; i < c->nslots; i++) {
		struct val j;

		if (val_eq(&dst->vars[i], &src->vars[i]))
			continue;
		j = val_join(dst->vars[i], src->vars[i]);
		changed |= !val_eq(&j, &dst->vars[i]);
		dst->vars[i] = j;
	}
	for (i = 0; i < c->nobjs; i++) {
		struct mapst j;

		if (map_eq(&dst->objs[i], &src->objs[i]))
			continue;
		j = map_join(dst->objs[i], src->objs[i]);
		changed |= !map_eq(&j, &dst->objs[i]);
		dst->objs[i] = j;
	}
	return changed;
}

void set_map(struct state *s, int32_t o, unsigned st, const char *reason)
{
	struct mapst *m;

	if (o < 0)
		return;
	m = &s->objs[o];
	memset(m, 0, sizeof(*m));
	m->st = (uint8_t)st;
	m->why = st & IMC_MAP_IO ? reason : NULL;
}

bool const_int_value(const struct imc_node *n, int64_t *out)
{
	while (n && n->kind == IMC_CAST)
		n = imc_kid(n, 0);
	if (n && n->kind == IMC_CONST) {
		*out = n->ival;
		return true;
	}
	if (n && n->kind == IMC_UNARY && n->op == IMC_OP_NOT &&
	    const_int_value(imc_kid(n, 0), out)) {
		*out = !*out;
		return true;
	}
	return false;
}
