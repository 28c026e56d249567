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
static void commit(struct analysis *a, size_t finding, struct imc_loc begin,
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
		return;
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
static char *address_text(struct analysis *a, const struct imc_node *lv)
{
	size_t used[16], nused;
	char *t, *out;

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

bool fix_access(struct analysis *a, size_t finding, const struct imc_node *lv,
		const struct imc_node *site, const char *tmpl_load,
		const char *tmpl_store)
{
	struct imc_range whole = site ? statement_range(a, site, lv) : lv->range;
	struct tvar vars[2] = { { "ptr", NULL }, { "val", NULL } };
	char *load = NULL, *text = NULL, *old = raw_text(a, &whole);
	size_t used[16], nused = 0;
	bool ok = false;

	if (!old || !tmpl_load || (site && (!tmpl_store || a->current->statement != site)))
		goto out;
	vars[0].text = address_text(a, lv);
	if (!vars[0].text)
		goto out;
	load = expand(tmpl_load, vars, 1);
	if (!site) {
		text = load ? imc_xstrdup(load) : NULL;
	} else {
		vars[1].text = store_value(a, site, &whole, lv, load, used, &nused);
		text = vars[1].text ? expand(tmpl_store, vars, 2) : NULL;
	}
	if (text) {
		commit(a, finding, whole.begin, old, text, used, nused);
		ok = true;
	}
out:
	free(vars[0].text);
	free(vars[1].text);
	free(load);
	free(text);
	free(old);
	return ok;
}

/* For a pointer argument `map->vaddr + off`: $map and $off. */
static bool map_vars(struct analysis *a, const struct imc_node *arg,
		     const char *arg_text, struct tvar *map, struct tvar *off)
{
	const struct imc_node *field = arg;
	char *ft, *sep;
	long end;

	while (field && field->kind == IMC_CAST)
		field = imc_kid(field, 0);
	if (field && field->kind == IMC_BINARY && field->op == IMC_OP_ADD)
		field = imc_kid(field, 0);
	if (!field || field->kind != IMC_FIELD || !field->range.valid ||
	    !arg->range.valid)
		return false;
	ft = raw_text(a, &field->range);
	end = ft ? offset_of(arg_text, arg->range.begin, field->range.end) : -1;
	sep = ft ? strstr(ft, field->arrow ? "->" : ".") : NULL;
	if (!ft || end < 0 || !sep || strncmp(arg_text, ft, strlen(ft))) {
		free(ft);
		return false;
	}
	while (sep && strstr(sep + 1, field->arrow ? "->" : "."))
		sep = strstr(sep + 1, field->arrow ? "->" : ".");
	*sep = '\0';
	map->text = field->arrow ? imc_trim_expr(ft, strlen(ft))
		  : simple_operand(ft) && !strchr("~!-+*&", ft[0]) ? imc_xasprintf("&%s", ft)
				       : imc_xasprintf("&(%s)", ft);
	{
		const char *rest = arg_text + end;

		while (isspace((unsigned char)*rest))
			rest++;
		if (!*rest)
			off->text = imc_xstrdup("0");
		else if (*rest == '+')
			off->text = imc_trim_expr(rest + 1, strlen(rest + 1));
	}
	free(ft);
	return off->text != NULL;
}

bool fix_call(struct analysis *a, size_t finding, const struct imc_node *call,
	      const char *tmpl, const struct imc_node *map_arg)
{
	enum { MAXARGS = 8 };
	struct tvar vars[MAXARGS + 2] = { { NULL, NULL } };
	static const char *const names[MAXARGS] = { "1", "2", "3", "4",
						    "5", "6", "7", "8" };
	size_t ab[MAXARGS] = { 0 }, ae[MAXARGS] = { 0 }, paren, used[16], nused = 0;
	char *old = raw_text(a, &call->range), *text = NULL;
	int n, i, nvars = 0;
	bool ok = false;

	if (!old || (n = imc_split_call(old, ab, ae, MAXARGS, &paren)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		size_t u[16], nu;
		char *t = text_with_edits(a, loc_at(old, call->range.begin, ab[i]),
					  loc_at(old, call->range.begin, ae[i]),
					  u, &nu);

		vars[nvars].name = names[i];
		vars[nvars++].text = t ? imc_trim_expr(t, strlen(t)) : NULL;
		if (t && map_arg && imc_kid(call, IMC_CALL_ARG0 + (uint32_t)i) == map_arg)
			map_vars(a, map_arg, t, &vars[MAXARGS], &vars[MAXARGS + 1]);
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
	if (text) {
		commit(a, finding, call->range.begin, old, text, used, nused);
		ok = true;
	}
out:
	for (i = 0; i < MAXARGS + 2; i++)
		free(vars[i].text);
	free(old);
	free(text);
	return ok;
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
