// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fix-its for a scalar pointer that walks a map (issue 13): declared
 * `T *p = map.vaddr + off;` (or the value of a helper whose body only
 * computes that, vkms_formats.c's packed_pixels_addr()), stepped
 * (`p += pitch`, `p++`) and used only
 *
 *  - indexed, `p[i] = v` (vkms_formats.c), or
 *  - as a mem*() argument, `memcpy(buf, p, len)` (drm_format_helper.c
 *    drm_fb_xrgb8888_to_mono()).
 *
 * p becomes a byte offset into the map (`size_t p = off;`, steps scaled
 * by sizeof(T)), every access iosys_map_rd/wr(&map, p + i * sizeof(T), T)
 * and every copy the rules' `rewrite memcpy dst=map` template with $off
 * = p. Where the generation's helpers take no offset (dma_buf_map,
 * 5.10-5.17), a copy of the map walks instead (`map-copy` templates):
 * never the map itself, which may later go to vunmap.
 *
 * The pointer's edits make sense only together, so every finding of such
 * a pointer carries all of them: any one finding's fix-its compile alone,
 * and --fix applies the identical edits of the others once.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fixit.h"

/* The uses of p: accesses (`p[i]`, `*p`), steps (`p += n`, `p++`) and
 * arguments of calls (`memcpy(buf, p, len)`: call[k], its argument
 * callarg[k], 0-based). */
struct ptr_uses {
	const struct imc_var *p;
	const struct imc_node *access[64], *parent[64], *step[16], *call[16];
	uint32_t callarg[16];
	uint32_t naccess, nstep, ncall, other;
};

/* n (or its implicit conversion, parent) as an argument of a call: the
 * call and the argument's index. */
static const struct imc_node *call_of_arg(const struct imc_node *n,
					  const struct imc_node *parent,
					  const struct imc_node *grand,
					  uint32_t *argi)
{
	const struct imc_node *arg = n;
	uint32_t i;

	if (parent && parent->kind == IMC_CAST && !parent->explicit_cast) {
		arg = parent;
		parent = grand;
	}
	if (!parent || parent->kind != IMC_CALL)
		return NULL;
	for (i = IMC_CALL_ARG0; i < parent->nkids; i++)
		if (parent->kids[i] == arg) {
			*argi = i - IMC_CALL_ARG0;
			return parent;
		}
	return NULL;
}

/* n_unused: n's value is not used (a block item, a for's init or step, a
 * comma's left side or the right side of an unused comma). */
static void collect_uses(const struct imc_node *n,
			 const struct imc_node *parent,
			 const struct imc_node *grand, bool n_unused,
			 bool parent_unused, struct ptr_uses *u)
{
	uint32_t i;

	if (!n)
		return;
	if (n->kind == IMC_VAR && n->var == u->p) {
		const struct imc_node *call;
		uint32_t argi = 0;
		bool step = parent && imc_kid(parent, 0) == n &&
			    parent_unused &&
			    ((parent->kind == IMC_ASSIGN &&
			      (parent->op == IMC_OP_ADD ||
			       parent->op == IMC_OP_SUB)) ||
			     parent->kind == IMC_INCDEC);

		if (parent &&
		    (parent->kind == IMC_INDEX || parent->kind == IMC_DEREF) &&
		    imc_kid(parent, 0) == n && u->naccess < 64) {
			u->access[u->naccess] = parent;
			u->parent[u->naccess++] = grand;
		} else if ((call = call_of_arg(n, parent, grand, &argi)) &&
			   u->ncall < 16) {
			u->call[u->ncall] = call;
			u->callarg[u->ncall++] = argi;
		} else if (step && u->nstep < 16) {
			u->step[u->nstep++] = parent;
		} else {
			u->other++;
		}
		return;
	}
	for (i = 0; i < n->nkids; i++) {
		bool unused = n->kind == IMC_BLOCK ||
			      (n->kind == IMC_FOR && (i == 0 || i == 2)) ||
			      (n->kind == IMC_COMMA && (i == 0 || n_unused));

		collect_uses(n->kids[i], n, parent, unused, n_unused, u);
	}
}

/* A scalar pointer `T *p = INIT;` into a map, indexed and stepped. */
struct stepper {
	const struct imc_var *p;
	const struct imc_node *decl;
	char *type; /* T as written */
	uint32_t size;
	struct mapref mr;
	struct ptr_uses u;
	bool copy; /* a copy of the map walks (the rules' map-copy) */
};

static const struct imc_node *find_decl(const struct imc_node *n,
					const struct imc_var *v,
					const struct imc_node **blk)
{
	const struct imc_node *d;
	uint32_t i;

	if (!n)
		return NULL;
	for (i = 0; i < n->nkids; i++) {
		const struct imc_node *k = n->kids[i];

		if (k && k->kind == IMC_DECL && k->var == v &&
		    n->kind == IMC_BLOCK) {
			*blk = n;
			return k;
		}
		if ((d = find_decl(k, v, blk)))
			return d;
	}
	return NULL;
}

/* "T" of the declaration line `T *p = ...;` (qualifiers dropped). */
static char *pointee_text(struct analysis *a, const struct deletion *line,
			  const char *name)
{
	struct imc_range r = {
		.begin = line->begin, .end = line->end, .valid = true};
	char *t = imc_source_text(a->sources, &r), *ty = NULL, *star, *q;

	if (!t || !(star = strchr(t, '*')) || strchr(star + 1, '*'))
		goto out;
	q = star + 1;
	while (isspace((unsigned char)*q))
		q++;
	if (strncmp(q, name, strlen(name)))
		goto out;
	*star = '\0';
	ty = imc_trim_expr(t, strlen(t));
	while (!strncmp(ty, "const ", 6) || !strncmp(ty, "volatile ", 9)) {
		q = imc_trim_expr(strchr(ty, ' '), strlen(strchr(ty, ' ')));
		free(ty);
		ty = q;
	}
	if (!*ty || strpbrk(ty, "()[],=")) {
		free(ty);
		ty = NULL;
	}
out:
	free(t);
	return ty;
}

/* What may change the map between p's declaration and a use: a store to
 * a variable the map's text reads (`src` of `&src[0]`), to a map struct
 * or a member of one, or through such a variable; taking the address of
 * one or of a map; a call or an asm given one of those variables or a
 * map's address; any call with effects when the map hangs from a global.
 * A callee given none of them is taken not to reach the caller's map
 * (kmalloc(), the line converters of drm_format_helper.c, WARN_ON()'s
 * asm). */
struct map_guard {
	struct deps d; /* of the declaration's initialiser */
	struct analysis *a;
	const struct ptr_uses *u; /* its own mem*() calls copy, no more */
	bool global;
};

static bool use_call(const struct ptr_uses *u, const struct imc_node *n)
{
	uint32_t i;

	for (i = 0; i < u->ncall; i++)
		if (u->call[i] == n)
			return true;
	return false;
}

static bool is_map_struct(struct analysis *a, const struct imc_type *t)
{
	while (t && (t->kind == IMC_T_PTR || t->kind == IMC_T_ARRAY))
		t = t->pointee;
	return t && t->kind == IMC_T_STRUCT && t->tag &&
	       rules_for(a, t->tag)->r[IMC_R_MAP_STRUCT];
}

/* A dependency of the map, or a map: what a store or a call must not
 * touch. */
static bool touches_map(const struct imc_node *n, const void *ctx)
{
	const struct map_guard *g = ctx;

	if (n->kind == IMC_VAR && n->var &&
	    (fx_dep_var(&g->d, n->var) || n->var->scope == IMC_GLOBAL))
		return true;
	return n->type && n->kind != IMC_CALL && is_map_struct(g->a, n->type);
}

static bool changes_map(const struct imc_node *n, const void *ctx)
{
	const struct map_guard *g = ctx;
	const struct imc_node *k = imc_kid(n, 0);
	uint32_t i;

	if ((n->kind == IMC_ASSIGN || n->kind == IMC_INCDEC) && k) {
		while (k && k->kind != IMC_VAR) {
			if (is_map_struct(g->a, k->type))
				return true;
			k = imc_kid(k, 0);
		}
		return k && touches_map(k, g);
	}
	/* `&y` of a variable the map reads, `&map`: `&fi->dst` is not */
	if (n->kind == IMC_ADDR && k &&
	    (fx_dep_var(&g->d, fx_lvalue_var(k)) ||
	     is_map_struct(g->a, k->type)))
		return true;
	/* asm (WARN_ON()'s) or a call with effects: by what it is given */
	if (n->kind != IMC_OTHER && (n->kind != IMC_CALL || use_call(g->u, n) ||
				     !fx_impure_call(n, g->a)))
		return false;
	if (g->global)
		return true;
	for (i = n->kind == IMC_CALL ? IMC_CALL_ARG0 : 0; i < n->nkids; i++)
		if (n->kids[i] && fx_walk_any(n->kids[i], touches_map, g))
			return true;
	return false;
}

static bool global_var(const struct imc_node *n, const void *ctx)
{
	(void)ctx;
	return n->kind == IMC_VAR && n->var && n->var->scope == IMC_GLOBAL;
}

/* Whether the map of INIT (or of the helper INIT calls) names a global. */
static bool global_map(struct analysis *a, const struct imc_node *init)
{
	int32_t fi = init->kind == IMC_CALL && init->name
			     ? function_index(a, init->name)
			     : -1;

	return fx_walk_any(init, global_var, NULL) ||
	       (fi >= 0 && fx_walk_any(imc_tu_func(a->tu, (uint32_t)fi)->body,
				       global_var, NULL));
}

/* The local pointer of a use, through byte casts: `p` of `(u8 *)p`. */
static const struct imc_var *pointer_var(const struct imc_node *n)
{
	while (n && n->kind == IMC_CAST)
		n = imc_kid(n, 0);
	return n && n->kind == IMC_VAR && n->var && n->var->name &&
			       n->var->scope == IMC_LOCAL &&
			       imc_type_is_ptr(n->var->type)
		       ? n->var
		       : NULL;
}

/* `T *p = INIT;` with INIT `map.vaddr [+ off]` (or a helper that
 * computes it), every use of p an access, a step or a call argument, and
 * nothing after it that might change the map. */
static bool stepper_find(struct analysis *a, const struct imc_var *p,
			 struct stepper *s)
{
	const struct imc_node *body = a->current->fn->body, *blk = NULL;
	const struct imc_node *init;
	const struct imc_type *pt;
	struct map_guard g = {.d = {.nvars = 0}, .a = a, .u = &s->u};
	uint32_t di = 0, refs;
	char *t = NULL;
	bool ok = false;

	if (!(s->p = p))
		return false;
	pt = s->p->type->pointee;
	if (!pt || pt->kind == IMC_T_STRUCT || pt->kind == IMC_T_UNION ||
	    pt->kind == IMC_T_ARRAY || pt->kind == IMC_T_FUNC ||
	    (pt->kind != IMC_T_VOID && pt->size != 1 && pt->size != 2 &&
	     pt->size != 4 && pt->size != 8))
		return false;
	s->size = pt->kind == IMC_T_VOID ? 1 : pt->size; /* GNU C: bytes */
	s->decl = find_decl(body, s->p, &blk);
	init = s->decl ? imc_kid(s->decl, 0) : NULL;
	if (!init || !init->range.valid ||
	    !fx_decl_line(a, s->decl, init, &s->mr.del))
		return false;
	s->u.p = s->p;
	collect_uses(body, NULL, NULL, false, false, &s->u);
	refs = fx_count_refs(body, s->p);
	if (s->u.other || !(s->u.naccess + s->u.ncall) ||
	    fx_uses_in_scope(a, s->decl->loc, s->p->name) != (int)refs + 1 ||
	    !(s->type = pointee_text(a, &s->mr.del, s->p->name)))
		return false;
	for (di = 0; di < blk->nkids && blk->kids[di] != s->decl; di++)
		;
	t = fx_raw_text(a, &init->range);
	if (t && fx_map_ref_text(a, init, t, NULL, &s->mr, 1)) {
		fx_walk_any(init, fx_dep_of, &g.d);
		ok = !g.d.overflow;
	} else {
		ok = fx_helper_ref(a, init, &s->mr, &g.d);
	}
	g.global = global_map(a, init);
	for (di++; ok && di < blk->nkids; di++)
		ok = !fx_walk_any(blk->kids[di], changes_map, &g);
	ok = ok && fx_hygienic(s->mr.off) && fx_hygienic(s->mr.map);
	free(t);
	return ok;
}

static void stepper_free(struct stepper *s)
{
	free(s->type);
	fx_mapref_free(&s->mr);
}

/* The map itself for a `map-copy` declaration: `X` of `&X`, else `*map`. */
static char *map_object(const char *map)
{
	char *o;

	if (map[0] == '&')
		return imc_xstrdup(map + 1);
	o = fx_operand(map);
	if (!fx_simple_operand(o) || strchr("~!-+*&", o[0])) {
		char *p = imc_xasprintf("*(%s)", o);

		free(o);
		return p;
	}
	free(o);
	return imc_xasprintf("*%s", map);
}

/* `size_t p = OFF;` for the declaration line, or in copy mode the rules'
 * `declare map-copy` (`struct dma_buf_map p = map;`): only at offset 0,
 * as no statement may go among the declarations. */
static bool decl_edit(struct analysis *a, size_t finding,
		      const struct stepper *s)
{
	const struct deletion *l = &s->mr.del;
	struct imc_range r = {.begin = l->begin, .end = l->end, .valid = true};
	const struct imc_node *init = imc_kid(s->decl, 0);
	const char *tmpl = rewrite_for(a, "declare", "of=map-copy");
	struct tvar vars[2] = {{"ptr", NULL}, {"mapobj", NULL}};
	char *t = imc_source_text(a->sources, &r), *nt = NULL, *d = NULL;
	size_t ind, e;
	bool ok = false;

	if (!t)
		return false;
	ind = strspn(t, " \t");
	e = init->range.end.col - 1;
	while (t[e] && t[e] != ';')
		e++;
	if (!s->copy) {
		d = imc_xasprintf("size_t %s = %s", s->p->name, s->mr.off);
	} else if (tmpl && !strcmp(s->mr.off, "0")) {
		vars[0].text = (char *)s->p->name;
		vars[1].text = map_object(s->mr.map);
		d = fx_expand(tmpl, vars, 2);
		free(vars[1].text);
	}
	/* from the type on: the indentation stays as it is */
	nt = d ? imc_xasprintf("%s%s", d, t + e) : NULL;
	ok = nt && t[e] == ';' &&
	     fx_commit(a, finding, fx_loc_at(t, l->begin, ind), t + ind, nt,
		       NULL, 0);
	free(t);
	free(d);
	free(nt);
	return ok;
}

/* The bytes a step moves: `n` of `p += n` times sizeof(T) (NULL: not a
 * step this rewrite knows). */
static char *step_bytes(const struct stepper *s, const struct imc_node *st,
			const char *t)
{
	char *k, *n, *op;

	if (st->kind == IMC_INCDEC)
		return s->size == 1 ? imc_xstrdup("1")
				    : imc_xasprintf("sizeof(%s)", s->type);
	if (!(op = strstr(t, st->op == IMC_OP_ADD ? "+=" : "-=")))
		return NULL;
	k = fx_operand(op + 2);
	if (s->size == 1)
		return k;
	n = imc_xasprintf("%s * sizeof(%s)", k, s->type);
	free(k);
	return n;
}

/* `p += n` -> `p += n * sizeof(T)`, `p++` -> `p += sizeof(T)`; in copy
 * mode the rules' `step map-copy` (`dma_buf_map_incr(&p, n)`), forwards
 * only: the increment is a size_t. */
static bool step_edit(struct analysis *a, size_t finding,
		      const struct stepper *s, const struct imc_node *st)
{
	char *t = st->range.valid ? fx_raw_text(a, &st->range) : NULL;
	const char *tmpl = rewrite_for(a, "step", "of=map-copy");
	struct tvar vars[2] = {{"ptr", (char *)s->p->name}, {"n", NULL}};
	char *nt = NULL;
	bool up = st->op == IMC_OP_ADD || st->op == IMC_OP_PREINC ||
		  st->op == IMC_OP_POSTINC,
	     ok = false;

	if (!t || (s->copy && (!up || !tmpl)))
		goto out;
	if (s->size == 1 && !s->copy) {
		ok = true; /* a byte offset steps as the byte pointer did */
		goto out;
	}
	vars[1].text = step_bytes(s, st, t);
	if (s->copy)
		nt = vars[1].text ? fx_expand(tmpl, vars, 2) : NULL;
	else if (vars[1].text)
		nt = imc_xasprintf("%s %s= %s", s->p->name, up ? "+" : "-",
				   vars[1].text);
	ok = nt && fx_commit(a, finding, st->range.begin, t, nt, NULL, 0);
out:
	free(t);
	free(vars[1].text);
	free(nt);
	return ok;
}

/* The range of an assignment statement; one whose value ends in a macro
 * (`p[3] = DIV_ROUND_CLOSEST(...)`) has none, but its text is all in the
 * file: from the left side to the ';'. */
static bool store_range(struct analysis *a, const struct imc_node *st,
			const struct imc_node *lv, struct imc_range *r)
{
	uint32_t idx;

	*r = st->range;
	if (r->valid)
		return true;
	if (!lv->range.valid || !fx_block_of(a->current->fn->body, st, &idx) ||
	    !imc_source_stmt_end(a->sources, lv->range.end, &r->end))
		return false;
	r->begin = lv->range.begin;
	r->valid = true;
	return true;
}

/* `p[i]` / `*p` as a map access: the load or, as the left side of an
 * assignment, the store. */
static bool access_edit(struct analysis *a, size_t finding,
			const struct stepper *s, uint32_t i,
			const char *tmpl_load, const char *tmpl_store)
{
	const struct imc_node *acc = s->u.access[i], *g = s->u.parent[i];
	struct tvar vars[5] = {{"map", s->mr.map},
			       {"off", NULL},
			       {"type", s->type},
			       {"val", NULL},
			       {"ptr", NULL}};
	const struct imc_range *r = &acc->range;
	struct imc_range sr;
	char *t = acc->range.valid ? fx_raw_text(a, &acc->range) : NULL;
	char *idx = NULL, *load = NULL, *nt = NULL, *old = NULL, *lb;
	size_t used[16], nused = 0, n = strlen(s->p->name);
	bool store = g && g->kind == IMC_ASSIGN && imc_kid(g, 0) == acc,
	     ok = false;

	if (!t)
		goto out;
	if (acc->kind == IMC_DEREF) {
		lb = imc_trim_expr(t + 1, strlen(t + 1));
		ok = t[0] == '*' && !strcmp(lb, s->p->name);
		free(lb);
		if (!ok)
			goto out;
		ok = false;
		vars[1].text = imc_xstrdup(s->p->name);
	} else {
		if (strncmp(t, s->p->name, n))
			goto out;
		lb = t + n + strspn(t + n, " \t");
		if (*lb != '[' || t[strlen(t) - 1] != ']' ||
		    fx_count_refs(imc_kid(acc, 1), s->p))
			goto out;
		t[strlen(t) - 1] = '\0';
		idx = fx_operand(lb + 1);
		if (!strcmp(idx, "0")) /* p[0]: the offset itself */
			vars[1].text = imc_xstrdup(s->p->name);
		else if (s->size == 1)
			vars[1].text =
				imc_xasprintf("%s + %s", s->p->name, idx);
		else
			vars[1].text = imc_xasprintf("%s + %s * sizeof(%s)",
						     s->p->name, idx, s->type);
	}
	load = fx_expand(tmpl_load, vars, 5);
	if (!load || (g && (g->kind == IMC_INCDEC || g->kind == IMC_ADDR)))
		goto out;
	if (store) {
		if (!store_range(a, g, acc, &sr) ||
		    fx_count_refs(imc_kid(g, 1), s->p))
			goto out;
		vars[3].text =
			fx_store_value(a, g, &sr, acc, load, used, &nused);
		if (!vars[3].text || nused || !fx_hygienic(vars[3].text))
			goto out;
		r = &sr;
		nt = fx_expand(tmpl_store, vars, 5);
	} else {
		nt = imc_xstrdup(load);
	}
	old = fx_raw_text(a, r);
	ok = nt && old && fx_commit(a, finding, r->begin, old, nt, NULL, 0);
out:
	free(t);
	free(idx);
	free(vars[1].text);
	free(vars[3].text);
	free(load);
	free(nt);
	free(old);
	return ok;
}

/* The node that holds child as its kid idx. */
static const struct imc_node *
parent_of(const struct imc_node *n, const struct imc_node *child, uint32_t *idx)
{
	const struct imc_node *p;
	uint32_t i;

	for (i = 0; n && i < n->nkids; i++) {
		if (n->kids[i] == child) {
			*idx = i;
			return n;
		}
		if ((p = parent_of(n->kids[i], child, idx)))
			return p;
	}
	return NULL;
}

/* Whether kid idx of parent is a statement: its value is not used. */
static bool is_statement(const struct imc_node *parent, uint32_t idx)
{
	if (!parent)
		return false;
	switch (parent->kind) {
	case IMC_BLOCK:
		return true;
	case IMC_FOR:
		return idx != 1;
	case IMC_IF:
	case IMC_WHILE:
		return idx != 0;
	case IMC_DO:
		return idx == 0;
	default:
		return false;
	}
}

static const struct imc_node *no_implicit(const struct imc_node *n)
{
	while (n && n->kind == IMC_CAST && !n->explicit_cast)
		n = imc_kid(n, 0);
	return n;
}

/* The statement a mem*() call of p is rewritten in: the call itself, or
 * `buf = memcpy(buf, p, n);` (memcpy() returns its first argument, which
 * the map helpers do not: the assignment goes). NULL if its value is
 * used otherwise. */
static const struct imc_node *call_statement(struct analysis *a,
					     const struct imc_node *call)
{
	const struct imc_node *body = a->current->fn->body, *par, *lhs, *dst;
	uint32_t idx = 0, pidx = 0;

	par = parent_of(body, call, &idx);
	if (is_statement(par, idx))
		return call;
	lhs = par && par->kind == IMC_ASSIGN && !par->op && idx == 1
		      ? no_implicit(imc_kid(par, 0))
		      : NULL;
	dst = no_implicit(imc_kid(call, IMC_CALL_ARG0));
	if (!lhs || !dst || lhs->kind != IMC_VAR || dst->kind != IMC_VAR ||
	    lhs->var != dst->var || !par->range.valid ||
	    !is_statement(parent_of(body, par, &pidx), pidx))
		return NULL;
	return par;
}

/* `memcpy(buf, p, n)` -> the rules' rewrite of memcpy for a map source
 * (`src=map`: iosys_map_memcpy_from(buf, map, p, n)) or destination, with
 * $map the map and $off the offset p; in copy mode `src=map-copy` /
 * `dst=map-copy` with $ptr the copy. */
static bool call_edit(struct analysis *a, size_t finding,
		      const struct stepper *s, uint32_t k)
{
	enum { MAXARGS = 8 };
	static const char *const names[MAXARGS] = {"1", "2", "3", "4",
						   "5", "6", "7", "8"};
	const struct imc_node *call = s->u.call[k], *st;
	const struct imc_rule *r =
		call->name ? rule_find(a, IMC_R_MEMFN, call->name) : NULL;
	struct tvar vars[MAXARGS + 3] = {{NULL, NULL}};
	size_t ab[MAXARGS] = {0}, ae[MAXARGS] = {0}, paren, used[16], nused = 0;
	int pos = (int)s->u.callarg[k] + 1, n = -1, i;
	char when[32], *ct = NULL, *old = NULL, *text = NULL;
	const char *tmpl;
	bool ok = false;

	if (!r || (pos != r->dst && pos != r->src) || !call->range.valid ||
	    !(st = call_statement(a, call)))
		return false;
	snprintf(when, sizeof(when), "%s=%s", pos == r->dst ? "dst" : "src",
		 s->copy ? "map-copy" : "map");
	if (!(tmpl = rewrite_for(a, call->name, when)) ||
	    !(ct = fx_raw_text(a, &call->range)) ||
	    (n = imc_split_call(ct, ab, ae, MAXARGS, &paren)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		size_t u[16], nu = 0;
		char *t = fx_text_with_edits(
			a, fx_loc_at(ct, call->range.begin, ab[i]),
			fx_loc_at(ct, call->range.begin, ae[i]), u, &nu);

		vars[i].name = names[i];
		vars[i].text = t ? imc_trim_expr(t, strlen(t)) : NULL;
		free(t);
		if (!vars[i].text || nused + nu > 16)
			goto out;
		memcpy(used + nused, u, nu * sizeof(*u));
		nused += nu;
	}
	vars[n].name = "map";
	vars[n].text = imc_xstrdup(s->mr.map);
	vars[n + 1].name = "off";
	vars[n + 1].text = imc_xstrdup(s->p->name);
	vars[n + 2].name = "ptr";
	vars[n + 2].text = imc_xstrdup(s->p->name);
	text = fx_expand(tmpl, vars, (size_t)n + 3);
	old = fx_raw_text(a, &st->range);
	ok = text && old &&
	     fx_commit(a, finding, st->range.begin, old, text, used, nused);
out:
	for (i = 0; i < MAXARGS + 3; i++)
		free(vars[i].text);
	free(ct);
	free(old);
	free(text);
	return ok;
}

/* All the edits of the stepped pointer in one mode, or none. */
static bool stepper_edits(struct analysis *a, size_t finding, struct stepper *s,
			  bool copy, const char *load, const char *store)
{
	size_t mark = a->nedits;
	uint32_t i;
	bool ok;

	s->copy = copy;
	ok = decl_edit(a, finding, s);
	for (i = 0; ok && i < s->u.nstep; i++)
		ok = step_edit(a, finding, s, s->u.step[i]);
	for (i = 0; ok && i < s->u.ncall; i++)
		ok = call_edit(a, finding, s, i);
	for (i = 0; ok && i < s->u.naccess; i++)
		ok = !copy && load && store &&
		     access_edit(a, finding, s, i, load, store);
	if (!ok)
		while (a->nedits > mark)
			free(a->edits[--a->nedits].text);
	return ok;
}

/* The pointer's edits as an offset, else as a walking copy of the map. */
static bool stepper_fix(struct analysis *a, size_t finding,
			const struct imc_var *p, const char *load,
			const char *store)
{
	struct stepper s = {.p = NULL};
	bool ok = stepper_find(a, p, &s) &&
		  (stepper_edits(a, finding, &s, false, load, store) ||
		   stepper_edits(a, finding, &s, true, load, store));

	stepper_free(&s);
	return ok;
}

bool fx_stepper_fix(struct analysis *a, size_t finding,
		    const struct imc_node *lv, const char *tmpl_load,
		    const char *tmpl_store)
{
	const struct imc_node *base =
		lv->kind == IMC_INDEX || lv->kind == IMC_DEREF ? imc_kid(lv, 0)
							       : NULL;

	return base && base->kind == IMC_VAR &&
	       stepper_fix(a, finding, pointer_var(base), tmpl_load,
			   tmpl_store);
}

bool fix_walk(struct analysis *a, size_t finding, const struct imc_node *arg)
{
	return stepper_fix(a, finding, pointer_var(arg),
			   rewrite_for(a, "load", "from=map"),
			   rewrite_for(a, "store", "from=map"));
}
