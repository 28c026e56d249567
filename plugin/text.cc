// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: source text: a cursor over the lines of the files GCC read.
 */
#include "internal.h"

/* ------------------------------------------------------------------------
 * Source text
 *
 * Some facts GENERIC lost are still in the source text: whether `p[i]` or
 * `*(p + i)` was written, whether a conversion was a cast, which operator a
 * compound assignment used. A cursor walks the text of the core's source
 * cache (below), not GCC's file cache.
 * ------------------------------------------------------------------------ */

/*
 * The files, read once each by the core's source cache (GCC's own file
 * cache finds a line by scanning from a sparse index, which made lowering a
 * large file take seconds). The analysis reads its fix-its from the same
 * cache (imc_options.sources), so a file is held once. The cache is keyed
 * by interned names: the cursors' names come from GCC's line maps and from
 * the IR.
 */
struct imc_sources *src_cache(void)
{
	struct imc_plugin *pl = plugin();

	if (!pl->sources.cache)
		pl->sources.cache = imc_sources_new();
	return pl->sources.cache;
}

void src_free(void)
{
	imc_sources_free(plugin()->sources.cache);
	plugin()->sources.cache = NULL;
	plugin()->sources.last_key = NULL;
}

/* Line LINE (1-based) of FILE, without its newline. */
static bool src_line(const char *file, int line, const char **text, int *len)
{
	struct imc_plugin *pl = plugin();
	size_t n;

	if (!pl->unit.tu || line < 1)
		return false; /* cursors are for lowering, in a unit */
	if (file != pl->sources.last_key) {
		pl->sources.last_key = file;
		pl->sources.last_name = imc_tu_intern(pl->unit.tu, file);
	}
	if (!imc_source_line(src_cache(), pl->sources.last_name, (uint32_t)line,
			     text, &n) ||
	    n > INT_MAX)
		return false;
	*len = (int)n;
	return true;
}

static bool cur_load(struct cursor *c)
{
	c->ok = false;
	if (!c->file || c->line < 1 || c->col < 1)
		return false;
	if (!src_line(c->file, c->line, &c->text, &c->len))
		return false;
	c->ok = c->col <= c->len + 1;
	return c->ok;
}

bool cur_init(struct cursor *c, const char *file, int line, int col)
{
	c->file = file;
	c->line = line;
	c->col = col;
	return cur_load(c);
}

int cur_ch(const struct cursor *c)
{
	if (!c->ok)
		return 0;
	return c->col <= c->len ? (unsigned char)c->text[c->col - 1] : '\n';
}

bool cur_next(struct cursor *c)
{
	if (!c->ok)
		return false;
	if (c->col <= c->len) {
		c->col++;
		return true;
	}
	c->line++;
	c->col = 1;
	return cur_load(c);
}

bool cur_prev(struct cursor *c)
{
	if (!c->ok)
		return false;
	if (c->col > 1) {
		c->col--;
		return true;
	}
	if (c->line <= 1)
		return c->ok = false;
	c->line--;
	if (!cur_load(c))
		return false;
	c->col = c->len + 1;
	return true;
}

/* Copies the text from FROM to TO (both included; lines joined by '\n')
 * into BUF of SIZE bytes; returns its length, or 0 if it does not fit or
 * TO is not reached. */
size_t cur_copy(struct cursor from, const struct cursor *to, char *buf,
		size_t size)
{
	size_t n = 0;

	while (from.ok && n + 1 < size) {
		buf[n++] = (char)cur_ch(&from);
		if (cur_same(&from, to)) {
			buf[n] = '\0';
			return n;
		}
		cur_next(&from);
	}
	return 0;
}

int cur_peek(const struct cursor *c, int ahead)
{
	struct cursor d = *c;

	while (ahead-- > 0)
		if (!cur_next(&d))
			return 0;
	return cur_ch(&d);
}

bool is_ident_char(int ch)
{
	return ISIDNUM(ch) || ch >= 0x80;
}

/* Does the text at C start with S (and, for a word, end there)? */
bool cur_looking_at(const struct cursor *c, const char *s)
{
	struct cursor d = *c;
	size_t i, n = strlen(s);

	if (!d.ok || d.col + (int)n - 1 > d.len)
		return false;
	if (strncmp(d.text + d.col - 1, s, n))
		return false;
	if (is_ident_char((unsigned char)s[n - 1]) &&
	    d.col - 1 + (int)n < d.len &&
	    is_ident_char((unsigned char)d.text[d.col - 1 + n]))
		return false;
	for (i = 0; i < n; i++)
		cur_next(&d);
	return true;
}

/* Skips blanks and comments forward. */
void skip_blank_fwd(struct cursor *c)
{
	int guard = 100000;

	while (c->ok && guard-- > 0) {
		int ch = cur_ch(c);

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
		    ch == '\f' || ch == '\v' ||
		    (ch == '\\' && cur_peek(c, 1) == '\n')) {
			cur_next(c);
		} else if (ch == '/' && cur_peek(c, 1) == '*') {
			cur_next(c);
			cur_next(c);
			while (c->ok && guard-- > 0 &&
			       !(cur_ch(c) == '*' && cur_peek(c, 1) == '/'))
				cur_next(c);
			cur_next(c);
			cur_next(c);
		} else if (ch == '/' && cur_peek(c, 1) == '/') {
			c->col = c->len + 1;
		} else {
			return;
		}
	}
}

/* Skips blanks and block comments backward (C is left on a non-blank). */
void skip_blank_back(struct cursor *c)
{
	int guard = 100000;

	while (c->ok && guard-- > 0) {
		int ch = cur_ch(c);

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
		    ch == '\f' || ch == '\v') {
			cur_prev(c);
		} else if (ch == '/' && c->col > 1 &&
			   c->text[c->col - 2] == '*') {
			cur_prev(c);
			cur_prev(c);
			while (c->ok && guard-- > 0 &&
			       !(cur_ch(c) == '*' && c->col > 1 &&
				 c->text[c->col - 2] == '/'))
				cur_prev(c);
			cur_prev(c);
			cur_prev(c);
		} else {
			return;
		}
	}
}

/* Skips a string or character literal starting at C (at its quote). */
void skip_literal(struct cursor *c)
{
	int quote = cur_ch(c), guard = 100000;

	cur_next(c);
	while (c->ok && guard-- > 0) {
		int ch = cur_ch(c);

		if (ch == '\\') {
			cur_next(c);
		} else if (ch == quote || ch == '\n') {
			cur_next(c);
			return;
		}
		cur_next(c);
	}
}

/* C is at an opening bracket: moves it to the matching closing one. */
bool match_bracket_fwd(struct cursor *c)
{
	int open = cur_ch(c), close, depth = 0, guard = 200000;

	close = open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : 0;
	if (!close)
		return false;
	while (c->ok && guard-- > 0) {
		int ch = cur_ch(c);

		if (ch == '"' || ch == '\'') {
			skip_literal(c);
			continue;
		}
		if (ch == '/' &&
		    (cur_peek(c, 1) == '*' || cur_peek(c, 1) == '/')) {
			skip_blank_fwd(c);
			continue;
		}
		if (ch == open) {
			depth++;
		} else if (ch == close && --depth == 0) {
			return true;
		}
		cur_next(c);
	}
	return false;
}

/* C is at a closing bracket: moves it back to the matching opening one
 * (for type names and index expressions: no literals expected). */
bool match_bracket_back(struct cursor *c)
{
	int close = cur_ch(c), open, depth = 0, guard = 200000;

	open = close == ')' ? '(' : close == ']' ? '[' : close == '}' ? '{' : 0;
	if (!open)
		return false;
	while (c->ok && guard-- > 0) {
		int ch = cur_ch(c);

		if (ch == close) {
			depth++;
		} else if (ch == open && --depth == 0) {
			return true;
		}
		cur_prev(c);
	}
	return false;
}

bool cur_same(const struct cursor *a, const struct cursor *b)
{
	return a->ok && b->ok && a->line == b->line && a->col == b->col &&
	       a->file == b->file;
}

/* Reads the identifier that ends at C (C on its last character). */
bool ident_ending_at(const struct cursor *c, struct cursor *start, char *buf,
		     size_t size)
{
	int b = c->col, e = c->col;

	if (!c->ok || c->col > c->len || !is_ident_char(cur_ch(c)))
		return false;
	while (b > 1 && is_ident_char((unsigned char)c->text[b - 2]))
		b--;
	if ((size_t)(e - b + 1) >= size)
		return false;
	memcpy(buf, c->text + b - 1, e - b + 1);
	buf[e - b + 1] = 0;
	*start = *c;
	start->col = b;
	return true;
}

/* C operators, longest first, to read the one at a caret. */
static const char *const c_operators[] = {
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=",
	">=",  "==",  "!=",  "&&", "||", "+=", "-=", "*=", "/=",
	"%=",  "&=",  "|=",  "^=", "+",	 "-",  "*",  "/",  "%",
	"<",   ">",   "&",   "|",  "^",	 "!",  "~",  "=",  "?",
	":",   ",",   "(",   ")",  "[",	 "]",  "{",  "}",  ".",
};

const char *op_at(const struct cursor *c)
{
	size_t i;

	if (!c->ok || c->col > c->len)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(c_operators); i++) {
		size_t n = strlen(c_operators[i]);

		if (c->col - 1 + (int)n <= c->len &&
		    !strncmp(c->text + c->col - 1, c_operators[i], n))
			return c_operators[i];
	}
	return NULL;
}
