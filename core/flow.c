// SPDX-License-Identifier: GPL-2.0-only
/*
 * The provenance dataflow. Each function (and each statement expression in
 * it) becomes a CFG; a forward analysis runs to a fixpoint over abstract
 * states (what every local pointer may point to, what every map may be) and
 * then once more with reporting on. Branch conditions refine the state:
 * that is the path sensitivity on is_iomem, without enumerating paths.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"

#define MAX_PASSES 64

static const struct val no_val = { .obj = -1, .flag_obj = -1, .pts = -1 };

/* ---- types ---------------------------------------------------------- */

static const struct imc_rule *map_def_of(const struct fnctx *c,
					 const struct imc_type *t)
{
	if (!t || (t->kind != IMC_T_STRUCT) || !t->tag)
		return NULL;
	return rules_for(c->a, t->tag)->r[IMC_R_MAP_STRUCT];
}

static const struct imc_rule *map_ptr_def_of(const struct fnctx *c,
					     const struct imc_type *t)
{
	return imc_type_is_ptr(t) ? map_def_of(c, t->pointee) : NULL;
}

static bool is_scalar(const struct imc_type *t)
{
	return t && (t->kind == IMC_T_INT || t->kind == IMC_T_BOOL);
}

/* `(T __force *)p`: the author opted out of the check for this access. */
static bool is_forced(const struct imc_node *n)
{
	return n && n->kind == IMC_CAST &&
	       (n->force || (n->type && n->type->pointee && n->type->pointee->force));
}

/* ---- slots and map objects -------------------------------------------- */

/* Slots are per function; a map keeps the cost per function independent
 * of how many variables the whole TU has. */
static int32_t slot(const struct fnctx *c, const struct imc_var *v)
{
	void *p = v ? imc_ptrmap_get(&c->slot_of_var, (uintptr_t)v->id + 1) : NULL;

	return p ? (int32_t)((uintptr_t)p - 1) : -1;
}

static void add_slot(struct fnctx *c, const struct imc_var *v)
{
	if (!v || slot(c, v) >= 0)
		return;
	if (c->nslots == c->capslots) {
		c->capslots = c->capslots ? c->capslots * 2 : 16;
		c->var_of_slot = imc_xrealloc(c->var_of_slot,
					      c->capslots * sizeof(*c->var_of_slot));
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
		out = !*base ? imc_xstrdup("") :
		      display ? imc_xasprintf("%s%s%s", base,
					      n->arrow ? "->" : ".", n->name) :
		      imc_xasprintf(n->arrow ? "(*%s).%s" : "%s.%s", base,
				    n->name);
		break;
	case IMC_DEREF:
		base = path_of(imc_kid(n, 0), display);
		out = !*base ? imc_xstrdup("") :
		      imc_xasprintf(display ? "*%s" : "(*%s)", base);
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

static int32_t find_obj(struct fnctx *c, const char *path)
{
	const char *key = imc_strset_find(&c->a->strings, path);
	void *idx = key ? imc_ptrmap_get(&c->obj_by_path, (uintptr_t)key) : NULL;

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
static void register_obj(struct fnctx *c, const struct imc_node *n,
			 bool deref, const struct imc_rule *def)
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
static const char *call_obj_key(struct fnctx *c, const struct imc_node *call)
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
static int32_t obj_of_lvalue(struct fnctx *c, const struct imc_node *n)
{
	char *p = path_of(n, false);
	int32_t o = *p ? find_obj(c, p) : -1;

	free(p);
	return o;
}

/* Object a pointer-to-map expression points to. */
static int32_t obj_of_ptr(struct fnctx *c, const struct state *s,
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
static void collect(struct fnctx *c, const struct imc_node *n)
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
		struct imc_node v = { .kind = IMC_VAR, .var = n->var };

		register_obj(c, &v, false, map_def_of(c, n->var->type));
	}
}

/* ---- states ---------------------------------------------------------- */

/* A state's contents are undefined until it is copied or joined into: the
 * buffers are reused, and most states are copies (branches, statement
 * expressions), so zeroing them would be wasted. */
static void state_new(struct fnctx *c, struct state *s)
{
	size_t vsize = (c->nslots + 1) * sizeof(*s->vars);
	char *buf = c->nspare ? c->spare[--c->nspare]
			      : imc_xcalloc(1, vsize + (c->nobjs + 1) *
							       sizeof(*s->objs));

	s->live = false;
	s->vars = (struct val *)buf;
	s->objs = (struct mapst *)(buf + vsize);
}

/* A state whose contents are all zero. */
static void state_init(struct fnctx *c, struct state *s)
{
	state_new(c, s);
	memset(s->vars, 0, (c->nslots + 1) * sizeof(*s->vars));
	memset(s->objs, 0, (c->nobjs + 1) * sizeof(*s->objs));
}

static void state_free(struct fnctx *c, struct state *s)
{
	if (!s->vars)
		return;
	if (c->nspare == c->capspare) {
		c->capspare = c->capspare ? 2 * c->capspare : 8;
		c->spare = imc_xrealloc(c->spare,
					c->capspare * sizeof(*c->spare));
	}
	c->spare[c->nspare++] = s->vars;
	s->vars = NULL;
	s->objs = NULL;
}

static void state_copy(struct fnctx *c, struct state *dst,
		       const struct state *src)
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

static struct val val_join(struct val a, struct val b)
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
	       a->obj == b->obj &&
	       a->flag_obj == b->flag_obj && a->flag_neg == b->flag_neg &&
	       a->pts == b->pts && a->params == b->params && a->why == b->why &&
	       a->from.line == b->from.line && a->from.col == b->from.col;
}

static bool map_eq(const struct mapst *a, const struct mapst *b)
{
	return a->st == b->st && a->member == b->member &&
	       a->flag == b->flag && a->incr == b->incr && a->why == b->why;
}

/* dst |= src; returns whether dst changed. */
static bool state_join(struct fnctx *c, struct state *dst,
		       const struct state *src)
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

/* ---- messages -------------------------------------------------------- */

static const char *callee(const struct imc_node *call)
{
	return call->name ? call->name : "(indirect call)";
}

static char *describe(const struct imc_node *n)
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

static const char *map_why(struct fnctx *c, int32_t o, const struct mapst *m)
{
	if (m->why)
		return m->why;
	return why(c->a, "map '%s' is not tested for is_iomem on this path",
		   c->objs[o].display);
}

/* ---- evaluation ------------------------------------------------------ */

enum access { RD, WR, RMW, ADDR };

static struct val eval(struct fnctx *c, struct state *s,
		       const struct imc_node *n);
static bool expr_iomem(const struct imc_node *n);
static void refine(struct fnctx *c, struct state *s, const struct imc_node *n,
		   bool truth);
static void run_region(struct fnctx *c, const struct imc_node *body,
		       struct state *s, struct val *value);

static struct val forced_plain(struct fnctx *c, const struct imc_node *n,
			       struct val v);

static struct val typed_io(struct fnctx *c, const struct imc_node *n)
{
	struct val v = no_val;
	char *d = describe(n);

	v.mem = MEM_IO;
	v.typed = true;
	v.why = why(c->a, "'%s' is declared __iomem", d);
	free(d);
	return v;
}

static void record_param_use(struct fnctx *c, uint32_t params,
			     const char *how, const struct imc_node *at)
{
	uint32_t i;

	if (!c->sum)
		return;
	c->sum->mem_params |= params;
	for (i = 0; i < 32; i++)
		if ((params >> i & 1) && !c->sum->use_what[i])
			c->sum->use_what[i] = why(c->a, "%s at line %u", how,
						  at->loc.line);
}

/* The pointer an lvalue is reached through (NULL: a variable or a value). */
static const struct imc_node *lvalue_pointer(const struct imc_node *n)
{
	while (n) {
		const struct imc_node *base = imc_kid(n, 0);

		switch (n->kind) {
		case IMC_FIELD:
			if (n->arrow)
				return base;
			n = base;
			break;
		case IMC_DEREF:
			return base;
		case IMC_INDEX:
			if (base && base->type && base->type->kind == IMC_T_ARRAY) {
				n = base;
				break;
			}
			return base;
		default:
			return NULL;
		}
	}
	return NULL;
}

/* Evaluates the parts of an lvalue (base pointer, indices) without the
 * access itself; returns the value of the pointer it is reached through. */
static struct val eval_lvalue_parts(struct fnctx *c, struct state *s,
				    const struct imc_node *n)
{
	const struct imc_node *ptr = lvalue_pointer(n);
	const struct imc_node *m;

	for (m = n; m && m != ptr; m = imc_kid(m, 0)) {
		if (m->kind == IMC_INDEX)
			eval(c, s, imc_kid(m, 1));
		if (m->kind != IMC_FIELD && m->kind != IMC_INDEX &&
		    m->kind != IMC_DEREF) {
			eval(c, s, m);
			break;
		}
	}
	return ptr ? eval(c, s, ptr) : no_val;
}

static const char *width_when(char *buf, size_t len, uint32_t size)
{
	snprintf(buf, len, "size=%u", size);
	return buf;
}

/* Derived from a map's system member (not from the I/O-or-not result of
 * a call with a flag out-parameter, which has no map to rewrite to). */
static bool val_from_map(const struct fnctx *c, const struct val *v)
{
	return !v->typed && !v->forced &&
	       (v->from_map || (v->obj >= 0 && c->objs[v->obj].def));
}

static const char *const forced_how =
	"; use the I/O accessors on the __iomem pointer instead of casting it away";

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
			  const struct imc_node *site, const struct imc_node *ptr,
			  const struct val *pv, enum access mode)
{
	static const char *const verbs[] = { "load", "store", "read-modify-write" };
	const struct imc_type *t = lv->type;
	bool from_map = val_from_map(c, pv), fix;
	const char *rule = pv->forced ? "iomem-forced-access" :
			   from_map   ? "map-vaddr-unchecked" : "iomem-deref";
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
		   (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8)) {
		load = rewrite_for(c->a, "load", "from=map");
		store = rewrite_for(c->a, "store", "from=map");
	}
	if (pv->forced && (!load || (mode != RD && !store)))
		how = forced_how;
	else if (from_map && (!load || (mode != RD && !store)))
		how = "; use iosys_map_rd()/iosys_map_wr()";
	else if (!pv->typed && !from_map && !pv->forced)
		how = "; give it an __iomem type and use the I/O accessors";
	else if (t && (t->kind == IMC_T_STRUCT || t->kind == IMC_T_UNION))
		how = mode == RD ? "; no single accessor fits a struct copy: use memcpy_fromio()"
				 : "; no single accessor fits a struct copy: use memcpy_toio()";
	else if (!load || (mode != RD && !store))
		how = mode == RD ? "; no accessor fits this width: use memcpy_fromio()"
				 : "; no accessor fits this width: use memcpy_toio()";
	if (pv->typed && !from_map)
		msg = imc_xasprintf("plain %s through __iomem pointer '%s'%s",
				    verbs[mode], d, how);
	else
		msg = imc_xasprintf("plain %s through '%s', which %s to I/O memory: %s%s",
				    verbs[mode], d, pv->forced ? "points" : "may point",
				    pv->why ? pv->why : "unknown origin", how);
	if (!*how) {
		char *ln = template_fn_name(mode == WR ? store : load);
		char *sn = template_fn_name(store);
		char *full = imc_xasprintf("%s; use %s()%s%s%s%s", msg, ln,
					   mode == RMW ? " and " : "",
					   mode == RMW ? sn : "",
					   mode == RMW ? "()" : "",
					   pv->forced ? " on the __iomem pointer instead of casting it away" : "");

		free(msg);
		free(ln);
		free(sn);
		msg = full;
	}
	free(d);
	f = add_finding(c->a, rule, lv, msg);
	fix = !*how && (mode == RD || site) && (!pv->forced || forced_direct(lv));
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

/* s.vaddr / map->vaddr_iomem / map->is_iomem: a member of a map struct. */
static int32_t map_member_obj(struct fnctx *c, struct state *s,
			      const struct imc_node *n,
			      const struct imc_rule **def)
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

static struct val read_map_member(struct fnctx *c, struct state *s,
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
		if (m->st == IMC_MAP_SYSTEM && c->report)
			add_finding(c->a, "map-vaddr-iomem-on-system", n,
				    imc_xasprintf("'%s.%s' used, but map '%s' is system memory on this path (%s): use '%s'",
						  c->objs[o].display, n->name,
						  c->objs[o].display,
						  m->why ? m->why : "is_iomem is false",
						  def->sys_member));
		v = typed_io(c, n);
	}
	return v;
}

/* What a load of a member ("tag.member", member_key()) or a file-scope
 * variable (its imc_var) may hold: I/O memory the TU stored there
 * (holders.c), or that the rules say an API stores there (io-field). */
static struct val held(struct fnctx *c, uintptr_t key, const char *member)
{
	const struct io_holder *h = holder_get(c->a, key);
	const struct imc_rule *r;
	const char *base;
	struct val v = no_val;

	if (h) {
		v.mem = h->mem;
		v.forced = h->forced;
		v.why = h->why;
	} else if (member && (r = rules_for(c->a, member)->r[IMC_R_IO_FIELD])) {
		base = strrchr(r->file, '/');
		v.mem = r->state == IMC_MAP_IO ? MEM_IO : MEM_IO | MEM_SYS;
		v.why = why(c->a, "'%s' may hold I/O memory (rules: %s:%d)",
			    r->name, base ? base + 1 : r->file, r->line);
	}
	return v;
}

/* An assignment of I/O memory to a member or a file-scope variable, noted
 * for the whole TU. */
static void note_store(struct fnctx *c, const struct imc_node *lhs,
		       const struct val *v, const struct imc_node *at)
{
	uintptr_t key = 0;
	char *d;

	if (!(v->mem & MEM_IO) || imc_type_is_iomem_ptr(lhs->type) ||
	    !imc_type_is_ptr(lhs->type))
		return;
	if (lhs->kind == IMC_FIELD)
		key = (uintptr_t)member_key(c->a, lhs);
	else if (lhs->kind == IMC_VAR && lhs->var->scope == IMC_GLOBAL)
		key = (uintptr_t)lhs->var;
	if (!key || holder_get(c->a, key)) {
		holder_note(c->a, key, v->mem, v->forced, NULL);
		return;
	}
	d = describe(lhs);
	holder_note(c->a, key, v->mem, v->forced,
		    why(c->a, "'%s' was assigned I/O memory at line %u (%s)", d,
			at->loc.line, v->why ? v->why : "unknown origin"));
	free(d);
}

static struct val access(struct fnctx *c, struct state *s,
			 const struct imc_node *n, enum access mode,
			 const struct imc_node *site)
{
	const struct imc_rule *def;
	int32_t o = map_member_obj(c, s, n, &def);
	struct val pv;

	if (o >= 0)
		return mode == RD ? read_map_member(c, s, n, o, def) : no_val;
	pv = eval_lvalue_parts(c, s, n);
	if (n->type && n->type->kind == IMC_T_ARRAY)
		return pv; /* decays to a pointer: no access */
	if (mode == ADDR)
		return pv;
	check_access(c, n, site, mode, &pv);
	if (imc_type_is_iomem_ptr(n->type))
		return typed_io(c, n);
	if (mode == RD && n->kind == IMC_FIELD && imc_type_is_ptr(n->type)) {
		const char *member = member_key(c->a, n);

		return held(c, (uintptr_t)member, member);
	}
	return no_val;
}

/* ---- map set-up -------------------------------------------------------- */

static void set_map(struct state *s, int32_t o, unsigned st,
		    const char *reason)
{
	struct mapst *m;

	if (o < 0)
		return;
	m = &s->objs[o];
	memset(m, 0, sizeof(*m));
	m->st = (uint8_t)st;
	m->why = st & IMC_MAP_IO ? reason : NULL;
}

static bool const_value(const struct imc_node *n, int64_t *out)
{
	while (n && n->kind == IMC_CAST)
		n = imc_kid(n, 0);
	if (n && n->kind == IMC_CONST) {
		*out = n->ival;
		return true;
	}
	if (n && n->kind == IMC_UNARY && n->op == IMC_OP_NOT &&
	    const_value(imc_kid(n, 0), out)) {
		*out = !*out;
		return true;
	}
	return false;
}

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
			st = const_value(imc_kid(d, 0), &v) ?
				     (v ? IMC_MAP_IO : IMC_MAP_SYSTEM) :
				     IMC_MAP_MAYBE;
		else if (st == IMC_MAP_NULL)
			st = IMC_MAP_SYSTEM;
	}
	set_map(s, o, st, why(c->a, "map '%s' is initialized as I/O memory at line %u",
				 o >= 0 ? c->objs[o].display : "?", init->loc.line));
}

/* Copy of a whole map: `m = *map`, `struct iosys_map m = other`. */
static void copy_map(struct fnctx *c, struct state *s, int32_t dst,
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
			src && src->kind == IMC_CALL ?
				why(c->a, "map '%s' is returned by %s() at line %u",
				    c->objs[dst].display, callee(src), src->loc.line) : NULL);
	}
}

static void check_member_flag(struct fnctx *c, struct state *s, int32_t o,
			      const struct imc_node *at,
			      const struct imc_rule *def)
{
	const struct mapst *m = &s->objs[o];
	bool io_member = m->member == 2;

	if (!m->member || !m->flag || (m->flag == 2) == io_member || !c->report)
		return;
	add_finding(c->a, "map-flag-mismatch", at,
		    imc_xasprintf("map '%s' gets '%s' but is_iomem = %s: use %s()",
				  c->objs[o].display,
				  io_member ? def->io_member : def->sys_member,
				  m->flag == 2 ? "true" : "false",
				  m->flag == 2 ? "iosys_map_set_vaddr_iomem"
					       : "iosys_map_set_vaddr"));
}

static void write_map_member(struct fnctx *c, struct state *s, int32_t o,
			     const struct imc_node *lhs,
			     const struct imc_node *rhs,
			     const struct imc_rule *def)
{
	struct mapst *m = &s->objs[o];
	int64_t v;

	if (!strcmp(lhs->name, def->flag_member)) {
		bool known = const_value(rhs, &v);

		m->st = known ? (v ? IMC_MAP_IO : IMC_MAP_SYSTEM) : IMC_MAP_MAYBE;
		m->flag = known ? (v ? 2 : 1) : 0;
		m->why = m->st & IMC_MAP_IO ?
			why(c->a, "map '%s' has is_iomem set at line %u",
			    c->objs[o].display, lhs->loc.line) : NULL;
	} else if (const_value(rhs, &v) && !v) {
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
	check_member_flag(c, s, o, lhs, def);
}

/* Reassigning a pointer variable forgets what we knew about its pointee. */
static void forget_pointee(struct fnctx *c, struct state *s, int32_t sl)
{
	uint32_t i;

	for (i = 0; i < c->nobjs; i++)
		if (c->objs[i].root_slot == sl && c->objs[i].by_deref)
			set_map(s, (int32_t)i, IMC_MAP_MAYBE, NULL);
}

/* ---- address spaces (sparse's check, rule iomem-address-space) ---------- */

/* Whether n points to I/O memory by its types alone, as sparse sees it:
 * `&r->status` and `r->buf` (an array) through an __iomem `r` are __iomem
 * even where a front end types them as plain pointers. */
static bool expr_iomem(const struct imc_node *n)
{
	const struct imc_node *ptr;

	if (!n || is_forced(n))
		return false;
	/* `(void __force *)io + off` is the cast's arithmetic, whatever
	 * type a front end gives the sum (GCC folds the cast into it) */
	if (n->kind == IMC_BINARY && imc_type_is_ptr(n->type) &&
	    is_forced(imc_kid(n, 0)))
		return false;
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

/* The value of a statement expression: the last expression of its block. */
static const struct imc_node *stmtexpr_value(const struct imc_node *n)
{
	const struct imc_node *blk = imc_kid(n, 0);
	const struct imc_node *last;

	if (!blk || blk->kind != IMC_BLOCK || !blk->nkids)
		return NULL;
	last = blk->kids[blk->nkids - 1];
	return last && last->kind < IMC_BLOCK ? last : NULL;
}

static bool via_typeof_iomem(const struct imc_node *n,
			     const struct imc_node *blk, int depth);

/* An integer computed from an __iomem pointer: `(unsigned long)(ptr) |
 * bits`, or a variable BLK declares with such an initializer. */
static bool int_from_iomem(const struct imc_node *n, const struct imc_node *blk,
			   int depth)
{
	const struct imc_node *k0 = imc_kid(n, 0);
	uint32_t i;

	if (!n || depth > 8 || !is_scalar(n->type))
		return false;
	switch (n->kind) {
	case IMC_CAST:
		return k0 && !is_forced(n) && imc_type_is_ptr(k0->type) &&
		       via_typeof_iomem(k0, NULL, depth + 1);
	case IMC_BINARY:
		if (n->op != IMC_OP_ADD && n->op != IMC_OP_SUB &&
		    n->op != IMC_OP_AND && n->op != IMC_OP_OR &&
		    n->op != IMC_OP_XOR)
			return false;
		return int_from_iomem(k0, blk, depth + 1) ||
		       int_from_iomem(imc_kid(n, 1), blk, depth + 1);
	case IMC_VAR:
		for (i = 0; blk && i < blk->nkids; i++) {
			const struct imc_node *d = blk->kids[i];

			if (d && d->kind == IMC_DECL && d->var == n->var)
				return int_from_iomem(imc_kid(d, 0), NULL,
						      depth + 1);
		}
		return false;
	default:
		return false;
	}
}

/* An __iomem pointer that went through a typeof() macro: READ_ONCE(p) is
 * `*(const volatile typeof(p) *)&(p)`, ptr_mask_bits(p, n) casts
 * `(unsigned long)(p) & mask` back to typeof(p). sparse keeps __iomem
 * through typeof; the front ends cannot always (GCC's typeof has no
 * annotations). Only ever used to NOT report a conversion to __iomem. */
static bool via_typeof_iomem(const struct imc_node *n,
			     const struct imc_node *blk, int depth)
{
	const struct imc_node *k0, *k00;

	if (!n || depth > 8 || is_forced(n))
		return false;
	if (expr_iomem(n))
		return true;
	k0 = imc_kid(n, 0);
	switch (n->kind) {
	case IMC_STMTEXPR:
		return via_typeof_iomem(stmtexpr_value(n), k0, depth + 1);
	case IMC_COMMA:
		return via_typeof_iomem(imc_kid(n, 1), blk, depth + 1);
	case IMC_DEREF:
		if (!k0 || !imc_type_is_ptr(k0->type) ||
		    !imc_type_is_ptr(k0->type->pointee))
			return false;
		if (imc_type_is_iomem_ptr(k0->type->pointee))
			return true;
		k00 = imc_kid(k0, 0);
		return k0->kind == IMC_CAST && k0->explicit_cast &&
		       !is_forced(k0) && k00 && k00->kind == IMC_ADDR &&
		       expr_iomem(imc_kid(k00, 0));
	case IMC_CAST:
		return n->explicit_cast && imc_type_is_ptr(n->type) &&
		       int_from_iomem(k0, blk, depth + 1);
	default:
		return false;
	}
}

static bool is_null_constant(const struct imc_node *n)
{
	int64_t v;

	return const_value(n, &v) && !v;
}

/* sparse's address-space check for __iomem, both ways: +1 the conversion
 * drops __iomem, -1 it adds it to a plain pointer, 0 neither. */
static int iomem_conversion(const struct imc_type *dst,
			    const struct imc_node *src)
{
	if (!src || !imc_type_is_ptr(dst) ||
	    (!imc_type_is_ptr(src->type) && !(src->type && src->type->kind == IMC_T_ARRAY)) ||
	    dst->force || (dst->pointee && dst->pointee->force) ||
	    is_forced(src))
		return 0;
	if (expr_iomem(src) && !imc_type_is_iomem_ptr(dst))
		return 1;
	if (!expr_iomem(src) && imc_type_is_iomem_ptr(dst) &&
	    !is_null_constant(src) && !via_typeof_iomem(src, NULL, 0))
		return -1;
	return 0;
}

static void check_address_space(struct fnctx *c, const struct imc_type *dst,
				const struct imc_node *src,
				const struct imc_node *at, const char *what)
{
	int conv = c->report ? iomem_conversion(dst, src) : 0;
	char *d;

	if (!conv)
		return;
	d = describe(src);
	add_finding(c->a, "iomem-address-space", at,
		    conv > 0 ?
		    imc_xasprintf("%s drops __iomem from '%s' (add __iomem to the destination, or __force if intended)",
				  what, d) :
		    imc_xasprintf("%s gives plain pointer '%s' where __iomem is expected (__force if intended)",
				  what, d));
	free(d);
}

/* ---- calls ------------------------------------------------------------ */

static struct imc_node *arg(const struct imc_node *call, int pos)
{
	return pos > 0 ? imc_kid(call, IMC_CALL_ARG0 + (uint32_t)pos - 1) : NULL;
}

static bool is_io(const struct imc_node *n, const struct val *v)
{
	return (v->mem & MEM_IO) || expr_iomem(n);
}

static void report_memfn(struct fnctx *c, const struct imc_node *call,
			 const struct imc_rule *r, const struct val *vals)
{
	static const char *const roles[] = { "destination", "source", "source" };
	int pos[3] = { r->dst, r->src, r->src2 }, k, nio = 0, which = -1;
	const struct imc_node *a;
	const struct val *v;
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
	tmpl = nio == 1 && (from_map || expr_iomem(a) || v->forced) ?
		rewrite_for(c->a, call->name, when) : NULL;
	fn = tmpl ? template_fn_name(tmpl) : NULL;
	d = describe(a);
	f = add_finding(c->a, v->forced ? "iomem-forced-access" :
			from_map ? "map-vaddr-unchecked" : "iomem-memfn", call,
			imc_xasprintf("%s() on I/O memory: %s '%s' %s%s%s%s%s%s",
				      call->name, roles[which], d,
				      imc_type_is_iomem_ptr(a->type) ? "is __iomem" :
				      v->why ? "may be I/O: " : "may be I/O",
				      imc_type_is_iomem_ptr(a->type) ? "" : v->why ? v->why : "",
				      fn ? "; use " : "", fn ? fn : "", fn ? "()" : "",
				      !v->forced ? "" : fn ? " on the __iomem pointer instead of casting it away"
							   : forced_how));
	if (fn && !fix_call(c->a, f, call, tmpl,
			    from_map && v->obj >= 0 && c->objs[v->obj].def ? a : NULL,
			    v->forced && !from_map ? a : NULL) &&
	    from_map && v->obj >= 0 && fix_steps(c->a, a)) {
		char *full = imc_xasprintf("%s: '%s' steps through map '%s', keep an offset into the map instead of the pointer",
					   c->a->out->v[f].message, d,
					   c->objs[v->obj].display);

		free((char *)c->a->out->v[f].message);
		c->a->out->v[f].message = full;
	}
	free(fn);
	free(d);
}

static void check_memfn(struct fnctx *c, const struct imc_node *call,
			const struct imc_rule *r, const struct val *vals)
{
	int pos[3] = { r->dst, r->src, r->src2 }, k;

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
		add_finding(c->a, v->forced ? "iomem-forced-access" :
			    val_from_map(c, v) ? "map-vaddr-unchecked" : "iomem-memfn",
			    call,
			    imc_xasprintf("'%s' may be I/O memory (%s) but %s() uses argument %u as system memory (%s): %s",
					  d, v->why ? v->why : "unknown origin",
					  callee(call), i,
					  sum->use_what[i - 1] ? sum->use_what[i - 1] : "directly",
					  val_from_map(c, v) ?
					  why(c->a, "pass %s() the map (and an offset) and use the iosys_map_*() helpers there",
					      callee(call)) :
					  why(c->a, "give parameter %u of %s() an __iomem type and use the I/O accessors there",
					      i, callee(call))));
		free(d);
	}
}

/* Where argument POS of CALL starts, as sparse and GCC report a finding
 * about it: from the call's text (IMC_VAR and IMC_CONST carry no location),
 * else the argument's own location, else the call's (inside a macro). */
#define ARG_LOC_MAX 64
static struct imc_loc arg_loc(struct fnctx *c, const struct imc_node *call,
			      int pos)
{
	const struct imc_node *a = arg(call, pos);
	struct imc_loc loc = a && a->loc.line ? a->loc : call->loc;
	size_t begin[ARG_LOC_MAX] = { 0 }, end[ARG_LOC_MAX], paren, k;
	char *text;

	if (!call->range.valid || pos > ARG_LOC_MAX ||
	    !(text = imc_source_text(c->a->sources, &call->range)))
		return loc;
	if (imc_split_call(text, begin, end, ARG_LOC_MAX, &paren) >= pos &&
	    begin[pos - 1]) {
		loc = call->range.begin;
		for (k = 0; k < begin[pos - 1]; k++) {
			if (text[k] == '\n')
				loc.line++, loc.col = 1;
			else
				loc.col++;
		}
	}
	free(text);
	return loc;
}

/* Arguments against parameter types, reported at the argument; a mem
 * function's pointer arguments are iomem-memfn's business instead. */
static void check_args_address_space(struct fnctx *c,
				     const struct imc_node *call,
				     uint32_t nargs, const struct imc_rule *memfn)
{
	const struct imc_type *ft = call->fntype;
	struct imc_node at;
	uint32_t i;
	char what[160];

	for (i = 1; ft && i <= nargs && i <= ft->nparams; i++) {
		if (memfn && ((int)i == memfn->dst || (int)i == memfn->src ||
			      (int)i == memfn->src2))
			continue;
		if (!c->report ||
		    !iomem_conversion(ft->params[i - 1], arg(call, (int)i)))
			continue;
		snprintf(what, sizeof(what), "argument %u of %s()", i,
			 callee(call));
		at = *call; /* the call's front-end handle is a hint only */
		at.loc = arg_loc(c, call, (int)i);
		check_address_space(c, ft->params[i - 1], arg(call, (int)i),
				    &at, what);
	}
}

static void map_call_effects(struct fnctx *c, struct state *s,
			     const struct imc_node *call)
{
	const struct imc_rule *r;
	int32_t o;

	if ((r = rules_for(c->a, call->name)->r[IMC_R_MAP_SET])) {
		o = obj_of_ptr(c, s, arg(call, r->map));
		set_map(s, o, r->state,
			why(c->a, "map '%s' comes from %s() at line %u",
			    o >= 0 ? c->objs[o].display : "?", call->name,
			    call->loc.line));
		if (o >= 0 && r->state == IMC_MAP_IO)
			s->objs[o].member = 0;
	}
	if ((r = rules_for(c->a, call->name)->r[IMC_R_MAP_INCR]) &&
	    (o = obj_of_ptr(c, s, arg(call, r->map))) >= 0) {
		s->objs[o].incr = true;
		s->objs[o].incr_loc = call->loc;
		s->objs[o].incr_fn = call->name;
	}
	if ((r = rules_for(c->a, call->name)->r[IMC_R_MAP_UNMAP]) &&
	    (o = obj_of_ptr(c, s, arg(call, r->map))) >= 0 &&
	    s->objs[o].incr && c->report) {
		struct imc_node at = { .loc = s->objs[o].incr_loc };

		add_finding(c->a, "map-incr-before-vunmap", &at,
			    imc_xasprintf("map '%s' is advanced in place by %s() and later released by %s() at line %u, which needs the original address: advance a copy (IOSYS_MAP_INIT_OFFSET)",
					  c->objs[o].display, s->objs[o].incr_fn,
					  call->name, call->loc.line));
	}
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
				why(c->a, "map '%s' is filled by %s() at line %u",
				    c->objs[o].display, callee(call), call->loc.line));
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

static struct val call_result(struct fnctx *c, struct state *s,
			      const struct imc_node *call,
			      const struct val *vals, uint32_t nargs,
			      const struct summary *sum)
{
	const struct imc_rule *src = rules_for(c->a, call->name)->r[IMC_R_IO_SOURCE];
	struct val v = no_val;
	uint32_t i;

	if (src) {
		v = source_call(c, s, call, src);
	} else if (sum) {
		struct val out = no_val;

		out.mem = sum->out_mem;
		out.forced = sum->out_forced;
		out.why = sum->out_why;
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
	return v;
}

static struct val eval_call(struct fnctx *c, struct state *s,
			    const struct imc_node *call)
{
	uint32_t nargs = call->nkids > 0 ? call->nkids - 1 : 0, i;
	struct val *vals = imc_xcalloc(nargs + 1, sizeof(*vals)), result;
	const struct imc_rule *memfn = NULL;
	const struct summary *sum = NULL;
	int32_t fi;

	eval(c, s, imc_kid(call, 0));
	for (i = 1; i <= nargs; i++)
		vals[i] = eval(c, s, arg(call, (int)i));
	if (call->name) {
		memfn = rules_for(c->a, call->name)->r[IMC_R_MEMFN];
		fi = function_index(c->a, call->name);
		sum = fi >= 0 ? &c->a->sums[fi] : NULL;
	}
	/* What the rules say about a function wins over its body's summary
	 * (memcpy_toio's body is plain memory access, by design). */
	if (memfn)
		check_memfn(c, call, memfn, vals);
	else if (rules_for(c->a, call->name)->r[IMC_R_ACCESSOR])
		sum = NULL;
	check_args_address_space(c, call, nargs, memfn);
	if (sum && !memfn)
		check_summary(c, call, sum, vals, nargs);
	if (call->name)
		map_call_effects(c, s, call);
	if (!call->name || (!sum && !memfn &&
			    !rules_for(c->a, call->name)->r[IMC_R_MAP_SET]))
		unknown_call_fills(c, s, call, nargs);
	result = call_result(c, s, call, vals, nargs, sum);
	free(vals);
	return result;
}

/* ---- assignments ---------------------------------------------------------- */

/* Summary: `*ptr = v` stores I/O memory through parameter ptr, for the
 * callers (radeon_bo_kmap(bo, &rdev->uvd.cpu_addr)). */
static void note_out_param(struct fnctx *c, const struct state *s,
			   const struct imc_node *lhs, const struct val *v)
{
	const struct imc_node *p = imc_kid(lhs, 0);
	int32_t sl;

	if (!c->sum || lhs->kind != IMC_DEREF || !(v->mem & MEM_IO) || !p ||
	    p->kind != IMC_VAR || (sl = slot(c, p->var)) < 0 || !s->vars[sl].params)
		return;
	c->sum->out_params |= s->vars[sl].params;
	c->sum->out_mem |= v->mem;
	c->sum->out_forced |= v->forced;
	if (!c->sum->out_why)
		c->sum->out_why = v->why;
}

static struct val assign(struct fnctx *c, struct state *s,
			 const struct imc_node *n)
{
	const struct imc_node *lhs = imc_kid(n, 0), *rhs = imc_kid(n, 1);
	const struct imc_rule *def;
	struct val rv;
	int32_t o, sl;

	if (!lhs)
		return eval(c, s, rhs);
	if ((def = map_def_of(c, lhs->type))) {
		eval_lvalue_parts(c, s, lhs);
		copy_map(c, s, obj_of_lvalue(c, lhs), rhs, def);
		return no_val;
	}
	rv = eval(c, s, rhs);
	if ((o = map_member_obj(c, s, lhs, &def)) >= 0) {
		write_map_member(c, s, o, lhs, rhs, def);
		return rv;
	}
	if (!n->op) {
		note_store(c, lhs, &rv, n);
		note_out_param(c, s, lhs, &rv);
	}
	if (lhs->kind == IMC_VAR && (sl = slot(c, lhs->var)) >= 0) {
		if (!n->op) {
			check_address_space(c, lhs->type, rhs, n, "assignment");
			s->vars[sl] = rv;
			forget_pointee(c, s, sl);
		}
		return s->vars[sl];
	}
	if (!n->op)
		check_address_space(c, lhs->type, rhs, n, "assignment");
	access(c, s, lhs, n->op ? RMW : WR, n);
	return rv;
}

static void declare(struct fnctx *c, struct state *s, const struct imc_node *n)
{
	const struct imc_node *init = imc_kid(n, 0);
	const struct imc_rule *def = map_def_of(c, n->var->type);
	struct imc_node v = { .kind = IMC_VAR, .var = n->var };
	int32_t sl = slot(c, n->var);

	if (def) {
		if (init)
			copy_map(c, s, obj_of_lvalue(c, &v), init, def);
		return;
	}
	if (sl < 0)
		return;
	s->vars[sl] = init ? eval(c, s, init) : no_val;
	forget_pointee(c, s, sl);
	if (init && map_ptr_def_of(c, n->var->type))
		s->vars[sl].pts = obj_of_ptr(c, s, init);
	check_address_space(c, n->var->type, init, n, "initialization");
}

/* `.vaddr = io` in an initializer: reported at the statement, since the
 * front ends know no location for a designator. */
static void check_designated(struct fnctx *c, const struct imc_node *d)
{
	char what[160];

	snprintf(what, sizeof(what), "initializer of member '%s'", d->name);
	check_address_space(c, d->type, imc_kid(d, 0),
			    d->loc.line ? d : c->statement, what);
}

/* ---- expressions ------------------------------------------------------------ */

/* Whether evaluating n can change the state: most conditions cannot. */
static bool has_effects(const struct imc_node *n)
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
static bool can_refine(struct fnctx *c, const struct state *s,
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

static struct val eval_cond(struct fnctx *c, struct state *s,
			    const struct imc_node *n)
{
	struct state t, f;
	struct val vt = no_val, vf = no_val, vc;

	vc = eval(c, s, imc_kid(n, 0));
	if (!can_refine(c, s, imc_kid(n, 0)) && !has_effects(imc_kid(n, 1)) &&
	    !has_effects(imc_kid(n, 2))) {
		vt = imc_kid(n, 1) ? eval(c, s, imc_kid(n, 1)) : vc;
		return val_join(vt, eval(c, s, imc_kid(n, 2)));
	}
	state_new(c, &t);
	state_new(c, &f);
	state_copy(c, &t, s);
	state_copy(c, &f, s);
	refine(c, &t, imc_kid(n, 0), true);
	refine(c, &f, imc_kid(n, 0), false);
	vt = imc_kid(n, 1) ? eval(c, &t, imc_kid(n, 1)) : vc;
	vf = eval(c, &f, imc_kid(n, 2));
	s->live = false;
	state_join(c, s, &t);
	state_join(c, s, &f);
	state_free(c, &t);
	state_free(c, &f);
	if (!t.live)
		return vf;
	return f.live ? val_join(vt, vf) : vt;
}

/* a && b, a || b: b runs only on the path where a decided nothing. */
static struct val eval_logical(struct fnctx *c, struct state *s,
			       const struct imc_node *n)
{
	struct state rhs;
	bool and = n->op == IMC_OP_LAND;

	eval(c, s, imc_kid(n, 0));
	if (!can_refine(c, s, imc_kid(n, 0)) && !has_effects(imc_kid(n, 1))) {
		eval(c, s, imc_kid(n, 1));
		return no_val;
	}
	state_new(c, &rhs);
	state_copy(c, &rhs, s);
	refine(c, &rhs, imc_kid(n, 0), and);
	refine(c, s, imc_kid(n, 0), !and);
	eval(c, &rhs, imc_kid(n, 1));
	state_join(c, s, &rhs);
	state_free(c, &rhs);
	return no_val;
}

static struct val eval_kids(struct fnctx *c, struct state *s,
			    const struct imc_node *n)
{
	uint32_t i;

	for (i = 0; i < n->nkids; i++)
		eval(c, s, n->kids[i]);
	return no_val;
}

/* An asm operand "m"(*p) names memory the asm itself accesses (the way
 * readl() is written on x86): the C code takes its address, no more. */
/* `return map->vaddr;` where the map may be I/O, from a function other
 * files call: the caller gets a plain pointer and no is_iomem to test
 * (ast's cursor). Reported where the member was read, which is what a fix
 * changes. Callers of a static function are in this file, where the
 * summary reports their use of it instead. */
static void check_escape(struct fnctx *c, const struct imc_node *ret,
			 const struct val *v)
{
	const struct imc_type *rt = c->fn->type ? c->fn->type->ret : NULL;
	struct imc_node at = { .loc = v->from };

	if (!c->report || c->fn->is_static || !v->from.line || !(v->mem & MEM_IO) ||
	    !val_from_map(c, v) || !imc_type_is_ptr(rt) ||
	    imc_type_is_iomem_ptr(rt))
		return;
	at.range.fe_begin = v->from_fe;
	add_finding(c->a, "map-vaddr-unchecked", &at,
		    imc_xasprintf("the system pointer of a map that may be I/O memory is returned by %s() at line %u as a plain pointer, without its is_iomem: %s; test is_iomem first, or hand out the map",
				  c->fn->name, ret->loc.line,
				  v->why ? v->why : "unknown origin"));
}

static struct val eval_asm(struct fnctx *c, struct state *s,
			   const struct imc_node *n)
{
	uint32_t i;

	for (i = 0; i < n->nkids; i++) {
		const struct imc_node *k = n->kids[i];

		if (k && (k->kind == IMC_DEREF || k->kind == IMC_INDEX ||
			  (k->kind == IMC_FIELD && lvalue_pointer(k))))
			access(c, s, k, ADDR, NULL);
		else
			eval(c, s, k);
	}
	return no_val;
}

static struct val eval_var(struct fnctx *c, struct state *s,
			   const struct imc_node *n)
{
	int32_t sl = slot(c, n->var);
	struct val v = sl >= 0 ? s->vars[sl] : no_val;

	/* Derived from a map (or a call with a flag out-parameter) before a
	 * test of its flag: the test tells about this pointer too. */
	if (v.obj >= 0 && s->objs[v.obj].st) {
		uint8_t st = s->objs[v.obj].st;
		uint8_t m = (st & IMC_MAP_IO ? MEM_IO : 0) |
			    (st & IMC_MAP_SYSTEM ? MEM_SYS : 0);

		if (v.mem & m)
			v.mem &= m;
	}
	if (imc_type_is_iomem_ptr(n->type)) {
		struct val t = typed_io(c, n);

		t.params = v.params;
		return t;
	}
	return v;
}

static struct val eval_cast(struct fnctx *c, struct state *s,
			    const struct imc_node *n)
{
	struct val v = eval(c, s, imc_kid(n, 0));

	if (is_forced(n) && !imc_type_is_iomem_ptr(n->type))
		return forced_plain(c, n, v);
	/* sparse accepts an explicit cast that adds __iomem unless
	 * -Wcast-to-as: upstream fixes are written that way */
	if (n->explicit_cast &&
	    (c->a->opts->cast_to_as ||
	     iomem_conversion(n->type, imc_kid(n, 0)) >= 0))
		check_address_space(c, n->type, imc_kid(n, 0), n, "cast");
	if (imc_type_is_iomem_ptr(n->type))
		v.typed = true, v.mem |= MEM_IO;
	else
		v.typed = false;
	return v;
}

/* `(T __force *)p`: sparse stops checking, but the memory is still where
 * it was; what is reached through the result is iomem-forced-access. */
static struct val forced_plain(struct fnctx *c, const struct imc_node *n,
			       struct val v)
{
	const struct imc_node *kid = imc_kid(n, 0);

	if (!(v.mem & MEM_IO) && expr_iomem(kid)) {
		struct val t = typed_io(c, kid);

		t.params = v.params;
		v = t;
	}
	v.typed = false;
	if (!(v.mem & MEM_IO) || v.forced)
		return v;
	v.forced = true;
	v.why = why(c->a, "%s, made a plain pointer by __force at line %u",
		    v.why ? v.why : "I/O memory", n->loc.line);
	return v;
}

static struct val eval_binary(struct fnctx *c, struct state *s,
			      const struct imc_node *n)
{
	struct val a, b;

	if (n->op == IMC_OP_LAND || n->op == IMC_OP_LOR)
		return eval_logical(c, s, n);
	a = eval(c, s, imc_kid(n, 0));
	b = eval(c, s, imc_kid(n, 1));
	if (!imc_type_is_ptr(n->type))
		return no_val;
	/* Pointer arithmetic keeps the pointer's provenance. */
	return imc_kid(n, 0) && imc_type_is_ptr(imc_kid(n, 0)->type) ? a : b;
}

static struct val eval_stmtexpr(struct fnctx *c, struct state *s,
				const struct imc_node *n)
{
	struct val v = no_val;

	if (imc_kid(n, 0))
		run_region(c, imc_kid(n, 0), s, &v);
	return v;
}

static struct val eval(struct fnctx *c, struct state *s,
		       const struct imc_node *n)
{
	struct val v;

	if (!n || !s->live)
		return no_val;
	switch (n->kind) {
	case IMC_VAR:
		return eval_var(c, s, n);
	case IMC_FIELD:
	case IMC_DEREF:
	case IMC_INDEX:
		return access(c, s, n, RD, NULL);
	case IMC_ADDR:
		if (imc_kid(n, 0) && imc_kid(n, 0)->kind == IMC_VAR)
			return no_val;
		return access(c, s, imc_kid(n, 0), ADDR, NULL);
	case IMC_CALL:
		return eval_call(c, s, n);
	case IMC_ASSIGN:
		return assign(c, s, n);
	case IMC_INCDEC:
		if (imc_kid(n, 0) && imc_kid(n, 0)->kind == IMC_VAR)
			return eval(c, s, imc_kid(n, 0));
		return access(c, s, imc_kid(n, 0), RMW, n);
	case IMC_CAST:
		return eval_cast(c, s, n);
	case IMC_UNARY:
		v = eval(c, s, imc_kid(n, 0));
		if (n->op == IMC_OP_NOT && v.flag_obj >= 0) {
			v.flag_neg = !v.flag_neg;
			return v;
		}
		return no_val;
	case IMC_BINARY:
		return eval_binary(c, s, n);
	case IMC_COND:
		return eval_cond(c, s, n);
	case IMC_COMMA:
		eval(c, s, imc_kid(n, 0));
		return eval(c, s, imc_kid(n, 1));
	case IMC_STMTEXPR:
		return eval_stmtexpr(c, s, n);
	case IMC_DESIG:
		v = eval(c, s, imc_kid(n, 0));
		if (n->name)
			check_designated(c, n);
		return v;
	case IMC_DECL:
		declare(c, s, n);
		return no_val;
	case IMC_OTHER:
		if (n->name && !strcmp(n->name, "asm"))
			return eval_asm(c, s, n);
		return eval_kids(c, s, n);
	case IMC_RETURN:
		v = eval(c, s, imc_kid(n, 0));
		check_address_space(c, c->fn->type ? c->fn->type->ret : NULL,
				    imc_kid(n, 0), n, "return");
		check_escape(c, n, &v);
		c->ret = c->has_ret ? val_join(c->ret, v) : v;
		c->has_ret = true;
		return no_val;
	default:
		return eval_kids(c, s, n);
	}
}

/* ---- refinement on branch conditions --------------------------------------- */

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

static void refine(struct fnctx *c, struct state *s, const struct imc_node *n,
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
		   (const_value(b, &k) || const_value(a, &k))) {
		const struct imc_node *x = const_value(b, &k) ? a : b;

		const_value(x == a ? b : a, &k);
		refine(c, s, x, (n->op == IMC_OP_EQ) == (k != 0) ? truth : !truth);
	} else {
		refine_flag(c, s, n, truth);
	}
}

/* ---- regions: a function body or a statement expression ---------------------- */

static struct imc_cfg *cfg_of(struct fnctx *c, const struct imc_node *body)
{
	struct imc_cfg *cfg = imc_ptrmap_get(&c->cfgs, (uintptr_t)body);

	if (!cfg) {
		cfg = imc_cfg_build(body);
		imc_ptrmap_put(&c->cfgs, (uintptr_t)body, cfg);
	}
	return cfg;
}

static void transfer(struct fnctx *c, const struct imc_cfg *cfg, uint32_t b,
		     struct state *s, struct state *entry, struct state *exit,
		     struct val *value, bool *changed)
{
	const struct imc_block *blk = &cfg->blocks[b];
	struct state f;
	uint32_t i;

	for (i = 0; i < blk->nitems && s->live; i++) {
		struct val v;

		c->statement = blk->items[i];
		v = eval(c, s, blk->items[i]);

		if (blk->items[i] == cfg->value_item)
			*value = val_join(*value, v);
	}
	switch (blk->term) {
	case IMC_TERM_BRANCH:
		eval(c, s, blk->cond);
		if (!can_refine(c, s, blk->cond)) {
			*changed |= state_join(c, &entry[blk->succ[0]], s);
			*changed |= state_join(c, &entry[blk->succ[1]], s);
			break;
		}
		state_new(c, &f);
		state_copy(c, &f, s);
		refine(c, s, blk->cond, true);
		refine(c, &f, blk->cond, false);
		*changed |= state_join(c, &entry[blk->succ[0]], s);
		*changed |= state_join(c, &entry[blk->succ[1]], &f);
		state_free(c, &f);
		break;
	case IMC_TERM_EXIT:
		state_join(c, exit, s);
		break;
	default:
		for (i = 0; i < blk->nsucc; i++)
			*changed |= state_join(c, &entry[blk->succ[i]], s);
		break;
	}
}

/* Runs body from state s to a fixpoint, then (if reporting) once more to
 * report; leaves the exit state in s and the region's value in *value. */
static void run_region(struct fnctx *c, const struct imc_node *body,
		       struct state *s, struct val *value)
{
	const struct imc_cfg *cfg = cfg_of(c, body);
	struct state *entry = imc_xcalloc(cfg->nblocks, sizeof(*entry));
	struct state exit, cur;
	bool changed = true, report = c->report;
	uint32_t b, pass;

	state_init(c, &exit);
	state_new(c, &cur);
	state_join(c, &entry[0], s);
	c->report = false;
	for (pass = 0; changed && pass < MAX_PASSES; pass++) {
		changed = false;
		for (b = 0; b < cfg->nblocks; b++) {
			if (!entry[b].live)
				continue;
			state_copy(c, &cur, &entry[b]);
			exit.live = false;
			transfer(c, cfg, b, &cur, entry, &exit, value, &changed);
		}
	}
	c->report = report;
	exit.live = false;
	*value = no_val;
	for (b = 0; b < cfg->nblocks; b++) {
		bool ignored = false;

		if (!entry[b].live)
			continue;
		state_copy(c, &cur, &entry[b]);
		transfer(c, cfg, b, &cur, entry, &exit, value, &ignored);
	}
	state_copy(c, s, &exit);
	for (b = 0; b < cfg->nblocks; b++)
		state_free(c, &entry[b]);
	free(entry);
	state_free(c, &exit);
	state_free(c, &cur);
}

/* ---- functions ---------------------------------------------------------------- */

static void fnctx_init(struct fnctx *c, struct analysis *a, uint32_t fi)
{
	const struct imc_func *fn = imc_tu_func(a->tu, fi);
	uint32_t i;

	memset(c, 0, sizeof(*c));
	c->a = a;
	c->fn = fn;
	for (i = 0; i < fn->nparams; i++)
		add_slot(c, fn->params[i]);
	for (i = 0; i < fn->nparams; i++) {
		struct imc_node v = { .kind = IMC_VAR, .var = fn->params[i],
				      .type = fn->params[i]->type };

		collect(c, &v);
	}
	collect(c, fn->body);
}

static void fnctx_free(struct fnctx *c)
{
	size_t i;

	for (i = 0; i < c->cfgs.cap; i++)
		imc_cfg_free(c->cfgs.vals[i]);
	imc_ptrmap_free(&c->cfgs);
	imc_ptrmap_free(&c->obj_by_path);
	imc_ptrmap_free(&c->slot_of_var);
	while (c->nspare)
		free(c->spare[--c->nspare]);
	free(c->spare);
	free(c->var_of_slot);
	free(c->objs);
}

static void initial_state(struct fnctx *c, struct state *s)
{
	uint32_t i;

	s->live = true;
	for (i = 0; i < c->nslots; i++)
		s->vars[i] = no_val;
	for (i = 0; i < c->fn->nparams && i < 32; i++)
		if (c->sum)
			s->vars[i].params = 1u << i;
	for (i = 0; i < c->nslots; i++)
		if (c->var_of_slot[i]->scope == IMC_GLOBAL)
			s->vars[i] = held(c, (uintptr_t)c->var_of_slot[i], NULL);
	/* Maps we did not see set up may be either kind. */
	for (i = 0; i < c->nobjs; i++) {
		const struct imc_var *root = c->objs[i].root_slot >= 0 ?
			c->var_of_slot[c->objs[i].root_slot] : NULL;

		if (c->objs[i].by_deref || !root || root->scope != IMC_LOCAL)
			s->objs[i].st = IMC_MAP_MAYBE;
	}
}

void flow_run_function(struct analysis *a, uint32_t fi, struct summary *sum,
		       bool report)
{
	struct fnctx c;
	struct state s;
	struct val value = no_val;

	fnctx_init(&c, a, fi);
	if (!c.fn->body) {
		fnctx_free(&c);
		return;
	}
	c.sum = sum;
	c.report = report;
	state_init(&c, &s);
	initial_state(&c, &s);
	a->current = &c;
	run_region(&c, c.fn->body, &s, &value);
	a->current = NULL;
	if (sum && c.has_ret) {
		sum->ret_params = c.ret.params;
		sum->ret_mem = c.ret.mem;
		sum->ret_from_map = c.ret.from_map;
		sum->ret_forced = c.ret.forced;
		sum->ret_why = c.ret.why;
	}
	state_free(&c, &s);
	fnctx_free(&c);
}
