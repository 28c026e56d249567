// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fix-its: rewrite templates from the rules filled with source text. Text
 * comes from the file itself, so both front ends produce the same bytes.
 * Edits nested in a larger rewrite (a load inside a store's value) are
 * folded into it, so a finding's fix-its never overlap another's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

static bool loc_le(struct imc_loc a, struct imc_loc b)
{
	return a.line < b.line || (a.line == b.line && a.col <= b.col);
}

/* Location of byte `off` of text that starts at `base`. */
static struct imc_loc loc_at(const char *text, struct imc_loc base, size_t off)
{
	size_t i;

	for (i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			base.line++;
			base.col = 1;
		} else {
			base.col++;
		}
	}
	return base;
}

/* Byte offset of loc within text that starts at base; -1 if outside. */
static long offset_of(const char *text, struct imc_loc base, struct imc_loc loc)
{
	size_t i, len = strlen(text);

	for (i = 0; i <= len; i++) {
		if (base.line == loc.line && base.col == loc.col)
			return (long)i;
		if (i == len)
			break;
		if (text[i] == '\n') {
			base.line++;
			base.col = 1;
		} else {
			base.col++;
		}
	}
	return -1;
}

struct textbuf {
	char *s;
	size_t len;
};

static void tb_add(struct textbuf *b, const char *s, size_t n)
{
	b->s = imc_xrealloc(b->s, b->len + n + 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void tb_adds(struct textbuf *b, const char *s)
{
	tb_add(b, s, strlen(s));
}

/* Pending edits strictly inside [begin, end), in source order. Edits are
 * made statement by statement, so the nested ones are the latest: search
 * back only until an edit lies before begin (linear, not quadratic, in the
 * number of fix-its). */
static size_t nested_edits(struct analysis *a, struct imc_loc begin,
			   struct imc_loc end, size_t *out, size_t max)
{
	size_t i, j, n = 0;

	for (i = a->nedits; i-- > 0 && n < max;) {
		const struct edit *e = &a->edits[i];

		if (e->taken)
			continue;
		if (e->begin.file == begin.file && loc_le(e->end, begin) &&
		    !loc_le(begin, e->begin))
			break;
		if (e->begin.file == begin.file && loc_le(begin, e->begin) &&
		    loc_le(e->end, end))
			out[n++] = i;
	}
	for (i = 1; i < n; i++) /* into source order */
		for (j = i; j > 0 && !loc_le(a->edits[out[j - 1]].begin,
					     a->edits[out[j]].begin); j--) {
			size_t t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

/* Source text of [begin, end) with the nested edits applied; their indices
 * go to used[] so the caller can mark them taken once it commits. */
static char *text_with_edits(struct analysis *a, struct imc_loc begin,
			     struct imc_loc end, size_t *used, size_t *nused)
{
	struct imc_range r = { .begin = begin, .end = end, .valid = true };
	char *raw = imc_source_text(a->sources, &r);
	struct textbuf out = { 0 };
	size_t i, pos = 0;

	*nused = 0;
	if (!raw)
		return NULL;
	*nused = nested_edits(a, begin, end, used, 16);
	for (i = 0; i < *nused; i++) {
		const struct edit *e = &a->edits[used[i]];
		long b = offset_of(raw, begin, e->begin);
		long en = offset_of(raw, begin, e->end);

		if (b < (long)pos || en < b) {
			free(raw);
			free(out.s);
			return NULL; /* overlapping edits: give up cleanly */
		}
		tb_add(&out, raw + pos, (size_t)b - pos);
		tb_adds(&out, e->text);
		pos = (size_t)en;
	}
	tb_adds(&out, raw + pos);
	free(raw);
	return out.s;
}

struct tvar {
	const char *name;
	char *text;
};

/* Expands $name placeholders; NULL if a placeholder has no text. */
static char *expand(const char *tmpl, const struct tvar *vars, size_t nvars)
{
	struct textbuf out = { 0 };
	const char *p = tmpl;

	tb_adds(&out, "");
	while (*p) {
		size_t len = 0, i;

		if (*p != '$') {
			tb_add(&out, p++, 1);
			continue;
		}
		p++;
		while (isalnum((unsigned char)p[len]))
			len++;
		for (i = 0; i < nvars; i++)
			if (strlen(vars[i].name) == len &&
			    !strncmp(vars[i].name, p, len))
				break;
		if (i == nvars || !vars[i].text) {
			free(out.s);
			return NULL;
		}
		tb_adds(&out, vars[i].text);
		p += len;
	}
	return out.s;
}

char *template_fn_name(const char *tmpl)
{
	size_t len = 0;

	if (!tmpl)
		return imc_xstrdup("");
	while (isalnum((unsigned char)tmpl[len]) || tmpl[len] == '_')
		len++;
	return strndup(tmpl, len);
}

static bool ident_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_';
}

/* Adds the edit old -> new over [begin, ...), trimmed to the part that
 * changes (whole identifiers), and marks the folded edits taken. */
static bool commit(struct analysis *a, size_t finding, struct imc_loc begin,
		   const char *old, const char *new, const size_t *used,
		   size_t nused)
{
	size_t lo = strlen(old), ln = strlen(new), p = 0, s = 0, i;
	struct edit *e;

	/* A one-line rewrite reads best whole; a multi-line one is trimmed to
	 * what changes, so that the edit stays on as few lines as possible. */
	while (strchr(old, '\n') && p < lo && p < ln && old[p] == new[p])
		p++;
	while (p > 0 && ident_char(old[p - 1]) &&
	       ((p < lo && ident_char(old[p])) || (p < ln && ident_char(new[p]))))
		p--;
	while (strchr(old, '\n') && s < lo - p && s < ln - p &&
	       old[lo - 1 - s] == new[ln - 1 - s])
		s++;
	while (s > 0 && ident_char(old[lo - s]) &&
	       ((s < lo && ident_char(old[lo - s - 1])) ||
		(s < ln && ident_char(new[ln - s - 1]))))
		s--;
	/* GCC's fix-it machinery is line-based: a rewrite that still spans
	 * lines after trimming is not offered, by either front end. */
	if (loc_at(old, begin, p).line != loc_at(old, begin, lo - s).line)
		return false;
	if (a->nedits == a->capedits) {
		a->capedits = a->capedits ? a->capedits * 2 : 16;
		a->edits = imc_xrealloc(a->edits, a->capedits * sizeof(*a->edits));
	}
	e = &a->edits[a->nedits++];
	e->begin = loc_at(old, begin, p);
	e->end = loc_at(old, begin, lo - s);
	e->text = strndup(new + p, ln - s - p);
	e->finding = finding;
	e->taken = false;
	for (i = 0; i < nused; i++)
		a->edits[used[i]].taken = true;
	return true;
}

static char *raw_text(struct analysis *a, const struct imc_range *r)
{
	return r->valid ? imc_source_text(a->sources, r) : NULL;
}

/* `a[i]` ends in ']', `s.f` / `p->f` in the member's name. */
static bool reads_as(const struct imc_node *lv, const char *t)
{
	size_t len = strlen(t), n;

	while (len && isspace((unsigned char)t[len - 1]))
		len--;
	if (lv->kind == IMC_INDEX)
		return len && t[len - 1] == ']';
	if (lv->kind != IMC_FIELD || !lv->name)
		return false;
	n = strlen(lv->name);
	return len > n && !strncmp(t + len - n, lv->name, n) &&
	       !ident_char(t[len - n - 1]);
}

/* The address an lvalue denotes, as text: `*p` -> "p", `r->x` -> "&r->x". */
static char *unforced_text(struct analysis *a, const struct imc_node *n,
			   const char *text);
static bool simple_operand(const char *s);

/* `(struct T __force *)p` with p a `struct T __iomem *`. */
static bool forced_struct(const struct imc_node *n)
{
	const struct imc_node *k = n ? imc_kid(n, 0) : NULL;
	const struct imc_type *to = n ? n->type : NULL;
	const struct imc_type *from = k ? k->type : NULL;

	return n && n->kind == IMC_CAST && k && imc_type_is_ptr(to) &&
	       imc_type_is_iomem_ptr(from) && to->pointee && from->pointee &&
	       to->pointee->kind == IMC_T_STRUCT && to->pointee->tag &&
	       from->pointee->tag && !strcmp(to->pointee->tag, from->pointee->tag);
}

static char *address_text(struct analysis *a, const struct imc_node *lv)
{
	size_t used[16], nused;
	char *t, *out, *un;

	if (!lv->range.valid)
		return NULL;
	t = text_with_edits(a, lv->range.begin, lv->range.end, used, &nused);
	if (!t || nused)
		goto fail;
	/* The text must read as the node it belongs to; a front end's range
	 * that is off (a whole ?: for one arm) gives no fix-it, not a broken
	 * one. */
	if (lv->kind == IMC_DEREF) {
		if (t[0] != '*')
			goto fail;
		out = imc_trim_expr(t + 1, strlen(t + 1));
		/* `*(u32 __force *)p`: the accessor takes p itself */
		if ((un = unforced_text(a, imc_kid(lv, 0), out))) {
			free(out);
			out = un;
		}
	} else if (lv->kind == IMC_FIELD && lv->arrow &&
		   forced_struct(imc_kid(lv, 0)) && reads_as(lv, t)) {
		/* `((struct r __force *)r)->x`: `&r->x` */
		size_t len = strlen(t) - strlen(lv->name);

		while (len && isspace((unsigned char)t[len - 1]))
			len--;
		if (len < 2 || strncmp(t + len - 2, "->", 2))
			goto fail;
		t[len - 2] = '\0';
		out = imc_trim_expr(t, strlen(t));
		un = unforced_text(a, imc_kid(lv, 0), out);
		free(out);
		if (!un)
			goto fail;
		out = simple_operand(un) && !strchr("~!-+*&", un[0]) ?
			imc_xasprintf("&%s->%s", un, lv->name) :
			imc_xasprintf("&(%s)->%s", un, lv->name);
		free(un);
	} else if (reads_as(lv, t)) {
		out = imc_xasprintf("&%s", t);
	} else {
		goto fail;
	}
	free(t);
	return out;
fail:
	free(t);
	return NULL;
}

/* A primary, postfix or unary expression needs no parentheses as the right
 * operand of a binary operator: no binary operator at the top level. */
static bool simple_operand(const char *s)
{
	int depth = 0;
	size_t i = strspn(s, "~!-+*&");

	for (; s[i]; i++) {
		if (strchr("([", s[i]))
			depth++;
		else if (strchr(")]", s[i]))
			depth--;
		else if (depth)
			continue;
		else if (s[i] == '-' && s[i + 1] == '>')
			i++;
		else if (isspace((unsigned char)s[i]) || strchr("+-*/%<>&|^?:=,", s[i]))
			return false;
	}
	return true;
}

/* Value text of a store: the rhs, or for `x op= y` / `x++` the combined
 * read-modify-write value. */
static char *store_value(struct analysis *a, const struct imc_node *site,
			 const struct imc_range *site_range,
			 const struct imc_node *lv, const char *load,
			 size_t *used, size_t *nused)
{
	char *raw, *rhs = NULL, *val = NULL, op[4] = "";
	size_t rhs_begin;
	long lhs_len;

	*nused = 0;
	if (site->kind == IMC_INCDEC) {
		bool inc = site->op == IMC_OP_PREINC || site->op == IMC_OP_POSTINC;

		return imc_xasprintf("%s %s 1", load, inc ? "+" : "-");
	}
	raw = raw_text(a, site_range);
	if (!raw || !lv->range.valid)
		goto out;
	lhs_len = offset_of(raw, site_range->begin, lv->range.end);
	if (lhs_len < 0 || imc_find_assign_op(raw, (size_t)lhs_len, op, &rhs_begin) < 0)
		goto out;
	rhs = text_with_edits(a, loc_at(raw, site_range->begin, rhs_begin),
			      site_range->end, used, nused);
	if (rhs) {
		char *t = imc_trim_expr(rhs, strlen(rhs));

		if (!*op)
			val = imc_xstrdup(t);
		else if (load)
			val = imc_xasprintf(simple_operand(t) ? "%s %s %s" : "%s %s (%s)",
					    load, op, t);
		free(t);
	}
out:
	free(raw);
	free(rhs);
	return val;
}

/* A store statement whose value ends in a macro (`r->ctrl |= BIT(3);`) has
 * no valid range, but its text is still all in the file: from the lvalue
 * to the ';'. */
static struct imc_range statement_range(struct analysis *a,
					const struct imc_node *site,
					const struct imc_node *lv)
{
	struct imc_range r = site->range;

	if (!r.valid && lv->range.valid && a->current->statement == site &&
	    imc_source_stmt_end(a->sources, lv->range.end, &r.end)) {
		r.begin = lv->range.begin;
		r.valid = true;
	}
	return r;
}

/* ---- a map's system pointer plus an offset ---------------------------- */

/* A pending deletion of a declaration the rewrite makes unused. */
struct deletion {
	bool want;
	struct imc_loc begin, end;
};

/* `map->vaddr [+ off]` as $map and $off; a local initialised so and used
 * once gives its declaration to delete. */
struct mapref {
	char *map, *off;
	struct deletion del;
};

static void mapref_free(struct mapref *r)
{
	free(r->map);
	free(r->off);
	r->map = r->off = NULL;
}

/* A pointer whose arithmetic counts bytes (void *, char *, u8 *). */
static bool byte_ptr(const struct imc_type *t)
{
	return imc_type_is_ptr(t) && (!t->pointee || t->pointee->size <= 1);
}

/* Past the "(TYPE)" of a cast's text: the operand's text; NULL if the
 * text does not start with a parenthesised type. */
static const char *cast_operand(const char *t)
{
	int depth = 0;
	size_t i;

	if (t[0] != '(')
		return NULL;
	for (i = 0; t[i]; i++) {
		depth += t[i] == '(';
		depth -= t[i] == ')';
		if (!depth) {
			i++;
			while (isspace((unsigned char)t[i]))
				i++;
			return t[i] ? t + i : NULL;
		}
	}
	return NULL;
}

static bool walk_any(const struct imc_node *n,
		     bool (*f)(const struct imc_node *, const void *),
		     const void *ctx)
{
	uint32_t i;

	if (!n)
		return false;
	if (f(n, ctx))
		return true;
	for (i = 0; i < n->nkids; i++)
		if (walk_any(n->kids[i], f, ctx))
			return true;
	return false;
}

static uint32_t count_refs(const struct imc_node *n, const struct imc_var *v)
{
	uint32_t i, k = 0;

	if (!n)
		return 0;
	if (n->kind == IMC_VAR && n->var == v)
		k++;
	for (i = 0; i < n->nkids; i++)
		k += count_refs(n->kids[i], v);
	return k;
}

/* The variable an lvalue belongs to when it is one (`x`, `s.f`, `a[i]` of
 * an array), else NULL: memory reached through a pointer. */
static const struct imc_var *lvalue_var(const struct imc_node *n)
{
	while (n && (n->kind == IMC_CAST ||
		     (n->kind == IMC_FIELD && !n->arrow) ||
		     (n->kind == IMC_INDEX && imc_kid(n, 0) &&
		      imc_kid(n, 0)->type &&
		      imc_kid(n, 0)->type->kind == IMC_T_ARRAY)))
		n = imc_kid(n, 0);
	return n && n->kind == IMC_VAR ? n->var : NULL;
}

/* What an offset expression depends on: its local variables, and whether
 * it reads memory (or globals) that a call or a store may change. */
struct deps {
	const struct imc_var *vars[16];
	uint32_t nvars;
	bool memory;
	bool overflow;
	const struct imc_node *skip; /* the use itself, not an effect */
};

static bool dep_of(const struct imc_node *n, const void *ctx)
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

static bool dep_var(const struct deps *d, const struct imc_var *v)
{
	uint32_t i;

	for (i = 0; v && i < d->nvars; i++)
		if (d->vars[i] == v)
			return true;
	return false;
}

/* Whether n may change what the offset expression of d evaluates to. */
static bool changes_deps(const struct imc_node *n, const void *ctx)
{
	const struct deps *d = ctx;
	const struct imc_node *lv = NULL;

	if (n->kind == IMC_LABEL || n->kind == IMC_CASE || n->kind == IMC_GOTO)
		return true;
	if (n->kind == IMC_ASSIGN || n->kind == IMC_INCDEC)
		lv = imc_kid(n, 0);
	if (n->kind == IMC_ADDR && dep_var(d, lvalue_var(imc_kid(n, 0))))
		return true;
	if (n == d->skip)
		return false;
	if (lv && (lvalue_var(lv) ? dep_var(d, lvalue_var(lv)) : d->memory))
		return true;
	if (lv && lvalue_var(lv) && lvalue_var(lv)->scope == IMC_GLOBAL &&
	    d->memory)
		return true;
	return d->memory && (n->kind == IMC_CALL || n->kind == IMC_OTHER);
}

/* A call the offset may repeat: a function of this TU whose body is one
 * `return EXPR;` without calls or side effects (clip_offset()). */
static bool impure_call(const struct imc_node *n, const void *ctx);

static bool side_effect(const struct imc_node *n, const void *ctx)
{
	(void)ctx;
	return n->kind == IMC_CALL || n->kind == IMC_ASSIGN ||
	       n->kind == IMC_INCDEC || n->kind == IMC_STMTEXPR ||
	       n->kind == IMC_OTHER;
}

static bool impure_call(const struct imc_node *n, const void *ctx)
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
	body = fn->body;
	ret = body && body->nkids == 1 ? body->kids[0] : NULL;
	return !ret || ret->kind != IMC_RETURN || !imc_kid(ret, 0) ||
	       walk_any(imc_kid(ret, 0), side_effect, NULL);
}

/* The block that holds statement stmt as a direct item, and its index. */
static const struct imc_node *block_of(const struct imc_node *n,
				       const struct imc_node *stmt,
				       uint32_t *idx)
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
		if ((b = block_of(n->kids[i], stmt, idx)))
			return b;
	}
	return NULL;
}

/* `void *dst = map->vaddr + off;` alone on its line: the line's text to
 * delete (all of it but the newline); false if it shares the line. */
static bool decl_line(struct analysis *a, const struct imc_node *decl,
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
	ini = raw_text(a, &init->range);
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
	    (k > nl && ident_char(t[k - nl - 1])))
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

static bool map_ref_text(struct analysis *a, const struct imc_node *e,
			 const char *text, const struct imc_node *use,
			 struct mapref *r, int depth);

/* Whole-word occurrences of name from line `from` to the end of the block
 * that line is in (comments skipped): macros and sizeof() that the IR
 * does not show still use a declaration. */
static int uses_in_scope(struct analysis *a, struct imc_loc from,
			 const char *name)
{
	struct imc_range r = { .begin = from, .end = from, .valid = true };
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
			} else if (!strncmp(t + i, name, n) && !ident_char(t[i + n]) &&
				   (i == 0 || !ident_char(t[i - 1]))) {
				count++;
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
	struct deps d = { .nvars = 0 };
	uint32_t u, i;
	char *t;
	bool ok;

	if (depth || !v || v->scope != IMC_LOCAL || count_refs(body, v) != 1 ||
	    !(blk = block_of(body, a->current->statement, &u)))
		return false;
	for (i = u; i-- > 0;)
		if (blk->kids[i] && blk->kids[i]->kind == IMC_DECL &&
		    blk->kids[i]->var == v) {
			decl = blk->kids[i];
			break;
		}
	init = decl ? imc_kid(decl, 0) : NULL;
	if (!init || !init->range.valid ||
	    walk_any(init, impure_call, a))
		return false;
	walk_any(init, dep_of, &d);
	d.skip = use;
	if (d.overflow)
		return false;
	for (i++; i <= u; i++)
		if (walk_any(blk->kids[i], changes_deps, &d))
			return false;
	t = raw_text(a, &init->range);
	ok = t && map_ref_text(a, init, t, use, r, depth + 1) &&
	     decl_line(a, decl, init, &r->del) &&
	     uses_in_scope(a, decl->loc, v->name) == 2;
	free(t);
	if (!ok)
		mapref_free(r);
	return ok;
}

/* $map and $off of the pointer expression e (text: its source text with
 * nested edits applied): `map->vaddr`, `s.vaddr + y * pitch + x * cpp`,
 * through casts to byte pointers, or a local initialised so (derived_ref).
 * Only where the arithmetic counts bytes. */
static bool map_ref_text(struct analysis *a, const struct imc_node *e,
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
		    byte_ptr(leaf->type) && !leaf->force) {
			if (!(t = cast_operand(t)))
				return false;
			leaf = imc_kid(leaf, 0);
		} else if (leaf && leaf->kind == IMC_BINARY &&
			   (leaf->op == IMC_OP_ADD || leaf->op == IMC_OP_SUB) &&
			   byte_ptr(leaf->type) && imc_kid(leaf, 0) &&
			   imc_type_is_ptr(imc_kid(leaf, 0)->type)) {
			leaf = imc_kid(leaf, 0);
		} else {
			break;
		}
	}
	if (!leaf)
		return false;
	if (leaf->kind == IMC_VAR && leaf->var && leaf->var->name &&
	    byte_ptr(leaf->type)) {
		n = strlen(leaf->var->name);
		if (strncmp(t, leaf->var->name, n) || ident_char(t[n]))
			return false;
		rest = t + n;
	} else if (leaf->kind == IMC_FIELD && leaf->range.valid &&
		   leaf->name && imc_kid(leaf, 0)) {
		bt = imc_kid(leaf, 0)->type;
		if (leaf->arrow)
			bt = imc_type_is_ptr(bt) ? bt->pointee : NULL;
		def = bt && bt->kind == IMC_T_STRUCT && bt->tag ?
			rules_for(a, bt->tag)->r[IMC_R_MAP_STRUCT] : NULL;
		if (!def || strcmp(leaf->name, def->sys_member) ||
		    !byte_ptr(leaf->type))
			return false;
		ft = raw_text(a, &leaf->range);
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
			char *sum = strcmp(r->off, "0") ?
				imc_xasprintf("%s + %s", r->off, off) : imc_xstrdup(off);

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
		 : simple_operand(ft) && !strchr("~!-+*&", ft[0]) ?
			imc_xasprintf("&%s", ft) : imc_xasprintf("&(%s)", ft);
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
static void add_deletion(struct analysis *a, size_t finding,
			 const struct deletion *del)
{
	struct edit e = { .begin = del->begin, .end = del->end,
			  .finding = finding, .taken = false };

	if (!del->want || !a->nedits)
		return;
	if (a->nedits == a->capedits) {
		a->capedits *= 2;
		a->edits = imc_xrealloc(a->edits, a->capedits * sizeof(*a->edits));
	}
	e.text = imc_xstrdup("");
	a->edits[a->nedits] = a->edits[a->nedits - 1];
	a->edits[a->nedits - 1] = e;
	a->nedits++;
}

/* `(T __force *)p` with p an __iomem pointer: the text of p. */
static char *unforced_text(struct analysis *a, const struct imc_node *n,
			   const char *text)
{
	const struct imc_node *k = n ? imc_kid(n, 0) : NULL;
	const char *op;
	char *t = NULL, *out = NULL;

	if (!n || n->kind != IMC_CAST || !k ||
	    !(n->force || (n->type && n->type->pointee && n->type->pointee->force)) ||
	    !imc_type_is_iomem_ptr(k->type))
		return NULL;
	if (!text)
		text = t = raw_text(a, &n->range);
	while (text && isspace((unsigned char)*text))
		text++;
	if (text && (op = cast_operand(text)))
		out = imc_trim_expr(op, strlen(op));
	free(t);
	return out;
}

/* `*(T *)(P + o)`: $type (T without qualifiers) and, through map_ref_text,
 * $map and $off of P + o. */
static bool map_access_vars(struct analysis *a, const struct imc_node *lv,
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
	t = text_with_edits(a, cast->range.begin, cast->range.end, used, &nused);
	if (!t || nused || !(op = cast_operand(t)))
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
	while (!strncmp(*type, "const ", 6) || !strncmp(*type, "volatile ", 9)) {
		char *q = imc_trim_expr(strchr(*type, ' '), strlen(strchr(*type, ' ')));

		free(*type);
		*type = q;
	}
	operand = imc_trim_expr(op, strlen(op));
	ok = **type && map_ref_text(a, imc_kid(cast, 0), operand, use, r, 0);
	free(operand);
	if (!ok) {
		free(*type);
		*type = NULL;
	}
out:
	free(t);
	return ok;
}

bool fix_access(struct analysis *a, size_t finding, const struct imc_node *lv,
		const struct imc_node *site, const char *tmpl_load,
		const char *tmpl_store)
{
	struct imc_range whole = site ? statement_range(a, site, lv) : lv->range;
	struct tvar vars[5] = { { "ptr", NULL }, { "val", NULL }, { "map", NULL },
				{ "off", NULL }, { "type", NULL } };
	char *load = NULL, *text = NULL, *old = raw_text(a, &whole);
	struct mapref mr = { NULL, NULL, { false, { 0 }, { 0 } } };
	size_t used[16], nused = 0;
	bool ok = false;

	if (!old || !tmpl_load || (site && (!tmpl_store || a->current->statement != site)))
		goto out;
	if (strstr(tmpl_load, "$map")) {
		if (!map_access_vars(a, lv, site ? site : lv, &mr, &vars[4].text))
			goto out;
		vars[2].text = mr.map;
		vars[3].text = mr.off;
	} else if (!(vars[0].text = address_text(a, lv))) {
		goto out;
	}
	load = expand(tmpl_load, vars, 5);
	if (!site) {
		text = load ? imc_xstrdup(load) : NULL;
	} else {
		vars[1].text = store_value(a, site, &whole, lv, load, used, &nused);
		text = vars[1].text ? expand(tmpl_store, vars, 5) : NULL;
	}
	if (text && commit(a, finding, whole.begin, old, text, used, nused)) {
		add_deletion(a, finding, &mr.del);
		ok = true;
	}
out:
	free(vars[0].text);
	free(vars[1].text);
	free(vars[4].text);
	mapref_free(&mr);
	free(load);
	free(text);
	free(old);
	return ok;
}

bool fix_call(struct analysis *a, size_t finding, const struct imc_node *call,
	      const char *tmpl, const struct imc_node *map_arg,
	      const struct imc_node *forced_arg)
{
	enum { MAXARGS = 8 };
	struct tvar vars[MAXARGS + 2] = { { NULL, NULL } };
	static const char *const names[MAXARGS] = { "1", "2", "3", "4",
						    "5", "6", "7", "8" };
	size_t ab[MAXARGS] = { 0 }, ae[MAXARGS] = { 0 }, paren, used[16], nused = 0;
	char *old = raw_text(a, &call->range), *text = NULL;
	struct mapref mr = { NULL, NULL, { false, { 0 }, { 0 } } };
	int n, i, nvars = 0;
	bool ok = false;

	if (!old || (n = imc_split_call(old, ab, ae, MAXARGS, &paren)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		const struct imc_node *an = imc_kid(call, IMC_CALL_ARG0 + (uint32_t)i);
		size_t u[16], nu;
		char *t = text_with_edits(a, loc_at(old, call->range.begin, ab[i]),
					  loc_at(old, call->range.begin, ae[i]),
					  u, &nu);

		vars[nvars].name = names[i];
		vars[nvars++].text = t ? imc_trim_expr(t, strlen(t)) : NULL;
		if (t && an && an == forced_arg) {
			free(vars[nvars - 1].text);
			vars[nvars - 1].text = unforced_text(a, an, t);
		}
		if (t && map_arg && an == map_arg &&
		    map_ref_text(a, map_arg, vars[nvars - 1].text, call, &mr, 0)) {
			vars[MAXARGS].text = mr.map;
			vars[MAXARGS + 1].text = mr.off;
			mr.map = mr.off = NULL;
		}
		free(t);
		if (!t || nused + nu > 16)
			goto out;
		memcpy(used + nused, u, nu * sizeof(*u));
		nused += nu;
	}
	vars[MAXARGS].name = "map";
	vars[MAXARGS + 1].name = "off";
	{
		struct tvar all[MAXARGS + 2];
		int k = 0;

		for (i = 0; i < nvars; i++)
			all[k++] = vars[i];
		all[k++] = vars[MAXARGS];
		all[k++] = vars[MAXARGS + 1];
		text = expand(tmpl, all, (size_t)k);
	}
	if (text && commit(a, finding, call->range.begin, old, text, used, nused)) {
		add_deletion(a, finding, &mr.del);
		ok = true;
	}
out:
	for (i = 0; i < MAXARGS + 2; i++)
		free(vars[i].text);
	mapref_free(&mr);
	free(old);
	free(text);
	return ok;
}

static bool steps_var(const struct imc_node *n, const void *ctx)
{
	const struct imc_node *lv = imc_kid(n, 0);

	return ((n->kind == IMC_ASSIGN && n->op) || n->kind == IMC_INCDEC) &&
	       lv && lv->kind == IMC_VAR && lv->var == ctx;
}

bool fix_steps(struct analysis *a, const struct imc_node *arg)
{
	while (arg && (arg->kind == IMC_CAST ||
		       (arg->kind == IMC_BINARY && imc_type_is_ptr(arg->type))))
		arg = imc_kid(arg, 0);
	return arg && arg->kind == IMC_VAR && arg->var &&
	       arg->var->scope == IMC_LOCAL && a->current &&
	       walk_any(a->current->fn->body, steps_var, arg->var);
}

void fixits_finalize(struct analysis *a)
{
	size_t i;

	for (i = 0; i < a->nedits; i++) {
		struct edit *e = &a->edits[i];
		struct imc_finding *f = &a->out->v[e->finding];

		if (e->taken) {
			free(e->text);
			continue;
		}
		f->fixits = imc_xrealloc(f->fixits, (f->nfixits + 1) *
							 sizeof(*f->fixits));
		f->fixits[f->nfixits].begin = e->begin;
		f->fixits[f->nfixits].end = e->end;
		f->fixits[f->nfixits].begin.file = imc_intern_forever(e->begin.file);
		f->fixits[f->nfixits].end.file = f->fixits[f->nfixits].begin.file;
		f->fixits[f->nfixits++].text = e->text;
	}
	a->nedits = 0;
}
