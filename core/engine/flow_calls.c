// SPDX-License-Identifier: GPL-2.0-only
/*
 * Calls in the dataflow: I/O sources, summaries of the TU's functions,
 * maps filled by unknown callees, out-parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"
#include "facts_internal.h"
#include "flow_internal.h"

struct imc_node *arg(const struct imc_node *call, int pos)
{
	return pos > 0 ? imc_kid(call, IMC_CALL_ARG0 + (uint32_t)pos - 1)
		       : NULL;
}

/* Maps handed by address to a function we know nothing about: whatever it
 * does, they may be I/O afterwards if we had not seen them set up. */
static void unknown_call_fills(struct fnctx *c, struct state *s,
			       const struct imc_node *call, uint32_t nargs)
{
	uint32_t i;

	for (i = 1; i <= nargs; i++) {
		const struct imc_node *a = arg(call, (int)i);
		int32_t o;

		if (!a || !map_ptr_def_of(c, a->type))
			continue;
		o = obj_of_ptr(c, s, a);
		if (o >= 0 && !s->objs[o].st)
			set_map(s, o, IMC_MAP_MAYBE,
				map_origin(c, o, call,
					   why(c->a,
					       "map '%s' is filled by %s() at "
					       "line %u",
					       c->objs[o].display, callee(call),
					       call->loc.line),
					   "is filled by %s(): system or I/O "
					   "memory",
					   callee(call)));
	}
}

/* What argument pos points to when it is `&x` (x a variable or member). */
static const struct imc_node *out_target(const struct imc_node *call, int pos)
{
	const struct imc_node *a = arg(call, pos);

	while (a && a->kind == IMC_CAST)
		a = imc_kid(a, 0);
	return a && a->kind == IMC_ADDR ? imc_kid(a, 0) : NULL;
}

static int32_t out_var(struct fnctx *c, const struct imc_node *call, int pos)
{
	const struct imc_node *t = out_target(call, pos);

	return t && t->kind == IMC_VAR ? slot(c, t->var) : -1;
}

/* A callee stored v through argument pos (`foo(&p)`, `foo(&priv->buf)`). */
static void store_out(struct fnctx *c, struct state *s,
		      const struct imc_node *call, int pos, const struct val *v)
{
	const struct imc_node *t = out_target(call, pos);
	int32_t sl = out_var(c, call, pos);

	if (!t)
		return;
	note_store(c, t, v, call);
	if (sl >= 0)
		s->vars[sl] = *v;
}

/* An I/O source of the rules: its pointer (returned, or stored through an
 * out-parameter) is I/O memory or may be; with a flag out-parameter
 * (`bool *is_iomem`), which one is path-sensitive, as a map's flag is. */
static struct val source_call(struct fnctx *c, struct state *s,
			      const struct imc_node *call,
			      const struct imc_rule *r)
{
	struct val v = no_val;
	int32_t sl, o = r->flag ? find_obj(c, call_obj_key(c, call)) : -1;

	v.mem = r->state == IMC_MAP_IO ? MEM_IO : MEM_IO | MEM_SYS;
	v.why = why(c->a, "returned by %s() at line %u", call->name,
		    call->loc.line);
	origin_note(c->a, v.why, call, "source", NULL,
		    imc_xasprintf(
			    r->state == IMC_MAP_IO
				    ? "I/O memory returned by %s()"
				    : "memory that may be I/O returned by %s()",
			    call->name));
	if (o >= 0) {
		set_map(s, o, IMC_MAP_MAYBE, v.why);
		v.obj = o;
		if ((sl = out_var(c, call, r->flag)) >= 0) {
			s->vars[sl] = no_val;
			s->vars[sl].flag_obj = o;
		}
	}
	if (r->out)
		store_out(c, s, call, r->out, &v);
	return imc_type_is_ptr(call->type) ? v : no_val;
}

static bool rules_describe(const struct callee_rules *r);

/* Collecting facts: a pointer from a header function whose body the
 * checker skipped may be read from another unit's member (facts.c). */
static const char *skipped_dep(struct fnctx *c, const struct imc_node *call)
{
	int32_t fi = call->name ? function_index(c->a, call->name) : -1;

	if (!c->sum || fi < 0 ||
	    !imc_tu_func(c->a->tu, (uint32_t)fi)->body_skipped ||
	    !imc_type_is_ptr(call->type))
		return NULL;
	return facts_dep(c->a, "skipped", call->name);
}

/* What a call gives: an I/O source's pointer, what the callee's summary
 * (its body's, or another unit's facts) says, and, collecting facts, the
 * callee the unit cannot see into as a dependent fact. */
static struct val call_result(struct fnctx *c, struct state *s,
			      const struct imc_node *call,
			      const struct val *vals, uint32_t nargs,
			      const struct summary *sum)
{
	const struct imc_rule *src =
		rules_for(c->a, call->name)->r[IMC_R_IO_SOURCE];
	struct val v = no_val;
	uint32_t i;

	if (src) {
		v = source_call(c, s, call, src);
	} else if (sum) {
		struct val out = no_val;

		out.mem = sum->out_mem;
		out.forced = sum->out_forced;
		out.why = sum->out_why;
		v.deps = facts_deps_join(sum->ret_deps, skipped_dep(c, call));
		for (i = 1; i <= nargs && i <= 32; i++)
			if (sum->out_params >> (i - 1) & 1)
				store_out(c, s, call, (int)i, &out);
		v.mem = sum->ret_mem;
		v.from_map = sum->ret_from_map;
		v.forced = sum->ret_forced;
		v.why = sum->ret_why;
		for (i = 1; i <= nargs && i <= 32; i++)
			if (sum->ret_params >> (i - 1) & 1)
				v = val_join(v, vals[i]);
		v.obj = -1;
		v.pts = -1;
	}
	if (call->type && imc_type_is_iomem_ptr(call->type)) {
		v.mem |= MEM_IO;
		v.typed = true;
	}
	if (!(v.mem & MEM_IO) && !src && call->name && c->sum &&
	    imc_type_is_ptr(call->type) &&
	    function_index(c->a, call->name) < 0 &&
	    !rules_describe(rules_for(c->a, call->name)))
		v.deps = facts_deps_join(v.deps,
					 facts_dep(c->a, "return", call->name));
	return v;
}

/* Whether the rules say what a call does: a skipped body then misses
 * nothing the analysis would have read. */
static bool rules_describe(const struct callee_rules *r)
{
	return r->r[IMC_R_IO_SOURCE] || r->r[IMC_R_ACCESSOR] ||
	       r->r[IMC_R_MEMFN] || r->r[IMC_R_MAP_SET] ||
	       r->r[IMC_R_MAP_UNMAP] || r->r[IMC_R_MAP_INCR] ||
	       r->r[IMC_R_MAP_TEST];
}

static bool may_carry_io(const struct val *v)
{
	return (v->mem & MEM_IO) || v->from_map || v->forced || v->obj >= 0 ||
	       v->pts >= 0;
}

/* A callee lowered without its body (imc_func.body_skipped) could only
 * matter if I/O memory or a map reaches it, directly or through the
 * parameters a summary passes on to one: then the front end must lower the
 * unit again with the body (checker/parse.c). */
static void note_skipped_body(struct fnctx *c, const struct imc_func *fn,
			      const struct summary *sum, const struct val *vals,
			      uint32_t nargs)
{
	uint32_t reach = fn->body_skipped ? ~0u : sum->skipped_params, i;
	const char *skipped = fn->body_skipped ? fn->name : sum->skipped_callee;

	for (i = 1; i <= nargs && i <= 32; i++) {
		if (!(reach >> (i - 1) & 1))
			continue;
		if (c->sum && vals[i].params) {
			c->sum->skipped_params |= vals[i].params;
			if (!c->sum->skipped_callee)
				c->sum->skipped_callee = skipped;
		}
		if (may_carry_io(&vals[i]) && !c->a->out->needs_body)
			c->a->out->needs_body = skipped;
	}
}

/* Collecting facts: pointer parameters given to an accessor, or to a
 * callee the rules do not describe (the unit's own functions too: the
 * merge follows the chain to the access, facts.c). */
static void note_flows(struct fnctx *c, const struct imc_node *call,
		       const struct val *vals, uint32_t nargs)
{
	const struct callee_rules *cr = rules_for(c->a, call->name);
	bool accessor = cr->r[IMC_R_ACCESSOR] != NULL;
	uint32_t i;

	if (!c->a->facts || !c->sum || (!accessor && rules_describe(cr)))
		return;
	for (i = 1; i <= nargs && i <= 32; i++)
		if (vals[i].params && arg(call, (int)i) &&
		    imc_type_is_ptr(arg(call, (int)i)->type))
			facts_note_flow(c, vals[i].params, call, i, accessor);
}

struct val eval_call(struct fnctx *c, struct state *s,
		     const struct imc_node *call)
{
	uint32_t nargs = call->nkids > 0 ? call->nkids - 1 : 0, i;
	struct val *vals = imc_xcalloc(nargs + 1, sizeof(*vals)), result;
	const struct imc_rule *memfn = NULL;
	const struct summary *sum = NULL;
	struct call_site site;
	int32_t fi = -1;

	eval(c, s, imc_kid(call, 0));
	for (i = 1; i <= nargs; i++)
		vals[i] = eval(c, s, arg(call, (int)i));
	if (call->name) {
		memfn = rules_for(c->a, call->name)->r[IMC_R_MEMFN];
		fi = function_index(c->a, call->name);
		sum = fi >= 0 ? &c->a->sums[fi]
			      : facts_summary(c->a, call->name);
		note_flows(c, call, vals, nargs);
	}
	/* What the rules say about a function wins over its body's summary
	 * (memcpy_toio's body is plain memory access, by design). */
	if (!memfn && rules_for(c->a, call->name)->r[IMC_R_ACCESSOR])
		sum = NULL;
	site = (struct call_site){call, memfn, memfn ? NULL : sum, vals, nargs};
	CALL_HOOKS(c, call, &site);
	if (fi >= 0 && !rules_describe(rules_for(c->a, call->name)))
		note_skipped_body(c, imc_tu_func(c->a->tu, (uint32_t)fi), sum,
				  vals, nargs);
	if (call->name)
		map_call_effects(c, s, call);
	if (!call->name ||
	    (!sum && !memfn && !rules_for(c->a, call->name)->r[IMC_R_MAP_SET]))
		unknown_call_fills(c, s, call, nargs);
	result = call_result(c, s, call, vals, nargs, sum);
	free(vals);
	return result;
}
