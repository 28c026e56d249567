// SPDX-License-Identifier: GPL-2.0-only
/*
 * Edits applied to a text, and their unified diff. Only the lines the
 * edits touch are compared (a longest common subsequence of lines per
 * group of edits); the rest of the file is context by construction, so
 * the cost follows the edits, not the file.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "udiff.h"
#include "util.h"

enum {
	/* A group of edits over more lines than this (old x new) is shown
	 * as all removed, then all added: still a correct patch. */
	LCS_CELLS_MAX = 1 << 22,
};

char *imc_edits_apply(const char *text, size_t len,
		      const struct imc_text_edit *ed, size_t n, size_t *outlen)
{
	size_t i, cap = len + 1, out = 0, pos = 0;
	char *buf;

	for (i = 0; i < n; i++)
		cap += strlen(ed[i].text);
	buf = imc_xcalloc(1, cap);
	for (i = 0; i < n; i++) {
		memcpy(buf + out, text + pos, ed[i].begin - pos);
		out += ed[i].begin - pos;
		memcpy(buf + out, ed[i].text, strlen(ed[i].text));
		out += strlen(ed[i].text);
		pos = ed[i].end;
	}
	memcpy(buf + out, text + pos, len - pos);
	*outlen = out + len - pos;
	return buf;
}

/* A line with its newline, if it has one. */
struct line {
	const char *s;
	size_t len;
};

struct op {
	enum imc_udiff_kind kind; /* CONTEXT, DELETED or ADDED */
	struct line l;
};

struct ops {
	struct op *v;
	size_t n, cap;
};

static void push(struct ops *o, enum imc_udiff_kind kind, struct line l)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 64;
		o->v = imc_xrealloc(o->v, o->cap * sizeof(*o->v));
	}
	o->v[o->n++] = (struct op){kind, l};
}

/* The end of the line that holds offset at (just past its newline). */
static size_t line_end(const char *s, size_t len, size_t at)
{
	const char *nl = at < len ? memchr(s + at, '\n', len - at) : NULL;

	return nl ? (size_t)(nl - s) + 1 : len;
}

/* The start of the line that holds offset at. */
static size_t line_start(const char *s, size_t at)
{
	while (at > 0 && s[at - 1] != '\n')
		at--;
	return at;
}

static size_t split(const char *s, size_t len, struct line **out)
{
	size_t n = 0, cap = 0, at = 0, end;
	struct line *v = NULL;

	for (; at < len; at = end) {
		end = line_end(s, len, at);
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			v = imc_xrealloc(v, cap * sizeof(*v));
		}
		v[n++] = (struct line){s + at, end - at};
	}
	*out = v;
	return n;
}

static void context_lines(struct ops *o, const char *s, size_t from, size_t to)
{
	size_t end;

	for (; from < to; from = end) {
		end = line_end(s, to, from);
		push(o, IMC_UDIFF_CONTEXT, (struct line){s + from, end - from});
	}
}

static bool same(struct line a, struct line b)
{
	return a.len == b.len && !memcmp(a.s, b.s, a.len);
}

/* The longest common subsequence table of a[0..na) and b[0..nb), from
 * the back: t[i * (nb + 1) + j] for a[i..] and b[j..]. */
static unsigned *lcs_table(const struct line *a, size_t na,
			   const struct line *b, size_t nb)
{
	size_t w = nb + 1, i, j;
	unsigned *t = imc_xcalloc((na + 1) * w, sizeof(*t));

	for (i = na; i-- > 0;)
		for (j = nb; j-- > 0;) {
			unsigned down = t[(i + 1) * w + j],
				 right = t[i * w + j + 1];

			t[i * w + j] = same(a[i], b[j])
					       ? t[(i + 1) * w + j + 1] + 1
					       : (down > right ? down : right);
		}
	return t;
}

/* Removed lines, then added ones, between two common lines (as diff -u
 * groups them). */
static void changes(struct ops *o, const struct line *a, size_t *ai, size_t ato,
		    const struct line *b, size_t *bi, size_t bto)
{
	for (; *ai < ato; (*ai)++)
		push(o, IMC_UDIFF_DELETED, a[*ai]);
	for (; *bi < bto; (*bi)++)
		push(o, IMC_UDIFF_ADDED, b[*bi]);
}

static void diff_lines(struct ops *o, const struct line *a, size_t na,
		       const struct line *b, size_t nb)
{
	size_t w = nb + 1, i = 0, j = 0, ai = 0, bi = 0;
	unsigned *t;

	if (na * w > LCS_CELLS_MAX) {
		changes(o, a, &ai, na, b, &bi, nb);
		return;
	}
	t = lcs_table(a, na, b, nb);
	while (i < na && j < nb) {
		if (same(a[i], b[j])) {
			changes(o, a, &ai, i, b, &bi, j);
			push(o, IMC_UDIFF_CONTEXT, a[i]);
			ai = ++i;
			bi = ++j;
		} else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	changes(o, a, &ai, na, b, &bi, nb);
	free(t);
}

/* The old text [a0, a1) against the new [b0, b1), both whole lines. */
static void diff_region(struct ops *o, const char *old, size_t a0, size_t a1,
			const char *new, size_t b0, size_t b1)
{
	struct line *a, *b;
	size_t na = split(old + a0, a1 - a0, &a),
	       nb = split(new + b0, b1 - b0, &b);

	diff_lines(o, a, na, b, nb);
	free(a);
	free(b);
}

/* Every line of the old text and the new as context, removed or added. */
static void line_ops(struct ops *o, const char *old, size_t len,
		     const struct imc_text_edit *ed, size_t n, const char *new)
{
	size_t i = 0, done = 0;
	long delta = 0; /* new offset - old offset after the edits so far */

	while (i < n) {
		size_t a0 = line_start(old, ed[i].begin), a1;
		long before = delta;

		context_lines(o, old, done, a0);
		a1 = a0;
		/* The group: every edit that starts before its last line
		 * ends (which may take the group further), or at the end of
		 * a file the group reaches. */
		do {
			size_t end = line_end(old, len, ed[i].end);

			delta += (long)strlen(ed[i].text) -
				 (long)(ed[i].end - ed[i].begin);
			a1 = end > a1 ? end : a1;
			i++;
		} while (i < n && (ed[i].begin < a1 ||
				   (ed[i].begin == len && a1 == len)));
		diff_region(o, old, a0, a1, new, (size_t)((long)a0 + before),
			    (size_t)((long)a1 + delta));
		done = a1;
	}
	context_lines(o, old, done, len);
}

static void hunk_range(char *buf, size_t size, char sign, size_t before,
		       size_t count)
{
	if (count == 1)
		snprintf(buf, size, "%c%zu", sign, before + 1);
	else
		snprintf(buf, size, "%c%zu,%zu", sign,
			 count ? before + 1 : before, count);
}

/* Ops [from, to) as one hunk; oldno, newno: lines of each side before. */
static void hunk(const struct ops *o, size_t from, size_t to, size_t oldno,
		 size_t newno, imc_udiff_line_fn *line, void *ctx)
{
	size_t nold = 0, nnew = 0, i;
	char head[96], a[40], b[40];

	for (i = from; i < to; i++) {
		nold += o->v[i].kind != IMC_UDIFF_ADDED;
		nnew += o->v[i].kind != IMC_UDIFF_DELETED;
	}
	hunk_range(a, sizeof(a), '-', oldno, nold);
	hunk_range(b, sizeof(b), '+', newno, nnew);
	snprintf(head, sizeof(head), "@@ %s %s @@", a, b);
	line(ctx, IMC_UDIFF_HUNK, head, strlen(head), 0);
	for (i = from; i < to; i++) {
		const struct line *l = &o->v[i].l;
		int no_eol = !l->len || l->s[l->len - 1] != '\n';

		line(ctx, o->v[i].kind, l->s, l->len - !no_eol, no_eol);
	}
}

/* Where the hunk that holds the change at c ends: context lines after its
 * last change, unless another change comes within 2 * context. */
static size_t hunk_end(const struct ops *o, size_t c, unsigned context)
{
	size_t i = c, run;

	for (;;) {
		while (i < o->n && o->v[i].kind != IMC_UDIFF_CONTEXT)
			i++;
		for (run = 0;
		     i + run < o->n && o->v[i + run].kind == IMC_UDIFF_CONTEXT;
		     run++)
			;
		if (i + run == o->n || run > 2 * (size_t)context)
			return i + (run < context ? run : context);
		i += run;
	}
}

static void hunks(const struct ops *o, unsigned context,
		  imc_udiff_line_fn *line, void *ctx)
{
	size_t i = 0, oldno = 0, newno = 0, c, from, to;

	for (;;) {
		for (c = i; c < o->n && o->v[c].kind == IMC_UDIFF_CONTEXT; c++)
			;
		if (c == o->n)
			return;
		from = c - i > context ? c - context : i;
		for (; i < from; i++) {
			oldno++;
			newno++;
		}
		to = hunk_end(o, c, context);
		hunk(o, from, to, oldno, newno, line, ctx);
		for (; i < to; i++) {
			oldno += o->v[i].kind != IMC_UDIFF_ADDED;
			newno += o->v[i].kind != IMC_UDIFF_DELETED;
		}
	}
}

void imc_udiff(const char *text, size_t len, const struct imc_text_edit *ed,
	       size_t n, unsigned context, imc_udiff_line_fn *line, void *ctx)
{
	size_t newlen;
	char *new = imc_edits_apply(text, len, ed, n, &newlen);
	struct ops o = {0};

	line_ops(&o, text, len, ed, n, new);
	hunks(&o, context, line, ctx);
	free(o.v);
	free(new);
}

/* ---- as text ---- */

static bool needs_quotes(const char *name)
{
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p; p++)
		if (*p < ' ' || *p == 0x7f || *p == '"' || *p == '\\')
			return true;
	return false;
}

/* "PREFIXNAME" with C escapes, as git writes a name it must quote. */
static void quoted(FILE *out, const char *prefix, const char *name)
{
	static const char esc[] = "\a\b\t\n\v\f\r\"\\";
	static const char letter[] = "abtnvfr\"\\";
	const unsigned char *p;

	fprintf(out, "\"%s", prefix);
	for (p = (const unsigned char *)name; *p; p++) {
		const char *e = strchr(esc, *p);

		if (e)
			fprintf(out, "\\%c", letter[e - esc]);
		else if (*p < ' ' || *p == 0x7f)
			fprintf(out, "\\%03o", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static void file_header(FILE *out, const char *mark, const char *prefix,
			const char *name)
{
	fprintf(out, "%s ", mark);
	if (needs_quotes(name))
		quoted(out, prefix, name);
	else
		fprintf(out, "%s%s%s", prefix, name,
			strchr(name, ' ') ? "\t" : "");
	fputc('\n', out);
}

static void print_line(void *ctx, enum imc_udiff_kind kind, const char *s,
		       size_t len, int no_eol)
{
	static const char sign[] = {
		[IMC_UDIFF_CONTEXT] = ' ',
		[IMC_UDIFF_DELETED] = '-',
		[IMC_UDIFF_ADDED] = '+',
	};
	FILE *out = ctx;

	if (kind != IMC_UDIFF_HUNK)
		fputc(sign[kind], out);
	fwrite(s, 1, len, out);
	fputc('\n', out);
	if (no_eol)
		fputs("\\ No newline at end of file\n", out);
}

void imc_udiff_print(FILE *out, const char *name, const char *text, size_t len,
		     const struct imc_text_edit *ed, size_t n, unsigned context)
{
	file_header(out, "---", "a/", name);
	file_header(out, "+++", "b/", name);
	imc_udiff(text, len, ed, n, context, print_line, out);
}
