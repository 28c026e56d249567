// SPDX-License-Identifier: GPL-2.0-only
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "util.h"

struct source_file {
	char *text; /* NULL if unreadable */
	size_t len;
	size_t *line_start; /* byte offset of each line, 1-based index */
	size_t nlines;
};

struct imc_sources {
	struct imc_ptrmap files; /* interned file name -> struct source_file */
};

struct imc_sources *imc_sources_new(void)
{
	return imc_xcalloc(1, sizeof(struct imc_sources));
}

void imc_sources_free(struct imc_sources *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->files.cap; i++) {
		struct source_file *f = s->files.vals[i];

		if (!f)
			continue;
		free(f->text);
		free(f->line_start);
		free(f);
	}
	imc_ptrmap_free(&s->files);
	free(s);
}

static void index_lines(struct source_file *f)
{
	size_t i, n = 2;

	for (i = 0; i < f->len; i++)
		n += f->text[i] == '\n';
	f->line_start = imc_xcalloc(n + 1, sizeof(size_t));
	f->nlines = 1;
	f->line_start[1] = 0;
	for (i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			f->line_start[++f->nlines] = i + 1;
}

static char *(*source_reader)(const char *name, size_t *len);

void imc_source_set_reader(char *(*reader)(const char *name, size_t *len))
{
	source_reader = reader;
}

char *imc_source_read(const char *name, size_t *len)
{
	char *text = source_reader ? source_reader(name, len) : NULL;

	return text ? text : imc_read_file(name, len);
}

static struct source_file *load(struct imc_sources *s, const char *name)
{
	struct source_file *f = imc_ptrmap_get(&s->files, (uintptr_t)name);

	if (f)
		return f;
	f = imc_xcalloc(1, sizeof(*f));
	imc_ptrmap_put(&s->files, (uintptr_t)name, f);
	f->text = imc_source_read(name, &f->len); /* NULL: no fix-its there */
	if (f->text)
		index_lines(f);
	return f;
}

static bool offset_of(const struct source_file *f, struct imc_loc loc,
		      size_t *off)
{
	if (f->text && loc.line == f->nlines + 1 && loc.col == 1) {
		*off = f->len; /* end of a last line without '\n' */
		return true;
	}
	if (!f->text || loc.line < 1 || loc.line > f->nlines || loc.col < 1)
		return false;
	*off = f->line_start[loc.line] + loc.col - 1;
	return *off <= f->len;
}

bool imc_source_line(struct imc_sources *s, const char *file, uint32_t line,
		     const char **text, size_t *len)
{
	struct source_file *f = load(s, file);
	size_t end;

	if (!f->text || line < 1 || line > f->nlines)
		return false;
	end = line < f->nlines ? f->line_start[line + 1] - 1 : f->len;
	*text = f->text + f->line_start[line];
	*len = end - f->line_start[line];
	return true;
}

char *imc_source_text(struct imc_sources *s, const struct imc_range *r)
{
	struct source_file *f;
	size_t b, e;
	char *out;

	if (!r->valid || !r->begin.file || r->begin.file != r->end.file)
		return NULL;
	f = load(s, r->begin.file);
	if (!offset_of(f, r->begin, &b) || !offset_of(f, r->end, &e) || e < b)
		return NULL;
	out = imc_xcalloc(1, e - b + 1);
	memcpy(out, f->text + b, e - b);
	return out;
}

struct imc_loc imc_loc_advance(struct imc_loc loc, size_t bytes)
{
	loc.col += (uint32_t)bytes;
	return loc;
}

/* Skips a string or character literal starting at text[i]; returns the
 * index just past it. */
static size_t skip_literal(const char *text, size_t i)
{
	char quote = text[i++];

	while (text[i] && text[i] != quote) {
		if (text[i] == '\\' && text[i + 1])
			i++;
		i++;
	}
	return text[i] ? i + 1 : i;
}

/* Skips a comment at text[i] if there is one. */
static size_t skip_comment(const char *text, size_t i)
{
	if (text[i] == '/' && text[i + 1] == '*') {
		const char *end = strstr(text + i + 2, "*/");

		return end ? (size_t)(end - text) + 2 : strlen(text);
	}
	if (text[i] == '/' && text[i + 1] == '/')
		return i + strcspn(text + i, "\n");
	return i;
}

int imc_split_call(const char *text, size_t *arg_begin, size_t *arg_end,
		   int max_args, size_t *open_paren)
{
	size_t i = strcspn(text, "(");
	int depth = 0, n = 0;

	if (!text[i])
		return -1;
	*open_paren = i;
	for (i = i + 1; text[i]; i++) {
		size_t j = skip_comment(text, i);

		if (j != i) {
			i = j - 1;
			continue;
		}
		if (text[i] == '"' || text[i] == '\'') {
			i = skip_literal(text, i) - 1;
			continue;
		}
		if (depth == 0 && n < max_args && arg_begin[n] == 0 &&
		    !isspace((unsigned char)text[i]) && text[i] != ')')
			arg_begin[n] = i;
		if (strchr("([{", text[i])) {
			depth++;
		} else if (strchr(")]}", text[i]) && depth > 0) {
			depth--;
		} else if (text[i] == ')' || (text[i] == ',' && !depth)) {
			if (n >= max_args)
				return -1;
			if (arg_begin[n] || text[i] == ',')
				arg_end[n++] = i;
			if (text[i] == ')')
				return text[i + 1] ? -1 : n;
		}
	}
	return -1;
}

int imc_find_assign_op(const char *text, size_t lhs_len, char op[4],
		       size_t *rhs_begin)
{
	static const char *const ops[] = {"<<=", ">>=", "+=", "-=", "*=", "/=",
					  "%=",	 "&=",	"|=", "^=", "="};
	size_t i = lhs_len, k;

	if (lhs_len > strlen(text))
		return -1;
	while (isspace((unsigned char)text[i]))
		i = skip_comment(text, i + 1);
	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		size_t len = strlen(ops[k]);

		if (!strncmp(text + i, ops[k], len) && text[i + len] != '=') {
			memcpy(op, ops[k], len - 1);
			op[len - 1] = '\0';
			*rhs_begin = i + len;
			return (int)i;
		}
	}
	return -1;
}

/* Whether s[0..len) is "( ... )" with the two parentheses matching. */
static bool wrapped_in_parens(const char *s, size_t len)
{
	size_t i;
	int depth = 0;

	if (len < 2 || s[0] != '(' || s[len - 1] != ')')
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			i = skip_literal(s, i) - 1;
			continue;
		}
		depth += s[i] == '(';
		depth -= s[i] == ')';
		if (!depth && i < len - 1)
			return false;
	}
	return true;
}

char *imc_trim_expr(const char *s, size_t len)
{
	char *out;

	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (wrapped_in_parens(s, len))
		return imc_trim_expr(s + 1, len - 2);
	out = imc_xcalloc(1, len + 1);
	memcpy(out, s, len);
	return out;
}

/* The location of byte off of f. */
static struct imc_loc loc_of_offset(const struct source_file *f,
				    const char *file, size_t off)
{
	size_t lo = 1, hi = f->nlines;

	while (lo < hi) { /* last line starting at or before off */
		size_t mid = (lo + hi + 1) / 2;

		if (f->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return (struct imc_loc){file, (uint32_t)lo,
				(uint32_t)(off - f->line_start[lo] + 1)};
}

bool imc_source_stmt_end(struct imc_sources *s, struct imc_loc from,
			 struct imc_loc *end)
{
	struct source_file *f = load(s, from.file);
	size_t i;
	int depth = 0;

	if (!offset_of(f, from, &i))
		return false;
	for (; i < f->len; i++) {
		size_t j = skip_comment(f->text, i);

		if (j != i) {
			i = j - 1;
		} else if (f->text[i] == '"' || f->text[i] == '\'') {
			i = skip_literal(f->text, i) - 1;
		} else if (strchr("([{", f->text[i])) {
			depth++;
		} else if (strchr(")]}", f->text[i])) {
			if (--depth < 0)
				return false;
		} else if (f->text[i] == ';' && !depth) {
			*end = loc_of_offset(f, from.file, i);
			return true;
		} else if (f->text[i] == '#' || (f->text[i] == ',' && !depth)) {
			return false;
		}
	}
	return false;
}
