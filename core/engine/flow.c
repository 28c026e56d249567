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
#include "facts_internal.h"
#include "flow_internal.h"

#define MAX_PASSES 64

static void run_region(struct fnctx *c, const struct imc_node *body,
		       struct state *s, struct val *value);
static struct val forced_plain(struct fnctx *c, const struct imc_node *n,
			       struct val v);

struct val typed_io(struct fnctx *c, const struct imc_node *n)
{
	struct val v = no_val;
	char *d = describe(n);

	v.mem = MEM_IO;
	v.typed = true;
	v.why = why(c->a, "'%s' is declared __iomem", d);
	if (n->kind == IMC_VAR) { /* the declaration: no location of its own */
		struct imc_node decl = {.loc = n->var->loc};

		origin_note(c->a, v.why, &decl, "source", NULL,
			    imc_xasprintf("'%s' is declared __iomem here", d));
	} else {
		origin_note(c->a, v.why, n, "source", NULL,
			    imc_xasprintf("'%s' is an __iomem pointer", d));
	}
	free(d);
	return v;
}

void record_param_use(struct fnctx *c, uint32_t params, const char *how,
		      const struct imc_node *at)
{
	uint32_t i;

	if (!c->sum)
		return;
	c->sum->mem_params |= params;
	for (i = 0; i < 32; i++)
		if ((params >> i & 1) && !c->sum->use_what[i]) {
			c->sum->use_what[i] =
				why(c->a, "%s at line %u", how, at->loc.line);
			origin_note(c->a, c->sum->use_what[i], at, "access",
				    NULL,
				    imc_xasprintf("%s() uses parameter %u as "
						  "system memory: %s",
						  c->fn->name, i + 1, how));
		}
}

/* The pointer an lvalue is reached through (NULL: a variable or a value). */
const struct imc_node *lvalue_pointer(const struct imc_node *n)
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
			if (base && base->type &&
			    base->type->kind == IMC_T_ARRAY) {
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

/* Derived from a map's system member (not from the I/O-or-not result of
 * a call with a flag out-parameter, which has no map to rewrite to). */
bool val_from_map(const struct fnctx *c, const struct val *v)
{
	return !v->typed && !v->forced &&
	       (v->from_map || (v->obj >= 0 && c->objs[v->obj].def));
}

/* Collecting facts: what another unit may have stored in the member or
 * the variable with external linkage (a dependent fact, resolved at
 * merge). */
static const char *held_dep(struct fnctx *c, uintptr_t key, const char *member)
{
	const struct imc_var *var = (const struct imc_var *)key;

	if (member)
		return facts_dep(c->a, "member", member);
	if (key && !var->is_static)
		return facts_dep(c->a, "global", var->name);
	return NULL;
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
	} else if (c->a->db) { /* another unit stored it (facts_db.c) */
		v = facts_held(c->a, member,
			       member ? NULL : (const struct imc_var *)key);
	}
	if (!(v.mem & MEM_IO) && c->sum)
		v.deps = held_dep(c, key, member);
	return v;
}

/* An assignment of I/O memory to a member or a file-scope variable, noted
 * for the whole TU. */
void note_store(struct fnctx *c, const struct imc_node *lhs,
		const struct val *v, const struct imc_node *at)
{
	uintptr_t key = 0;
	const char *w;
	char *d;

	if (imc_type_is_iomem_ptr(lhs->type) || !imc_type_is_ptr(lhs->type))
		return;
	if (lhs->kind == IMC_FIELD)
		key = (uintptr_t)member_key(c->a, lhs);
	else if (lhs->kind == IMC_VAR && lhs->var->scope == IMC_GLOBAL)
		key = (uintptr_t)lhs->var;
	if (!(v->mem & MEM_IO)) {
		if (v->deps && key && c->sum)
			facts_note_copy(c->a, lhs, key, v->deps, at);
		return;
	}
	facts_note_holder(c->a, lhs, key);
	if (!key || holder_get(c->a, key)) {
		holder_note(c->a, key, v->mem, v->forced, NULL);
		return;
	}
	d = describe(lhs);
	w = why(c->a, "'%s' was assigned I/O memory at line %u (%s)", d,
		at->loc.line, v->why ? v->why : "unknown origin");
	origin_note(c->a, w, at, "source", v->why,
		    imc_xasprintf("'%s' is assigned I/O memory", d));
	holder_note(c->a, key, v->mem, v->forced, w);
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
	CALL_HOOKS(c, access, n, site, mode, &pv);
	if (imc_type_is_iomem_ptr(n->type))
		return typed_io(c, n);
	if (mode == RD && n->kind == IMC_FIELD && imc_type_is_ptr(n->type)) {
		const char *member = member_key(c->a, n);

		return held(c, (uintptr_t)member, member);
	}
	return no_val;
}

/* Summary: `*ptr = v` stores I/O memory through parameter ptr, for the
 * callers (radeon_bo_kmap(bo, &rdev->uvd.cpu_addr)). */
static void note_out_param(struct fnctx *c, const struct state *s,
			   const struct imc_node *lhs, const struct val *v)
{
	const struct imc_node *p = imc_kid(lhs, 0);
	int32_t sl;

	if (!c->sum || lhs->kind != IMC_DEREF || !p || p->kind != IMC_VAR ||
	    (sl = slot(c, p->var)) < 0 || !s->vars[sl].params)
		return;
	if (!(v->mem & MEM_IO)) {
		if (v->deps)
			facts_note_out(c, s->vars[sl].params, v->deps);
		return;
	}
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
			CALL_HOOKS(c, conversion, lhs->type, rhs, n,
				   "assignment");
			s->vars[sl] = rv;
			forget_pointee(c, s, sl);
		}
		return s->vars[sl];
	}
	if (!n->op)
		CALL_HOOKS(c, conversion, lhs->type, rhs, n, "assignment");
	access(c, s, lhs, n->op ? RMW : WR, n);
	return rv;
}

static void declare(struct fnctx *c, struct state *s, const struct imc_node *n)
{
	const struct imc_node *init = imc_kid(n, 0);
	const struct imc_rule *def = map_def_of(c, n->var->type);
	struct imc_node v = {.kind = IMC_VAR, .var = n->var};
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
	CALL_HOOKS(c, conversion, n->var->type, init, n, "initialization");
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
	CALL_HOOKS(c, cast, n);
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
	const char *prev;

	if (!(v.mem & MEM_IO) && expr_iomem(kid)) {
		struct val t = typed_io(c, kid);

		t.params = v.params;
		v = t;
	}
	v.typed = false;
	if (!(v.mem & MEM_IO) || v.forced)
		return v;
	v.forced = true;
	prev = v.why;
	v.why = why(c->a, "%s, made a plain pointer by __force at line %u",
		    v.why ? v.why : "I/O memory", n->loc.line);
	origin_note(
		c->a, v.why, n, "source", prev,
		imc_xstrdup(
			"the I/O pointer is made a plain pointer by __force"));
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

struct val eval(struct fnctx *c, struct state *s, const struct imc_node *n)
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
			CALL_HOOKS(c, designated, n);
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
		CALL_HOOKS(c, conversion, c->fn->type ? c->fn->type->ret : NULL,
			   imc_kid(n, 0), n, "return");
		CALL_HOOKS(c, ret, n, &v);
		c->ret = c->has_ret ? val_join(c->ret, v) : v;
		c->has_ret = true;
		return no_val;
	default:
		return eval_kids(c, s, n);
	}
}

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
	uint32_t b, pass, max_passes = analysis_cap("passes", MAX_PASSES);

	state_init(c, &exit);
	state_new(c, &cur);
	state_join(c, &entry[0], s);
	c->report = false;
	for (pass = 0; changed && pass < max_passes; pass++) {
		changed = false;
		for (b = 0; b < cfg->nblocks; b++) {
			if (!entry[b].live)
				continue;
			state_copy(c, &cur, &entry[b]);
			exit.live = false;
			transfer(c, cfg, b, &cur, entry, &exit, value,
				 &changed);
		}
	}
	if (changed && report)
		analysis_limit(c->a, c->fn,
			       "analysis of '%s' stopped after %u passes over "
			       "its branches and loops; its findings may be "
			       "incomplete",
			       c->fn->name, max_passes);
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
		struct imc_node v = {.kind = IMC_VAR,
				     .var = fn->params[i],
				     .type = fn->params[i]->type};

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
			s->vars[i] =
				held(c, (uintptr_t)c->var_of_slot[i], NULL);
	/* Maps we did not see set up may be either kind. */
	for (i = 0; i < c->nobjs; i++) {
		const struct imc_var *root =
			c->objs[i].root_slot >= 0
				? c->var_of_slot[c->objs[i].root_slot]
				: NULL;

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
		sum->ret_deps = c.ret.deps;
	}
	state_free(&c, &s);
	fnctx_free(&c);
}
