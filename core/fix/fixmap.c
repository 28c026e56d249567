// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fix-its, the map side: a pointer expression as a map and an offset
 * (`map->vaddr + off`, through byte casts and a local initialised so), and
 * whether anything between a definition and its use changes what the
 * offset or the map evaluate to.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fixit.h"

/* ---- a map's system pointer plus an offset ---------------------------- */

void fx_mapref_free(struct mapref *r)
{
	free(r->map);
	free(r->off);
	r->map = r->off = NULL;
}

/* A pointer whose arithmetic counts bytes (void *, char *, u8 *). */
bool fx_byte_ptr(const struct imc_type *t)
{
	return imc_type_is_ptr(t) && (!t->pointee || t->pointee->size <= 1);
}

/* The variable an lvalue belongs to when it is one (`x`, `s.f`, `a[i]` of
 * an array), else NULL: memory reached through a pointer. */
const struct imc_var *fx_lvalue_var(const struct imc_node *n)
{
	while (n &&
	       (n->kind == IMC_CAST || (n->kind == IMC_FIELD && !n->arrow) ||
		(n->kind == IMC_INDEX && imc_kid(n, 0) && imc_kid(n, 0)->type &&
		 imc_kid(n, 0)->type->kind == IMC_T_ARRAY)))
		n = imc_kid(n, 0);
	return n && n->kind == IMC_VAR ? n->var : NULL;
}

bool fx_dep_of(const struct imc_node *n, const void *ctx)
{
	struct deps *d = (struct deps *)ctx;

	if (n->kind == IMC_VAR && n->var) {
		if (n->var->scope == IMC_GLOBAL)
			d->memory = true;
		else if (d->nvars < 16)
			d->vars[d->nvars++] = n->var;
		else
			d->overflow = true;
	}
	if (n->kind == IMC_FIELD || n->kind == IMC_DEREF ||
	    n->kind == IMC_INDEX || n->kind == IMC_CALL ||
	    n->kind == IMC_STMTEXPR || n->kind == IMC_OTHER)
		d->memory = true;
	return false;
}

bool fx_dep_var(const struct deps *d, const struct imc_var *v)
{
	uint32_t i;

	for (i = 0; v && i < d->nvars; i++)
		if (d->vars[i] == v)
			return true;
	return false;
}

/* Whether n may change what the offset expression of d evaluates to. */
bool fx_changes_deps(const struct imc_node *n, const void *ctx)
{
	const struct deps *d = ctx;
	const struct imc_node *lv = NULL;

	if (n->kind == IMC_LABEL || n->kind == IMC_CASE || n->kind == IMC_GOTO)
		return true;
	if (n->kind == IMC_ASSIGN || n->kind == IMC_INCDEC)
		lv = imc_kid(n, 0);
	if (n->kind == IMC_ADDR && fx_dep_var(d, fx_lvalue_var(imc_kid(n, 0))))
		return true;
	if (n == d->skip)
		return false;
	if (lv &&
	    (fx_lvalue_var(lv) ? fx_dep_var(d, fx_lvalue_var(lv)) : d->memory))
		return true;
	if (lv && fx_lvalue_var(lv) && fx_lvalue_var(lv)->scope == IMC_GLOBAL &&
	    d->memory)
		return true;
	return d->memory && (n->kind == IMC_CALL || n->kind == IMC_OTHER);
}

static bool side_effect(const struct imc_node *n, const void *ctx)
{
	(void)ctx;
	return n->kind == IMC_CALL || n->kind == IMC_ASSIGN ||
	       n->kind == IMC_INCDEC || n->kind == IMC_STMTEXPR ||
	       n->kind == IMC_OTHER;
}

bool fx_impure_call(const struct imc_node *n, const void *ctx)
{
	const struct analysis *a = ctx;
	const struct imc_func *fn;
	const struct imc_node *body, *ret;
	int32_t fi;

	if (n->kind == IMC_ASSIGN || n->kind == IMC_INCDEC ||
	    n->kind == IMC_STMTEXPR || n->kind == IMC_OTHER)
		return true;
	if (n->kind != IMC_CALL)
		return false;
	if (!n->name || (fi = function_index(a, n->name)) < 0)
		return true;
	fn = imc_tu_func(a->tu, (uint32_t)fi);
	if (fn->body_skipped && !a->out->needs_body)
		a->out->needs_body = fn->name; /* a rewrite needs to see it */
	body = fn->body;
	ret = body && body->nkids == 1 ? body->kids[0] : NULL;
	return !ret || ret->kind != IMC_RETURN || !imc_kid(ret, 0) ||
	       fx_walk_any(imc_kid(ret, 0), side_effect, NULL);
}

/* The block that holds statement stmt as a direct item, and its index. */
const struct imc_node *fx_block_of(const struct imc_node *n,
				   const struct imc_node *stmt, uint32_t *idx)
{
	const struct imc_node *b;
	uint32_t i;

	if (!n)
		return NULL;
	for (i = 0; i < n->nkids; i++) {
		if (n->kind == IMC_BLOCK && n->kids[i] == stmt) {
			*idx = i;
			return n;
		}
		if ((b = fx_block_of(n->kids[i], stmt, idx)))
			return b;
	}
	return NULL;
}

/* `void *dst = map->vaddr + off;` alone on its line: the line's text to
 * delete (all of it but the newline); false if it shares the line. */
bool fx_decl_line(struct analysis *a, const struct imc_node *decl,
		  const struct imc_node *init, struct deletion *del)
{
	struct imc_range line = init->range;
	const char *name = decl->var->name;
	char *t = NULL, *ini = NULL;
	size_t len, nl, b, e, k;
	bool ok = false;

	if (!name || !init->range.valid ||
	    init->range.begin.line != decl->loc.line ||
	    init->range.end.line != decl->loc.line)
		return false;
	line.begin.col = 1;
	line.end.line = line.begin.line + 1;
	line.end.col = 1;
	t = imc_source_text(a->sources, &line);
	ini = fx_raw_text(a, &init->range);
	if (!t || !ini)
		goto out;
	len = strcspn(t, "\n");
	b = init->range.begin.col - 1;
	e = init->range.end.col - 1;
	nl = strlen(name);
	if (e > len || b > e)
		goto out;
	/* after the initializer: ';' and at most a comment */
	k = e;
	while (k < len && isspace((unsigned char)t[k]))
		k++;
	if (t[k++] != ';')
		goto out;
	while (k < len && isspace((unsigned char)t[k]))
		k++;
	if (k < len && (strncmp(t + k, "/*", 2) || !strstr(t + k, "*/") ||
			strstr(t + k, "*/") + 2 != t + len))
		goto out;
	/* before it: one declarator, `TYPE NAME =` */
	k = b;
	while (k > 0 && isspace((unsigned char)t[k - 1]))
		k--;
	if (k == 0 || t[--k] != '=')
		goto out;
	while (k > 0 && isspace((unsigned char)t[k - 1]))
		k--;
	if (k < nl || strncmp(t + k - nl, name, nl) ||
	    (k > nl && fx_ident_char(t[k - nl - 1])))
		goto out;
	for (k = 0; k < b; k++)
		if (strchr(",;{}()[]", t[k]) || !strncmp(t + k, "/*", 2) ||
		    !strncmp(t + k, "//", 2))
			goto out;
	del->want = true;
	del->begin = line.begin;
	del->end = line.begin;
	del->end.col = (uint32_t)len + 1;
	ok = true;
out:
	free(t);
	free(ini);
	return ok;
}

/* Whether the word at t + i follows `.` or `->`: a member, not a variable
 * (`void *vaddr = map.vaddr;`). */
static bool member_name(const char *t, size_t i)
{
	while (i > 0 && isspace((unsigned char)t[i - 1]))
		i--;
	return i > 0 && (t[i - 1] == '.' ||
			 (i > 1 && t[i - 1] == '>' && t[i - 2] == '-'));
}

/* Whole-word occurrences of name from line `from` to the end of the block
 * that line is in (comments and members skipped): macros and sizeof()
 * that the IR does not show still use a declaration. */
int fx_uses_in_scope(struct analysis *a, struct imc_loc from, const char *name)
{
	struct imc_range r = {.begin = from, .end = from, .valid = true};
	size_t n = strlen(name), i;
	int depth = 0, count = 0;
	bool comment = false;
	char *t;

	for (r.begin.col = 1;; r.begin.line++) {
		r.end = r.begin;
		r.end.line++;
		if (!(t = imc_source_text(a->sources, &r)))
			return -1;
		for (i = 0; t[i]; i++) {
			if (comment) {
				if (!strncmp(t + i, "*/", 2))
					comment = false, i++;
				continue;
			}
			if (!strncmp(t + i, "/*", 2)) {
				comment = true;
				i++;
			} else if (!strncmp(t + i, "//", 2)) {
				break;
			} else if (t[i] == '{') {
				depth++;
			} else if (t[i] == '}' && --depth < 0) {
				free(t);
				return count;
			} else if (!strncmp(t + i, name, n) &&
				   !fx_ident_char(t[i + n]) &&
				   (i == 0 || !fx_ident_char(t[i - 1]))) {
				count += !member_name(t, i);
				i += n - 1;
			}
		}
		free(t);
	}
}

/* The definition of local v that use (in the current statement) reads:
 * `T *v = INIT;` earlier in the same block, v used nowhere else, and
 * nothing between that changes what INIT evaluates to; then INIT can move
 * to the use and the declaration go. */
static bool derived_ref(struct analysis *a, const struct imc_var *v,
			const struct imc_node *use, struct mapref *r, int depth)
{
	const struct imc_node *body = a->current->fn->body, *blk, *decl = NULL;
	const struct imc_node *init;
	struct deps d = {.nvars = 0};
	uint32_t u, i;
	char *t;
	bool ok;

	if (depth || !v || v->scope != IMC_LOCAL ||
	    fx_count_refs(body, v) != 1 ||
	    !(blk = fx_block_of(body, a->current->statement, &u)))
		return false;
	for (i = u; i-- > 0;)
		if (blk->kids[i] && blk->kids[i]->kind == IMC_DECL &&
		    blk->kids[i]->var == v) {
			decl = blk->kids[i];
			break;
		}
	init = decl ? imc_kid(decl, 0) : NULL;
	if (!init || !init->range.valid || fx_walk_any(init, fx_impure_call, a))
		return false;
	fx_walk_any(init, fx_dep_of, &d);
	d.skip = use;
	if (d.overflow)
		return false;
	for (i++; i <= u; i++)
		if (fx_walk_any(blk->kids[i], fx_changes_deps, &d))
			return false;
	t = fx_raw_text(a, &init->range);
	ok = t && fx_map_ref_text(a, init, t, use, r, depth + 1) &&
	     fx_decl_line(a, decl, init, &r->del) &&
	     fx_uses_in_scope(a, decl->loc, v->name) == 2;
	free(t);
	if (!ok)
		fx_mapref_free(r);
	return ok;
}

/* $map and $off of the pointer expression e (text: its source text with
 * nested edits applied): `map->vaddr`, `s.vaddr + y * pitch + x * cpp`,
 * through casts to byte pointers, or a local initialised so (derived_ref).
 * Only where the arithmetic counts bytes. */
bool fx_map_ref_text(struct analysis *a, const struct imc_node *e,
		     const char *text, const struct imc_node *use,
		     struct mapref *r, int depth)
{
	const struct imc_node *leaf = e;
	const struct imc_rule *def;
	const struct imc_type *bt;
	const char *t = text, *rest;
	char *ft = NULL, *sep, *off = NULL;
	size_t n;
	bool ok = false;

	while (isspace((unsigned char)*t))
		t++;
	for (;;) {
		if (leaf && leaf->kind == IMC_CAST && leaf->explicit_cast &&
		    fx_byte_ptr(leaf->type) && !leaf->force) {
			if (!(t = fx_cast_operand(t)))
				return false;
			leaf = imc_kid(leaf, 0);
		} else if (leaf && leaf->kind == IMC_BINARY &&
			   (leaf->op == IMC_OP_ADD || leaf->op == IMC_OP_SUB) &&
			   fx_byte_ptr(leaf->type) && imc_kid(leaf, 0) &&
			   imc_type_is_ptr(imc_kid(leaf, 0)->type)) {
			leaf = imc_kid(leaf, 0);
		} else {
			break;
		}
	}
	if (!leaf)
		return false;
	if (leaf->kind == IMC_VAR && leaf->var && leaf->var->name &&
	    fx_byte_ptr(leaf->type)) {
		n = strlen(leaf->var->name);
		if (strncmp(t, leaf->var->name, n) || fx_ident_char(t[n]))
			return false;
		rest = t + n;
	} else if (leaf->kind == IMC_FIELD && leaf->range.valid && leaf->name &&
		   imc_kid(leaf, 0)) {
		bt = imc_kid(leaf, 0)->type;
		if (leaf->arrow)
			bt = imc_type_is_ptr(bt) ? bt->pointee : NULL;
		def = bt && bt->kind == IMC_T_STRUCT && bt->tag
			      ? rules_for(a, bt->tag)->r[IMC_R_MAP_STRUCT]
			      : NULL;
		if (!def || strcmp(leaf->name, def->sys_member) ||
		    !fx_byte_ptr(leaf->type))
			return false;
		ft = fx_raw_text(a, &leaf->range);
		if (!ft || strncmp(t, ft, strlen(ft)))
			goto out;
		rest = t + strlen(ft);
	} else {
		return false;
	}
	while (isspace((unsigned char)*rest))
		rest++;
	if (*rest && *rest != '+')
		goto out;
	if (*rest)
		off = imc_trim_expr(rest + 1, strlen(rest + 1));
	if (leaf->kind == IMC_VAR) {
		ok = derived_ref(a, leaf->var, use, r, depth);
		if (ok && off) {
			char *sum =
				strcmp(r->off, "0")
					? imc_xasprintf("%s + %s", r->off, off)
					: imc_xstrdup(off);

			free(r->off);
			r->off = sum;
		}
		goto out;
	}
	sep = strstr(ft, leaf->arrow ? "->" : ".");
	while (sep && strstr(sep + 1, leaf->arrow ? "->" : "."))
		sep = strstr(sep + 1, leaf->arrow ? "->" : ".");
	if (!sep)
		goto out;
	*sep = '\0';
	r->map = leaf->arrow ? imc_trim_expr(ft, strlen(ft))
		 : fx_simple_operand(ft) && !strchr("~!-+*&", ft[0])
			 ? imc_xasprintf("&%s", ft)
			 : imc_xasprintf("&(%s)", ft);
	r->off = off ? off : imc_xstrdup("0");
	off = NULL;
	ok = true;
out:
	free(ft);
	free(off);
	return ok;
}

/* Adds del as an edit of finding, before the last edit (the rewrite it
 * belongs to, which nested_edits must still find last). */
void fx_add_deletion(struct analysis *a, size_t finding,
		     const struct deletion *del)
{
	struct edit e = {.begin = del->begin,
			 .end = del->end,
			 .finding = finding,
			 .taken = false};

	if (!del->want || !a->nedits)
		return;
	if (a->nedits == a->capedits) {
		a->capedits *= 2;
		a->edits =
			imc_xrealloc(a->edits, a->capedits * sizeof(*a->edits));
	}
	e.text = imc_xstrdup("");
	a->edits[a->nedits] = a->edits[a->nedits - 1];
	a->edits[a->nedits - 1] = e;
	a->nedits++;
}

/* `*(T *)(P + o)`: $type (T without qualifiers) and, through fx_map_ref_text,
 * $map and $off of P + o. */
bool fx_map_access_vars(struct analysis *a, const struct imc_node *lv,
			const struct imc_node *use, struct mapref *r,
			char **type)
{
	const struct imc_node *cast = imc_kid(lv, 0);
	size_t used[16], nused;
	const char *op;
	char *t = NULL, *ty, *operand;
	size_t len;
	bool ok = false;

	if (lv->kind != IMC_DEREF || !cast || cast->kind != IMC_CAST ||
	    !cast->explicit_cast || !cast->range.valid ||
	    !imc_type_is_ptr(cast->type))
		return false;
	t = fx_text_with_edits(a, cast->range.begin, cast->range.end, used,
			       &nused);
	if (!t || nused || !(op = fx_cast_operand(t)))
		goto out;
	/* "(TYPE *)": TYPE */
	len = (size_t)(op - t);
	while (len && t[len - 1] != ')')
		len--;
	ty = imc_trim_expr(t + 1, len ? len - 2 : 0);
	len = strlen(ty);
	if (!len || ty[len - 1] != '*' || strstr(ty, "__force") ||
	    strstr(ty, "__iomem")) {
		free(ty);
		goto out;
	}
	ty[len - 1] = '\0';
	*type = imc_trim_expr(ty, strlen(ty));
	free(ty);
	while (!strncmp(*type, "const ", 6) ||
	       !strncmp(*type, "volatile ", 9)) {
		char *q = imc_trim_expr(strchr(*type, ' '),
					strlen(strchr(*type, ' ')));

		free(*type);
		*type = q;
	}
	operand = imc_trim_expr(op, strlen(op));
	ok = **type && fx_map_ref_text(a, imc_kid(cast, 0), operand, use, r, 0);
	free(operand);
	if (!ok) {
		free(*type);
		*type = NULL;
	}
out:
	free(t);
	return ok;
}