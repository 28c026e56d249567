// SPDX-License-Identifier: GPL-2.0-only
/*
 * Findings as text: the core's GCC-style line per finding, then the fix-its
 * the way GCC shows them, under the source line:
 *
 *   drv.c:14:2: warning: memcpy() into I/O memory [iomem-memcpy]
 *      14 |         memcpy(map->vaddr, buf, len);
 *         |         ^~~~~~
 *         |         memcpy_toio
 *
 * (the core's "note: fix-it:" line says the same in words; a fix-it that
 * spans lines or inserts a newline only gets that). Tools use
 * -fdiagnostics-parseable-fixits instead, which turns the display off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

struct source {
	char *name;
	char *text;
	size_t len;
	/* Findings come sorted by line: resume the search where it stopped. */
	uint32_t cursor_line;
	const char *cursor;
};

static void source_load(struct source *src, const char *name)
{
	if (src->name && !strcmp(src->name, name))
		return;
	free(src->name);
	free(src->text);
	memset(src, 0, sizeof(*src));
	src->name = strdup(name);
	src->text =
		imc_read_file(name, &src->len); /* NULL: no source display */
}

/* Line LINE (1-based) without its newline; NULL if there is none. */
static const char *source_line(struct source *src, uint32_t line, size_t *len)
{
	const char *p = src->text, *end;
	uint32_t l = 1;

	if (!p || !line)
		return NULL;
	if (src->cursor && src->cursor_line <= line) {
		p = src->cursor;
		l = src->cursor_line;
	}
	for (; l < line; l++) {
		p = memchr(p, '\n', src->len - (size_t)(p - src->text));
		if (!p) {
			src->cursor = NULL;
			return NULL;
		}
		p++;
	}
	src->cursor = p;
	src->cursor_line = line;
	end = memchr(p, '\n', src->len - (size_t)(p - src->text));
	*len = end ? (size_t)(end - p) : src->len - (size_t)(p - src->text);
	if (*len && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

/* Display column (0-based, tabs to 8) of byte column COL (1-based). */
static unsigned display_col(const char *line, size_t len, uint32_t col)
{
	unsigned d = 0;
	size_t i;

	for (i = 0; i + 1 < col && i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c == '\t')
			d = (d / 8 + 1) * 8;
		else if ((c & 0xC0) != 0x80) /* UTF-8 continuation bytes */
			d++;
	}
	return d + (unsigned)(col > len + 1 ? col - len - 1 : 0);
}

static void print_source_line(FILE *out, uint32_t line, const char *text,
			      size_t len)
{
	unsigned d = 0;
	size_t i;

	fprintf(out, " %5u | ", line);
	for (i = 0; i < len; i++) {
		if (text[i] == '\t') {
			do
				fputc(' ', out);
			while (++d % 8);
		} else {
			fputc(text[i], out);
			if (((unsigned char)text[i] & 0xC0) != 0x80)
				d++;
		}
	}
	fputc('\n', out);
}

static bool one_line(const struct imc_fixit *x)
{
	return x->begin.line == x->end.line && x->begin.file &&
	       !strchr(x->text, '\n');
}

/* The fix-its of D on source line LINE of D's file. */
static void show_line(FILE *out, const struct imc_finding *d,
		      struct source *src, uint32_t line)
{
	size_t len;
	const char *text = source_line(src, line, &len);
	char marks[512], row[512];
	unsigned k, width = 0, used;
	bool pending[64] = {false};

	if (!text)
		return;
	print_source_line(out, line, text, len);
	memset(marks, ' ', sizeof(marks));
	if (d->loc.line == line && d->loc.file &&
	    !strcmp(d->loc.file, src->name)) {
		unsigned c = display_col(text, len, d->loc.col);

		if (c < sizeof(marks) - 1) {
			marks[c] = '^';
			width = c + 1;
		}
	}
	for (k = 0; k < d->nfixits && k < 64; k++) {
		const struct imc_fixit *x = &d->fixits[k];
		unsigned b, e, c;

		if (!one_line(x) || x->begin.line != line ||
		    strcmp(x->begin.file, src->name))
			continue;
		pending[k] = true;
		b = display_col(text, len, x->begin.col);
		e = display_col(text, len, x->end.col);
		for (c = b; c < e && c < sizeof(marks) - 1; c++)
			if (marks[c] == ' ')
				marks[c] = '~';
		if (e > width)
			width = e < sizeof(marks) - 1 ? e : sizeof(marks) - 1;
	}
	marks[width] = 0;
	fprintf(out, " %5s | %s\n", "", marks);
	/* replacement texts, left to right; overlapping ones go below */
	for (;;) {
		bool any = false;

		memset(row, ' ', sizeof(row));
		used = 0;
		for (k = 0; k < d->nfixits && k < 64; k++) {
			const struct imc_fixit *x = &d->fixits[k];
			unsigned b, e, tl;

			if (!pending[k])
				continue;
			b = display_col(text, len, x->begin.col);
			e = display_col(text, len, x->end.col);
			tl = *x->text ? (unsigned)strlen(x->text)
				      : (e > b ? e - b : 1);
			if ((any && b < used + 1) || b + tl >= sizeof(row) - 1)
				continue;
			if (*x->text)
				memcpy(row + b, x->text, tl);
			else
				memset(row + b, '-', tl); /* deletion */
			used = b + tl;
			pending[k] = false;
			any = true;
		}
		if (!any)
			break;
		row[used] = 0;
		fprintf(out, " %5s | %s\n", "", row);
	}
}

static void show_fixits(FILE *out, const struct imc_finding *d,
			struct source *src)
{
	uint32_t k, j;

	for (k = 0; k < d->nfixits; k++) {
		const struct imc_fixit *x = &d->fixits[k];
		bool first = true;

		if (!one_line(x))
			continue;
		for (j = 0; j < k; j++) /* one display per line */
			if (one_line(&d->fixits[j]) &&
			    d->fixits[j].begin.line == x->begin.line &&
			    !strcmp(d->fixits[j].begin.file, x->begin.file))
				first = false;
		if (!first)
			continue;
		source_load(src, x->begin.file);
		show_line(out, d, src, x->begin.line);
	}
}

void imc_report_text(FILE *out, const struct imc_findings *f,
		     bool parseable_fixits, bool show_caret,
		     const struct imc_policy *errors)
{
	struct source src = {0};
	size_t i;

	for (i = 0; i < f->n; i++) {
		struct imc_findings one = {.v = &f->v[i], .n = 1, .cap = 1};

		bool error = errors && imc_policy_fails(errors, f->v[i].rule);

		imc_print_text(out, &one, parseable_fixits,
			       error ? "error" : "warning");
		if (show_caret && f->v[i].nfixits)
			show_fixits(out, &f->v[i], &src);
	}
	imc_print_limits(out, f);
	free(src.name);
	free(src.text);
}
