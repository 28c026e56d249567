// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fix-its in kernel style: a rewritten line that would pass 100 columns
 * (checkpatch's limit), and longer than the old line, is broken at a comma
 * of the call's arguments, the rest on a new line aligned after the open
 * parenthesis with tabs, then spaces (Documentation/process/coding-style.rst, "Breaking long lines").
 *
 * GCC's fix-its are line-based: a new line can only be an insertion that
 * ends in its newline, at a line's start. So the wrap is two edits: the
 * call's head over the rest of the old line, and the continuation (with the
 * old line's rest) inserted before the next line. Both front ends get the
 * same two, from the same source text.
 */
#include <stdlib.h>
#include <string.h>

#include "fixit.h"
#include "source.h"
#include "util.h"

enum { MAX_COLUMNS = 100, TAB = 8, MAXARGS = 32 };

/* The column after n bytes of s written from column col (0-based): tabs
 * to the next stop, a UTF-8 sequence as one column. */
static size_t width_from(size_t col, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\t')
			col = (col / TAB + 1) * TAB;
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	}
	return col;
}

static bool same_edit(const struct edit *x, const struct edit *y)
{
	return x->begin.line == y->begin.line && x->begin.col == y->begin.col &&
	       x->end.line == y->end.line && x->end.col == y->end.col &&
	       !strcmp(x->text, y->text);
}

/* The unit's edits by file and first line: an edit's neighbours are found
 * without comparing it with every other edit (64,000 wrapped stores in one
 * unit took 12 s that way). */
struct line_key {
	uintptr_t file;
	uint32_t line;
	size_t edit;
};

struct line_index {
	struct line_key *v;
	size_t n;
	uint32_t span; /* the most lines one edit covers, less one */
};

static int cmp_line_key(const void *x, const void *y)
{
	const struct line_key *p = x, *q = y;

	if (p->file != q->file)
		return p->file < q->file ? -1 : 1;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	return p->edit < q->edit ? -1 : p->edit > q->edit;
}

static void index_lines(const struct analysis *a, struct line_index *ix)
{
	size_t i;

	ix->v = imc_xcalloc(a->nedits + 1, sizeof(*ix->v));
	ix->n = a->nedits;
	ix->span = 0;
	for (i = 0; i < a->nedits; i++) {
		const struct edit *e = &a->edits[i];

		ix->v[i] = (struct line_key){(uintptr_t)e->begin.file,
					     e->begin.line, i};
		if (e->end.line > e->begin.line + ix->span)
			ix->span = e->end.line - e->begin.line;
	}
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp_line_key);
}

/* The first key at (file, line) or after it. */
static size_t first_at(const struct line_index *ix, uintptr_t file,
		       uint32_t line)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct line_key *m = &ix->v[mid];

		if (m->file < file || (m->file == file && m->line < line))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* No other edit touches edit k's line or the start of the next (the same
 * edit carried by several findings is one): the wrap moves the line's
 * rest there. Only edits that begin from span lines above to the next
 * line can. */
static bool alone_on_line(const struct analysis *a, const struct line_index *ix,
			  size_t k)
{
	const struct edit *e = &a->edits[k];
	uintptr_t file = (uintptr_t)e->begin.file;
	uint32_t line = e->begin.line;
	size_t i = first_at(ix, file, line > ix->span ? line - ix->span : 0);
	bool alone = true;

	for (; alone && i < ix->n && ix->v[i].file == file &&
	       ix->v[i].line <= line + 1;
	     i++) {
		const struct edit *o = &a->edits[ix->v[i].edit];

		imc_work_add(IMC_WORK_FIXIT_WRAP, 1);
		if (ix->v[i].edit == k || o->taken || same_edit(o, e))
			continue;
		alone = !(o->begin.line <= line && o->end.line >= line) &&
			/* the continuation is inserted there */
			!(o->begin.line == line + 1 && o->begin.col == 1);
	}
	return alone;
}

/* Tabs, then spaces, up to column col. */
static void indent_to(struct textbuf *b, size_t col)
{
	size_t i;

	for (i = 0; i < col / TAB; i++)
		fx_tb_adds(b, "\t");
	for (i = 0; i < col % TAB; i++)
		fx_tb_adds(b, " ");
}

/* Where to break text (a call) written from column col: just past the
 * last argument comma whose line still fits; 0: nowhere. *align: the
 * column after the open parenthesis. */
static size_t break_after(const char *text, size_t col, size_t *align)
{
	size_t begin[MAXARGS] = {0}, end[MAXARGS], open;
	int n = imc_split_call(text, begin, end, MAXARGS, &open), i;

	if (n < 2)
		return 0;
	*align = width_from(col, text, open + 1);
	for (i = n - 2; i >= 0; i--)
		if (width_from(col, text, end[i] + 1) <= MAX_COLUMNS)
			return end[i] + 1;
	return 0;
}

/* The continuation line: indent, the arguments after cut, the old line's
 * rest; NULL if it does not fit either. */
static char *continuation(const char *text, size_t cut, size_t align,
			  const char *rest, size_t nrest)
{
	struct textbuf b = {0};
	const char *args = text + cut + strspn(text + cut, " ");

	indent_to(&b, align);
	fx_tb_adds(&b, args);
	fx_tb_add(&b, rest, nrest);
	if (width_from(0, b.s, b.len) > MAX_COLUMNS) {
		free(b.s);
		return NULL;
	}
	fx_tb_adds(&b, "\n");
	return b.s;
}

/* How edit k wraps: its head's length (its text cut there) and the
 * continuation line (heap), or 0 and NULL: it stays as it is. */
static size_t plan_wrap(const struct analysis *a, const struct line_index *ix,
			size_t k, char **cont_out)
{
	const struct edit *e = &a->edits[k];
	const char *line, *next;
	size_t len, nlen, pre, post, col, cut, width, align = 0;

	*cont_out = NULL;
	if (e->taken || e->begin.line != e->end.line ||
	    e->end.col <= e->begin.col || strchr(e->text, '\n') ||
	    !imc_source_line(a->sources, e->begin.file, e->begin.line, &line,
			     &len) ||
	    /* the continuation goes before the next line: there must be one */
	    !imc_source_line(a->sources, e->begin.file, e->begin.line + 1,
			     &next, &nlen))
		return 0;
	pre = e->begin.col - 1;
	post = e->end.col - 1;
	if (post > len)
		return 0;
	col = width_from(0, line, pre);
	width = width_from(width_from(col, e->text, strlen(e->text)),
			   line + post, len - post);
	/* A line the rewrite makes longer than the limit; one that was longer
	 * already (a long trailing comment) is left as it was. */
	if (width <= MAX_COLUMNS || width <= width_from(0, line, len) ||
	    !alone_on_line(a, ix, k))
		return 0;
	cut = break_after(e->text, col, &align);
	*cont_out =
		cut ? continuation(e->text, cut, align, line + post, len - post)
		    : NULL;
	return *cont_out ? cut : 0;
}

/* Edit k as its head over the rest of its line, and the continuation. */
static void wrap_edit(struct analysis *a, size_t k, size_t cut, char *cont)
{
	struct edit *e = &a->edits[k];
	const char *line;
	size_t len;
	struct imc_loc at = {e->begin.file, e->begin.line + 1, 1};

	imc_source_line(a->sources, e->begin.file, e->begin.line, &line, &len);
	e->end.col = (uint32_t)len + 1;
	e->text[cut] = '\0';
	fx_push_edit(a, e->finding, at, at, cont); /* e is stale from here */
}

/* All plans first: the same edit carried by several findings must see
 * the others as they were, to be wrapped alike. */
void fx_wrap_long_lines(struct analysis *a)
{
	size_t n = a->nedits, i;
	size_t *cut = imc_xcalloc(n + 1, sizeof(*cut));
	char **cont = imc_xcalloc(n + 1, sizeof(*cont));
	struct line_index ix;

	index_lines(a, &ix);
	for (i = 0; i < n; i++)
		cut[i] = plan_wrap(a, &ix, i, &cont[i]);
	free(ix.v);
	for (i = 0; i < n; i++)
		if (cut[i])
			wrap_edit(a, i, cut[i], cont[i]);
	free(cut);
	free(cont);
}
