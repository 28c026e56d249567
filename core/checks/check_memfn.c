// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-memfn (and the map/forced rules) on calls: memory functions
 * given I/O memory, and the TU's functions whose summary uses an argument
 * as system memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"
#include "checks.h"
#include "flow_internal.h"

static bool is_io(const struct imc_node *n, const struct val *v)
{
	return (v->mem & MEM_IO) || expr_iomem(n);
}

/* The advice after "use fn()" when the rules have no rewrite for a call on
 * a map (fn NULL): which helper is missing. NULL: none to give. */
static char *no_helper_advice(struct fnctx *c, const struct imc_node *call,
			      const struct val *v, bool from_map)
{
	if (!from_map || v->forced || v->obj < 0)
		return NULL;
	if (!rule_find(c->a, IMC_R_ACCESSOR, call->name))
		/* memcpy() between a map and plain memory: the rules of this
		 * API generation have no helper (dma_buf_map: no copy from) */
		return imc_xasprintf(
			"; no helper of this API generation does %s() on a "
			"map: test is_iomem of map '%s' first and use the I/O "
			"variant on its vaddr_iomem",
			call->name, c->objs[v->obj].display);
	/* an accessor (memcpy_toio(), iosys_map_memcpy_to()) whose other
	 * side is a map: the map API has no copy between two maps (issue 13:
	 * say so) */
	return imc_xasprintf(
		"; no helper copies between a map and I/O memory or another "
		"map: test is_iomem of map '%s' first and copy from its "
		"vaddr_iomem with memcpy_fromio(), or add such a helper",
		c->objs[v->obj].display);
}

/* The message of a mem function's finding, whole: what is on I/O memory,
 * why, and what to use (fn, the rewrite's function, or the missing helper). */
static char *memfn_message(struct fnctx *c, const struct imc_node *call,
			   const char *role, const struct imc_node *a,
			   const struct val *v, bool from_map, const char *fn)
{
	bool typed = imc_type_is_iomem_ptr(a->type);
	char *d = describe(a),
	     *tail = fn ? NULL : no_helper_advice(c, call, v, from_map);
	char *msg = imc_xasprintf(
		"%s() on I/O memory: %s '%s' %s%s%s%s%s%s%s", call->name, role,
		d,
		typed	 ? "is __iomem"
		: v->why ? "may be I/O: "
			 : "may be I/O",
		typed	 ? ""
		: v->why ? v->why
			 : "",
		fn ? "; use " : "", fn ? fn : "", fn ? "()" : "",
		!v->forced ? ""
		: fn ? " on the __iomem pointer instead of casting it away"
		     : forced_how,
		tail ? tail : "");

	free(tail);
	free(d);
	return msg;
}

/* The finding's advice when the map's pointer walks (dma_buf_map: no
 * offsets, a copy of the map walks): known only once no rewrite took. */
static void advise_walk(struct fnctx *c, size_t f, const struct imc_node *a,
			const struct val *v, bool copy)
{
	const char *step =
		copy ? rewrite_for(c->a, "step", "of=map-copy") : NULL;
	char *sfn = step ? template_fn_name(step) : NULL;
	char *how = sfn ? imc_xasprintf("walk a copy of the map with %s()", sfn)
			: imc_xstrdup("keep an offset into the map");
	char *d = describe(a);
	char *full = imc_xasprintf(
		"%s: '%s' steps through map '%s', %s instead of the pointer",
		c->a->out->v[f].message, d, c->objs[v->obj].display, how);

	free(d);
	free(sfn);
	free(how);
	free((char *)c->a->out->v[f].message);
	c->a->out->v[f].message = full;
}

static void report_memfn(struct fnctx *c, const struct imc_node *call,
			 const struct imc_rule *r, const struct val *vals)
{
	static const char *const roles[] = {"destination", "source", "source"};
	int pos[3] = {r->dst, r->src, r->src2}, k, nio = 0, which = -1;
	const struct imc_node *a;
	const struct val *v;
	struct imc_node at;
	struct val ev;
	bool from_map;
	char when[32], *d, *fn;
	const char *tmpl;
	size_t f;

	for (k = 0; k < 3; k++)
		if (pos[k] && arg(call, pos[k]) &&
		    is_io(arg(call, pos[k]), &vals[pos[k]])) {
			nio++;
			if (which < 0)
				which = k;
		}
	if (which < 0 || !c->report)
		return;
	a = arg(call, pos[which]);
	v = &vals[pos[which]];
	from_map = val_from_map(c, v) && !imc_type_is_iomem_ptr(a->type);
	snprintf(when, sizeof(when), "%s=%s", which == 0 ? "dst" : "src",
		 from_map ? "map" : "io");
	/* A forced argument: the accessor on the cast's __iomem operand. */
	tmpl = nio == 1 && (from_map || expr_iomem(a) || v->forced)
		       ? rewrite_for(c->a, call->name, when)
		       : NULL;
	if (!tmpl && nio == 1 && from_map) /* dma_buf_map: walk a copy */
		tmpl = rewrite_for(c->a, call->name, strcat(when, "-copy"));
	fn = tmpl ? template_fn_name(tmpl) : NULL;
	f = add_finding(
		c->a,
		v->forced  ? IMC_RULE_FORCED_ACCESS
		: from_map ? IMC_RULE_VADDR_UNCHECKED
			   : IMC_RULE_MEMFN,
		from_map ? call : arg_site(c, call, pos[which], &at),
		memfn_message(c, call, roles[which], a, v, from_map, fn));
	ev = *v;
	ev.typed = imc_type_is_iomem_ptr(a->type) ||
		   (!v->forced && !from_map && expr_iomem(a));
	d = describe(a);
	report_events(c, f, &ev, call, "access",
		      imc_xasprintf("%s() on '%s'", call->name, d));
	free(d);
	if (fn &&
	    !fix_call(c->a, f, call, tmpl,
		      from_map && v->obj >= 0 && c->objs[v->obj].def ? a : NULL,
		      v->forced && !from_map ? a : NULL) &&
	    from_map && v->obj >= 0 && !fix_walk(c->a, f, a) &&
	    fix_steps(c->a, a))
		advise_walk(c, f, a, v, strstr(when, "-copy") != NULL);
	free(fn);
}

static void check_memfn(struct fnctx *c, const struct imc_node *call,
			const struct imc_rule *r, const struct val *vals)
{
	int pos[3] = {r->dst, r->src, r->src2}, k;

	for (k = 0; k < 3; k++)
		if (pos[k] && vals[pos[k]].params)
			record_param_use(c, vals[pos[k]].params,
					 why(c->a, "%s()", call->name), call);
	report_memfn(c, call, r, vals);
}

/* A call to a function of this TU: its summary tells what it does with the
 * pointers it gets. */
static void check_summary(struct fnctx *c, const struct imc_node *call,
			  const struct summary *sum, const struct val *vals,
			  uint32_t nargs)
{
	uint32_t i;

	for (i = 1; i <= nargs && i <= 32; i++) {
		const struct imc_node *a = arg(call, (int)i);
		const struct val *v = &vals[i];
		size_t f;
		char *d;

		if (!(sum->mem_params >> (i - 1) & 1))
			continue;
		if (v->params)
			record_param_use(c, v->params,
					 why(c->a, "%s()", callee(call)), call);
		if (!(v->mem & MEM_IO) || v->typed || !c->report)
			continue;
		d = describe(a);
		/* No caller-side rewrite: the helper itself must learn about
		 * I/O memory, at the access the message names. */
		f = add_finding(
			c->a,
			v->forced	     ? IMC_RULE_FORCED_ACCESS
			: val_from_map(c, v) ? IMC_RULE_VADDR_UNCHECKED
					     : IMC_RULE_MEMFN,
			call,
			imc_xasprintf(
				"'%s' may be I/O memory (%s) but %s() uses "
				"argument %u as system memory (%s): %s",
				d, v->why ? v->why : "unknown origin",
				callee(call), i,
				sum->use_what[i - 1] ? sum->use_what[i - 1]
						     : "directly",
				val_from_map(c, v)
					? why(c->a,
					      "pass %s() the map (and an "
					      "offset) and use the "
					      "iosys_map_*() helpers there",
					      callee(call))
					: why(c->a,
					      "give parameter %u of %s() "
					      "an __iomem type and use the "
					      "I/O accessors there",
					      i, callee(call))));
		report_events(
			c, f, v, call, "call",
			imc_xasprintf("'%s' is passed to %s() as argument %u",
				      d, callee(call), i));
		finding_events_from(c->a, f, sum->use_what[i - 1]);
		free(d);
	}
}

/* What the rules say about a function wins over its body's summary
 * (memcpy_toio's body is plain memory access, by design). */
static void check_call(struct fnctx *c, const struct call_site *site)
{
	if (site->memfn)
		check_memfn(c, site->call, site->memfn, site->vals);
	else if (site->sum)
		check_summary(c, site->call, site->sum, site->vals,
			      site->nargs);
}

const struct check_hooks memfn_check = {
	.call = check_call,
};
