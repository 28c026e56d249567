// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fix-its: rewrite templates from the rules filled with source text. Text
 * comes from the file itself, so both front ends produce the same bytes.
 * Edits nested in a larger rewrite (a load inside a store's value) are
 * folded into it, so a finding's fix-its never overlap another's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixit.h"

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
	       !fx_ident_char(t[len - n - 1]);
}

/* The address an lvalue denotes, as text: `*p` -> "p", `r->x` -> "&r->x". */
static char *unforced_text(struct analysis *a, const struct imc_node *n,
			   const char *text);

/* `(struct T __force *)p` with p a `struct T __iomem *`. */
static bool forced_struct(const struct imc_node *n)
{
	const struct imc_node *k = n ? imc_kid(n, 0) : NULL;
	const struct imc_type *to = n ? n->type : NULL;
	const struct imc_type *from = k ? k->type : NULL;

	return n && n->kind == IMC_CAST && k && imc_type_is_ptr(to) &&
	       imc_type_is_iomem_ptr(from) && to->pointee && from->pointee &&
	       to->pointee->kind == IMC_T_STRUCT && to->pointee->tag &&
	       from->pointee->tag &&
	       !strcmp(to->pointee->tag, from->pointee->tag);
}

static char *address_text(struct analysis *a, const struct imc_node *lv,
			  const struct imc_range *r)
{
	size_t used[16], nused;
	char *t, *out, *un;

	if (!r->valid)
		return NULL;
	t = fx_text_with_edits(a, r->begin, r->end, used, &nused);
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
		out = fx_simple_operand(un) && !strchr("~!-+*&", un[0])
			      ? imc_xasprintf("&%s->%s", un, lv->name)
			      : imc_xasprintf("&(%s)->%s", un, lv->name);
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

/* ---- Fix-its inside a macro's arguments ----
 * An expression spelled whole in one argument of a macro invocation in the
 * file can be rewritten there as anywhere else, as long as the argument
 * reaches the expansion once and as it is: not stringified, not pasted,
 * not used twice (one edit would change every use). The front ends give
 * the spelling of the node's ends when both are argument tokens
 * (imc_node.arg_begin/arg_end); the rest is checked here, the same way for
 * both. Only the outermost macro's definition is read; a second use at a
 * deeper level still shows as a second node with the same spelling. */

/* Past a string or character literal that starts at t[i]. */
static size_t past_literal(const char *t, size_t i)
{
	char q = t[i++];

	while (t[i] && t[i] != q)
		i += t[i] == '\\' && t[i + 1] ? 2 : 1;
	return t[i] ? i + 1 : i;
}

/* Past a comment at t[i], or i if there is none. */
static size_t past_comment(const char *t, size_t i)
{
	const char *e;

	if (t[i] != '/' || (t[i + 1] != '*' && t[i + 1] != '/'))
		return i;
	if (t[i + 1] == '/')
		return i + strcspn(t + i, "\n");
	e = strstr(t + i + 2, "*/");
	return e ? (size_t)(e - t) + 2 : strlen(t);
}

/* A bracket around the range: the identifier before its '(' ("" if none:
 * a plain parenthesis, '[' or '{'), which of its arguments holds the
 * range, and the offsets of the identifier (or the bracket) and the
 * bracket. */
struct group {
	char name[64];
	int arg;
	size_t name_at, open;
};

enum { MAX_GROUPS = 16 };

/* Reads the identifier at text[*i] into name; false if there is none. */
static bool read_ident(const char *text, size_t *i, char *name, size_t sz)
{
	size_t n = 0;

	if (!fx_ident_char(text[*i]) || isdigit((unsigned char)text[*i]))
		return false;
	for (; fx_ident_char(text[*i]); (*i)++)
		if (n + 1 < sz)
			name[n++] = text[*i];
	name[n] = '\0';
	return true;
}

/* The brackets of TEXT (from the expansion point: "NAME ( ... ") open at
 * FROM, outermost first, into g[]: their number, or -1 when [from, to) is
 * not inside one argument of each of them (a comma or a closing bracket
 * of theirs in between) or TEXT is no invocation. */
static int enclosing_groups(const char *text, size_t from, size_t to,
			    struct group *g)
{
	int depth = 0, at = -1;
	size_t i = 0, ident_at = 0;
	char ident[64] = "";

	while (text[i] && i < to) {
		size_t j = past_comment(text, i);

		if (i == from)
			at = depth;
		if (j == i && (text[i] == '"' || text[i] == '\''))
			j = past_literal(text, i);
		if (j != i) {
			i = j;
			ident[0] = '\0';
			continue;
		}
		j = i;
		if (read_ident(text, &i, ident, sizeof(ident))) {
			ident_at = j;
			continue;
		}
		if (strchr("([{", text[i])) {
			if (depth == MAX_GROUPS || (!depth && text[i] != '('))
				return -1;
			snprintf(g[depth].name, sizeof(g[depth].name), "%s",
				 text[i] == '(' ? ident : "");
			g[depth].name_at =
				text[i] == '(' && ident[0] ? ident_at : i;
			g[depth].open = i;
			g[depth++].arg = 0;
		} else if (strchr(")]}", text[i])) {
			if (--depth < 1 || (at >= 0 && depth < at))
				return -1;
		} else if (text[i] == ',' && depth) {
			if (at >= 0 && depth == at)
				return -1;
			g[depth - 1].arg++;
		} else if (!depth && !isspace((unsigned char)text[i])) {
			return -1;
		}
		if (!isspace((unsigned char)text[i]))
			ident[0] = '\0';
		i++;
	}
	return i == to && at >= 1 && depth == at ? at : -1;
}

/* The next token of a macro body from t[*i]: its offset, length in *len;
 * -1 at the end. Literals are one token. */
static long body_token(const char *t, size_t *i, size_t *len)
{
	size_t b, j;

	for (;;) {
		while (isspace((unsigned char)t[*i]))
			(*i)++;
		j = past_comment(t, *i);
		if (j == *i)
			break;
		*i = j;
	}
	b = *i;
	if (!t[b])
		return -1;
	if (t[b] == '"' || t[b] == '\'')
		j = past_literal(t, b);
	else if (fx_ident_char(t[b]))
		for (j = b; fx_ident_char(t[j]); j++)
			;
	else if (t[b] == '#' && t[b + 1] == '#')
		j = b + 2;
	else
		j = b + 1;
	*len = j - b;
	*i = j;
	return (long)b;
}

static bool token_is(const char *t, long at, size_t len, const char *s)
{
	return at >= 0 && len == strlen(s) && !strncmp(t + at, s, len);
}

/* The name of parameter K of DEF ("NAME(a, b, ...) body"), into param,
 * and where the body starts; false if DEF takes no argument K. */
static bool macro_param(const char *def, int k, char *param, size_t sz,
			size_t *body)
{
	const char *p = def + strcspn(def, "(");
	int idx = 0;

	if (!*p)
		return false;
	for (p++;;) {
		size_t n;

		p += strspn(p, " \t");
		n = strcspn(p, ",)");
		if (!p[n])
			return false;
		while (n && isspace((unsigned char)p[n - 1]))
			n--;
		if (n >= 3 && !strncmp(p + n - 3, "...", 3)) {
			/* variadic: every argument from here on */
			if (n == 3)
				snprintf(param, sz, "__VA_ARGS__");
			else
				snprintf(param, sz, "%.*s", (int)(n - 3), p);
			idx = k;
		} else if (idx == k) {
			snprintf(param, sz, "%.*s", (int)n, p);
		}
		if (idx == k) {
			*body = (size_t)(strchr(p, ')') - def) + 1;
			return n && strlen(param) < sz - 1;
		}
		p += strcspn(p, ",)");
		if (*p == ')')
			return false;
		p++;
		idx++;
	}
}

/* Whether PARAM reaches DEF's expansion exactly once, neither stringified
 * nor pasted (GNU's `, ## __VA_ARGS__` only drops a comma: allowed). */
static bool used_once_as_is(const char *def, size_t body, const char *param)
{
	long prev2 = -1, prev = -1, tok;
	size_t plen = 0, p2len = 0, len, i = body, uses = 0;

	while ((tok = body_token(def, &i, &len)) >= 0) {
		if (token_is(def, prev, plen, param)) {
			if (token_is(def, tok, len, "##"))
				return false;
		}
		if (token_is(def, tok, len, param)) {
			uses++;
			if (token_is(def, prev, plen, "#"))
				return false;
			if (token_is(def, prev, plen, "##") &&
			    !(!strcmp(param, "__VA_ARGS__") &&
			      token_is(def, prev2, p2len, ",")))
				return false;
		}
		prev2 = prev;
		p2len = plen;
		prev = tok;
		plen = len;
	}
	return uses == 1;
}

struct same_spelling {
	const struct imc_node *like;
	uint32_t n;
};

static bool count_same_spelling(const struct imc_node *n, const void *ctx)
{
	struct same_spelling *s = (struct same_spelling *)ctx;
	const struct imc_node *l = s->like;

	if (n->kind == l->kind && n->arg_begin.file == l->arg_begin.file &&
	    n->arg_begin.line == l->arg_begin.line &&
	    n->arg_begin.col == l->arg_begin.col &&
	    n->arg_end.line == l->arg_end.line &&
	    n->arg_end.col == l->arg_end.col)
		s->n++;
	return false;
}

/* Whether the argument K of every definition in DEFS (one a line: the
 * front end may know alternatives) reaches the expansion once, as is. */
static bool argument_as_is(const char *defs, int k)
{
	char param[128];

	while (*defs) {
		size_t len = strcspn(defs, "\n"), body;
		char *def = imc_xasprintf("%.*s", (int)len, defs);
		bool ok = macro_param(def, k, param, sizeof(param), &body) &&
			  used_once_as_is(def, body, param);

		free(def);
		if (!ok)
			return false;
		defs += len + (defs[len] == '\n');
	}
	return true;
}

/* Every macro whose arguments hold the range (the invocation itself and
 * those nested in it that the front end knows as macros; the others are
 * calls) takes it once, as is. */
static bool macros_take_as_is(struct analysis *a, const struct group *g, int n)
{
	int k;

	for (k = 0; k < n; k++) {
		const char *def = g[k].name[0]
					  ? imc_tu_macro_def(a->tu, g[k].name)
					  : NULL;

		if (k == 0 && !def)
			return false;
		if (def && !argument_as_is(def, g[k].arg))
			return false;
	}
	return true;
}

/* ---- A load that a byte-order conversion takes whole ----
 * readX() reads little-endian, so the rewrite of `le32_to_cpu(p->x)` is
 * `readl(&p->x)`: wrapping the load, `le32_to_cpu(readl(&p->x))`, would
 * swap twice on big-endian. The conversions are the rules' le-to-cpu
 * names; one of the load's width whose one argument is the load, spelled
 * in the file (or in an argument of the macros around it), is replaced. */

/* Whether the innermost group G is a le-to-cpu conversion of SIZE bytes
 * whose argument starts with text[from] (blanks aside). */
static bool converts_from(struct analysis *a, const struct group *g,
			  const char *text, long from, uint32_t size)
{
	const struct imc_rule *r =
		g->name[0] ? rule_find(a, IMC_R_LE_TO_CPU, g->name) : NULL;
	size_t i;

	if (!r || (uint32_t)r->size != size || g->arg || g->name_at == g->open)
		return false;
	for (i = g->open + 1; i < (size_t)from; i++)
		if (!isspace((unsigned char)text[i]))
			return false;
	return true;
}

/* Past the ')' that follows END on its line (blanks aside), into *close. */
static bool closes_after(struct analysis *a, struct imc_loc end,
			 struct imc_loc *close)
{
	const char *line;
	size_t len, i;

	if (!end.col ||
	    !imc_source_line(a->sources, end.file, end.line, &line, &len))
		return false;
	for (i = end.col - 1; i < len && isspace((unsigned char)line[i]); i++)
		;
	if (i >= len || line[i] != ')')
		return false;
	*close = imc_loc_advance(end, i - (end.col - 1) + 1);
	return true;
}

/* N's range for a rewrite: its source range, or its spelling inside one
 * macro argument when that argument reaches the expansion once, as is.
 * *whole: the text the rewrite replaces, that range or, when ABSORB, the
 * le-to-cpu conversion around it. */
static struct imc_range edit_range(struct analysis *a, const struct imc_node *n,
				   bool absorb, struct imc_range *whole)
{
	struct imc_range r = n->range, inv = {{0}, {0}, false, 0, 0};
	struct same_spelling same = {n, 0};
	struct group g[MAX_GROUPS];
	struct imc_loc conv_begin = {0}, conv_end = {0};
	char *text;
	long from, to;
	int ngroups, conv = 0;

	*whole = r;
	if (r.valid || !n->arg_begin.file || n->loc.file != n->arg_begin.file ||
	    !fx_loc_le(n->loc, n->arg_begin) || !a->current)
		return r;
	inv.begin = n->loc;
	inv.end = n->arg_end;
	inv.valid = true;
	text = imc_source_text(a->sources, &inv);
	from = text ? fx_offset_of(text, n->loc, n->arg_begin) : -1;
	to = text ? fx_offset_of(text, n->loc, n->arg_end) : -1;
	ngroups = from >= 0 && to > from
			  ? enclosing_groups(text, (size_t)from, (size_t)to, g)
			  : -1;
	if (absorb && ngroups >= 1 && n->type &&
	    converts_from(a, &g[ngroups - 1], text, from, n->type->size) &&
	    closes_after(a, n->arg_end, &conv_end)) {
		conv = 1;
		conv_begin = fx_loc_at(text, n->loc, g[ngroups - 1].name_at);
	}
	free(text);
	/* a conversion replaced whole need not take its argument as is */
	if (ngroups < 1 || !macros_take_as_is(a, g, ngroups - conv))
		return r;
	fx_walk_any(a->current->fn->body, count_same_spelling, &same);
	if (same.n != 1)
		return r;
	r.begin = n->arg_begin;
	r.end = n->arg_end;
	r.valid = true;
	*whole = r;
	if (conv) {
		whole->begin = conv_begin;
		whole->end = conv_end;
	}
	return r;
}

/* Value text of a store: the rhs, or for `x op= y` / `x++` the combined
 * read-modify-write value. */
char *fx_store_value(struct analysis *a, const struct imc_node *site,
		     const struct imc_range *site_range,
		     const struct imc_node *lv, const char *load, size_t *used,
		     size_t *nused)
{
	char *raw, *rhs = NULL, *val = NULL, op[4] = "";
	size_t rhs_begin;
	long lhs_len;

	*nused = 0;
	if (site->kind == IMC_INCDEC) {
		bool inc =
			site->op == IMC_OP_PREINC || site->op == IMC_OP_POSTINC;

		return imc_xasprintf("%s %s 1", load, inc ? "+" : "-");
	}
	raw = fx_raw_text(a, site_range);
	if (!raw || !lv->range.valid)
		goto out;
	lhs_len = fx_offset_of(raw, site_range->begin, lv->range.end);
	if (lhs_len < 0 ||
	    imc_find_assign_op(raw, (size_t)lhs_len, op, &rhs_begin) < 0)
		goto out;
	rhs = fx_text_with_edits(a,
				 fx_loc_at(raw, site_range->begin, rhs_begin),
				 site_range->end, used, nused);
	if (rhs) {
		char *t = imc_trim_expr(rhs, strlen(rhs));

		if (!*op)
			val = imc_xstrdup(t);
		else if (load)
			val = imc_xasprintf(fx_simple_operand(t) ? "%s %s %s"
								 : "%s %s (%s)",
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

/* `(T __force *)p` with p an __iomem pointer: the text of p. */
static char *unforced_text(struct analysis *a, const struct imc_node *n,
			   const char *text)
{
	const struct imc_node *k = n ? imc_kid(n, 0) : NULL;
	const char *op;
	char *t = NULL, *out = NULL;

	if (!n || n->kind != IMC_CAST || !k ||
	    !(n->force ||
	      (n->type && n->type->pointee && n->type->pointee->force)) ||
	    !imc_type_is_iomem_ptr(k->type))
		return NULL;
	if (!text)
		text = t = fx_raw_text(a, &n->range);
	while (text && isspace((unsigned char)*text))
		text++;
	if (text && (op = fx_cast_operand(text)))
		out = imc_trim_expr(op, strlen(op));
	free(t);
	return out;
}

bool fix_access(struct analysis *a, size_t finding, const struct imc_node *lv,
		const struct imc_node *site, const char *tmpl_load,
		const char *tmpl_store)
{
	struct imc_range whole;
	struct imc_range lvr =
		site ? lv->range
		     : edit_range(a, lv,
				  tmpl_load && !strstr(tmpl_load, "$map"),
				  &whole);
	struct tvar vars[7] = {{"ptr", NULL},  {"val", NULL},  {"map", NULL},
			       {"off", NULL},  {"type", NULL}, {"struct", NULL},
			       {"field", NULL}};
	char *load = NULL, *text = NULL, *old;
	struct mapref mr = {NULL, NULL, {false, {0}, {0}}};
	size_t used[16], nused = 0;
	bool ok = false;

	if (site)
		whole = statement_range(a, site, lv);
	old = fx_raw_text(a, &whole);

	/* `p[i]` with p stepping through a map: edits all over the function,
	 * whatever the statement at hand */
	if (tmpl_load && tmpl_store && strstr(tmpl_load, "$map") &&
	    fx_stepper_fix(a, finding, lv, tmpl_load, tmpl_store)) {
		ok = true;
		goto out;
	}
	if (!old || !tmpl_load ||
	    (site && (!tmpl_store || a->current->statement != site)))
		goto out;
	if (strstr(tmpl_load, "$map")) {
		if (fx_field_vars(a, lv, site, &mr, &vars[5])) {
			/* `p->f` through a pointer set to map.vaddr */
			tmpl_load = rewrite_for(a, "load", "field=map");
			tmpl_store = rewrite_for(a, "store", "field=map");
			if (!tmpl_load || (site && !tmpl_store))
				goto out;
		} else if (!fx_map_access_vars(a, lv, site ? site : lv, &mr,
					       &vars[4].text)) {
			goto out;
		}
		vars[2].text = mr.map;
		vars[3].text = mr.off;
	} else if (!(vars[0].text = address_text(a, lv, &lvr))) {
		goto out;
	}
	load = fx_expand(tmpl_load, vars, 7);
	if (!site) {
		text = load ? imc_xstrdup(load) : NULL;
	} else {
		vars[1].text =
			fx_store_value(a, site, &whole, lv, load, used, &nused);
		text = vars[1].text ? fx_expand(tmpl_store, vars, 7) : NULL;
	}
	/* the iosys_map_*() macros declare `val` and `s` around their
	 * arguments: an argument naming either would bind to theirs */
	if (text && vars[2].text &&
	    !(fx_hygienic(vars[1].text) && fx_hygienic(vars[3].text)))
		goto out;
	if (text &&
	    fx_commit(a, finding, whole.begin, old, text, used, nused)) {
		fx_add_deletion(a, finding, &mr.del);
		ok = true;
	}
out:
	free(vars[0].text);
	free(vars[1].text);
	free(vars[4].text);
	free(vars[5].text);
	free(vars[6].text);
	fx_mapref_free(&mr);
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
	struct tvar vars[MAXARGS + 2] = {{NULL, NULL}};
	static const char *const names[MAXARGS] = {"1", "2", "3", "4",
						   "5", "6", "7", "8"};
	size_t ab[MAXARGS] = {0}, ae[MAXARGS] = {0}, paren, used[16], nused = 0;
	char *old = fx_raw_text(a, &call->range), *text = NULL;
	struct mapref mr = {NULL, NULL, {false, {0}, {0}}};
	int n, i, nvars = 0;
	bool ok = false;

	if (!old || (n = imc_split_call(old, ab, ae, MAXARGS, &paren)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		const struct imc_node *an =
			imc_kid(call, IMC_CALL_ARG0 + (uint32_t)i);
		size_t u[16], nu;
		char *t = fx_text_with_edits(
			a, fx_loc_at(old, call->range.begin, ab[i]),
			fx_loc_at(old, call->range.begin, ae[i]), u, &nu);

		vars[nvars].name = names[i];
		vars[nvars++].text = t ? imc_trim_expr(t, strlen(t)) : NULL;
		if (t && an && an == forced_arg) {
			free(vars[nvars - 1].text);
			vars[nvars - 1].text = unforced_text(a, an, t);
		}
		if (t && map_arg && an == map_arg &&
		    fx_map_ref_text(a, map_arg, vars[nvars - 1].text, call, &mr,
				    0)) {
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
		text = fx_expand(tmpl, all, (size_t)k);
	}
	if (text &&
	    fx_commit(a, finding, call->range.begin, old, text, used, nused)) {
		fx_add_deletion(a, finding, &mr.del);
		ok = true;
	}
out:
	for (i = 0; i < MAXARGS + 2; i++)
		free(vars[i].text);
	fx_mapref_free(&mr);
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
	       fx_walk_any(a->current->fn->body, steps_var, arg->var);
}

void fixits_finalize(struct analysis *a)
{
	size_t i;

	fx_wrap_long_lines(a);
	for (i = 0; i < a->nedits; i++) {
		struct edit *e = &a->edits[i];
		struct imc_finding *f = &a->out->v[e->finding];

		if (e->taken) {
			free(e->text);
			continue;
		}
		f->fixits = imc_xrealloc(f->fixits,
					 (f->nfixits + 1) * sizeof(*f->fixits));
		f->fixits[f->nfixits].begin = e->begin;
		f->fixits[f->nfixits].end = e->end;
		f->fixits[f->nfixits].begin.file =
			imc_intern_forever(e->begin.file);
		f->fixits[f->nfixits].end.file =
			f->fixits[f->nfixits].begin.file;
		f->fixits[f->nfixits++].text = e->text;
	}
	a->nedits = 0;
}