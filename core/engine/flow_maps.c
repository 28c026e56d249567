// SPDX-License-Identifier: GPL-2.0-only
/*
 * Map state transfer: a map's members and is_iomem as they are read,
 * written, initialized, copied and set up by calls. The checks on maps
 * (checks/check_map.c) watch the writes and calls through their hooks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"
#include "flow_internal.h"

/* `struct iosys_map m = { .vaddr_iomem = p, .is_iomem = true }` */
static void init_map(struct fnctx *c, struct state *s, int32_t o,
		     const struct imc_node *init, const struct imc_rule *def)
{
	uint32_t i;
	unsigned st = IMC_MAP_NULL;

	for (i = 0; i < init->nkids; i++) {
		const struct imc_node *d = init->kids[i];
		int64_t v;

		eval(c, s, d);
		if (!d || d->kind != IMC_DESIG || !d->name)
			continue;
		if (!strcmp(d->name, def->flag_member))
			st = const_int_value(imc_kid(d, 0), &v)
				     ? (v ? IMC_MAP_IO : IMC_MAP_SYSTEM)
				     : IMC_MAP_MAYBE;
		else if (st == IMC_MAP_NULL)
			st = IMC_MAP_SYSTEM;
	}
	set_map(s, o, st,
		map_origin(
			c, o, init,
			why(c->a,
			    "map '%s' is initialized as I/O memory at line %u",
			    o >= 0 ? c->objs[o].display : "?", init->loc.line),
			"is initialized as I/O memory"));
}

/* Copy of a whole map: `m = *map`, `struct iosys_map m = other`. */
void copy_map(struct fnctx *c, struct state *s, int32_t dst,
	      const struct imc_node *src, const struct imc_rule *def)
{
	int32_t o;

	if (src && src->kind == IMC_INITLIST) {
		init_map(c, s, dst, src, def);
		return;
	}
	eval(c, s, src);
	o = src && src->kind != IMC_CALL ? obj_of_lvalue(c, src) : -1;
	if (dst < 0)
		return;
	if (o >= 0) {
		s->objs[dst] = s->objs[o];
		s->objs[dst].incr = false;
		s->objs[dst].member = s->objs[dst].flag = 0;
		if (!s->objs[dst].st && c->objs[o].by_deref)
			set_map(s, dst, IMC_MAP_MAYBE, NULL);
	} else {
		set_map(s, dst, IMC_MAP_MAYBE,
			src && src->kind == IMC_CALL
				? map_origin(c, dst, src,
					     why(c->a,
						 "map '%s' is returned by %s() "
						 "at line %u",
						 c->objs[dst].display,
						 callee(src), src->loc.line),
					     "is returned by %s(): system or "
					     "I/O memory",
					     callee(src))
				: NULL);
	}
}

/* s.vaddr / map->vaddr_iomem / map->is_iomem: a member of a map struct. */
int32_t map_member_obj(struct fnctx *c, struct state *s,
		       const struct imc_node *n, const struct imc_rule **def)
{
	const struct imc_node *base = imc_kid(n, 0);

	if (!base || n->kind != IMC_FIELD)
		return -1;
	*def = n->arrow ? map_ptr_def_of(c, base->type)
			: map_def_of(c, base->type);
	if (!*def)
		return -1;
	if (n->arrow) {
		eval(c, s, base);
		return obj_of_ptr(c, s, base);
	}
	return obj_of_lvalue(c, base);
}

struct val read_map_member(struct fnctx *c, struct state *s,
			   const struct imc_node *n, int32_t o,
			   const struct imc_rule *def)
{
	struct mapst *m = &s->objs[o];
	struct val v = no_val;

	if (n->name == def->flag_member || !strcmp(n->name, def->flag_member)) {
		v.flag_obj = o;
	} else if (!strcmp(n->name, def->sys_member)) {
		v.obj = o;
		v.from_map = true;
		v.from = n->loc;
		v.from_fe = n->range.fe_begin;
		v.mem = (m->st & IMC_MAP_IO ? MEM_IO : 0) |
			(m->st & IMC_MAP_SYSTEM ? MEM_SYS : 0);
		if (v.mem & MEM_IO)
			v.why = map_why(c, o, m);
	} else if (!strcmp(n->name, def->io_member)) {
		CALL_HOOKS(c, map_member_read, s, o, n, def);
		v = typed_io(c, n);
	}
	return v;
}

void write_map_member(struct fnctx *c, struct state *s, int32_t o,
		      const struct imc_node *lhs, const struct imc_node *rhs,
		      const struct imc_rule *def)
{
	struct mapst *m = &s->objs[o];
	int64_t v;

	if (!strcmp(lhs->name, def->flag_member)) {
		bool known = const_int_value(rhs, &v);

		m->st = known ? (v ? IMC_MAP_IO : IMC_MAP_SYSTEM)
			      : IMC_MAP_MAYBE;
		m->flag = known ? (v ? 2 : 1) : 0;
		m->why = m->st & IMC_MAP_IO
				 ? map_origin(c, o, lhs,
					      why(c->a,
						  "map '%s' has is_iomem set "
						  "at line %u",
						  c->objs[o].display,
						  lhs->loc.line),
					      "gets is_iomem set")
				 : NULL;
	} else if (const_int_value(rhs, &v) && !v) {
		return; /* clearing to NULL fits either flag */
	} else if (!strcmp(lhs->name, def->sys_member) ||
		   !strcmp(lhs->name, def->io_member)) {
		/* A member write after a complete member+flag pair starts a
		 * new set-up: the old flag says nothing about it. */
		if (m->member && m->flag)
			m->flag = 0;
		m->member = strcmp(lhs->name, def->sys_member) ? 2 : 1;
	} else {
		return;
	}
	CALL_HOOKS(c, map_member_write, s, o, lhs, def);
}

void map_call_effects(struct fnctx *c, struct state *s,
		      const struct imc_node *call)
{
	const struct imc_rule *r;
	int32_t o;

	if ((r = rules_for(c->a, call->name)->r[IMC_R_MAP_SET])) {
		o = obj_of_ptr(c, s, arg(call, r->map));
		set_map(s, o, r->state,
			map_origin(c, o, call,
				   why(c->a,
				       "map '%s' comes from %s() at line %u",
				       o >= 0 ? c->objs[o].display : "?",
				       call->name, call->loc.line),
				   "is set up by %s()", call->name));
		if (o >= 0 && r->state == IMC_MAP_IO)
			s->objs[o].member = 0;
	}
	if ((r = rules_for(c->a, call->name)->r[IMC_R_MAP_INCR]) &&
	    (o = obj_of_ptr(c, s, arg(call, r->map))) >= 0) {
		s->objs[o].incr = true;
		s->objs[o].incr_loc = call->loc;
		s->objs[o].incr_fn = call->name;
	}
	CALL_HOOKS(c, map_call, s, call);
}
