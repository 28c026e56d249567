// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks on accesses: iomem-deref, iomem-forced-access and
 * map-vaddr-unchecked at a load or store, map-vaddr-iomem-on-system at a
 * read of a map member, map-vaddr-unchecked for an escaping map pointer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"
#include "checks.h"
#include "flow_internal.h"

static const char *width_when(char *buf, size_t len, uint32_t size)
{
	snprintf(buf, len, "size=%u", size);
	return buf;
}

const char *const forced_how = "; use the I/O accessors on the __iomem pointer "
			       "instead of casting it away";

/* `*(T __force *)p`, `((struct r __force *)p)->x` with p __iomem: the
 * accessor can take p itself (a pointer the cast was stored in cannot). */
static bool forced_direct(const struct imc_node *lv)
{
	const struct imc_node *k = imc_kid(lv, 0);

	return k && is_forced(k) && imc_kid(k, 0) &&
	       imc_type_is_iomem_ptr(imc_kid(k, 0)->type) &&
	       (lv->kind == IMC_DEREF || (lv->kind == IMC_FIELD && lv->arrow));
}

static void report_access(struct fnctx *c, const struct imc_node *lv,
			  const struct imc_node *site,
			  const struct imc_node *ptr, const struct val *pv,
			  enum access mode)
{
	static const char *const verbs[] = {"load", "store",
					    "read-modify-write"};
	const struct imc_type *t = lv->type;
	bool from_map = val_from_map(c, pv), fix;
	enum imc_rule_id rule = pv->forced ? IMC_RULE_FORCED_ACCESS
				: from_map ? IMC_RULE_VADDR_UNCHECKED
					   : IMC_RULE_DEREF;
	char when[32], *d = describe(ptr), *msg;
	const char *load = NULL, *store = NULL, *how = "";
	size_t f;

	/* The accessors take __iomem pointers: on a plain pointer that merely
	 * holds I/O memory the rewrite alone would not be clean (a forced
	 * one names them in the message). A map's pointer gets the map's
	 * accessors, of one of the widths they move. */
	if (is_scalar(t) && ((!from_map && pv->typed) || pv->forced)) {
		width_when(when, sizeof(when), t->size);
		load = rewrite_for(c->a, "load", when);
		store = rewrite_for(c->a, "store", when);
	} else if (is_scalar(t) && from_map &&
		   (t->size == 1 || t->size == 2 || t->size == 4 ||
		    t->size == 8)) {
		load = rewrite_for(c->a, "load", "from=map");
		store = rewrite_for(c->a, "store", "from=map");
	} else if (t && t->kind == IMC_T_INT && !pv->typed && !pv->forced) {
		/* A plain pointer that holds I/O memory (an ioremap() kept
		 * in a field declared without __iomem): the accessor through
		 * a __force cast; the message names the lasting fix. */
		snprintf(when, sizeof(when), "plain=%u", t->size);
		load = rewrite_for(c->a, "load", when);
		store = rewrite_for(c->a, "store", when);
	}
	if (pv->forced && (!load || (mode != RD && !store)))
		how = forced_how;
	else if (from_map && (!load || (mode != RD && !store)))
		how = "; use iosys_map_rd()/iosys_map_wr()";
	else if (!pv->typed && !from_map && !pv->forced &&
		 (!load || (mode != RD && !store)))
		how = "; give it an __iomem type and use the I/O accessors";
	else if (t && (t->kind == IMC_T_STRUCT || t->kind == IMC_T_UNION))
		how = mode == RD ? "; no single accessor fits a struct copy: "
				   "use memcpy_fromio()"
				 : "; no single accessor fits a struct copy: "
				   "use memcpy_toio()";
	else if (!load || (mode != RD && !store))
		how = mode == RD ? "; no accessor fits this width: use "
				   "memcpy_fromio()"
				 : "; no accessor fits this width: use "
				   "memcpy_toio()";
	if (pv->typed && !from_map)
		msg = imc_xasprintf("plain %s through __iomem pointer '%s'%s",
				    verbs[mode], d, how);
	else
		msg = imc_xasprintf(
			"plain %s through '%s', which %s to I/O memory: %s%s",
			verbs[mode], d, pv->forced ? "points" : "may point",
			pv->why ? pv->why : "unknown origin", how);
	if (!*how) {
		char *ln = template_fn_name(mode == WR ? store : load);
		char *sn = template_fn_name(store);
		char *full = imc_xasprintf(
			"%s; use %s()%s%s%s%s", msg, ln,
			mode == RMW ? " and " : "", mode == RMW ? sn : "",
			mode == RMW ? "()" : "",
			pv->forced ? " on the __iomem pointer instead of "
				     "casting it away"
			: !pv->typed && !from_map
				? " on it through a __force cast while it is "
				  "declared without __iomem (an __iomem type "
				  "is the lasting fix)"
				: "");

		free(msg);
		free(ln);
		free(sn);
		msg = full;
	}
	f = add_finding(c->a, rule, lv, msg);
	report_events(c, f, pv, lv, "access",
		      imc_xasprintf("plain %s through '%s'", verbs[mode], d));
	free(d);
	fix = !*how && (mode == RD || site) &&
	      (!pv->forced || forced_direct(lv));
	if (fix)
		fix_access(c->a, f, lv, site, load, store);
}

static void check_access(struct fnctx *c, const struct imc_node *lv,
			 const struct imc_node *site, enum access mode,
			 const struct val *pv)
{
	const struct imc_node *ptr = lvalue_pointer(lv);
	struct val v = *pv;

	if (!ptr)
		return;
	if (v.params)
		record_param_use(c, v.params, "dereference", lv);
	if (expr_iomem(ptr)) {
		v.typed = true;
		v.mem |= MEM_IO;
	}
	if (!(v.mem & MEM_IO) || !c->report)
		return;
	report_access(c, lv, site, ptr, &v, mode);
}

/* map-vaddr-iomem-on-system: the I/O member of a map that is system
 * memory on this path. */
static void check_io_member_read(struct fnctx *c, struct state *s, int32_t o,
				 const struct imc_node *n,
				 const struct imc_rule *def)
{
	const struct mapst *m = &s->objs[o];

	if (m->st == IMC_MAP_SYSTEM && c->report)
		add_finding(
			c->a, IMC_RULE_VADDR_IOMEM_ON_SYSTEM, n,
			imc_xasprintf("'%s.%s' used, but map '%s' is system "
				      "memory on this path (%s): use '%s'",
				      c->objs[o].display, n->name,
				      c->objs[o].display,
				      m->why ? m->why : "is_iomem is false",
				      def->sys_member));
}

const struct check_hooks deref_check = {
	.access = check_access,
	.map_member_read = check_io_member_read,
};
