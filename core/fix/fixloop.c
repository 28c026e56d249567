// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fix-its for the local pointers into a map that real code keeps (issue 13):
 *
 *  - a struct pointer set once to `map.vaddr [+ off]` whose members are
 *    stored or loaded (qxl_draw.c drawable_set_clipping()):
 *    `p->f.g = v` -> iosys_map_wr_field(&map, off, struct T, f.g, v),
 *    loads -> iosys_map_rd_field();
 *  - (fixstep.c) a scalar pointer declared `T *p = map.vaddr + off;` that
 *    walks the map, indexed or given to memcpy().
 *
 * The struct pointer's declaration stays; its member accesses are
 * rewritten one by one.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fixit.h"

/* The statements of body that enclose target: path[k] is a block and
 * idx[k] the index of its item that holds target; returns the depth. */
static uint32_t enclosing(const struct imc_node *n,
			  const struct imc_node *target,
			  const struct imc_node **path, uint32_t *idx,
			  uint32_t depth, uint32_t max)
{
	uint32_t i, d;

	if (!n || n == target)
		return n ? depth : 0;
	for (i = 0; i < n->nkids; i++) {
		const struct imc_node *k = n->kids[i];

		if (!k)
			continue;
		if (n->kind == IMC_BLOCK && depth < max) {
			path[depth] = n;
			idx[depth] = i;
			d = enclosing(k, target, path, idx, depth + 1, max);
		} else {
			d = enclosing(k, target, path, idx, depth, max);
		}
		if (d)
			return d;
	}
	return 0;
}

/* Writes (assignments, steps, initialisers) of v and whether its address
 * is taken. */
struct writes {
	const struct imc_var *v;
	uint32_t n;
	bool addr;
};

static bool count_write(const struct imc_node *n, const void *ctx)
{
	struct writes *w = (struct writes *)ctx;
	const struct imc_node *k = imc_kid(n, 0);

	if (n->kind == IMC_DECL && n->var == w->v && k)
		w->n++;
	if ((n->kind == IMC_ASSIGN || n->kind == IMC_INCDEC) && k &&
	    k->kind == IMC_VAR && k->var == w->v)
		w->n++;
	if (n->kind == IMC_ADDR && fx_lvalue_var(k) == w->v)
		w->addr = true;
	return false;
}

/* The base pointer of an access through a pointer: `p` of `p->f`, `p[i]`,
 * `*p`, `p->f.g`; NULL for anything else. */
static const struct imc_node *access_base(const struct imc_node *lv)
{
	while (lv && lv->kind == IMC_FIELD && !lv->arrow)
		lv = imc_kid(lv, 0);
	if (!lv || (lv->kind != IMC_DEREF && lv->kind != IMC_INDEX &&
		    !(lv->kind == IMC_FIELD && lv->arrow)))
		return NULL;
	return imc_kid(lv, 0);
}

/* Whether n may change the map while p only writes through itself. */
struct map_guard {
	struct deps d;
	const struct imc_var *p;
	const struct analysis *a;
};

static bool changes_map(const struct imc_node *n, const void *ctx)
{
	const struct map_guard *g = ctx;
	const struct imc_node *lv = imc_kid(n, 0), *base;

	if ((n->kind == IMC_ASSIGN || n->kind == IMC_INCDEC) && lv) {
		base = access_base(lv);
		if ((base && base->kind == IMC_VAR && base->var == g->p) ||
		    (lv->kind == IMC_VAR && lv->var == g->p))
			return false; /* the kids are walked on their own */
	}
	/* a call of this file that only computes (drm_rect_width()) */
	if (n->kind == IMC_CALL && !fx_impure_call(n, g->a))
		return false;
	return fx_changes_deps(n, &g->d);
}

static bool changes_between(const struct imc_node *blk, uint32_t from,
			    uint32_t to, const struct map_guard *g)
{
	uint32_t i;

	for (i = from; i < to && i < blk->nkids; i++)
		if (fx_walk_any(blk->kids[i], changes_map, g))
			return true;
	return false;
}

/* A macro argument named like a variable the iosys_map_*() macros declare
 * (`val`, `s`) would bind to theirs. */
bool fx_hygienic(const char *t)
{
	static const char *const names[] = {"val", "s"};
	size_t i, k, n;

	for (k = 0; t && k < 2; k++)
		for (i = 0, n = strlen(names[k]); t[i]; i++)
			if (!strncmp(t + i, names[k], n) &&
			    !fx_ident_char(t[i + n]) &&
			    (i == 0 || !fx_ident_char(t[i - 1])))
				return false;
	return true;
}

/* ---- p->f.g through a struct pointer set once to map.vaddr + off ---- */

/* "f.g" of `p->f.g` and p. */
static char *member_path(const struct imc_node *lv, const struct imc_node **p)
{
	const char *names[8];
	struct textbuf b = {0};
	int n = 0;

	while (lv && lv->kind == IMC_FIELD && !lv->arrow && n < 7 && lv->name) {
		names[n++] = lv->name;
		lv = imc_kid(lv, 0);
	}
	if (!lv || lv->kind != IMC_FIELD || !lv->arrow || !lv->name)
		return NULL;
	names[n++] = lv->name;
	*p = imc_kid(lv, 0);
	fx_tb_adds(&b, "");
	while (n-- > 0) {
		fx_tb_adds(&b, names[n]);
		if (n)
			fx_tb_adds(&b, ".");
	}
	return b.s;
}

/* Uses of p that stay once its member accesses are rewritten: p alone, or
 * a member that is an address (`p->chunk.data`, an array; `&p->f`). If
 * none stays, the rewrite would leave p set but unused. */
static uint32_t kept_uses(const struct imc_node *n, const struct imc_var *p,
			  bool addr)
{
	const struct imc_node *b = n;
	uint32_t i, k = 0;

	if (!n)
		return 0;
	if (n->kind == IMC_VAR)
		return n->var == p;
	while (b && b->kind == IMC_FIELD && !b->arrow)
		b = imc_kid(b, 0);
	if (n->kind == IMC_FIELD && b && b->kind == IMC_FIELD &&
	    imc_kid(b, 0) && imc_kid(b, 0)->kind == IMC_VAR &&
	    imc_kid(b, 0)->var == p)
		return addr || (n->type && n->type->kind == IMC_T_ARRAY);
	for (i = 0; i < n->nkids; i++)
		k += kept_uses(n->kids[i], p, n->kind == IMC_ADDR);
	return k;
}

/* The one definition of local v (`v = INIT;` or `T *v = INIT;`) in a block
 * enclosing stmt, before it: its block, index and INIT. */
static const struct imc_node *single_def(struct analysis *a,
					 const struct imc_var *v,
					 const struct imc_node *stmt,
					 const struct imc_node **blk,
					 uint32_t *def_idx, uint32_t *use_idx)
{
	const struct imc_node *body = a->current->fn->body, *path[32];
	struct writes w = {.v = v};
	uint32_t idx[32], depth, k, i;

	fx_walk_any(body, count_write, &w);
	if (w.n != 1 || w.addr || v->scope != IMC_LOCAL)
		return NULL;
	depth = enclosing(body, stmt, path, idx, 0, 32);
	for (k = depth; k-- > 0;)
		for (i = idx[k]; i-- > 0;) {
			const struct imc_node *it = path[k]->kids[i];
			const struct imc_node *l = imc_kid(it, 0);

			if (!it)
				continue;
			if ((it->kind == IMC_DECL && it->var == v && l) ||
			    (it->kind == IMC_ASSIGN && !it->op && l &&
			     l->kind == IMC_VAR && l->var == v)) {
				*blk = path[k];
				*def_idx = i;
				*use_idx = idx[k];
				return imc_kid(it,
					       it->kind == IMC_DECL ? 0 : 1);
			}
		}
	return NULL;
}

bool fx_field_vars(struct analysis *a, const struct imc_node *lv,
		   const struct imc_node *site, struct mapref *mr,
		   struct tvar *vars)
{
	const struct imc_node *p = NULL, *init, *blk;
	const struct imc_type *st;
	struct map_guard g = {.d = {.nvars = 0}};
	uint32_t di, ui;
	char *field = member_path(lv, &p), *t = NULL, *off;
	bool ok = false;

	if (!field || !p || p->kind != IMC_VAR || !p->var ||
	    !imc_type_is_ptr(p->type) || !(st = p->type->pointee) ||
	    (st->kind != IMC_T_STRUCT && st->kind != IMC_T_UNION) || !st->tag)
		goto out;
	init = single_def(a, p->var, a->current->statement, &blk, &di, &ui);
	if (!init || !init->range.valid ||
	    !(t = fx_raw_text(a, &init->range)) ||
	    kept_uses(a->current->fn->body, p->var, false) <=
		    (blk->kids[di]->kind == IMC_ASSIGN ? 1u : 0u))
		goto out;
	fx_walk_any(init, fx_dep_of, &g.d);
	g.d.skip = site ? site : lv;
	g.p = p->var;
	g.a = a;
	if (g.d.overflow || changes_between(blk, di + 1, ui + 1, &g) ||
	    !fx_map_ref_text(a, init, t, NULL, mr, 1))
		goto out;
	if (!fx_simple_operand(mr->off)) {
		off = imc_xasprintf("(%s)", mr->off);
		free(mr->off);
		mr->off = off;
	}
	vars[0].text = imc_xasprintf(
		"%s %s", st->kind == IMC_T_STRUCT ? "struct" : "union",
		st->tag);
	vars[1].text = field;
	field = NULL;
	ok = true;
out:
	free(field);
	free(t);
	return ok;
}

/* ---- a helper that returns map.vaddr + off, inlined ------------------- */

/* An identifier of text replaced: helper locals by their initialisers,
 * parameters by the call's arguments (parenthesised where needed). */
struct subst {
	const char *name[16];
	char *text[16];
	int n;
};

static char *substitute(const char *t, const struct subst *s)
{
	struct textbuf b = {0};
	size_t i = 0, n;
	int k;

	fx_tb_adds(&b, "");
	while (t[i]) {
		if (!fx_ident_char(t[i]) || isdigit((unsigned char)t[i]) ||
		    (i && fx_ident_char(t[i - 1]))) {
			fx_tb_add(&b, t + i++, 1);
			continue;
		}
		for (n = 0; fx_ident_char(t[i + n]); n++)
			;
		for (k = 0; k < s->n; k++)
			if (strlen(s->name[k]) == n &&
			    !strncmp(s->name[k], t + i, n))
				break;
		/* a member name (`.x`, `->x`) is not a variable */
		if (k < s->n && !(i && t[i - 1] == '.') &&
		    !(i > 1 && t[i - 1] == '>' && t[i - 2] == '-'))
			fx_tb_adds(&b, s->text[k]);
		else
			fx_tb_add(&b, t + i, n);
		i += n;
	}
	return b.s;
}

char *fx_operand(const char *t)
{
	char *x = imc_trim_expr(t, strlen(t)), *p;

	if (fx_simple_operand(x))
		return x;
	p = imc_xasprintf("(%s)", x);
	free(x);
	return p;
}

static void subst_free(struct subst *s)
{
	while (s->n > 0)
		free(s->text[--s->n]);
}

/* Calls of fn that are not a declaration's initialiser (those the rewrite
 * may replace), and uses of its address. */
static uint32_t other_uses(const struct imc_node *n,
			   const struct imc_node *parent, const char *fn)
{
	uint32_t i, k = 0;

	if (!n)
		return 0;
	if (n->kind == IMC_CALL && n->name && !strcmp(n->name, fn) &&
	    !(parent && parent->kind == IMC_DECL))
		k++;
	if (n->kind == IMC_VAR && n->var && n->var->name &&
	    !strcmp(n->var->name, fn))
		k++;
	for (i = 0; i < n->nkids; i++)
		k += other_uses(n->kids[i], n, fn);
	return k;
}

/* A static helper that the rewrites inline must keep a use, or it would
 * be defined but not used (-Werror=unused-function). */
static bool helper_kept(const struct analysis *a, const struct imc_func *fn)
{
	uint32_t i, k = 0;

	if (!fn->is_static)
		return true;
	for (i = 0; i < imc_tu_nfuncs(a->tu); i++)
		k += other_uses(imc_tu_func(a->tu, i)->body, NULL, fn->name);
	return k > 0;
}

/* `helper(args)` whose body is `{ T v = E; ... return map.vaddr + off; }`:
 * $map and $off in the caller's terms; deps: what the map text reads. */
bool fx_helper_ref(struct analysis *a, const struct imc_node *call,
		   struct mapref *mr, struct deps *d)
{
	struct subst s = {.n = 0};
	const struct imc_func *fn;
	const struct imc_node *body, *ret;
	size_t ab[16] = {0}, ae[16] = {0}, paren;
	char *t = NULL, *ct = NULL, *x;
	int32_t fi;
	uint32_t i;
	bool ok = false;

	if (call->kind != IMC_CALL || !call->name || !call->range.valid ||
	    (fi = function_index(a, call->name)) < 0)
		return false;
	fn = imc_tu_func(a->tu, (uint32_t)fi);
	body = fn->body;
	if (!body || !body->nkids || !helper_kept(a, fn) || fn->nparams > 16 ||
	    call->nkids != IMC_CALL_ARG0 + fn->nparams)
		return false;
	ret = body->kids[body->nkids - 1];
	if (!ret || ret->kind != IMC_RETURN || !imc_kid(ret, 0) ||
	    !imc_kid(ret, 0)->range.valid)
		return false;
	/* the arguments (their text from the call's: a variable has no
	 * range): evaluated once before, maybe never or twice after */
	ct = fx_raw_text(a, &call->range);
	if (!ct || imc_split_call(ct, ab, ae, 16, &paren) != (int)fn->nparams)
		goto out;
	for (i = 0; i < fn->nparams; i++) {
		const struct imc_node *an = imc_kid(call, IMC_CALL_ARG0 + i);

		if (!an || fx_walk_any(an, fx_impure_call, a) ||
		    !fn->params[i]->name)
			goto out;
		ct[ae[i]] = '\0';
		s.name[s.n] = fn->params[i]->name;
		s.text[s.n++] = fx_operand(ct + ab[i]);
		fx_walk_any(an, fx_dep_of, d);
	}
	t = fx_raw_text(a, &imc_kid(ret, 0)->range);
	if (!t || !fx_map_ref_text(a, imc_kid(ret, 0), t, NULL, mr, 1))
		goto out;
	x = substitute(mr->map, &s);
	free(mr->map);
	mr->map = x;
	/* the helper's locals: only in the offset, which is computed once */
	for (i = 0; i + 1 < body->nkids; i++) {
		const struct imc_node *dl = body->kids[i], *in = imc_kid(dl, 0);
		char *it, *st;

		if (!dl || dl->kind != IMC_DECL || !in || !in->range.valid ||
		    !dl->var->name || s.n == 16 ||
		    fx_walk_any(in, fx_impure_call, a))
			goto out;
		it = fx_raw_text(a, &in->range);
		st = it ? substitute(it, &s) : NULL;
		free(it);
		if (!st)
			goto out;
		s.name[s.n] = dl->var->name;
		s.text[s.n++] = fx_operand(st);
		free(st);
	}
	x = substitute(mr->off, &s);
	free(mr->off);
	mr->off = imc_trim_expr(x, strlen(x));
	free(x);
	d->memory = true;
	ok = !d->overflow;
out:
	free(t);
	free(ct);
	subst_free(&s);
	if (!ok)
		fx_mapref_free(mr);
	return ok;
}
