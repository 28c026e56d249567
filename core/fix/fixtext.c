// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fix-its, the text side: locations inside source text, pending edits and
 * the nesting of one edit in another, templates with $name placeholders,
 * and committing an edit (trimmed to what changes).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fixit.h"

bool fx_loc_le(struct imc_loc a, struct imc_loc b)
{
	return a.line < b.line || (a.line == b.line && a.col <= b.col);
}

/* Location of byte `off` of text that starts at `base`. */
struct imc_loc fx_loc_at(const char *text, struct imc_loc base, size_t off)
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
long fx_offset_of(const char *text, struct imc_loc base, struct imc_loc loc)
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

void fx_tb_add(struct textbuf *b, const char *s, size_t n)
{
	b->s = imc_xrealloc(b->s, b->len + n + 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void fx_tb_adds(struct textbuf *b, const char *s)
{
	fx_tb_add(b, s, strlen(s));
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
		if (e->begin.file == begin.file && fx_loc_le(e->end, begin) &&
		    !fx_loc_le(begin, e->begin))
			break;
		if (e->begin.file == begin.file && fx_loc_le(begin, e->begin) &&
		    fx_loc_le(e->end, end))
			out[n++] = i;
	}
	for (i = 1; i < n; i++) /* into source order */
		for (j = i; j > 0 && !fx_loc_le(a->edits[out[j - 1]].begin,
						a->edits[out[j]].begin);
		     j--) {
			size_t t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

/* Source text of [begin, end) with the nested edits applied; their indices
 * go to used[] so the caller can mark them taken once it commits. */
char *fx_text_with_edits(struct analysis *a, struct imc_loc begin,
			 struct imc_loc end, size_t *used, size_t *nused)
{
	struct imc_range r = {.begin = begin, .end = end, .valid = true};
	char *raw = imc_source_text(a->sources, &r);
	struct textbuf out = {0};
	size_t i, pos = 0;

	*nused = 0;
	if (!raw)
		return NULL;
	*nused = nested_edits(a, begin, end, used, 16);
	for (i = 0; i < *nused; i++) {
		const struct edit *e = &a->edits[used[i]];
		long b = fx_offset_of(raw, begin, e->begin);
		long en = fx_offset_of(raw, begin, e->end);

		if (b < (long)pos || en < b) {
			free(raw);
			free(out.s);
			return NULL; /* overlapping edits: give up cleanly */
		}
		fx_tb_add(&out, raw + pos, (size_t)b - pos);
		fx_tb_adds(&out, e->text);
		pos = (size_t)en;
	}
	fx_tb_adds(&out, raw + pos);
	free(raw);
	return out.s;
}

/* Expands $name placeholders; NULL if a placeholder has no text. */
char *fx_expand(const char *tmpl, const struct tvar *vars, size_t nvars)
{
	struct textbuf out = {0};
	const char *p = tmpl;

	fx_tb_adds(&out, "");
	while (*p) {
		size_t len = 0, i;

		if (*p != '$') {
			fx_tb_add(&out, p++, 1);
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
		fx_tb_adds(&out, vars[i].text);
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

bool fx_ident_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_';
}

/* Adds the edit old -> new over [begin, ...), trimmed to the part that
 * changes (whole identifiers), and marks the folded edits taken. */
/* The common prefix p and suffix s of old and new, not splitting an
 * identifier. */
static void trim_change(const char *old, const char *new, size_t *p, size_t *s)
{
	size_t lo = strlen(old), ln = strlen(new);

	*p = *s = 0;
	while (*p < lo && *p < ln && old[*p] == new[*p])
		(*p)++;
	while (*p > 0 && fx_ident_char(old[*p - 1]) &&
	       ((*p < lo && fx_ident_char(old[*p])) ||
		(*p < ln && fx_ident_char(new[*p]))))
		(*p)--;
	while (*s < lo - *p && *s < ln - *p &&
	       old[lo - 1 - *s] == new[ln - 1 - *s])
		(*s)++;
	while (*s > 0 && fx_ident_char(old[lo - *s]) &&
	       ((*s < lo && fx_ident_char(old[lo - *s - 1])) ||
		(*s < ln && fx_ident_char(new[ln - *s - 1]))))
		(*s)--;
}

void fx_push_edit(struct analysis *a, size_t finding, struct imc_loc b,
		  struct imc_loc e, char *text)
{
	struct edit *x;

	if (a->nedits == a->capedits) {
		a->capedits = a->capedits ? a->capedits * 2 : 16;
		a->edits =
			imc_xrealloc(a->edits, a->capedits * sizeof(*a->edits));
	}
	x = &a->edits[a->nedits++];
	x->begin = b;
	x->end = e;
	x->text = text;
	x->finding = finding;
	x->taken = false;
}

/* ---- a rewrite that spans lines, as one edit per line ---------------- */

enum { MAXTOK = 256 };

struct toks {
	size_t b[MAXTOK], e[MAXTOK], n;
};

/* Identifiers and numbers, literals, single punctuators; comments count
 * as whitespace (they stay where they are, with the line breaks). */
static bool tokenize(const char *t, struct toks *k)
{
	size_t i = 0, j;

	k->n = 0;
	for (;;) {
		while (isspace((unsigned char)t[i]) ||
		       (t[i] == '/' && t[i + 1] == '*')) {
			if (t[i] != '/') {
				i++;
				continue;
			}
			for (i += 2; t[i] && !(t[i] == '*' && t[i + 1] == '/');)
				i++;
			i += t[i] ? 2 : 0;
		}
		if (!t[i])
			return true;
		if (k->n == MAXTOK)
			return false;
		j = i + 1;
		if (fx_ident_char(t[i])) {
			while (fx_ident_char(t[j]))
				j++;
		} else if (t[i] == '"' || t[i] == '\'') {
			while (t[j] && t[j] != t[i])
				j += t[j] == '\\' && t[j + 1] ? 2 : 1;
			if (t[j])
				j++;
		}
		k->b[k->n] = i;
		k->e[k->n++] = j;
		i = j;
	}
}

static bool tok_eq(const char *x, const struct toks *kx, size_t i,
		   const char *y, const struct toks *ky, size_t j)
{
	size_t n = kx->e[i] - kx->b[i];

	return n == ky->e[j] - ky->b[j] &&
	       !strncmp(x + kx->b[i], y + ky->b[j], n);
}

/* new with the old line breaks put back: after a new token that matches an
 * old one (longest common subsequence), the old whitespace that follows
 * that token where it breaks the line. NULL if nothing aligns. */
static char *keep_breaks(const char *old, const char *new)
{
	static uint16_t lcs[MAXTOK + 1][MAXTOK + 1];
	struct toks ko, kn;
	long match[MAXTOK];
	struct textbuf out = {0};
	size_t i, j;

	if (!tokenize(old, &ko) || !tokenize(new, &kn) || !ko.n || !kn.n)
		return NULL;
	for (i = ko.n + 1; i-- > 0;)
		for (j = kn.n + 1; j-- > 0;)
			lcs[i][j] = i == ko.n || j == kn.n ? 0
				    : tok_eq(old, &ko, i, new, &kn, j)
					    ? lcs[i + 1][j + 1] + 1
				    : lcs[i + 1][j] > lcs[i][j + 1]
					    ? lcs[i + 1][j]
					    : lcs[i][j + 1];
	for (j = 0; j < kn.n; j++)
		match[j] = -1;
	for (i = j = 0; i < ko.n && j < kn.n;) {
		if (tok_eq(old, &ko, i, new, &kn, j)) {
			match[j++] = (long)i++;
		} else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	fx_tb_add(&out, new, kn.b[0]);
	for (j = 0; j < kn.n; j++) {
		size_t ws_b = kn.e[j],
		       ws_e = j + 1 < kn.n ? kn.b[j + 1] : strlen(new);

		fx_tb_add(&out, new + kn.b[j], kn.e[j] - kn.b[j]);
		if (match[j] >= 0 && (size_t)match[j] + 1 < ko.n) {
			size_t ob = ko.e[match[j]], oe = ko.b[match[j] + 1];

			if (memchr(old + ob, '\n', oe - ob)) {
				ws_b = ob;
				ws_e = oe;
				fx_tb_add(&out, old + ws_b, ws_e - ws_b);
				continue;
			}
		}
		fx_tb_add(&out, new + ws_b, ws_e - ws_b);
	}
	return out.s;
}

/* old -> new line by line, where new keeps old's line breaks: one
 * single-line edit per changed line (GCC's fix-its are line-based). */
static bool commit_lines(struct analysis *a, size_t finding,
			 struct imc_loc begin, const char *old, const char *new)
{
	char *nb = keep_breaks(old, new);
	const char *o = old, *n = nb;
	size_t mark = a->nedits, lo, ln, p, s;
	bool ok = nb != NULL;

	while (ok && *o) {
		char *ol, *nl;

		lo = strcspn(o, "\n");
		ln = strcspn(n, "\n");
		if (!n[ln] != !o[lo]) {
			ok = false;
			break;
		}
		ol = strndup(o, lo);
		nl = strndup(n, ln);
		if (strcmp(ol, nl)) {
			trim_change(ol, nl, &p, &s);
			fx_push_edit(
				a, finding,
				fx_loc_at(old, begin, (size_t)(o - old) + p),
				fx_loc_at(old, begin,
					  (size_t)(o - old) + lo - s),
				strndup(nl + p, ln - s - p));
		}
		free(ol);
		free(nl);
		o += lo + (o[lo] ? 1 : 0);
		n += ln + (n[ln] ? 1 : 0);
	}
	ok = ok && !*n && a->nedits > mark;
	if (!ok)
		while (a->nedits > mark)
			free(a->edits[--a->nedits].text);
	free(nb);
	return ok;
}

bool fx_commit(struct analysis *a, size_t finding, struct imc_loc begin,
	       const char *old, const char *new, const size_t *used,
	       size_t nused)
{
	size_t lo = strlen(old), ln = strlen(new), p = 0, s = 0, i;

	/* A one-line rewrite reads best whole; a multi-line one is trimmed to
	 * what changes, so that the edit stays on as few lines as possible. */
	if (strchr(old, '\n'))
		trim_change(old, new, &p, &s);
	if (fx_loc_at(old, begin, p).line !=
	    fx_loc_at(old, begin, lo - s).line) {
		/* GCC's fix-it machinery is line-based: what still spans lines
		 * is offered as one edit per line where the new text can keep
		 * the old line breaks (a call whose arguments continue on the
		 * next line), by both front ends; else not at all. */
		if (!commit_lines(a, finding, begin, old, new))
			return false;
	} else {
		fx_push_edit(a, finding, fx_loc_at(old, begin, p),
			     fx_loc_at(old, begin, lo - s),
			     strndup(new + p, ln - s - p));
	}
	for (i = 0; i < nused; i++)
		a->edits[used[i]].taken = true;
	return true;
}

char *fx_raw_text(struct analysis *a, const struct imc_range *r)
{
	return r->valid ? imc_source_text(a->sources, r) : NULL;
}

/* A primary, postfix or unary expression needs no parentheses as the right
 * operand of a binary operator: no binary operator at the top level. */
bool fx_simple_operand(const char *s)
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
		else if (isspace((unsigned char)s[i]) ||
			 strchr("+-*/%<>&|^?:=,", s[i]))
			return false;
	}
	return true;
}

/* Past the "(TYPE)" of a cast's text: the operand's text; NULL if the
 * text does not start with a parenthesised type. */
const char *fx_cast_operand(const char *t)
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

bool fx_walk_any(const struct imc_node *n,
		 bool (*f)(const struct imc_node *, const void *),
		 const void *ctx)
{
	uint32_t i;

	if (!n)
		return false;
	if (f(n, ctx))
		return true;
	for (i = 0; i < n->nkids; i++)
		if (fx_walk_any(n->kids[i], f, ctx))
			return true;
	return false;
}

uint32_t fx_count_refs(const struct imc_node *n, const struct imc_var *v)
{
	uint32_t i, k = 0;

	if (!n)
		return 0;
	if (n->kind == IMC_VAR && n->var == v)
		k++;
	for (i = 0; i < n->nkids; i++)
		k += fx_count_refs(n->kids[i], v);
	return k;
}