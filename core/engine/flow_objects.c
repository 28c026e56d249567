// SPDX-License-Identifier: GPL-2.0-only
/*
 * Slots (local variables), map objects named by access paths, and how
 * expressions are described in messages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"
#include "flow_internal.h"

const struct imc_rule *map_def_of(const struct fnctx *c,
				  const struct imc_type *t)
{
	if (!t || (t->kind != IMC_T_STRUCT) || !t->tag)
		return NULL;
	return rules_for(c->a, t->tag)->r[IMC_R_MAP_STRUCT];
}

const struct imc_rule *map_ptr_def_of(const struct fnctx *c,
				      const struct imc_type *t)
{
	return imc_type_is_ptr(t) ? map_def_of(c, t->pointee) : NULL;
}

bool is_scalar(const struct imc_type *t)
{
	return t && (t->kind == IMC_T_INT || t->kind == IMC_T_BOOL);
}

/* `(T __force *)p`: the author opted out of the check for this access. */
bool is_forced(const struct imc_node *n)
{
	return n && n->kind == IMC_CAST &&
	       (n->force ||
		(n->type && n->type->pointee && n->type->pointee->force));
}

/* Slots are per function; a map keeps the cost per function independent
 * of how many variables the whole TU has. */
int32_t slot(const struct fnctx *c, const struct imc_var *v)
{
	void *p = v ? imc_ptrmap_get(&c->slot_of_var, (uintptr_t)v->id + 1)
		    : NULL;

	return p ? (int32_t)((uintptr_t)p - 1) : -1;
}

void add_slot(struct fnctx *c, const struct imc_var *v)
{
	if (!v || slot(c, v) >= 0)
		return;
	if (c->nslots == c->capslots) {
		c->capslots = c->capslots ? c->capslots * 2 : 16;
		c->var_of_slot = imc_xrealloc(
			c->var_of_slot, c->capslots * sizeof(*c->var_of_slot));
	}
	c->var_of_slot[c->nslots] = v;
	imc_ptrmap_put(&c->slot_of_var, (uintptr_t)v->id + 1,
		       (void *)(uintptr_t)(++c->nslots));
}

/* Canonical path of an lvalue; "" if it has none we can name. */
static char *path_of(const struct imc_node *n, bool display)
{
	char *base, *out;

	if (!n)
		return imc_xstrdup("");
	switch (n->kind) {
	case IMC_VAR:
		return display ? imc_xstrdup(n->var->name ? n->var->name : "?")
			       : imc_xasprintf("v%u", n->var->id);
	case IMC_FIELD:
		base = path_of(imc_kid(n, 0), display);
		out = !*base	? imc_xstrdup("")
		      : display ? imc_xasprintf("%s%s%s", base,
						n->arrow ? "->" : ".", n->name)
				: imc_xasprintf(n->arrow ? "(*%s).%s" : "%s.%s",
						base, n->name);
		break;
	case IMC_DEREF:
		base = path_of(imc_kid(n, 0), display);
		out = !*base ? imc_xstrdup("")
			     : imc_xasprintf(display ? "*%s" : "(*%s)", base);
		break;
	case IMC_INDEX:
		base = path_of(imc_kid(n, 0), display);
		out = !*base ? imc_xstrdup("") : imc_xasprintf("%s[]", base);
		break;
	case IMC_CAST:
		return path_of(imc_kid(n, 0), display);
	default:
		return imc_xstrdup("");
	}
	free(base);
	return out;
}

static const struct imc_var *root_var(const struct imc_node *n)
{
	while (n && n->kind != IMC_VAR &&
	       (n->kind == IMC_FIELD || n->kind == IMC_DEREF ||
		n->kind == IMC_INDEX || n->kind == IMC_CAST))
		n = imc_kid(n, 0);
	return n && n->kind == IMC_VAR ? n->var : NULL;
}

int32_t find_obj(struct fnctx *c, const char *path)
{
	const char *key = imc_strset_find(&c->a->strings, path);
	void *idx =
		key ? imc_ptrmap_get(&c->obj_by_path, (uintptr_t)key) : NULL;

	return idx ? (int32_t)((uintptr_t)idx - 1) : -1;
}

/* Appends an object under its interned key; returns it for the caller to
 * fill in the rest (zeroed). */
static struct mapobj *add_obj(struct fnctx *c, const char *key,
			      const char *display)
{
	struct mapobj *o;

	if (c->nobjs == c->capobjs) {
		c->capobjs = c->capobjs ? c->capobjs * 2 : 8;
		c->objs = imc_xrealloc(c->objs, c->capobjs * sizeof(*c->objs));
	}
	o = &c->objs[c->nobjs];
	memset(o, 0, sizeof(*o));
	o->path = key;
	o->display = display;
	o->root_slot = -1;
	imc_ptrmap_put(&c->obj_by_path, (uintptr_t)key,
		       (void *)(uintptr_t)(++c->nobjs));
	return o;
}

/* Registers the map object denoted by an lvalue (deref: through pointer n). */
static void register_obj(struct fnctx *c, const struct imc_node *n, bool deref,
			 const struct imc_rule *def)
{
	char *p = path_of(n, false), *d;
	char *full = deref ? imc_xasprintf("(*%s)", p) : imc_xstrdup(p);
	const char *key;
	struct mapobj *o;

	if (!*p || find_obj(c, full) >= 0)
		goto out;
	key = imc_strset_intern(&c->a->strings, full);
	d = path_of(n, true);
	o = add_obj(c, key, imc_strset_intern(&c->a->strings, d));
	free(d);
	o->root_slot = slot(c, root_var(n));
	o->by_deref = deref || strchr(full, '*');
	o->def = def;
out:
	free(p);
	free(full);
}

/* The object for what a call with a flag out-parameter returns: one per
 * call site, with no map struct (def NULL). */
const char *call_obj_key(struct fnctx *c, const struct imc_node *call)
{
	return why(c->a, "%s()@%p", call->name, (const void *)call);
}

static void register_call_obj(struct fnctx *c, const struct imc_node *call)
{
	const char *key = call_obj_key(c, call);

	if (find_obj(c, key) < 0)
		add_obj(c, key, why(c->a, "%s()", call->name));
}

/* Object of a map-typed lvalue. */
int32_t obj_of_lvalue(struct fnctx *c, const struct imc_node *n)
{
	char *p = path_of(n, false);
	int32_t o = *p ? find_obj(c, p) : -1;

	free(p);
	return o;
}

/* Object a pointer-to-map expression points to. */
int32_t obj_of_ptr(struct fnctx *c, const struct state *s,
		   const struct imc_node *n)
{
	char *p, *full;
	int32_t o, sl;

	while (n && n->kind == IMC_CAST)
		n = imc_kid(n, 0);
	if (!n)
		return -1;
	if (n->kind == IMC_ADDR)
		return obj_of_lvalue(c, imc_kid(n, 0));
	sl = n->kind == IMC_VAR ? slot(c, n->var) : -1;
	if (sl >= 0 && s->vars[sl].pts >= 0)
		return s->vars[sl].pts;
	p = path_of(n, false);
	full = imc_xasprintf("(*%s)", p);
	o = *p ? find_obj(c, full) : -1;
	free(p);
	free(full);
	return o;
}

/* Pre-pass: slots for every variable, objects for every map lvalue. */
void collect(struct fnctx *c, const struct imc_node *n)
{
	const struct imc_rule *def, *src;
	uint32_t i;

	if (!n)
		return;
	if (n->var)
		add_slot(c, n->var);
	for (i = 0; i < n->nkids; i++)
		collect(c, n->kids[i]);
	if ((def = map_def_of(c, n->type)))
		register_obj(c, n, false, def);
	else if ((def = map_ptr_def_of(c, n->type))) {
		register_obj(c, n, true, def);
		if (n->kind == IMC_ADDR)
			register_obj(c, imc_kid(n, 0), false, def);
	}
	if (n->kind == IMC_CALL && n->name &&
	    (src = rules_for(c->a, n->name)->r[IMC_R_IO_SOURCE]) && src->flag)
		register_call_obj(c, n);
	if (n->kind == IMC_DECL && n->var && map_def_of(c, n->var->type)) {
		struct imc_node v = {.kind = IMC_VAR, .var = n->var};

		register_obj(c, &v, false, map_def_of(c, n->var->type));
	}
}

const char *callee(const struct imc_node *call)
{
	return call->name ? call->name : "(indirect call)";
}

char *describe(const struct imc_node *n)
{
	char *p = path_of(n, true);

	if (*p)
		return p;
	free(p);
	if (n && n->kind == IMC_CALL)
		return imc_xasprintf("%s()", callee(n));
	if (n && n->kind == IMC_ADDR) {
		char *inner = describe(imc_kid(n, 0)), *out;

		out = imc_xasprintf("&%s", inner);
		free(inner);
		return out;
	}
	if (n && (n->kind == IMC_BINARY || n->kind == IMC_CAST ||
		  n->kind == IMC_UNARY || n->kind == IMC_INCDEC))
		return describe(imc_kid(n, 0));
	if (n && n->kind == IMC_COND && imc_kid(n, 1)) {
		char *a = describe(imc_kid(n, 1)), *b = describe(imc_kid(n, 2));
		char *out = imc_xasprintf("%s' or '%s", a, b);

		free(a);
		free(b);
		return out;
	}
	return imc_xstrdup("expression");
}

const char *map_why(struct fnctx *c, int32_t o, const struct mapst *m)
{
	const struct imc_node at = {.loc = c->fn->loc};
	int32_t root = c->objs[o].root_slot;

	if (m->why)
		return m->why;
	/* a map this function did not set up: where it starts */
	return map_origin(
		c, o, &at,
		why(c->a, "map '%s' is not tested for is_iomem on this path",
		    c->objs[o].display),
		root >= 0 && (uint32_t)root < c->fn->nparams
			? "comes from the caller of %s(): system or I/O memory"
			: "is not set up in %s(): system or I/O memory",
		c->fn->name);
}

const char *map_origin(struct fnctx *c, int32_t o, const struct imc_node *at,
		       const char *why, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	origin_note(c->a, why, at, "source", NULL,
		    imc_xasprintf("map '%s' %s",
				  o >= 0 ? c->objs[o].display : "?", what));
	return why;
}

/* The events of a finding about value V: where it comes from, then for a
 * map's pointer the missing is_iomem test where it was read, then the
 * access ACCESS (message owned) at AT, an event of KIND. Grouped by the map object or the
 * source, unless V is __iomem-typed (one finding per access, as sparse). */
void report_events(struct fnctx *c, size_t f, const struct val *v,
		   const struct imc_node *at, const char *kind, char *access)
{
	bool from_map = val_from_map(c, v);
	const void *cause = NULL;

	if (v->typed && !from_map) {
		free(access);
		return;
	}
	finding_events_from(c->a, f, v->why);
	if (from_map && v->from.line) {
		struct imc_node rd = {.loc = v->from};
		char *map = v->obj >= 0 ? imc_xasprintf("map '%s'",
							c->objs[v->obj].display)
					: imc_xstrdup("the map");

		rd.range.fe_begin = v->from_fe;
		finding_event(
			c->a, f, "branch", &rd,
			imc_xasprintf(
				v->mem & MEM_SYS
					? "%s is read here without a test of "
					  "is_iomem"
					: "%s is I/O memory on this path: its "
					  "system pointer is read here",
				map));
		free(map);
	}
	finding_event(c->a, f, kind, at, access);
	if (from_map)
		cause = v->obj >= 0 ? (const void *)c->objs[v->obj].path
				    : (const void *)v->why;
	else
		cause = v->why;
	finding_cause(c->a, f, c->fn->name, cause);
}

/* Reassigning a pointer variable forgets what we knew about its pointee. */
void forget_pointee(struct fnctx *c, struct state *s, int32_t sl)
{
	uint32_t i;

	for (i = 0; i < c->nobjs; i++)
		if (c->objs[i].root_slot == sl && c->objs[i].by_deref)
			set_map(s, (int32_t)i, IMC_MAP_MAYBE, NULL);
}

/* Whether n points to I/O memory by its types alone, as sparse sees it:
 * `&r->status` and `r->buf` (an array) through an __iomem `r` are __iomem
 * even where a front end types them as plain pointers. */
bool expr_iomem(const struct imc_node *n)
{
	const struct imc_node *ptr;

	if (!n || is_forced(n))
		return false;
	/* `(void __force *)io + off` is the cast's arithmetic, whatever
	 * type a front end gives the sum (GCC folds the cast into it): plain,
	 * or __iomem for `(void __force __iomem *)addr + off` */
	if (n->kind == IMC_BINARY && imc_type_is_ptr(n->type) &&
	    is_forced(imc_kid(n, 0)))
		return imc_type_is_iomem_ptr(imc_kid(n, 0)->type);
	if (imc_type_is_iomem_ptr(n->type))
		return true;
	switch (n->kind) {
	case IMC_ADDR:
		ptr = lvalue_pointer(imc_kid(n, 0));
		return ptr && expr_iomem(ptr);
	case IMC_FIELD:
	case IMC_INDEX:
	case IMC_DEREF:
		if (!n->type || n->type->kind != IMC_T_ARRAY)
			return false;
		ptr = lvalue_pointer(n);
		return ptr && expr_iomem(ptr);
	case IMC_BINARY:
		return imc_type_is_ptr(n->type) &&
		       (expr_iomem(imc_kid(n, 0)) || expr_iomem(imc_kid(n, 1)));
	case IMC_COND:
		return expr_iomem(imc_kid(n, 1)) || expr_iomem(imc_kid(n, 2));
	case IMC_COMMA:
		return expr_iomem(imc_kid(n, 1));
	default:
		return false;
	}
}
