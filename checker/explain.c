// SPDX-License-Identifier: GPL-2.0-only
/*
 * --explain RULE: the rule's page (docs/rules/RULE.md, embedded at build
 * time so that an installed binary has it), then how to silence its
 * findings, which is the same for every rule and so not on the pages.
 *
 * The page is Markdown for GitHub; a terminal gets it rendered the way man
 * shows a page: headings flush left, the text indented and wrapped, code
 * blocks indented further, lists with their marks, tables aligned, no
 * markup characters (`code`, **strong**, [link](url) become their text).
 * On a terminal headings and strong text are bold; anywhere else (a pipe,
 * a file) the text is plain.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "explain.h"
#include "iomemcheck.h"
#include "util.h"

enum { WIDTH = 78, TEXT_INDENT = 4, CODE_INDENT = 8 };

static const char *page_of(const char *rule)
{
	unsigned i;

	for (i = 0; i < imc_explain_npages; i++)
		if (!strcmp(imc_explain_pages[i].rule, rule))
			return imc_explain_pages[i].text;
	return NULL;
}

struct render {
	FILE *out;
	bool bold; /* a terminal: headings and strong text in bold */
	bool gap; /* a block was printed: the next starts after a blank */
};

static void put_n(FILE *out, char c, size_t n)
{
	while (n--)
		fputc(c, out);
}

static void bold_on(const struct render *r, char *dst, size_t *n, bool on)
{
	const char *esc = on ? "\033[1m" : "\033[0m";

	if (!r->bold)
		return;
	memcpy(dst + *n, esc, strlen(esc));
	*n += strlen(esc);
}

/* The text of Markdown inline markup: code spans verbatim, ** toggles
 * bold, [text](url) is text, \x is x. Heap, NUL-terminated. */
static char *inline_text(const struct render *r, const char *s, size_t len)
{
	char *dst = imc_xcalloc(1, 8 * len + 16);
	size_t i = 0, n = 0;
	const char *close;
	bool strong = false;

	while (i < len) {
		if (s[i] == '`' &&
		    (close = memchr(s + i + 1, '`', len - i - 1))) {
			memcpy(dst + n, s + i + 1, (size_t)(close - s - i - 1));
			n += (size_t)(close - s - i - 1);
			i = (size_t)(close - s) + 1;
		} else if (s[i] == '*' && i + 1 < len && s[i + 1] == '*') {
			strong = !strong;
			bold_on(r, dst, &n, strong);
			i += 2;
		} else if (s[i] == ']' && i + 1 < len && s[i + 1] == '(' &&
			   (close = memchr(s + i, ')', len - i))) {
			i = (size_t)(close - s) + 1;
		} else if (s[i] == '[' && memchr(s + i, ']', len - i)) {
			i++;
		} else if (s[i] == '\\' && i + 1 < len) {
			dst[n++] = s[i + 1];
			i += 2;
		} else {
			dst[n++] = s[i++];
		}
	}
	if (strong)
		bold_on(r, dst, &n, false);
	dst[n] = '\0';
	return dst;
}

/* Columns a word takes: its bytes, escape sequences aside, UTF-8
 * continuation bytes aside. */
static size_t shown_width(const char *w, size_t len)
{
	size_t i, cols = 0;

	for (i = 0; i < len; i++) {
		if (w[i] == '\033') {
			while (i < len && w[i] != 'm')
				i++;
		} else if (((unsigned char)w[i] & 0xc0) != 0x80) {
			cols++;
		}
	}
	return cols;
}

/* Words of text, filled into lines of WIDTH: the first after first (the
 * list mark), the others indented by indent. */
static void fill(struct render *r, const char *text, size_t indent,
		 const char *first)
{
	size_t col = indent + strlen(first), w, len;
	const char *p = text;
	bool line_empty = true;

	put_n(r->out, ' ', indent);
	fputs(first, r->out);
	while (*p) {
		p += strspn(p, " \t\n");
		if (!*p)
			break;
		len = strcspn(p, " \t\n");
		w = shown_width(p, len);
		if (!line_empty && col + 1 + w > WIDTH) {
			fputc('\n', r->out);
			put_n(r->out, ' ', indent + strlen(first));
			col = indent + strlen(first);
			line_empty = true;
		}
		if (!line_empty) {
			fputc(' ', r->out);
			col++;
		}
		fwrite(p, 1, len, r->out);
		col += w;
		line_empty = false;
		p += len;
	}
	fputc('\n', r->out);
}

static void start_block(struct render *r)
{
	if (r->gap)
		fputc('\n', r->out);
	r->gap = true;
}

/* A paragraph or list item gathered from its lines. */
static void flush_text(struct render *r, char **text, size_t *len,
		       const char *mark)
{
	char *shown;

	if (!*len)
		return;
	start_block(r);
	shown = inline_text(r, *text, *len);
	fill(r, shown, TEXT_INDENT, mark);
	free(shown);
	*len = 0;
}

static void append(char **text, size_t *len, const char *s, size_t n)
{
	*text = imc_xrealloc(*text, *len + n + 2);
	if (*len)
		(*text)[(*len)++] = ' ';
	memcpy(*text + *len, s, n);
	*len += n;
	(*text)[*len] = '\0';
}

static void heading(struct render *r, const char *s, size_t len)
{
	char *shown = inline_text(r, s, len);

	start_block(r);
	fprintf(r->out, "%s%s%s\n", r->bold ? "\033[1m" : "", shown,
		r->bold ? "\033[0m" : "");
	free(shown);
}

/* ---- tables: the cells' text, columns as wide as their widest cell ---- */

struct table {
	char **cells; /* row-major, ncols per row */
	size_t nrows, ncols, cap;
};

static bool separator_row(const char *s, size_t len)
{
	return len && strspn(s, "|-: ") == len;
}

/* Splits "| a | b |" at the pipes that are not in a code span. */
static void table_row(struct render *r, struct table *t, const char *s,
		      size_t len)
{
	size_t i = 0, start, col = 0;
	bool code = false;

	if (separator_row(s, len))
		return;
	if (!t->ncols)
		for (t->ncols = 0, i = 1; i < len; i++)
			t->ncols += s[i] == '|' ? 1 : 0;
	t->cells = imc_xrealloc(t->cells,
				(t->nrows + 1) * t->ncols * sizeof(*t->cells));
	for (i = 1, start = 1; i < len && col < t->ncols; i++) {
		if (s[i] == '`')
			code = !code;
		if (s[i] != '|' || code || s[i - 1] == '\\')
			continue;
		while (start < i && s[start] == ' ')
			start++;
		t->cells[t->nrows * t->ncols + col++] =
			inline_text(r, s + start, i - start);
		start = i + 1;
	}
	while (col < t->ncols)
		t->cells[t->nrows * t->ncols + col++] = imc_xstrdup("");
	t->nrows++;
}

static size_t trimmed(const char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == ' ')
		n--;
	return n;
}

static void flush_table(struct render *r, struct table *t)
{
	size_t *width, row, col, i;

	if (!t->nrows)
		return;
	width = imc_xcalloc(t->ncols, sizeof(*width));
	for (i = 0; i < t->nrows * t->ncols; i++) {
		size_t w = shown_width(t->cells[i], trimmed(t->cells[i]));

		if (w > width[i % t->ncols])
			width[i % t->ncols] = w;
	}
	start_block(r);
	for (row = 0; row < t->nrows; row++) {
		put_n(r->out, ' ', TEXT_INDENT);
		for (col = 0; col < t->ncols; col++) {
			const char *c = t->cells[row * t->ncols + col];
			size_t n = trimmed(c);

			fwrite(c, 1, n, r->out);
			if (col + 1 < t->ncols)
				put_n(r->out, ' ',
				      width[col] - shown_width(c, n) + 2);
		}
		fputc('\n', r->out);
		if (!row) { /* under the header */
			put_n(r->out, ' ', TEXT_INDENT);
			for (col = 0; col < t->ncols; col++) {
				put_n(r->out, '-', width[col]);
				if (col + 1 < t->ncols)
					put_n(r->out, ' ', 2);
			}
			fputc('\n', r->out);
		}
	}
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(width);
	memset(t, 0, sizeof(*t));
}

/* ---- the page, line by line ---- */

struct blocks {
	char *text; /* the paragraph or list item being gathered */
	size_t len;
	const char *mark; /* "" for a paragraph, "- " for a list item */
	bool fenced; /* inside ``` */
	bool in_code; /* the last line was an indented code line */
	struct table table;
};

static void flush(struct render *r, struct blocks *b)
{
	flush_text(r, &b->text, &b->len, b->mark);
	flush_table(r, &b->table);
	b->in_code = false;
}

static bool list_item(const char *s)
{
	return (s[0] == '-' || s[0] == '*') && s[1] == ' ';
}

static void code_line(struct render *r, struct blocks *b, const char *s,
		      size_t len)
{
	if (!b->in_code) {
		flush(r, b);
		start_block(r);
	}
	b->in_code = true;
	if (len) /* no trailing blanks on an empty line */
		put_n(r->out, ' ', CODE_INDENT);
	fwrite(s, 1, len, r->out);
	fputc('\n', r->out);
}

static void page_line(struct render *r, struct blocks *b, const char *s,
		      size_t len)
{
	if (len >= 3 && !strncmp(s, "```", 3)) {
		if (!b->fenced)
			flush(r, b);
		b->fenced = !b->fenced;
		b->in_code = b->fenced;
		if (b->fenced)
			start_block(r);
	} else if (b->fenced) {
		code_line(r, b, s, len);
	} else if (!len) {
		flush(r, b);
	} else if (s[0] == '#') {
		flush(r, b);
		while (len && (*s == '#' || *s == ' '))
			s++, len--;
		heading(r, s, len);
	} else if (s[0] == '|') {
		flush_text(r, &b->text, &b->len, b->mark);
		table_row(r, &b->table, s, len);
	} else if (list_item(s)) {
		flush(r, b);
		b->mark = "- ";
		append(&b->text, &b->len, s + 2, len - 2);
	} else if (len > 4 && !strncmp(s, "    ", 4) &&
		   (b->in_code || !b->len)) {
		code_line(r, b, s + 4, len - 4);
	} else {
		if (!b->len) /* a new paragraph */
			b->mark = "";
		b->in_code = false;
		append(&b->text, &b->len, s + strspn(s, " "),
		       len - strspn(s, " "));
	}
}

static void render(FILE *out, bool bold, const char *page)
{
	struct render r = {out, bold, false};
	struct blocks b = {0};
	const char *line = page, *nl;

	b.mark = "";
	while (*line) {
		nl = strchr(line, '\n');
		page_line(&r, &b, line,
			  nl ? (size_t)(nl - line) : strlen(line));
		line = nl ? nl + 1 : line + strlen(line);
	}
	flush(&r, &b);
	free(b.text);
}

/* After the page: the same for every rule (%s: the rule). */
#define SUPPRESSING                                                            \
	"\n"                                                                   \
	"## Suppressing it\n"                                                  \
	"\n"                                                                   \
	"When the access is right (the memory is known to be system memory\n"  \
	"on every path), say so where it happens, with a reason; the "         \
	"comment\n"                                                            \
	"goes on the finding's line or the line above:\n"                      \
	"\n"                                                                   \
	"    /* iomemcheck-ignore(%s): reason */\n"                            \
	"\n"                                                                   \
	"A finding without a reason is not suppressed. For a whole tree "      \
	"with\n"                                                               \
	"known findings record them once (`iomemcheck --write-baseline "       \
	"FILE`)\n"                                                             \
	"and report only new ones (`--baseline FILE`); `--fail-on RULE,...`\n" \
	"picks the rules that fail a CI job, and `--diff=REV` reports only\n"  \
	"changed lines.\n"

int imc_explain(FILE *out, const char *rule)
{
	const char *page = imc_rule_find(rule) ? page_of(rule) : NULL;
	char *whole;

	if (!page)
		return -1;
	whole = imc_xasprintf("%s" SUPPRESSING, page, rule);
	render(out, isatty(fileno(out)), whole);
	free(whole);
	return 0;
}
