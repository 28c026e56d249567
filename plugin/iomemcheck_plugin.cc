// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: the GCC front end of iomemcheck.
 *
 *  1. Registers sparse's attributes (noderef, address_space, force, and the
 *     other sparse-only ones) so the kernel's checker-mode spelling
 *     `__attribute__((noderef, address_space(__iomem)))` compiles cleanly,
 *     and records which declarations are __iomem ("Annotations").
 *  2. In an ordinary compile the headers define __iomem and __force EMPTY;
 *     the plugin notices those definitions (libcpp define callback) and makes
 *     the macros expand to the checker-mode spelling, without touching any
 *     header.
 *  3. Lowers every function body (PLUGIN_PRE_GENERICIZE, C GENERIC with the
 *     c-family loop trees still in place) to the shared IR in core/ir.h,
 *     following the range contract there. Where GENERIC lost what the source
 *     said (p[i], casts, compound assignments, operand order), the source
 *     text tells.
 *  4. At the end of the translation unit runs the core's analysis and reports
 *     each finding through GCC's diagnostics, with its fix-its.
 *
 * The plugin changes none of GCC's trees or types, so the object file is
 * the same, byte for byte, with and without it, debug information included
 * (tested: plugin.identical-objects).
 *
 * Options (-fplugin-arg-iomemcheck-KEY[=VALUE]):
 *   rules=FILE      load FILE after the default rules (may be repeated)
 *   dump-ir         print the IR of the translation unit to stderr
 *   headers         also report findings outside the main file
 *   cast-to-as      also report explicit casts that add __iomem to a plain
 *                   pointer (sparse's -Wcast-to-as; no-cast-to-as: not,
 *                   the default)
 *   api=GEN[,GEN]   apply these API generations' rules (iosys-map,
 *                   dma-buf-map, pre-5.10; default: those the code mentions)
 *   test-findings=FILE
 *                   report the findings listed in FILE instead of analysing
 *                   (tests the diagnostics path; format in report_test_file)
 */
#include <utility>

#include "iomemcheck.h"
#include "util.h"

#include "gcc-compat.h"

__visible int plugin_is_GPL_compatible;

static struct plugin_info iomemcheck_plugin_info = {
	.version = "0.1",
	.help = "rules=FILE\tload FILE after the default rules\n"
		"dump-ir\tprint the IR of each translation unit to stderr\n"
		"headers\talso report findings outside the main file\n"
		"cast-to-as\talso report casts that add __iomem (sparse's "
		"-Wcast-to-as)\n"
		"api=GEN[,GEN]\tapply these API generations' rules\n"
		"test-findings=FILE\treport FILE's findings (for tests)\n",
};

static const char *plugin_name;
static bool opt_dump_ir;
static bool opt_headers;
static bool opt_cast_to_as; /* sparse's -Wcast-to-as */
static const char *opt_api; /* API generations, as the checker's --api */
static const char *opt_test_findings;
static auto_vec<const char *> opt_rules;
/* What happens to the findings (as the checker's options of that name) */
static bool opt_werror; /* findings are errors */
static auto_vec<const char *> opt_fail_on; /* with werror: only these */
static const char *opt_baseline; /* drop the findings it knows */
static const char *opt_report; /* JSON or SARIF report of the unit */
static const char *opt_format; /* the report's format, else by name */

/* The translation unit being built; created at the first function. */
static struct imc_tu *cur_tu;
static struct imc_deferred *deferred; /* header functions not lowered yet */
static uint32_t next_seq;             /* definitions seen so far */
static bool unit_done;
static hash_map<tree, struct imc_type *> *type_cache;
static hash_map<tree, const struct imc_type *> *decl_type_cache;

/* ------------------------------------------------------------------------
 * Source text
 *
 * Some facts GENERIC lost are still in the source text: whether `p[i]` or
 * `*(p + i)` was written, whether a conversion was a cast, which operator a
 * compound assignment used. A cursor walks the text through GCC's own file
 * cache (the one the caret lines of diagnostics come from).
 * ------------------------------------------------------------------------ */

struct cursor {
	const char *file;
	int line, col; /* 1-based; col == len + 1 is the newline */
	const char *text;
	int len;
	bool ok;
};

/*
 * The files, read once each (GCC's own file cache finds a line by scanning
 * from a sparse index, which made lowering a large file take seconds).
 */
struct src_file {
	char *name;
	char *buf; /* NULL: cannot be read */
	size_t len;
	vec<unsigned int> starts; /* offset of each line, 0-based */
};

static vec<struct src_file *> src_files;
static struct src_file *src_last;
static const char *src_last_key; /* the name src_last was asked by: file
				    names come from the line maps, which
				    keep one string per file */

static struct src_file *src_get(const char *name)
{
	struct src_file *f;
	unsigned int i;

	if (src_last && name == src_last_key)
		return src_last;
	src_last_key = name;
	for (i = 0; src_files.iterate(i, &f); i++)
		if (!strcmp(f->name, name))
			return src_last = f;
	f = XCNEW(struct src_file);
	f->name = xstrdup(name);
	f->starts = vNULL;
	f->buf = imc_read_file(name, &f->len);
	if (f->buf) {
		size_t n;

		f->starts.safe_push(0);
		for (n = 0; n < f->len; n++)
			if (f->buf[n] == '\n')
				f->starts.safe_push(n + 1);
	}
	src_files.safe_push(f);
	return src_last = f;
}

static void src_free(void)
{
	struct src_file *f;
	unsigned int i;

	for (i = 0; src_files.iterate(i, &f); i++) {
		free(f->name);
		free(f->buf);
		f->starts.release();
		XDELETE(f);
	}
	src_files.release();
	src_last = NULL;
	src_last_key = NULL;
}

/* Line LINE (1-based) of FILE, without its newline. */
static bool src_line(const char *file, int line, const char **text, int *len)
{
	struct src_file *f = src_get(file);
	size_t b, e;

	if (!f->buf || line < 1 || (unsigned int)line > f->starts.length())
		return false;
	b = f->starts[line - 1];
	e = (unsigned int)line < f->starts.length() ? f->starts[line] - 1
						    : f->len;
	*text = f->buf + b;
	*len = (int)(e - b);
	if (*len > 0 && (*text)[*len - 1] == '\r')
		(*len)--;
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

static bool cur_init(struct cursor *c, const char *file, int line, int col)
{
	c->file = file;
	c->line = line;
	c->col = col;
	return cur_load(c);
}

static int cur_ch(const struct cursor *c)
{
	if (!c->ok)
		return 0;
	return c->col <= c->len ? (unsigned char)c->text[c->col - 1] : '\n';
}

static bool cur_next(struct cursor *c)
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

static bool cur_prev(struct cursor *c)
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

static int cur_peek(const struct cursor *c, int ahead)
{
	struct cursor d = *c;

	while (ahead-- > 0)
		if (!cur_next(&d))
			return 0;
	return cur_ch(&d);
}

static bool is_ident_char(int ch)
{
	return ISIDNUM(ch) || ch >= 0x80;
}

/* Does the text at C start with S (and, for a word, end there)? */
static bool cur_looking_at(const struct cursor *c, const char *s)
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
static void skip_blank_fwd(struct cursor *c)
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
static void skip_blank_back(struct cursor *c)
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
static void skip_literal(struct cursor *c)
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
static bool match_bracket_fwd(struct cursor *c)
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
static bool match_bracket_back(struct cursor *c)
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

static bool cur_same(const struct cursor *a, const struct cursor *b)
{
	return a->ok && b->ok && a->line == b->line && a->col == b->col &&
	       a->file == b->file;
}

/* Reads the identifier that ends at C (C on its last character). */
static bool ident_ending_at(const struct cursor *c, struct cursor *start,
			    char *buf, size_t size)
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

static const char *op_at(const struct cursor *c)
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

/* ------------------------------------------------------------------------
 * Locations
 * ------------------------------------------------------------------------ */

static bool in_macro(location_t loc)
{
	return loc > BUILTINS_LOCATION &&
	       linemap_location_from_macro_expansion_p(line_table, loc);
}

static location_t expansion_point(location_t loc)
{
	if (!in_macro(loc))
		return loc;
	return linemap_resolve_location(line_table, loc,
					LRK_MACRO_EXPANSION_POINT, NULL);
}

static bool file_is_real(const char *file)
{
	return file && *file && strcmp(file, "<built-in>") &&
	       strcmp(file, "<command-line>");
}

/* A cursor at where the token at LOC is spelled (in a macro definition if
 * it comes from one). */
static bool cursor_at_spelling(location_t loc, struct cursor *c)
{
	expanded_location x;

	c->ok = false;
	if (loc <= BUILTINS_LOCATION)
		return false;
	loc = get_pure_location(loc);
	if (in_macro(loc))
		loc = linemap_resolve_location(line_table, loc,
					       LRK_SPELLING_LOCATION, NULL);
	if (loc <= BUILTINS_LOCATION || in_macro(loc))
		return false;
	x = expand_location(loc);
	if (!file_is_real(x.file))
		return false;
	return cur_init(c, x.file, x.line, x.column);
}

/* The operator spelled at the caret of LOC, or NULL if unknown. */
static const char *op_at_caret(location_t loc)
{
	struct cursor c;

	if (!cursor_at_spelling(loc, &c))
		return NULL;
	return op_at(&c);
}

static void set_loc(struct imc_loc *l, const expanded_location &x)
{
	/* GCC hands out the same file name string for a whole file: intern
	 * it once, not once per node. */
	static const char *last_gcc, *last_interned;
	static struct imc_tu *last_tu;

	if (x.file && (x.file != last_gcc || cur_tu != last_tu)) {
		last_gcc = x.file;
		last_tu = cur_tu;
		last_interned = imc_tu_intern(cur_tu, x.file);
	}
	l->file = x.file ? last_interned : NULL;
	l->line = x.line;
	l->col = x.column;
}

/* The location_t of (line, col) in the file of BASE. */
static location_t loc_in_file(location_t base, int line, int col);

/*
 * Sets the report location of N to LOC (macro: its expansion point), with
 * no range: for statements, declarations and nodes whose GCC range is not
 * the source's.
 */
static void set_point_loc(struct imc_node *n, location_t loc)
{
	expanded_location x;

	if (loc <= BUILTINS_LOCATION)
		return;
	loc = expansion_point(get_pure_location(loc));
	x = expand_location(loc);
	if (!x.file)
		return;
	set_loc(&n->loc, x);
	n->range.valid = false;
	n->range.fe_begin = n->range.fe_end = loc;
}

static int utf8_len(int ch)
{
	if (ch >= 0xf0)
		return 4;
	if (ch >= 0xe0)
		return 3;
	if (ch >= 0xc0)
		return 2;
	return 1;
}

/*
 * Sets N's loc and range from an expression location (GCC: caret plus an
 * inclusive [start, finish] range). The contract wants the range without
 * the parentheses GCC includes for a parenthesized expression, with an
 * exclusive end, valid only outside macros, and loc = its begin.
 */
static void set_expr_range(struct imc_node *n, location_t loc)
{
	source_range r;
	expanded_location s, f;
	struct cursor b, e;
	int guard = 16;

	if (loc <= BUILTINS_LOCATION)
		return;
	r = get_range_from_loc(line_table, loc);
	if (r.m_start <= BUILTINS_LOCATION)
		r.m_start = get_pure_location(loc);
	if (r.m_finish <= BUILTINS_LOCATION)
		r.m_finish = r.m_start;
	if (in_macro(r.m_start) || in_macro(r.m_finish)) {
		set_point_loc(n, r.m_start);
		return;
	}
	s = expand_location(r.m_start);
	f = expand_location(r.m_finish);
	if (!s.file || !f.file || strcmp(s.file, f.file) || f.line < s.line ||
	    (f.line == s.line && f.column < s.column)) {
		set_point_loc(n, r.m_start);
		return;
	}
	n->range.fe_begin = r.m_start;
	n->range.fe_end = r.m_finish;
	if (cur_init(&b, s.file, s.line, s.column) &&
	    cur_init(&e, f.file, f.line, f.column)) {
		/* (expr) -> expr, but not ({ ... }) */
		while (guard-- > 0 && cur_ch(&b) == '(' && cur_ch(&e) == ')') {
			struct cursor m = b, in = b, out = e;

			if (!match_bracket_fwd(&m) || !cur_same(&m, &e))
				break;
			cur_next(&in);
			skip_blank_fwd(&in);
			if (cur_ch(&in) == '{')
				break;
			cur_prev(&out);
			skip_blank_back(&out);
			if (!in.ok || !out.ok || in.line > out.line ||
			    (in.line == out.line && in.col > out.col))
				break;
			b = in;
			e = out;
		}
		if (b.line != s.line || b.col != s.column) {
			n->range.fe_begin =
				loc_in_file(r.m_start, b.line, b.col);
			s.line = b.line;
			s.column = b.col;
		}
		if (e.line != f.line || e.col != f.column) {
			n->range.fe_end = loc_in_file(r.m_start, e.line, e.col);
			f.line = e.line;
			f.column = e.col;
		}
		f.column += utf8_len(cur_ch(&e));
	} else {
		f.column += 1;
	}
	set_loc(&n->range.begin, s);
	set_loc(&n->range.end, f);
	n->range.valid = true;
	n->loc = n->range.begin;
}

/* Sets N's range to the text from B to E (E on the last byte), in the file
 * whose location BASE is known. */
static void set_cursor_range(struct imc_node *n, const struct cursor *b,
			     const struct cursor *e, location_t base)
{
	if (!b->ok || !e->ok || b->line > e->line ||
	    (b->line == e->line && b->col > e->col))
		return;
	n->range.begin.file = n->range.end.file =
		imc_tu_intern(cur_tu, b->file);
	n->range.begin.line = b->line;
	n->range.begin.col = b->col;
	n->range.end.line = e->line;
	n->range.end.col = e->col + utf8_len(cur_ch(e));
	n->range.valid = true;
	n->range.fe_begin = loc_in_file(base, b->line, b->col);
	n->range.fe_end = loc_in_file(base, e->line, e->col);
	n->loc = n->range.begin;
}

static void set_tree_range(struct imc_node *n, tree t)
{
	if (t && CAN_HAVE_LOCATION_P(t) && EXPR_HAS_LOCATION(t))
		set_expr_range(n, EXPR_LOCATION(t));
}

/* The begin of T's source range as a cursor (parentheses stripped). */
static bool tree_begin_cursor(tree t, struct cursor *c)
{
	struct imc_node tmp;

	c->ok = false;
	if (!t || !CAN_HAVE_LOCATION_P(t) || !EXPR_HAS_LOCATION(t))
		return false;
	memset(&tmp, 0, sizeof(tmp));
	set_expr_range(&tmp, EXPR_LOCATION(t));
	if (!tmp.range.valid)
		return false;
	return cur_init(c, tmp.range.begin.file, tmp.range.begin.line,
			tmp.range.begin.col);
}

/* First char of T's source (parentheses stripped); 0 if unknown. When T
 * is in a macro, looks at the spelling of its caret instead. */
static int tree_first_char(tree t)
{
	struct cursor c;

	if (tree_begin_cursor(t, &c))
		return cur_ch(&c);
	if (t && CAN_HAVE_LOCATION_P(t) && EXPR_HAS_LOCATION(t) &&
	    cursor_at_spelling(EXPR_LOCATION(t), &c))
		return cur_ch(&c);
	return 0;
}

/* Is LOC A before LOC B in the source (both known)? */
static bool loc_before(location_t a, location_t b)
{
	location_t xa, xb;
	expanded_location ea, eb;

	if (a <= BUILTINS_LOCATION || b <= BUILTINS_LOCATION)
		return false;
	a = get_pure_location(a);
	b = get_pure_location(b);
	xa = expansion_point(a);
	xb = expansion_point(b);
	if (xa == xb) {
		if (a == b)
			return false;
		if (in_macro(a) && in_macro(b))
			return linemap_compare_locations(line_table, a, b) > 0;
		return false;
	}
	ea = expand_location(xa);
	eb = expand_location(xb);
	if (!ea.file || !eb.file || strcmp(ea.file, eb.file))
		return false;
	return ea.line < eb.line ||
	       (ea.line == eb.line && ea.column < eb.column);
}

/*
 * A statement's report location: its keyword. GCC locates `if` and `while`
 * at the '(' of the condition, `do` at its body and `return` at the value;
 * the keyword is found by reading the source backwards from there.
 */
static void set_stmt_loc(struct imc_node *n, location_t loc,
			 const char *keyword)
{
	struct cursor c, start;
	expanded_location x;
	char word[16];
	source_range r;

	if (loc <= BUILTINS_LOCATION)
		return;
	r = get_range_from_loc(line_table, loc);
	if (r.m_start > BUILTINS_LOCATION && !in_macro(r.m_start) &&
	    !in_macro(loc))
		loc = r.m_start;
	/* `return false;`: the value comes from a macro, the keyword not */
	loc = expansion_point(get_pure_location(loc));
	set_point_loc(n, loc);
	if (!keyword)
		return;
	x = expand_location(loc);
	if (!cur_init(&c, x.file, x.line, x.column))
		return;
	if (cur_looking_at(&c, keyword))
		return;
	/* back over blanks and opening parentheses to the keyword */
	cur_prev(&c);
	skip_blank_back(&c);
	while (c.ok && cur_ch(&c) == '(') {
		cur_prev(&c);
		skip_blank_back(&c);
	}
	if (!ident_ending_at(&c, &start, word, sizeof(word)) ||
	    strcmp(word, keyword))
		return;
	x.line = start.line;
	x.column = start.col;
	set_loc(&n->loc, x);
	n->range.fe_begin = n->range.fe_end =
		loc_in_file(loc, start.line, start.col);
}

/* ------------------------------------------------------------------------
 * From (file, line, col) back to a location_t, for findings and fix-its
 * ------------------------------------------------------------------------ */

static bool loc_is(location_t loc, const char *file, int line, int col)
{
	expanded_location x;

	if (loc <= BUILTINS_LOCATION || in_macro(loc))
		return false;
	x = expand_location(loc);
	return x.file && !strcmp(x.file, file) && x.line == line &&
	       x.column == col;
}

/* Finds the ordinary line map of FILE that covers LINE and builds the
 * location of (LINE, COL) in it. */
static location_t lookup_loc(const char *file, int line, int col)
{
	int i, n = (int)LINEMAPS_ORDINARY_USED(line_table);

	if (!file || line < 1 || col < 1)
		return UNKNOWN_LOCATION;
	for (i = n - 1; i >= 0; i--) {
		const line_map_ordinary *map =
			LINEMAPS_ORDINARY_MAP_AT(line_table, i);
		const char *mfile = ORDINARY_MAP_FILE_NAME(map);
		location_t l;

		if (!mfile || strcmp(mfile, file) ||
		    ORDINARY_MAP_STARTING_LINE_NUMBER(map) > (linenum_type)line)
			continue;
		if (col >= (1 << imc_gcc_map_column_bits(map)))
			continue;
		l = linemap_position_for_line_and_column(line_table, map, line,
							 col);
		if (i + 1 < n &&
		    l >= MAP_START_LOCATION(
				 LINEMAPS_ORDINARY_MAP_AT(line_table, i + 1)))
			continue;
		if (loc_is(l, file, line, col))
			return l;
	}
	return UNKNOWN_LOCATION;
}

static location_t loc_in_file(location_t base, int line, int col)
{
	expanded_location x;
	location_t l;

	base = get_pure_location(base);
	x = expand_location(base);
	if (!x.file)
		return UNKNOWN_LOCATION;
	if (x.line == line) {
		l = linemap_position_for_loc_and_offset(line_table, base,
							col - x.column);
		if (loc_is(l, x.file, line, col))
			return l;
	}
	return lookup_loc(x.file, line, col);
}

/* The location_t of L, preferring HINT (a location on the same line). */
static location_t imc_loc_to_gcc(const struct imc_loc *l, location_t hint)
{
	location_t r;

	if (!l->file)
		return UNKNOWN_LOCATION;
	if (loc_is(hint, l->file, l->line, l->col))
		return hint;
	if (hint > BUILTINS_LOCATION && !in_macro(hint)) {
		expanded_location x = expand_location(hint);

		if (x.file && !strcmp(x.file, l->file) &&
		    x.line == (int)l->line) {
			r = linemap_position_for_loc_and_offset(
				line_table, hint, (int)l->col - x.column);
			if (loc_is(r, l->file, l->line, l->col))
				return r;
		}
	}
	return lookup_loc(l->file, l->line, l->col);
}

/* ------------------------------------------------------------------------
 * Annotations
 *
 * The plugin never changes a type: an attribute on a type makes a new GCC
 * type, and a new type changes generated code (the C front end converts
 * between `u32 __iomem` and u32, which changes what -O0 emits) and debug
 * information. Instead the attribute handler records, per declaration, at
 * which pointer depths the declared type is __iomem, and the lowering puts
 * that into the IR's types. Depth 0 is the declared type itself, 1 what it
 * points to (its element, a function's return type), and so on: sparse's
 * `void __iomem *p` is depth 1 of p, `void __iomem *ioremap()` depth 2 of
 * ioremap (function -> return type -> pointee).
 * ------------------------------------------------------------------------ */

struct annot {
	unsigned int uid; /* DECL_UID: the address of a freed decl is reused */
	uint32_t iomem; /* bit N: depth N is __iomem */
	uint32_t force; /* bit N: depth N is __force (parameters only) */
};

static hash_map<tree, struct annot> *decl_annots;
/* Functions and file-scope variables by name, so that the annotation of
 * one declaration reaches the decl GCC keeps when it merges redeclarations
 * (a definition after a prototype). */
static hash_map<tree, uint32_t> *name_annots;

/* The depth of the base type of a declared TYPE: the pointer, array and
 * function layers its declarator built (unnamed), down to a typedef name. */
static int declarator_depth(tree type)
{
	int d = 0;

	while (type && type != error_mark_node && d < 31 && !TYPE_NAME(type) &&
	       (TREE_CODE(type) == POINTER_TYPE ||
		TREE_CODE(type) == ARRAY_TYPE ||
		TREE_CODE(type) == FUNCTION_TYPE)) {
		type = TREE_TYPE(type);
		d++;
	}
	return d;
}

static bool keyed_by_name(tree decl, bool at_file_scope)
{
	return DECL_NAME(decl) && (TREE_CODE(decl) == FUNCTION_DECL ||
				   (VAR_P(decl) && at_file_scope));
}

static void record_iomem(tree decl, int depth)
{
	uint32_t bit = 1u << depth;
	struct annot *a = decl_annots->get(decl);

	if (a && a->uid == DECL_UID(decl)) {
		a->iomem |= bit;
	} else {
		struct annot n = {DECL_UID(decl), bit, 0};

		decl_annots->put(decl, n);
	}
	if (keyed_by_name(decl, !current_function_decl))
		name_annots->get_or_insert(DECL_NAME(decl)) |= bit;
}

/* __force on a parameter: sparse accepts any address space for it
 * (IS_ERR() takes `__force const void *`); elsewhere in a declaration
 * sparse ignores it, and so does iomemcheck. */
static void record_force(tree decl, int depth)
{
	uint32_t bit = 1u << depth;
	struct annot *a = decl_annots->get(decl);

	if (a && a->uid == DECL_UID(decl)) {
		a->force |= bit;
	} else {
		struct annot n = {DECL_UID(decl), 0, bit};

		decl_annots->put(decl, n);
	}
}

static uint32_t decl_force(tree decl)
{
	struct annot *a = decl_annots->get(decl);

	return a && a->uid == DECL_UID(decl) ? a->force : 0;
}

static uint32_t decl_iomem(tree decl)
{
	struct annot *a = decl_annots->get(decl);
	uint32_t m = a && a->uid == DECL_UID(decl) ? a->iomem : 0;

	if (keyed_by_name(decl,
			  DECL_FILE_SCOPE_P(decl) || DECL_EXTERNAL(decl))) {
		uint32_t *n = name_annots->get(DECL_NAME(decl));

		if (n)
			m |= *n;
	}
	return m;
}

/*
 * The parameters of a function pointer declarator (`void (*op)(u32 __iomem
 * *p)`) have PARM_DECLs while they are parsed, and GCC keeps none of them.
 * Their annotations are matched by position when the declaration owning
 * the function type is finished (PLUGIN_FINISH_DECL comes for each
 * parameter, then for the declaration).
 */
#define MAX_FNPTR_PARAMS 16

struct fnptr_annot {
	unsigned int uid;
	int depth; /* of the function type in the declared type */
	uint32_t nparams;
	uint32_t iomem[MAX_FNPTR_PARAMS];
};

static hash_map<tree, struct fnptr_annot> *fnptr_annots;
static vec<tree> pending_parms;

static void note_fnptr_params(tree decl)
{
	struct fnptr_annot a = {};
	tree t = TREE_TYPE(decl), arg;
	bool any = false;
	uint32_t i;

	while (t && t != error_mark_node && a.depth < 31 &&
	       (TREE_CODE(t) == POINTER_TYPE || TREE_CODE(t) == ARRAY_TYPE)) {
		t = TREE_TYPE(t);
		a.depth++;
	}
	if (!t || TREE_CODE(t) != FUNCTION_TYPE)
		return;
	for (arg = TYPE_ARG_TYPES(t); arg && arg != void_list_node;
	     arg = TREE_CHAIN(arg))
		a.nparams++;
	if (a.nparams != pending_parms.length() || a.nparams > MAX_FNPTR_PARAMS)
		return;
	for (i = 0; i < a.nparams; i++) {
		a.iomem[i] = decl_iomem(pending_parms[i]);
		any |= a.iomem[i] != 0;
	}
	if (!any)
		return;
	a.uid = DECL_UID(decl);
	fnptr_annots->put(decl, a);
}

/* `void * __force p`: the attribute reaches the handler with the pointer
 * type, before the parameter's declaration is finished. */
static tree pending_force_type;

static void finish_decl(void *event_data, void *data)
{
	tree decl = (tree)event_data;

	(void)data;
	if (!decl || !DECL_P(decl))
		return;
	if (TREE_CODE(decl) == PARM_DECL) {
		tree t = TREE_TYPE(decl);
		int d;

		for (d = 0; pending_force_type && t && t != error_mark_node &&
			    d < 31 && d <= declarator_depth(TREE_TYPE(decl));
		     d++, t = TREE_TYPE(t)) {
			if (t == pending_force_type) {
				record_force(decl, d);
				break;
			}
			if (TREE_CODE(t) != POINTER_TYPE)
				break;
		}
		pending_force_type = NULL_TREE;
		pending_parms.safe_push(decl);
		return;
	}
	pending_force_type = NULL_TREE;
	if (TREE_CODE(decl) != FUNCTION_DECL && TREE_TYPE(decl))
		note_fnptr_params(decl);
	pending_parms.truncate(0);
}

static void start_parse_function(void *event_data, void *data)
{
	(void)event_data;
	(void)data;
	pending_parms.truncate(0);
	pending_force_type = NULL_TREE;
}

/* ------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------ */

/* address_space(__iomem), or the number older kernels (before 5.9) give
 * it: address_space(2) (1 is __user, 3 __percpu, 4 __rcu). */
static bool is_iomem_space(tree arg)
{
	if (!arg)
		return false;
	if (TREE_CODE(arg) == IDENTIFIER_NODE)
		return !strcmp(IDENTIFIER_POINTER(arg), "__iomem");
	return TREE_CODE(arg) == INTEGER_CST && tree_fits_shwi_p(arg) &&
	       tree_to_shwi(arg) == 2;
}

static bool attr_list_is_iomem(tree a)
{
	for (a = lookup_attribute("address_space", a); a;
	     a = lookup_attribute("address_space", TREE_CHAIN(a))) {
		tree args = TREE_VALUE(a);

		if (is_iomem_space(args ? TREE_VALUE(args) : NULL_TREE))
			return true;
	}
	return false;
}

static bool type_is_force(tree t)
{
	return t && t != error_mark_node && TYPE_P(t) &&
	       lookup_attribute("force", TYPE_ATTRIBUTES(t));
}

static const char *type_tag(tree t)
{
	tree n, canon = TYPE_CANONICAL(t);
	int guard = 8;

	if (canon && canon != error_mark_node)
		t = canon;
	n = TYPE_NAME(TYPE_MAIN_VARIANT(t));
	while (n && guard-- > 0) {
		if (TREE_CODE(n) == IDENTIFIER_NODE)
			return IDENTIFIER_POINTER(n);
		if (TREE_CODE(n) != TYPE_DECL)
			return NULL;
		if (DECL_ORIGINAL_TYPE(n))
			n = TYPE_NAME(DECL_ORIGINAL_TYPE(n));
		else
			n = DECL_NAME(n);
	}
	return NULL;
}

static uint32_t type_size(tree t)
{
	tree s;

	if (!t || t == error_mark_node || !TYPE_P(t))
		return 0;
	s = TYPE_SIZE_UNIT(t);

	if (!s || TREE_CODE(s) != INTEGER_CST || !tree_fits_uhwi_p(s) ||
	    tree_to_uhwi(s) > UINT32_MAX)
		return 0;
	return (uint32_t)tree_to_uhwi(s);
}

static struct imc_type *copy_type(const struct imc_type *t)
{
	struct imc_type *c = imc_type_new(cur_tu, t->kind);

	*c = *t;
	return c;
}

enum type_mark { MARK_IOMEM, MARK_FORCE };

/* T with MARK set at the depths in MASK (bit N: depth N); copies only the
 * layers that change. */
static const struct imc_type *mark_type(const struct imc_type *t, uint32_t mask,
					enum type_mark mark)
{
	const struct imc_type *sub = NULL, *inner = NULL;
	struct imc_type *c;
	bool here, set;

	if (!t || !mask)
		return t;
	here = mask & 1;
	set = mark == MARK_IOMEM ? t->iomem : t->force;
	if (mask >> 1) {
		sub = t->kind == IMC_T_PTR || t->kind == IMC_T_ARRAY
			      ? t->pointee
		      : t->kind == IMC_T_FUNC ? t->ret
					      : NULL;
		inner = mark_type(sub, mask >> 1, mark);
	}
	if ((!here || set) && inner == sub)
		return t;
	c = copy_type(t);
	if (here && mark == MARK_IOMEM)
		c->iomem = true;
	if (here && mark == MARK_FORCE)
		c->force = true;
	if (inner != sub) {
		if (t->kind == IMC_T_FUNC)
			c->ret = inner;
		else
			c->pointee = inner;
	}
	return c;
}

/* T with the parameter annotations of DECL's function pointer type. */
static const struct imc_type *mark_fnptr_params(const struct imc_type *t,
						tree decl)
{
	struct fnptr_annot *a = fnptr_annots->get(decl);
	const struct imc_type *path[32];
	struct imc_type *c;
	int i;
	uint32_t k;

	if (!t || !a || a->uid != DECL_UID(decl))
		return t;
	path[0] = t;
	for (i = 0; i < a->depth; i++) {
		if ((path[i]->kind != IMC_T_PTR &&
		     path[i]->kind != IMC_T_ARRAY) ||
		    !path[i]->pointee)
			return t;
		path[i + 1] = path[i]->pointee;
	}
	if (path[i]->kind != IMC_T_FUNC || path[i]->nparams != a->nparams)
		return t;
	c = copy_type(path[i]);
	c->params = NULL;
	c->nparams = c->capparams = 0;
	for (k = 0; k < a->nparams; k++)
		imc_type_add_param(
			cur_tu, c,
			mark_type(path[i]->params[k], a->iomem[k], MARK_IOMEM));
	while (--i >= 0) {
		struct imc_type *up = copy_type(path[i]);

		up->pointee = c;
		c = up;
	}
	return c;
}

/* Annotations of the typedefs T is named by (a typedef of a typedef ...). */
static uint32_t typedef_iomem(tree t)
{
	tree n = TYPE_NAME(t);
	uint32_t m = 0;
	int guard = 16;

	while (n && TREE_CODE(n) == TYPE_DECL && DECL_ORIGINAL_TYPE(n) &&
	       guard-- > 0) {
		m |= decl_iomem(n);
		n = TYPE_NAME(DECL_ORIGINAL_TYPE(n));
	}
	return m;
}

/* Types are lowered once per tree type. */
static const struct imc_type *lower_type(tree t)
{
	struct imc_type *it, **slot;
	const struct imc_type *marked;
	enum imc_tkind kind;

	if (!t || t == error_mark_node || !TYPE_P(t))
		return NULL;
	slot = type_cache->get(t);
	if (slot)
		return *slot;
	switch (TREE_CODE(t)) {
	case VOID_TYPE:
		kind = IMC_T_VOID;
		break;
	case BOOLEAN_TYPE:
		kind = IMC_T_BOOL;
		break;
	case INTEGER_TYPE:
	case ENUMERAL_TYPE:
		kind = IMC_T_INT;
		break;
	case REAL_TYPE:
		kind = IMC_T_FLOAT;
		break;
	case POINTER_TYPE:
	case REFERENCE_TYPE:
		kind = IMC_T_PTR;
		break;
	case ARRAY_TYPE:
		kind = IMC_T_ARRAY;
		break;
	case RECORD_TYPE:
		kind = IMC_T_STRUCT;
		break;
	case UNION_TYPE:
	case QUAL_UNION_TYPE:
		kind = IMC_T_UNION;
		break;
	case FUNCTION_TYPE:
		kind = IMC_T_FUNC;
		break;
	default:
		kind = IMC_T_OTHER;
		break;
	}
	it = imc_type_new(cur_tu, kind);
	type_cache->put(t, it); /* before the parts: types may be recursive */
	if (kind != IMC_T_VOID && kind != IMC_T_FUNC)
		it->size = type_size(t);
	/* checker-mode types never carry the attributes (the handler records
	 * them elsewhere), but another plugin's might */
	it->iomem = attr_list_is_iomem(TYPE_ATTRIBUTES(t));
	if (kind == IMC_T_STRUCT || kind == IMC_T_UNION) {
		const char *tag = type_tag(t);

		it->tag = tag ? imc_tu_intern(cur_tu, tag) : NULL;
	}
	if (kind == IMC_T_PTR || kind == IMC_T_ARRAY)
		it->pointee = lower_type(TREE_TYPE(t));
	if (kind == IMC_T_FUNC) {
		tree a, args = TYPE_ARG_TYPES(t);

		it->ret = lower_type(TREE_TYPE(t));
		for (a = args; a && a != void_list_node; a = TREE_CHAIN(a))
			imc_type_add_param(cur_tu, it,
					   lower_type(TREE_VALUE(a)));
		it->variadic = args && stdarg_p(t);
	}
	marked = mark_type(it, typedef_iomem(t), MARK_IOMEM);
	if (TYPE_NAME(t) && TREE_CODE(TYPE_NAME(t)) == TYPE_DECL)
		marked = mark_fnptr_params(marked, TYPE_NAME(t));
	if (marked != it)
		type_cache->put(t, (struct imc_type *)marked);
	return marked;
}

static const char *decl_name(tree decl)
{
	return DECL_NAME(decl) ? IDENTIFIER_POINTER(DECL_NAME(decl)) : NULL;
}

/* c_genericize's labels (loop exits, continues) have no name. */
static const char *label_name(tree label)
{
	char buf[32];

	if (DECL_NAME(label))
		return imc_tu_intern(cur_tu, decl_name(label));
	snprintf(buf, sizeof(buf), "<L%u>", (unsigned)DECL_UID(label));
	return imc_tu_intern(cur_tu, buf);
}

/* The type of a declaration with its annotations. For a function, the
 * parameter types come from its PARM_DECLs (GCC keeps them for prototypes
 * too), which carry the parameters' annotations. */
static const struct imc_type *decl_type(tree decl)
{
	const struct imc_type *t, **slot;
	struct imc_type *fn;
	tree parm;
	uint32_t i, n = 0;

	slot = decl_type_cache->get(decl);
	if (slot)
		return *slot;
	t = mark_type(lower_type(TREE_TYPE(decl)), decl_iomem(decl),
		      MARK_IOMEM);
	t = mark_fnptr_params(t, decl);
	if (TREE_CODE(decl) == FUNCTION_DECL && t && t->kind == IMC_T_FUNC) {
		for (parm = DECL_ARGUMENTS(decl); parm; parm = DECL_CHAIN(parm))
			n++;
		if (n == t->nparams) {
			fn = copy_type(t);
			fn->params = NULL;
			fn->nparams = fn->capparams = 0;
			i = 0;
			for (parm = DECL_ARGUMENTS(decl); parm;
			     parm = DECL_CHAIN(parm), i++)
				imc_type_add_param(
					cur_tu, fn,
					mark_type(mark_type(t->params[i],
							    decl_iomem(parm),
							    MARK_IOMEM),
						  decl_force(parm),
						  MARK_FORCE));
			t = fn;
		}
	}
	decl_type_cache->put(decl, t);
	return t;
}

/* ------------------------------------------------------------------------
 * Variables
 * ------------------------------------------------------------------------ */

static void set_decl_loc(struct imc_loc *l, tree decl)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	expanded_location x;

	if (loc <= BUILTINS_LOCATION)
		return;
	x = expand_location(expansion_point(loc));
	if (x.file)
		set_loc(l, x);
}

static struct imc_var *lower_var(tree decl)
{
	struct imc_var *v = imc_tu_find_var(cur_tu, (uintptr_t)decl);
	enum imc_scope scope;

	if (v)
		return v;
	if (TREE_CODE(decl) == PARM_DECL)
		scope = IMC_PARAM;
	else if (TREE_CODE(decl) == FUNCTION_DECL || DECL_FILE_SCOPE_P(decl) ||
		 DECL_EXTERNAL(decl))
		scope = IMC_GLOBAL;
	else
		scope = IMC_LOCAL;
	v = imc_var_new(cur_tu, decl_name(decl), decl_type(decl), scope);
	set_decl_loc(&v->loc, decl);
	imc_tu_bind_var(cur_tu, (uintptr_t)decl, v);
	return v;
}

/* ------------------------------------------------------------------------
 * Expressions
 * ------------------------------------------------------------------------ */

struct lower_ctx {
	tree fndecl;
	tree stmtexpr_slot; /* innermost statement expression's result var */
};

static struct imc_node *lower_expr(struct lower_ctx *cx, tree t);
static void refine_type(struct imc_node *n);
static void lower_stmt(struct lower_ctx *cx, tree t, struct imc_node *blk);
static struct imc_node *body_block(struct lower_ctx *cx, tree t);

static struct imc_node *new_node(enum imc_kind kind, tree type)
{
	return imc_node_new(cur_tu, kind, type ? lower_type(type) : NULL);
}

static void add_kid(struct imc_node *n, struct imc_node *kid)
{
	imc_node_add(cur_tu, n, kid);
}

static bool same_shape(const struct imc_type *a, const struct imc_type *b)
{
	return a && b && a->kind == b->kind && a->size == b->size;
}

/* Replaces N's type (from GCC's tree, unannotated) by T, the same type
 * with the annotations the operands carry. */
static void use_type(struct imc_node *n, const struct imc_type *t)
{
	if (t && t != n->type && (!n->type || same_shape(t, n->type)))
		n->type = t;
}

static bool is_conversion(tree t)
{
	switch (TREE_CODE(t)) {
	case NOP_EXPR:
	case CONVERT_EXPR:
	case NON_LVALUE_EXPR:
	case FLOAT_EXPR:
	case FIX_TRUNC_EXPR:
	case VIEW_CONVERT_EXPR:
	case EXCESS_PRECISION_EXPR:
		return true;
	default:
		return false;
	}
}

static tree strip_all_conversions(tree t)
{
	while (t && t != error_mark_node && is_conversion(t) &&
	       TREE_OPERAND(t, 0))
		t = TREE_OPERAND(t, 0);
	return t;
}

/*
 * Explicit casts. GCC records no "this was a cast" bit; the rule used:
 * a conversion is a cast written in the source iff
 *  - its caret (the c_parser sets it to the cast's '(') is spelled as '(',
 *  - no conversion directly below it has the same caret (later implicit
 *    conversions reuse the cast's location, the innermost one is the cast),
 *  - the operand does not itself start at that '(' (then the parentheses
 *    belong to the operand: `(x)`, `(a + b)`, `(f)(x)`),
 *  - the matching ')' is followed by the start of an operand, and
 *  - the parenthesized text is not just the operand's name (`(x) + 1`).
 * Casts GCC folds away (to the same type, of integer constants, inside
 * arithmetic that fold rebuilds) cannot be recovered.
 */
static bool is_explicit_cast(tree t)
{
	location_t caret;
	struct cursor c, after;
	tree u, op;
	int ch;

	if (!is_conversion(t) || TREE_CODE(t) == EXCESS_PRECISION_EXPR ||
	    !EXPR_HAS_LOCATION(t))
		return false;
	caret = get_pure_location(EXPR_LOCATION(t));
	for (u = TREE_OPERAND(t, 0); u && is_conversion(u);
	     u = TREE_OPERAND(u, 0))
		if (EXPR_HAS_LOCATION(u) &&
		    get_pure_location(EXPR_LOCATION(u)) == caret)
			return false;
	if (!cursor_at_spelling(caret, &c) || cur_ch(&c) != '(')
		return false;
	op = strip_all_conversions(TREE_OPERAND(t, 0));
	if (op && CAN_HAVE_LOCATION_P(op) && EXPR_HAS_LOCATION(op)) {
		source_range r =
			get_range_from_loc(line_table, EXPR_LOCATION(op));
		struct cursor oc;

		if (cursor_at_spelling(r.m_start, &oc) && cur_same(&oc, &c))
			return false;
	}
	after = c;
	if (!match_bracket_fwd(&after))
		return false;
	if (op && DECL_P(op) && DECL_NAME(op)) {
		struct cursor in = c, start;
		char word[256];

		cur_next(&in);
		skip_blank_fwd(&in);
		if (cur_looking_at(&in, decl_name(op))) {
			struct cursor end = after;

			cur_prev(&end);
			skip_blank_back(&end);
			if (ident_ending_at(&end, &start, word, sizeof(word)) &&
			    cur_same(&start, &in))
				return false;
		}
	}
	cur_next(&after);
	skip_blank_fwd(&after);
	ch = cur_ch(&after);
	return is_ident_char(ch) || ch == '(' || ch == '*' || ch == '&' ||
	       ch == '-' || ch == '+' || ch == '!' || ch == '~' || ch == '"' ||
	       ch == '\'';
}

/*
 * The annotations of a cast, read from its type name: `(void __iomem *)`,
 * `(u32 __force *)`, `(__force u32)` (or the checker-mode spelling with
 * __attribute__). The depth of an annotation is the number of '*' after
 * it. GCC's tree cannot tell: the plugin keeps types unannotated, and fold
 * merges `(void __force *)x` assigned to a `void *` into one conversion to
 * the destination's type anyway.
 */
static void cast_text_marks(tree t, uint32_t *iomem, uint32_t *force)
{
	struct cursor c, end;
	int guard = 4096, i, n = 0;
	struct {
		bool force;
		int stars;
	} marks[8];

	*iomem = *force = 0;
	if (!cursor_at_spelling(EXPR_LOCATION(t), &c) || cur_ch(&c) != '(')
		return;
	end = c;
	if (!match_bracket_fwd(&end))
		return;
	cur_next(&c);
	while (c.ok && guard-- > 0 && !cur_same(&c, &end)) {
		int ch = cur_ch(&c);

		if (ch == '(') {
			/* __attribute__((...)): no '*' to count inside */
			struct cursor m = c;

			if (!match_bracket_fwd(&m))
				return;
			for (; guard-- > 0 && !cur_same(&c, &m); cur_next(&c)) {
				char word[32];
				struct cursor start;

				if (is_ident_char(cur_ch(&c)) &&
				    !is_ident_char(cur_peek(&c, 1)) &&
				    ident_ending_at(&c, &start, word,
						    sizeof(word)) &&
				    n < 8 &&
				    (!strcmp(word, "__iomem") ||
				     !strcmp(word, "force"))) {
					marks[n].force = word[0] == 'f';
					marks[n++].stars = 0;
				}
			}
		} else if (ch == '*') {
			for (i = 0; i < n; i++)
				marks[i].stars++;
		} else if (is_ident_char(ch) &&
			   !is_ident_char(cur_peek(&c, 1))) {
			char word[32];
			struct cursor start;

			if (ident_ending_at(&c, &start, word, sizeof(word)) &&
			    n < 8 &&
			    (!strcmp(word, "__iomem") ||
			     !strcmp(word, "__force"))) {
				marks[n].force = word[2] == 'f';
				marks[n++].stars = 0;
			}
		}
		cur_next(&c);
	}
	for (i = 0; i < n; i++)
		if (marks[i].stars < 31)
			*(marks[i].force ? force : iomem) |= 1u
							     << marks[i].stars;
}

/*
 * Casts GCC dropped. The plugin leaves GCC's types unannotated, so a cast
 * that only adds or removes __iomem or __force (`(void __force *)map->
 * vaddr_iomem`, `(void *)regs` where regs is `void __iomem *`) converts a
 * type to itself, and GCC keeps no trace of it but, sometimes, a source
 * range that starts at its '('. They are recovered from the source text:
 * where an operand's text starts with `(type-name)`, the operand is wrapped
 * in an IMC_CAST of its own (unannotated) type plus the cast's annotations.
 * Where an operand's text starts is known from its own range, or from its
 * place in a call's arguments, an initializer, an assignment or a return.
 */
static const char *const type_words[] = {
	"void",	    "char",	"short",  "int",      "long",
	"float",    "double",	"signed", "unsigned", "_Bool",
	"_Complex", "__int128", "struct", "union",    "enum",
};
static const char *const qualifier_words[] = {
	"const",	"volatile",	"restrict",  "__restrict",
	"__restrict__", "__volatile__", "__const",   "__iomem",
	"__force",	"__user",	"__percpu",  "__rcu",
	"__bitwise",	"__bitwise__",	"__private", "_Atomic",
};

static bool word_in(const char *w, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(w, list[i]))
			return true;
	return false;
}

/* Is the text between OPEN and CLOSE (a parenthesized text) a type name? */
static bool is_type_name_text(struct cursor c, const struct cursor *close)
{
	bool has_type = false, after_tag = false;
	int guard = 4096;

	cur_next(&c);
	while (c.ok && guard-- > 0 && !cur_same(&c, close)) {
		int ch = cur_ch(&c);

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			cur_next(&c);
		} else if (ch == '/' &&
			   (cur_peek(&c, 1) == '*' || cur_peek(&c, 1) == '/')) {
			skip_blank_fwd(&c);
		} else if (is_ident_char(ch) && !ISDIGIT(ch)) {
			char word[64];
			struct cursor e = c, start;
			tree id, d;

			while (is_ident_char(cur_peek(&e, 1)))
				cur_next(&e);
			if (!ident_ending_at(&e, &start, word, sizeof(word)))
				return false;
			c = e;
			cur_next(&c);
			if (after_tag) {
				after_tag = false;
				continue;
			}
			if (word_in(word, type_words, ARRAY_SIZE(type_words))) {
				has_type = true;
				after_tag = !strcmp(word, "struct") ||
					    !strcmp(word, "union") ||
					    !strcmp(word, "enum");
				continue;
			}
			if (word_in(word, qualifier_words,
				    ARRAY_SIZE(qualifier_words)))
				continue;
			if (!strcmp(word, "__attribute__") ||
			    !strcmp(word, "__attribute") ||
			    !strcmp(word, "typeof") ||
			    !strcmp(word, "__typeof__") ||
			    !strcmp(word, "__typeof")) {
				skip_blank_fwd(&c);
				if (cur_ch(&c) != '(' || !match_bracket_fwd(&c))
					return false;
				cur_next(&c);
				has_type |= word[2] == 't' || word[0] == 't';
				continue;
			}
			id = maybe_get_identifier(word);
			d = id ? lookup_name(id) : NULL_TREE;
			if (!d || TREE_CODE(d) != TYPE_DECL)
				return false;
			has_type = true;
		} else if (ch == '*') {
			cur_next(&c);
		} else if (ch == '(' || ch == '[') {
			/* function pointer and array declarators */
			if (!match_bracket_fwd(&c))
				return false;
			cur_next(&c);
		} else {
			return false;
		}
	}
	return has_type;
}

/*
 * The type a simple type name spells (keywords or a typedef, then '*'s), as
 * an IR type; NULL for anything else (tags, declarators with parentheses).
 */
static const struct imc_type *type_of_type_name(struct cursor c,
						const struct cursor *close)
{
	int nlong = 0, nstar = 0, guard = 4096;
	bool is_unsigned = false, is_signed = false, is_char = false,
	     is_short = false, is_void = false, is_bool = false,
	     is_float = false, is_double = false, seen_int = false;
	tree base = NULL_TREE;
	const struct imc_type *t;

	cur_next(&c);
	while (c.ok && guard-- > 0 && !cur_same(&c, close)) {
		int ch = cur_ch(&c);

		if (ch == '*') {
			nstar++;
			cur_next(&c);
		} else if (is_ident_char(ch) && !ISDIGIT(ch)) {
			char word[64];
			struct cursor e = c, start;

			while (is_ident_char(cur_peek(&e, 1)))
				cur_next(&e);
			if (!ident_ending_at(&e, &start, word, sizeof(word)))
				return NULL;
			c = e;
			cur_next(&c);
			if (!strcmp(word, "unsigned"))
				is_unsigned = true;
			else if (!strcmp(word, "signed"))
				is_signed = true;
			else if (!strcmp(word, "char"))
				is_char = true;
			else if (!strcmp(word, "short"))
				is_short = true;
			else if (!strcmp(word, "long"))
				nlong++;
			else if (!strcmp(word, "int"))
				seen_int = true;
			else if (!strcmp(word, "void"))
				is_void = true;
			else if (!strcmp(word, "_Bool"))
				is_bool = true;
			else if (!strcmp(word, "float"))
				is_float = true;
			else if (!strcmp(word, "double"))
				is_double = true;
			else if (word_in(word, qualifier_words,
					 ARRAY_SIZE(qualifier_words)))
				continue;
			else if (!strcmp(word, "__attribute__") ||
				 !strcmp(word, "__attribute")) {
				skip_blank_fwd(&c);
				if (cur_ch(&c) != '(' || !match_bracket_fwd(&c))
					return NULL;
				cur_next(&c);
			} else {
				tree id = maybe_get_identifier(word);
				tree d = id ? lookup_name(id) : NULL_TREE;

				if (base || !d || TREE_CODE(d) != TYPE_DECL)
					return NULL;
				base = TREE_TYPE(d);
			}
		} else if (ch == ' ' || ch == '\t' || ch == '\n' ||
			   ch == '\r') {
			cur_next(&c);
		} else {
			return NULL;
		}
	}
	if (!base) {
		if (is_void)
			base = void_type_node;
		else if (is_bool)
			base = boolean_type_node;
		else if (is_float)
			base = float_type_node;
		else if (is_double)
			base = nlong ? long_double_type_node : double_type_node;
		else if (is_char)
			base = is_unsigned ? unsigned_char_type_node
			       : is_signed ? signed_char_type_node
					   : char_type_node;
		else if (is_short)
			base = is_unsigned ? short_unsigned_type_node
					   : short_integer_type_node;
		else if (nlong >= 2)
			base = is_unsigned ? long_long_unsigned_type_node
					   : long_long_integer_type_node;
		else if (nlong == 1)
			base = is_unsigned ? long_unsigned_type_node
					   : long_integer_type_node;
		else if (seen_int || is_unsigned || is_signed)
			base = is_unsigned ? unsigned_type_node
					   : integer_type_node;
		else
			return NULL;
	}
	t = lower_type(base);
	while (nstar-- > 0) {
		struct imc_type *p = imc_type_new(cur_tu, IMC_T_PTR);

		p->size = POINTER_SIZE / BITS_PER_UNIT;
		p->pointee = t;
		t = p;
	}
	return t;
}

static struct imc_node *lower_cast(tree t)
{
	tree type = TREE_TYPE(t);
	const struct imc_type *it = lower_type(type);
	uint32_t iomem, force;
	struct imc_node *n;

	cast_text_marks(t, &iomem, &force);
	/* fold merges (int)c assigned to a long into one conversion to long:
	 * the type written in the cast is the cast's */
	if (EXPR_HAS_LOCATION(t)) {
		struct cursor open, close;

		if (cursor_at_spelling(EXPR_LOCATION(t), &open) &&
		    cur_ch(&open) == '(') {
			const struct imc_type *wt;

			close = open;
			wt = match_bracket_fwd(&close)
				     ? type_of_type_name(open, &close)
				     : NULL;
			if (wt && it && wt->kind == it->kind)
				it = wt;
		}
	}
	if (type_is_force(type))
		force |= 1;
	if (POINTER_TYPE_P(type) && type_is_force(TREE_TYPE(type)))
		force |= 2;
	it = mark_type(mark_type(it, iomem, MARK_IOMEM), force, MARK_FORCE);
	n = imc_node_new(cur_tu, IMC_CAST, it);
	n->explicit_cast = true;
	n->force = force != 0;
	set_tree_range(n, t);
	return n;
}

/* If the text at START is a cast prefix `(type-name)` followed by an
 * operand, sets CLOSE to its ')' and AFTER to the operand's start. */
static bool cast_prefix_at(const struct cursor *start, struct cursor *close,
			   struct cursor *after)
{
	int ch;

	if (!start->ok || cur_ch(start) != '(')
		return false;
	*close = *start;
	if (!match_bracket_fwd(close))
		return false;
	*after = *close;
	cur_next(after);
	skip_blank_fwd(after);
	ch = cur_ch(after);
	if (!(is_ident_char(ch) || ch == '(' || ch == '*' || ch == '&' ||
	      ch == '-' || ch == '+' || ch == '!' || ch == '~' || ch == '"' ||
	      ch == '\''))
		return false;
	return is_type_name_text(*start, close);
}

/* The last byte of the primary or postfix-free operand starting at C. */
static bool operand_last(struct cursor c, struct cursor *last)
{
	if (cur_ch(&c) == '(') {
		if (!match_bracket_fwd(&c))
			return false;
		*last = c;
		return true;
	}
	if (!is_ident_char(cur_ch(&c)))
		return false;
	while (is_ident_char(cur_peek(&c, 1)))
		cur_next(&c);
	*last = c;
	return true;
}

/* T without __iomem and __force: the type GCC gives a cast that only
 * changed annotations. */
static const struct imc_type *plain_type(const struct imc_type *t, int depth)
{
	const struct imc_type *sub, *inner;
	struct imc_type *c;

	if (!t || depth > 8)
		return t;
	sub = t->kind == IMC_T_PTR || t->kind == IMC_T_ARRAY ? t->pointee
	      : t->kind == IMC_T_FUNC			     ? t->ret
							     : NULL;
	inner = plain_type(sub, depth + 1);
	if (!t->iomem && !t->force && inner == sub)
		return t;
	c = copy_type(t);
	c->iomem = c->force = false;
	if (t->kind == IMC_T_FUNC)
		c->ret = inner;
	else if (sub)
		c->pointee = inner;
	return c;
}

static struct imc_node *attach_casts(struct imc_node *n,
				     const struct cursor *start, int depth);

static bool node_begins_at(const struct imc_node *n, const struct cursor *c)
{
	return n && n->range.valid && c->ok &&
	       n->range.begin.line == (uint32_t)c->line &&
	       n->range.begin.col == (uint32_t)c->col &&
	       !strcmp(n->range.begin.file, c->file);
}

/* N is the operand whose text starts at START (START's own text may be
 * a cast GCC dropped): returns N, or the recovered cast around it. */
static struct imc_node *attach_casts(struct imc_node *n,
				     const struct cursor *start, int depth)
{
	struct cursor close, after, last;
	struct imc_node *c;
	uint32_t iomem = 0, force = 0;
	int i, nmarks = 0;

	if (!n || !start->ok || depth > 4 ||
	    !cast_prefix_at(start, &close, &after))
		return n;
	if (n->kind == IMC_CAST && node_begins_at(n, start))
		return n; /* GCC kept this one */
	switch (n->kind) {
	case IMC_BINARY:
	case IMC_COND:
	case IMC_ASSIGN:
	case IMC_COMMA:
		/* `(T)a + b` casts a */
		if (n->nkids)
			n->kids[0] = attach_casts(n->kids[0], start, depth + 1);
		return n;
	case IMC_BLOCK:
	case IMC_INITLIST:
	case IMC_STMTEXPR:
		return n;
	default:
		break;
	}
	/* the marks, as for a kept cast */
	{
		struct cursor m = *start;
		struct {
			bool force;
			int stars;
		} marks[8];
		int guard = 4096;

		cur_next(&m);
		while (m.ok && guard-- > 0 && !cur_same(&m, &close)) {
			int ch = cur_ch(&m);

			if (ch == '*') {
				for (i = 0; i < nmarks; i++)
					marks[i].stars++;
			} else if (is_ident_char(ch) &&
				   !is_ident_char(cur_peek(&m, 1))) {
				char word[32];
				struct cursor s;

				if (ident_ending_at(&m, &s, word,
						    sizeof(word)) &&
				    nmarks < 8 &&
				    (!strcmp(word, "__iomem") ||
				     !strcmp(word, "__force") ||
				     !strcmp(word, "force"))) {
					marks[nmarks].force = word[0] == 'f' ||
							      word[2] == 'f';
					marks[nmarks++].stars = 0;
				}
			}
			cur_next(&m);
		}
		for (i = 0; i < nmarks; i++)
			if (marks[i].stars < 31)
				*(marks[i].force ? &force : &iomem) |=
					1u << marks[i].stars;
	}
	/* the operand may start with another dropped cast */
	if (node_begins_at(n, start)) {
		n->range.begin.line = after.line;
		n->range.begin.col = after.col;
		n->range.fe_begin = loc_in_file((location_t)n->range.fe_begin,
						after.line, after.col);
		n->loc = n->range.begin;
	}
	n = attach_casts(n, &after, depth + 1);
	{
		const struct imc_type *ct = type_of_type_name(*start, &close);

		if (!ct || (n->type && ct->kind != n->type->kind))
			ct = plain_type(n->type, 0);
		ct = mark_type(mark_type(ct, iomem, MARK_IOMEM), force,
			       MARK_FORCE);
		if (n->kind == IMC_CONST && !n->loc.line) {
			/* a cast of a constant is a constant (GCC folds it) */
			n->type = ct;
			return n;
		}
		c = imc_node_new(cur_tu, IMC_CAST, ct);
	}
	c->explicit_cast = true;
	c->force = force != 0;
	if (n->range.valid) {
		struct cursor e;

		if (cur_init(&e, n->range.end.file, n->range.end.line,
			     n->range.end.col - 1))
			set_cursor_range(c, start, &e,
					 (location_t)n->range.fe_end);
	} else if (operand_last(after, &last)) {
		set_cursor_range(
			c, start, &last,
			lookup_loc(start->file, start->line, start->col));
	}
	add_kid(c, n);
	return c;
}

/* Moves C (inside a parenthesized list) to the next ',' or the closing
 * ')' at the list's own level. */
static bool next_list_sep(struct cursor *c)
{
	int guard = 100000;

	while (c->ok && guard-- > 0) {
		int ch = cur_ch(c);

		if (ch == ',' || ch == ')')
			return true;
		if (ch == '"' || ch == '\'') {
			skip_literal(c);
			continue;
		}
		if (ch == '(' || ch == '[' || ch == '{') {
			if (!match_bracket_fwd(c))
				return false;
		}
		cur_next(c);
	}
	return false;
}

/* Dropped casts in front of the arguments of the call N. */
static void attach_arg_casts(struct imc_node *n)
{
	struct imc_node *callee = imc_kid(n, 0);
	struct cursor c;
	uint32_t i;

	if (!n->range.valid || n->nkids <= IMC_CALL_ARG0)
		return;
	if (callee && callee->range.valid) {
		if (!cur_init(&c, callee->range.end.file,
			      callee->range.end.line, callee->range.end.col))
			return;
	} else if (!callee && n->name) {
		if (!cur_init(&c, n->range.begin.file, n->range.begin.line,
			      n->range.begin.col) ||
		    !cur_looking_at(&c, n->name))
			return;
		for (i = 0; i < strlen(n->name); i++)
			cur_next(&c);
	} else {
		return;
	}
	skip_blank_fwd(&c);
	if (cur_ch(&c) != '(')
		return;
	for (i = IMC_CALL_ARG0; i < n->nkids; i++) {
		struct cursor start;

		cur_next(&c);
		skip_blank_fwd(&c);
		start = c;
		if (!next_list_sep(&c))
			return;
		n->kids[i] = attach_casts(n->kids[i], &start, 0);
		if (cur_ch(&c) == ')')
			return;
	}
}

/* The operand text after the token at LOC spelled TOKEN (an assignment
 * operator, `return`), for N's dropped casts. */
static struct imc_node *attach_after_token(struct imc_node *n, location_t loc,
					   const char *token)
{
	struct cursor c;
	size_t i;

	if (!n || loc <= BUILTINS_LOCATION || in_macro(loc) ||
	    !cursor_at_spelling(loc, &c) ||
	    strncmp(c.text + c.col - 1, token, strlen(token)))
		return n;
	for (i = 0; i < strlen(token); i++)
		cur_next(&c);
	skip_blank_fwd(&c);
	return attach_casts(n, &c, 0);
}

/* Steps C into parenthesized groups that are a whole operand: `((T)p)`
 * before "->", ".", "[" or the end of the operand (LAST, if known). */
static void enter_groups(struct cursor *c, const struct cursor *last)
{
	int guard = 16;

	while (guard-- > 0 && cur_ch(c) == '(') {
		struct cursor m = *c, next;
		int ch;

		if (!match_bracket_fwd(&m))
			return;
		next = m;
		cur_next(&next);
		skip_blank_fwd(&next);
		ch = cur_ch(&next);
		if (!(last && cur_same(&m, last)) && ch != '[' && ch != '.' &&
		    !(ch == '-' && cur_peek(&next, 1) == '>'))
			return;
		cur_next(c);
		skip_blank_fwd(c);
	}
}

/* Dropped casts in front of the first operand of N: `*(T *)p`,
 * `((T *)r)->f`, `((T *)p)[i]`. */
static void attach_kid_casts(struct imc_node *n)
{
	struct cursor c, close, after, last;
	bool have_last;

	if (!n->range.valid || !n->nkids || !n->kids[0] ||
	    !cur_init(&c, n->range.begin.file, n->range.begin.line,
		      n->range.begin.col))
		return;
	have_last = cur_init(&last, n->range.end.file, n->range.end.line,
			     n->range.end.col - 1);
	switch (n->kind) {
	case IMC_FIELD:
	case IMC_INDEX:
		/* `(T)p->f` casts p->f: that is N's own cast */
		if (cast_prefix_at(&c, &close, &after))
			return;
		enter_groups(&c, NULL);
		break;
	case IMC_DEREF:
	case IMC_UNARY:
	case IMC_ADDR:
		cur_next(&c);
		skip_blank_fwd(&c);
		enter_groups(&c, have_last ? &last : NULL);
		break;
	case IMC_INCDEC:
		if (n->op != IMC_OP_PREINC && n->op != IMC_OP_PREDEC)
			return;
		cur_next(&c);
		cur_next(&c);
		skip_blank_fwd(&c);
		enter_groups(&c, have_last ? &last : NULL);
		break;
	default:
		return;
	}
	n->kids[0] = attach_casts(n->kids[0], &c, 0);
}

/* Recovers a dropped cast at the start of N's own range. */
static struct imc_node *attach_own_casts(struct imc_node *n)
{
	struct cursor b;

	if (!n || !n->range.valid || n->kind == IMC_CAST ||
	    !cur_init(&b, n->range.begin.file, n->range.begin.line,
		      n->range.begin.col) ||
	    cur_ch(&b) != '(')
		return n;
	return attach_casts(n, &b, 0);
}

/* Strips the conversions the front end inserted (not explicit casts). */
static tree strip_implicit(tree t)
{
	while (t && t != error_mark_node && is_conversion(t) &&
	       TREE_OPERAND(t, 0) && !is_explicit_cast(t))
		t = TREE_OPERAND(t, 0);
	return t;
}

/* GCC's internal offset types: fold's, never the source's. */
static bool is_sizetype(tree type)
{
	type = type ? TYPE_MAIN_VARIANT(type) : NULL_TREE;
	return type && (type == sizetype || type == ssizetype ||
			type == bitsizetype || type == sbitsizetype);
}

static struct imc_node *const_node(tree type, int64_t v)
{
	struct imc_node *n = new_node(IMC_CONST, type);

	n->ival = v;
	return n;
}

static int64_t int_cst_value(tree t)
{
	if (tree_fits_shwi_p(t))
		return tree_to_shwi(t);
	return (int64_t)TREE_INT_CST_LOW(t);
}

static struct imc_node *lower_var_ref(tree decl)
{
	struct imc_node *n = imc_node_new(cur_tu, IMC_VAR, NULL);

	n->var = lower_var(decl);
	n->type = n->var->type;
	return n;
}

/* A function designator (f or &f): IMC_OTHER named f, of pointer type
 * (made here: building a GCC pointer type would change GCC's state). */
static struct imc_node *function_ref(tree fndecl)
{
	struct imc_type *pt = imc_type_new(cur_tu, IMC_T_PTR);
	struct imc_node *n = imc_node_new(cur_tu, IMC_OTHER, pt);

	pt->size = POINTER_SIZE / BITS_PER_UNIT;
	pt->pointee = decl_type(fndecl);
	n->name = imc_tu_intern(cur_tu, decl_name(fndecl));
	return n;
}

/* Is the ADDR_EXPR T an `&` written in the source? Array and function
 * decay produce ADDR_EXPRs located at the operand instead. */
static bool addr_is_written(tree t)
{
	int ch = tree_first_char(t);

	if (ch)
		return ch == '&';
	return false;
}

static uint64_t pointee_size(tree ptrtype)
{
	tree pt;
	uint32_t s;

	if (!ptrtype || !POINTER_TYPE_P(ptrtype))
		return 1;
	pt = TREE_TYPE(ptrtype);
	if (!pt || VOID_TYPE_P(pt) || TREE_CODE(pt) == FUNCTION_TYPE)
		return 1;
	s = type_size(pt);
	return s ? s : 1;
}

static struct imc_node *binary_node(enum imc_op op, tree type,
				    struct imc_node *a, struct imc_node *b)
{
	struct imc_node *n = new_node(IMC_BINARY, type);

	n->op = op;
	add_kid(n, a);
	add_kid(n, b);
	return n;
}

static struct imc_node *negate_node(struct imc_node *k, tree type)
{
	struct imc_node *n;

	if (k && k->kind == IMC_CONST && !k->loc.line) {
		k->ival = -k->ival;
		return k;
	}
	n = new_node(IMC_UNARY, type);
	n->op = IMC_OP_NEG;
	add_kid(n, k);
	return n;
}

/*
 * GCC scales pointer offsets to bytes (p + i is POINTER_PLUS(p, i * 4)).
 * Returns the unscaled index, or NULL if OFF is not a recognisable multiple
 * of SIZE. NEGATE: the source subtracted (the offset is negated).
 */
static struct imc_node *unscale(struct lower_ctx *cx, tree off, uint64_t size,
				bool negate, int depth)
{
	struct imc_node *a, *b;
	tree t = strip_implicit(off);

	if (!t || t == error_mark_node || depth > 8)
		return NULL;
	if (negate && TREE_CODE(t) == NEGATE_EXPR) {
		negate = false;
		t = strip_implicit(TREE_OPERAND(t, 0));
	}
	if (TREE_CODE(t) == INTEGER_CST) {
		int64_t v = int_cst_value(t);

		if (v % (int64_t)size)
			return NULL;
		return const_node(integer_type_node,
				  negate ? -(v / (int64_t)size)
					 : v / (int64_t)size);
	}
	if (size == 1) {
		a = lower_expr(cx, t);
		return negate ? negate_node(a, TREE_TYPE(t)) : a;
	}
	switch (TREE_CODE(t)) {
	case MULT_EXPR: {
		tree x = TREE_OPERAND(t, 0), k = TREE_OPERAND(t, 1);
		int64_t kv;

		if (TREE_CODE(x) == INTEGER_CST)
			std::swap(x, k);
		if (TREE_CODE(k) != INTEGER_CST)
			return NULL;
		kv = int_cst_value(k);
		if (kv % (int64_t)size)
			return NULL;
		a = lower_expr(cx, strip_implicit(x));
		if (kv != (int64_t)size)
			a = binary_node(IMC_OP_MUL, TREE_TYPE(t), a,
					const_node(integer_type_node,
						   kv / (int64_t)size));
		return negate ? negate_node(a, TREE_TYPE(t)) : a;
	}
	case PLUS_EXPR:
	case MINUS_EXPR:
		a = unscale(cx, TREE_OPERAND(t, 0), size, negate, depth + 1);
		b = unscale(cx, TREE_OPERAND(t, 1), size,
			    negate != (TREE_CODE(t) == MINUS_EXPR), depth + 1);
		if (!a || !b)
			return NULL;
		if (b->kind == IMC_CONST && !b->loc.line && b->ival < 0) {
			b->ival = -b->ival;
			return binary_node(IMC_OP_SUB, TREE_TYPE(t), a, b);
		}
		return binary_node(IMC_OP_ADD, TREE_TYPE(t), a, b);
	default:
		return NULL;
	}
}

static struct imc_node *unscaled_index(struct lower_ctx *cx, tree off,
				       uint64_t size, bool negate)
{
	struct imc_node *n = unscale(cx, off, size, negate, 0);

	if (n)
		return n;
	/* Not a multiple we recognise: say so with an explicit division. */
	n = binary_node(IMC_OP_DIV, TREE_TYPE(off), lower_expr(cx, off),
			const_node(integer_type_node, (int64_t)size));
	return negate ? negate_node(n, TREE_TYPE(off)) : n;
}

/* Structural equality of two lvalue trees (for compound assignment). */
static bool same_lvalue(tree a, tree b, int depth)
{
	int i, n;

	a = strip_all_conversions(a);
	b = strip_all_conversions(b);
	if (a == b)
		return true;
	if (!a || !b || depth > 12 || TREE_CODE(a) != TREE_CODE(b))
		return false;
	if (TREE_CODE(a) == INTEGER_CST)
		return tree_int_cst_equal(a, b);
	if (DECL_P(a) || TREE_CODE(a) == SAVE_EXPR || !EXPR_P(a) ||
	    TREE_CODE(a) == CALL_EXPR)
		return false;
	n = TREE_OPERAND_LENGTH(a);
	for (i = 0; i < n; i++)
		if (!same_lvalue(TREE_OPERAND(a, i), TREE_OPERAND(b, i),
				 depth + 1))
			return false;
	return true;
}

struct op_info {
	enum tree_code code;
	enum imc_op op;
	const char *text;
	bool commutative;
};

static const struct op_info binary_ops[] = {
	{PLUS_EXPR, IMC_OP_ADD, "+", true},
	{POINTER_PLUS_EXPR, IMC_OP_ADD, "+", false},
	{MINUS_EXPR, IMC_OP_SUB, "-", false},
	{POINTER_DIFF_EXPR, IMC_OP_SUB, "-", false},
	{MULT_EXPR, IMC_OP_MUL, "*", true},
	{TRUNC_DIV_EXPR, IMC_OP_DIV, "/", false},
	{EXACT_DIV_EXPR, IMC_OP_DIV, "/", false},
	{CEIL_DIV_EXPR, IMC_OP_DIV, "/", false},
	{FLOOR_DIV_EXPR, IMC_OP_DIV, "/", false},
	{ROUND_DIV_EXPR, IMC_OP_DIV, "/", false},
	{RDIV_EXPR, IMC_OP_DIV, "/", false},
	{TRUNC_MOD_EXPR, IMC_OP_MOD, "%", false},
	{CEIL_MOD_EXPR, IMC_OP_MOD, "%", false},
	{FLOOR_MOD_EXPR, IMC_OP_MOD, "%", false},
	{ROUND_MOD_EXPR, IMC_OP_MOD, "%", false},
	{LSHIFT_EXPR, IMC_OP_SHL, "<<", false},
	{RSHIFT_EXPR, IMC_OP_SHR, ">>", false},
	{BIT_AND_EXPR, IMC_OP_AND, "&", true},
	{BIT_IOR_EXPR, IMC_OP_OR, "|", true},
	{BIT_XOR_EXPR, IMC_OP_XOR, "^", true},
	{TRUTH_ANDIF_EXPR, IMC_OP_LAND, "&&", false},
	{TRUTH_AND_EXPR, IMC_OP_LAND, "&&", false},
	{TRUTH_ORIF_EXPR, IMC_OP_LOR, "||", false},
	{TRUTH_OR_EXPR, IMC_OP_LOR, "||", false},
	{EQ_EXPR, IMC_OP_EQ, "==", true},
	{NE_EXPR, IMC_OP_NE, "!=", true},
	{LT_EXPR, IMC_OP_LT, "<", false},
	{GT_EXPR, IMC_OP_GT, ">", false},
	{LE_EXPR, IMC_OP_LE, "<=", false},
	{GE_EXPR, IMC_OP_GE, ">=", false},
};

static const struct op_info *binary_op_info(enum tree_code code)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(binary_ops); i++)
		if (binary_ops[i].code == code)
			return &binary_ops[i];
	return NULL;
}

/* The compound assignment operator spelled "OP=", or IMC_OP_NONE. */
static enum imc_op compound_op(const char *text)
{
	static const struct {
		const char *text;
		enum imc_op op;
	} ops[] = {
		{"+=", IMC_OP_ADD},  {"-=", IMC_OP_SUB}, {"*=", IMC_OP_MUL},
		{"/=", IMC_OP_DIV},  {"%=", IMC_OP_MOD}, {"<<=", IMC_OP_SHL},
		{">>=", IMC_OP_SHR}, {"&=", IMC_OP_AND}, {"|=", IMC_OP_OR},
		{"^=", IMC_OP_XOR},
	};
	size_t i;

	for (i = 0; text && i < ARRAY_SIZE(ops); i++)
		if (!strcmp(text, ops[i].text))
			return ops[i].op;
	return IMC_OP_NONE;
}

static enum imc_op comparison_of_text(const char *text)
{
	static const struct {
		const char *text;
		enum imc_op op;
	} ops[] = {
		{"==", IMC_OP_EQ}, {"!=", IMC_OP_NE}, {"<", IMC_OP_LT},
		{">", IMC_OP_GT},  {"<=", IMC_OP_LE}, {">=", IMC_OP_GE},
	};
	size_t i;

	for (i = 0; text && i < ARRAY_SIZE(ops); i++)
		if (!strcmp(text, ops[i].text))
			return ops[i].op;
	return IMC_OP_NONE;
}

static enum imc_op swap_comparison(enum imc_op op)
{
	switch (op) {
	case IMC_OP_LT:
		return IMC_OP_GT;
	case IMC_OP_GT:
		return IMC_OP_LT;
	case IMC_OP_LE:
		return IMC_OP_GE;
	case IMC_OP_GE:
		return IMC_OP_LE;
	default:
		return op;
	}
}

static enum imc_op invert_comparison(enum imc_op op)
{
	switch (op) {
	case IMC_OP_EQ:
		return IMC_OP_NE;
	case IMC_OP_NE:
		return IMC_OP_EQ;
	case IMC_OP_LT:
		return IMC_OP_GE;
	case IMC_OP_GE:
		return IMC_OP_LT;
	case IMC_OP_GT:
		return IMC_OP_LE;
	case IMC_OP_LE:
		return IMC_OP_GT;
	default:
		return op;
	}
}

/* Does expression E start where cursor AT is (used to undo fold's operand
 * swapping: it moves constants and variables to the right)? */
static bool starts_at(tree e, const struct cursor *at)
{
	struct cursor c = *at;

	e = strip_all_conversions(e);
	if (!e || !at->ok)
		return false;
	if (CAN_HAVE_LOCATION_P(e) && EXPR_HAS_LOCATION(e)) {
		struct cursor ec;

		if (tree_begin_cursor(e, &ec))
			return cur_same(&ec, at) ||
			       (ec.file == at->file && ec.line == at->line &&
				ec.col >= at->col && ec.col <= at->col + 8);
		return false;
	}
	while (cur_ch(&c) == '(') {
		cur_next(&c);
		skip_blank_fwd(&c);
	}
	if (DECL_P(e) && DECL_NAME(e))
		return cur_looking_at(&c, decl_name(e));
	if (CONSTANT_CLASS_P(e))
		return ISDIGIT(cur_ch(&c)) || cur_ch(&c) == '\'' ||
		       cur_ch(&c) == '.';
	return false;
}

static struct imc_node *lower_cond(struct lower_ctx *cx, tree t);

/* Binary operators: EQ/NE/... and arithmetic, with fold's rewrites undone
 * where the source text shows them. */
static struct imc_node *lower_binary(struct lower_ctx *cx, tree t,
				     const struct op_info *oi)
{
	tree a = TREE_OPERAND(t, 0), b = TREE_OPERAND(t, 1);
	const char *text = NULL;
	struct imc_node *n, *ka, *kb;
	enum imc_op op = oi->op;
	bool located = true, cond_operands, have_text = false;
	struct cursor caret;

	if (EXPR_HAS_LOCATION(t) &&
	    cursor_at_spelling(EXPR_LOCATION(t), &caret)) {
		have_text = true;
		text = op_at(&caret);
	}
	/* `!x` arrives as x == 0, `!(a < b)` as a >= b: caret on the '!' */
	if (text && !strcmp(text, "!") && comparison_of_text(oi->text)) {
		n = new_node(IMC_UNARY, integer_type_node);
		n->op = IMC_OP_NOT;
		set_tree_range(n, t);
		if (op == IMC_OP_EQ && integer_zerop(b)) {
			add_kid(n, lower_cond(cx, a));
		} else {
			add_kid(n, binary_node(invert_comparison(op),
					       integer_type_node,
					       lower_expr(cx, a),
					       lower_expr(cx, b)));
		}
		return n;
	}
	/* implicit truth value conversion: x != 0 located at x */
	if (TREE_CODE(t) == NE_EXPR && integer_zerop(b) &&
	    !comparison_of_text(text) &&
	    (have_text || !EXPR_HAS_LOCATION(t) ||
	     get_range_from_loc(line_table, EXPR_LOCATION(t)).m_start ==
		     get_range_from_loc(line_table, EXPR_LOCATION(t)).m_finish))
		return lower_expr(cx, a);
	/* p - q arrives as (p - q) / size */
	if (TREE_CODE(t) == EXACT_DIV_EXPR &&
	    TREE_CODE(strip_all_conversions(a)) == POINTER_DIFF_EXPR) {
		tree d = strip_all_conversions(a);

		n = binary_node(IMC_OP_SUB, TREE_TYPE(t),
				lower_expr(cx, TREE_OPERAND(d, 0)),
				lower_expr(cx, TREE_OPERAND(d, 1)));
		set_tree_range(n, t);
		return n;
	}
	if (TREE_CODE(t) == POINTER_PLUS_EXPR) {
		bool sub = text && !strcmp(text, "-");
		int first = tree_first_char(t);

		/* &p[i] arrives as p + i*size (the & folded away) */
		if (first == '&') {
			struct imc_node *idx =
				new_node(IMC_INDEX, TREE_TYPE(TREE_TYPE(t)));

			n = new_node(IMC_ADDR, TREE_TYPE(t));
			set_tree_range(n, t);
			add_kid(idx, lower_expr(cx, a));
			add_kid(idx, unscaled_index(cx, b,
						    pointee_size(TREE_TYPE(t)),
						    false));
			if (n->range.valid) {
				struct cursor c;

				idx->range = n->range;
				if (cur_init(&c, n->range.begin.file,
					     n->range.begin.line,
					     n->range.begin.col)) {
					cur_next(&c);
					skip_blank_fwd(&c);
					idx->range.begin.line = c.line;
					idx->range.begin.col = c.col;
					idx->range.fe_begin =
						loc_in_file(n->range.fe_begin,
							    c.line, c.col);
				}
				idx->loc = idx->range.begin;
			}
			refine_type(idx);
			add_kid(n, idx);
			return n;
		}
		/* fold moves a conversion of p + i inside: (T *)p + i; the
		 * source's pointer (and scale) is p's */
		tree pa = strip_implicit(a);
		tree ptype = pa && POINTER_TYPE_P(TREE_TYPE(pa)) ? TREE_TYPE(pa)
								 : TREE_TYPE(t);

		n = new_node(IMC_BINARY, ptype);
		n->op = sub ? IMC_OP_SUB : IMC_OP_ADD;
		if (!text || (strcmp(text, "+") && !sub))
			located = false;
		if (located)
			set_tree_range(n, t);
		add_kid(n, lower_expr(cx, a));
		add_kid(n, unscaled_index(cx, b, pointee_size(ptype), sub));
		return n;
	}
	if (have_text && (!text || strcmp(text, oi->text))) {
		enum imc_op top = comparison_of_text(text);

		if (top && text && comparison_of_text(oi->text) &&
		    swap_comparison(op) == top) {
			std::swap(a, b);
			op = top;
		} else if (text && !strcmp(text, "-") &&
			   TREE_CODE(t) == PLUS_EXPR &&
			   TREE_CODE(b) == INTEGER_CST) {
			/* x - 5 arrives as x + -5 */
			n = new_node(IMC_BINARY, TREE_TYPE(t));
			n->op = IMC_OP_SUB;
			set_tree_range(n, t);
			add_kid(n, lower_expr(cx, a));
			add_kid(n, const_node(TREE_TYPE(b), -int_cst_value(b)));
			return n;
		} else {
			/* built by fold, not written: no location of its own */
			located = false;
		}
	}
	/* C: comparisons and && || are int (GCC types them _Bool when the
	 * result is converted to _Bool) */
	n = new_node(IMC_BINARY, TREE_TYPE(t));
	n->op = op;
	if (op >= IMC_OP_LAND && op <= IMC_OP_GE)
		n->type = lower_type(integer_type_node);
	if (located)
		set_tree_range(n, t);
	if (oi->commutative && n->range.valid &&
	    (CONSTANT_CLASS_P(strip_all_conversions(b)) ||
	     DECL_P(strip_all_conversions(b)))) {
		struct cursor begin;

		if (cur_init(&begin, n->range.begin.file, n->range.begin.line,
			     n->range.begin.col) &&
		    !starts_at(a, &begin) && starts_at(b, &begin))
			std::swap(a, b);
	}
	cond_operands = op == IMC_OP_LAND || op == IMC_OP_LOR;
	ka = cond_operands ? lower_cond(cx, a) : lower_expr(cx, a);
	kb = cond_operands ? lower_cond(cx, b) : lower_expr(cx, b);
	add_kid(n, ka);
	add_kid(n, kb);
	return n;
}

/*
 * -x, ~x, !x. fold rebuilds `!x` in conversions to _Bool with a location
 * that is not the operator's; the operator is then found just before the
 * operand. `b == false` on a _Bool arrives as !b located at the "==".
 */
static struct imc_node *lower_unary(struct lower_ctx *cx, tree t)
{
	const char *want = TREE_CODE(t) == NEGATE_EXPR	  ? "-"
			   : TREE_CODE(t) == BIT_NOT_EXPR ? "~"
							  : "!";
	tree op = TREE_OPERAND(t, 0);
	const char *text = NULL;
	struct imc_node *n, *k;
	struct cursor caret;
	bool have_text = false;

	if (EXPR_HAS_LOCATION(t) &&
	    cursor_at_spelling(EXPR_LOCATION(t), &caret)) {
		have_text = true;
		text = op_at(&caret);
	}
	if (TREE_CODE(t) == TRUTH_NOT_EXPR && text && !strcmp(text, "==")) {
		n = binary_node(IMC_OP_EQ, integer_type_node,
				lower_expr(cx, op),
				const_node(integer_type_node, 0));
		set_tree_range(n, t);
		return n;
	}
	n = new_node(IMC_UNARY, TREE_CODE(t) == TRUTH_NOT_EXPR
					? integer_type_node
					: TREE_TYPE(t));
	n->op = TREE_CODE(t) == NEGATE_EXPR    ? IMC_OP_NEG
		: TREE_CODE(t) == BIT_NOT_EXPR ? IMC_OP_BITNOT
					       : IMC_OP_NOT;
	k = lower_expr(cx, op);
	if (!have_text || (text && !strcmp(text, want))) {
		set_tree_range(n, t);
	} else if (k && k->range.valid) {
		struct cursor b, e;

		if (cur_init(&b, k->range.begin.file, k->range.begin.line,
			     k->range.begin.col) &&
		    cur_init(&e, k->range.end.file, k->range.end.line,
			     k->range.end.col - 1)) {
			struct cursor c = b;

			cur_prev(&c);
			skip_blank_back(&c);
			while (c.ok && cur_ch(&c) == '(') {
				cur_prev(&c);
				skip_blank_back(&c);
			}
			/* `!(x)`: the ')' after the operand belongs to it */
			while (c.ok && cur_ch(&c) == want[0]) {
				struct cursor after = e;

				cur_next(&after);
				skip_blank_fwd(&after);
				if (cur_ch(&after) == ')')
					e = after;
				set_cursor_range(n, &c, &e,
						 (location_t)k->range.fe_begin);
				break;
			}
		}
	}
	add_kid(n, k);
	return n;
}

/* A condition. The `!= 0` GCC adds to make a truth value is recognised
 * wherever it appears (lower_binary), this only says where one is. */
static struct imc_node *lower_cond(struct lower_ctx *cx, tree t)
{
	return lower_expr(cx, t);
}

static struct imc_node *lower_call(struct lower_ctx *cx, tree t)
{
	struct imc_node *n = new_node(IMC_CALL, TREE_TYPE(t));
	const struct imc_type *fntype = NULL;
	tree fn = CALL_EXPR_FN(t);
	int i, nargs = call_expr_nargs(t);

	set_tree_range(n, t);
	if (!fn) {
		n->name = imc_tu_intern(cur_tu,
					internal_fn_name(CALL_EXPR_IFN(t)));
		add_kid(n, NULL);
	} else {
		tree ft = TREE_TYPE(fn);
		tree f = strip_implicit(fn);

		if (ft && POINTER_TYPE_P(ft))
			n->fntype = lower_type(TREE_TYPE(ft));
		if (TREE_CODE(f) == ADDR_EXPR &&
		    TREE_CODE(TREE_OPERAND(f, 0)) == FUNCTION_DECL)
			fntype = decl_type(TREE_OPERAND(f, 0));
		if (TREE_CODE(f) == ADDR_EXPR &&
		    TREE_CODE(TREE_OPERAND(f, 0)) == FUNCTION_DECL &&
		    !addr_is_written(f) && tree_first_char(f) != '(' &&
		    tree_first_char(f) != '*') {
			n->name = imc_tu_intern(cur_tu,
						decl_name(TREE_OPERAND(f, 0)));
			add_kid(n, NULL);
		} else {
			struct imc_node *callee = lower_expr(cx, f);

			if (!fntype && callee && callee->type &&
			    callee->type->kind == IMC_T_PTR)
				fntype = callee->type->pointee;
			add_kid(n, callee);
		}
		if (fntype && fntype->kind == IMC_T_FUNC &&
		    same_shape(fntype, n->fntype)) {
			n->fntype = fntype;
			use_type(n, fntype->ret);
		}
	}
	for (i = 0; i < nargs; i++)
		add_kid(n, lower_expr(cx, CALL_EXPR_ARG(t, i)));
	attach_arg_casts(n);
	return n;
}

static struct imc_node *lower_assign(struct lower_ctx *cx, tree t)
{
	tree lhs = TREE_OPERAND(t, 0), rhs = TREE_OPERAND(t, 1);
	struct imc_node *n;
	const char *text = NULL;
	enum imc_op op;

	if (cx->stmtexpr_slot && lhs == cx->stmtexpr_slot)
		return lower_expr(cx, rhs);
	if (EXPR_HAS_LOCATION(t))
		text = op_at_caret(EXPR_LOCATION(t));
	op = compound_op(text);
	if (!text) {
		/* no source: a shared, non-decl lhs means `x op= y` */
		tree r = strip_all_conversions(rhs);
		const struct op_info *oi =
			r ? binary_op_info(TREE_CODE(r)) : NULL;

		if (oi && !DECL_P(lhs) && TREE_OPERAND(r, 0) == lhs)
			op = oi->op;
	}
	n = new_node(IMC_ASSIGN, TREE_TYPE(t));
	n->op = op;
	set_tree_range(n, t);
	add_kid(n, lower_expr(cx, lhs));
	if (op != IMC_OP_NONE) {
		tree r = strip_all_conversions(rhs);
		const struct op_info *oi =
			r ? binary_op_info(TREE_CODE(r)) : NULL;

		if (oi && TREE_CODE(r) == POINTER_PLUS_EXPR) {
			add_kid(n, unscaled_index(cx, TREE_OPERAND(r, 1),
						  pointee_size(TREE_TYPE(lhs)),
						  op == IMC_OP_SUB));
		} else if (oi) {
			tree a = TREE_OPERAND(r, 0), b = TREE_OPERAND(r, 1);

			if (!same_lvalue(a, lhs, 0) && oi->commutative &&
			    same_lvalue(b, lhs, 0))
				std::swap(a, b);
			if (op == IMC_OP_SUB && TREE_CODE(r) == PLUS_EXPR &&
			    TREE_CODE(b) == INTEGER_CST)
				add_kid(n, const_node(TREE_TYPE(b),
						      -int_cst_value(b)));
			else
				add_kid(n, lower_expr(cx, b));
		} else {
			add_kid(n, lower_expr(cx, rhs));
		}
	} else {
		add_kid(n, attach_after_token(lower_expr(cx, rhs),
					      EXPR_LOCATION(t), "="));
	}
	return n;
}

/* (struct T){ ... }: GCC locates the literal's variable at the '{'. */
static void set_compound_literal_range(struct imc_node *n, tree decl)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	struct cursor open, b, e;
	expanded_location x;

	if (loc <= BUILTINS_LOCATION)
		return;
	if (in_macro(loc)) {
		set_point_loc(n, loc);
		return;
	}
	x = expand_location(loc);
	if (!cur_init(&open, x.file, x.line, x.column) || cur_ch(&open) != '{')
		return;
	e = open;
	b = open;
	cur_prev(&b);
	skip_blank_back(&b);
	if (cur_ch(&b) != ')' || !match_bracket_back(&b) ||
	    !match_bracket_fwd(&e))
		return;
	set_cursor_range(n, &b, &e, loc);
}

static struct imc_node *lower_initlist(struct lower_ctx *cx, tree ctor)
{
	struct imc_node *n = new_node(IMC_INITLIST, TREE_TYPE(ctor));
	unsigned HOST_WIDE_INT i;
	tree index, value;

	FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(ctor), i, index, value)
	{
		if (index && TREE_CODE(index) == FIELD_DECL) {
			struct imc_node *d = imc_node_new(cur_tu, IMC_DESIG,
							  decl_type(index));

			d->name = imc_tu_intern(cur_tu, decl_name(index));
			add_kid(d, lower_expr(cx, value));
			add_kid(n, d);
		} else {
			add_kid(n, lower_expr(cx, value));
		}
	}
	return n;
}

/* ({ ... }): BODY is the BIND_EXPR; SLOT the variable GCC assigns the
 * value to (its last statement is SLOT = value), or NULL. */
static struct imc_node *lower_stmtexpr(struct lower_ctx *cx, tree t, tree body,
				       tree slot, tree type)
{
	struct imc_node *n = new_node(IMC_STMTEXPR, type);
	tree saved = cx->stmtexpr_slot;

	set_tree_range(n, t);
	cx->stmtexpr_slot = slot;
	add_kid(n, body_block(cx, body));
	cx->stmtexpr_slot = saved;
	return n;
}

/* `p->f` is COMPONENT_REF(INDIRECT_REF(p)) with the INDIRECT_REF located
 * at the "->"; `(*p).f` and `p[i].f` have other text there. */
static bool indirect_is_arrow(tree ind)
{
	const char *text = NULL;

	if (EXPR_HAS_LOCATION(ind))
		text = op_at_caret(EXPR_LOCATION(ind));
	if (text)
		return !strcmp(text, "->");
	return TREE_CODE(strip_all_conversions(TREE_OPERAND(ind, 0))) !=
	       POINTER_PLUS_EXPR;
}

static bool is_anon_member(tree field)
{
	return field && TREE_CODE(field) == FIELD_DECL && !DECL_NAME(field) &&
	       RECORD_OR_UNION_TYPE_P(TREE_TYPE(field));
}

static struct imc_node *lower_field(struct lower_ctx *cx, tree t)
{
	tree base = TREE_OPERAND(t, 0), field = TREE_OPERAND(t, 1);
	struct imc_node *n = new_node(IMC_FIELD, TREE_TYPE(t));

	set_tree_range(n, t);
	if (field && TREE_CODE(field) == FIELD_DECL)
		use_type(n, decl_type(field));
	n->name = field && DECL_P(field)
			  ? imc_tu_intern(cur_tu, decl_name(field))
			  : NULL;
	/* map->vaddr goes through the anonymous union: name the member */
	if (!is_anon_member(field))
		while (base && TREE_CODE(base) == COMPONENT_REF &&
		       is_anon_member(TREE_OPERAND(base, 1)))
			base = TREE_OPERAND(base, 0);
	if (base && TREE_CODE(base) == INDIRECT_REF &&
	    indirect_is_arrow(base)) {
		n->arrow = true;
		add_kid(n, lower_expr(cx, TREE_OPERAND(base, 0)));
	} else {
		add_kid(n, lower_expr(cx, base));
	}
	return n;
}

/*
 * fold rebuilds the index arithmetic of p[i + 1] (it becomes part of the
 * byte offset), losing its location and its type: the rebuilt index gets
 * the text between the brackets of INDEX and the promoted type of its
 * first operand.
 */
static void set_index_range(struct imc_node *idx, const struct imc_node *index)
{
	struct cursor e, b;
	const struct imc_type *k0 =
		idx->nkids ? (idx->kids[0] ? idx->kids[0]->type : NULL) : NULL;

	if (!cur_init(&e, index->range.end.file, index->range.end.line,
		      index->range.end.col - 1) ||
	    cur_ch(&e) != ']')
		return;
	b = e;
	if (!match_bracket_back(&b))
		return;
	cur_next(&b);
	skip_blank_fwd(&b);
	cur_prev(&e);
	skip_blank_back(&e);
	set_cursor_range(idx, &b, &e, (location_t)index->range.fe_begin);
	if (idx->kind == IMC_BINARY && k0 && k0->kind == IMC_T_INT)
		idx->type = k0->size >= 4 ? k0 : lower_type(integer_type_node);
}

static struct imc_node *lower_indirect(struct lower_ctx *cx, tree t)
{
	tree p = TREE_OPERAND(t, 0);
	tree ps = strip_implicit(p);
	int first = tree_first_char(t);
	struct imc_node *n;
	bool index;

	if (first)
		index = first != '*';
	else
		index = ps && TREE_CODE(ps) == POINTER_PLUS_EXPR;
	if (!index) {
		n = new_node(IMC_DEREF, TREE_TYPE(t));
		set_tree_range(n, t);
		add_kid(n, lower_expr(cx, p));
		return n;
	}
	n = new_node(IMC_INDEX, TREE_TYPE(t));
	set_tree_range(n, t);
	if (ps && TREE_CODE(ps) == POINTER_PLUS_EXPR) {
		struct imc_node *idx;

		add_kid(n, lower_expr(cx, TREE_OPERAND(ps, 0)));
		idx = unscaled_index(cx, TREE_OPERAND(ps, 1),
				     type_size(TREE_TYPE(t))
					     ? type_size(TREE_TYPE(t))
					     : pointee_size(TREE_TYPE(ps)),
				     false);
		if (idx && !idx->loc.line && idx->kind != IMC_VAR &&
		    idx->kind != IMC_CONST && n->range.valid)
			set_index_range(idx, n);
		add_kid(n, idx);
	} else {
		/* p[0]: the zero offset was folded away */
		add_kid(n, lower_expr(cx, p));
		add_kid(n, const_node(integer_type_node, 0));
	}
	return n;
}

static struct imc_node *lower_addr(struct lower_ctx *cx, tree t)
{
	tree op = TREE_OPERAND(t, 0);
	struct imc_node *n;

	if (!op)
		return new_node(IMC_OTHER, TREE_TYPE(t));
	if (TREE_CODE(op) == STRING_CST)
		return lower_expr(cx, op);
	/* f and &f: the function's name, typed as a pointer to it */
	if (TREE_CODE(op) == FUNCTION_DECL)
		return function_ref(op);
	/* decay of arrays and functions: GCC's ADDR_EXPR, no '&' written */
	if (!addr_is_written(t) &&
	    ((TREE_TYPE(op) && TREE_CODE(TREE_TYPE(op)) == ARRAY_TYPE) ||
	     !EXPR_HAS_LOCATION(t)))
		return lower_expr(cx, op);
	n = new_node(IMC_ADDR, TREE_TYPE(t));
	set_tree_range(n, t);
	add_kid(n, lower_expr(cx, op));
	return n;
}

static struct imc_node *lower_cond_expr(struct lower_ctx *cx, tree t)
{
	struct imc_node *n = new_node(IMC_COND, TREE_TYPE(t));
	struct cursor c;
	bool gnu = false;

	set_tree_range(n, t);
	/* GCC locates ?: at the ':'; `x ?: y` has the '?' right before it */
	if (EXPR_HAS_LOCATION(t) && cursor_at_spelling(EXPR_LOCATION(t), &c) &&
	    cur_ch(&c) == ':') {
		cur_prev(&c);
		skip_blank_back(&c);
		gnu = cur_ch(&c) == '?';
	}
	add_kid(n, lower_cond(cx, TREE_OPERAND(t, 0)));
	add_kid(n, gnu || !TREE_OPERAND(t, 1)
			   ? NULL
			   : lower_expr(cx, TREE_OPERAND(t, 1)));
	add_kid(n,
		TREE_OPERAND(t, 2) ? lower_expr(cx, TREE_OPERAND(t, 2)) : NULL);
	return n;
}

/* Anything else: evaluated for its effects. */
static struct imc_node *lower_other(struct lower_ctx *cx, tree t)
{
	/* asm is a statement: no type */
	struct imc_node *n = new_node(
		IMC_OTHER, TREE_CODE(t) == ASM_EXPR ? NULL_TREE : TREE_TYPE(t));
	int i, len;

	set_tree_range(n, t);
	if (TREE_CODE(t) == ASM_EXPR) {
		tree l;

		n->name = imc_tu_intern(cur_tu, "asm");
		for (l = ASM_OUTPUTS(t); l; l = TREE_CHAIN(l))
			add_kid(n, lower_expr(cx, TREE_VALUE(l)));
		for (l = ASM_INPUTS(t); l; l = TREE_CHAIN(l))
			add_kid(n, lower_expr(cx, TREE_VALUE(l)));
		return n;
	}
	if (!EXPR_P(t))
		return n;
	len = TREE_OPERAND_LENGTH(t);
	for (i = 0; i < len; i++) {
		tree op = TREE_OPERAND(t, i);

		if (op && op != error_mark_node &&
		    (EXPR_P(op) || DECL_P(op) || CONSTANT_CLASS_P(op)))
			add_kid(n, lower_expr(cx, op));
	}
	return n;
}

static const struct imc_type *expr_result(const struct imc_node *blk)
{
	const struct imc_node *last;

	if (!blk || blk->kind != IMC_BLOCK || !blk->nkids)
		return NULL;
	last = blk->kids[blk->nkids - 1];
	return last && last->kind < IMC_BLOCK ? last->type : NULL;
}

static bool has_iomem(const struct imc_type *t)
{
	int guard = 8;

	for (; t && guard-- > 0; t = t->pointee)
		if (t->iomem)
			return true;
	return false;
}

/*
 * The types of the IR come from GCC's trees, which carry no annotations
 * (see "Annotations"): derive them from the operands, as C does.
 */
static void refine_type(struct imc_node *n)
{
	struct imc_node *k0 = imc_kid(n, 0), *k1 = imc_kid(n, 1),
			*k2 = imc_kid(n, 2);
	const struct imc_type *t0 = k0 ? k0->type : NULL;

	switch (n->kind) {
	case IMC_DEREF:
	case IMC_INDEX:
		/* __force marks casts, not the values read through them */
		if (t0 && (t0->kind == IMC_T_PTR || t0->kind == IMC_T_ARRAY) &&
		    t0->pointee) {
			const struct imc_type *pt = t0->pointee;

			if (pt->force) {
				struct imc_type *c = copy_type(pt);

				c->force = false;
				pt = c;
			}
			use_type(n, pt);
		}
		break;
	case IMC_ADDR:
		if (t0 && n->type && n->type->kind == IMC_T_PTR &&
		    n->type->pointee != t0 &&
		    same_shape(n->type->pointee, t0)) {
			struct imc_type *p = copy_type(n->type);

			p->pointee = t0;
			n->type = p;
		}
		break;
	case IMC_ASSIGN:
	case IMC_INCDEC:
		use_type(n, t0);
		break;
	case IMC_BINARY:
		if (n->type && n->type->kind == IMC_T_PTR)
			use_type(n, t0 && t0->kind == IMC_T_PTR ? t0
				    : k1			? k1->type
								: NULL);
		break;
	case IMC_COND:
		if (n->type && n->type->kind == IMC_T_PTR) {
			const struct imc_type *a = k1 ? k1->type : t0;
			const struct imc_type *b = k2 ? k2->type : NULL;

			use_type(n, b && has_iomem(b) && !has_iomem(a) ? b : a);
		}
		break;
	case IMC_COMMA:
		use_type(n, k1 ? k1->type : NULL);
		break;
	case IMC_STMTEXPR:
		use_type(n, expr_result(k0));
		break;
	default:
		break;
	}
}

static struct imc_node *lower_expr(struct lower_ctx *cx, tree t)
{
	static int depth;
	struct imc_node *n;
	const struct op_info *oi;

	if (!t || t == error_mark_node || TREE_CODE(t) == ERROR_MARK)
		return new_node(IMC_OTHER, NULL_TREE);
	if (depth > 2000)
		return new_node(IMC_OTHER, TREE_TYPE(t));
	if (is_conversion(t)) {
		if (!TREE_OPERAND(t, 0))
			return new_node(IMC_OTHER, TREE_TYPE(t));
		if (!is_explicit_cast(t))
			return lower_expr(cx, TREE_OPERAND(t, 0));
		n = lower_cast(t);
		depth++;
		add_kid(n, lower_expr(cx, TREE_OPERAND(t, 0)));
		depth--;
		if (n->kids[0] && n->kids[0]->kind == IMC_CONST &&
		    !n->kids[0]->loc.line) {
			/* a cast of a constant is a constant */
			n->kids[0]->type = n->type;
			return n->kids[0];
		}
		if (n->range.valid) {
			struct cursor b, close, after;

			if (cur_init(&b, n->range.begin.file,
				     n->range.begin.line, n->range.begin.col) &&
			    cast_prefix_at(&b, &close, &after))
				n->kids[0] =
					attach_casts(n->kids[0], &after, 0);
		}
		return n;
	}
	depth++;
	oi = binary_op_info(TREE_CODE(t));
	if (oi && TREE_OPERAND_LENGTH(t) == 2) {
		n = lower_binary(cx, t, oi);
		depth--;
		refine_type(n);
		return attach_own_casts(n);
	}
	switch (TREE_CODE(t)) {
	case VAR_DECL:
	case PARM_DECL:
		n = lower_var_ref(t);
		break;
	case FUNCTION_DECL:
		n = function_ref(t);
		break;
	case CONST_DECL:
		n = DECL_INITIAL(t) && TREE_CODE(DECL_INITIAL(t)) == INTEGER_CST
			    ? const_node(TREE_TYPE(t),
					 int_cst_value(DECL_INITIAL(t)))
			    : new_node(IMC_CONST, TREE_TYPE(t));
		break;
	case INTEGER_CST:
		n = const_node(
			is_sizetype(TREE_TYPE(t)) && tree_fits_shwi_p(t) &&
					int_fits_type_p(t, integer_type_node)
				? integer_type_node
				: TREE_TYPE(t),
			int_cst_value(t));
		break;
	case REAL_CST:
	case FIXED_CST:
	case COMPLEX_CST:
	case VECTOR_CST:
		n = new_node(IMC_CONST, TREE_TYPE(t));
		break;
	case STRING_CST:
		/* no text: the checker has none, and dumps are line based */
		n = new_node(IMC_STR, TREE_TYPE(t));
		break;
	case COMPONENT_REF:
		n = lower_field(cx, t);
		break;
	case INDIRECT_REF:
		n = lower_indirect(cx, t);
		break;
	case ARRAY_REF:
		n = new_node(IMC_INDEX, TREE_TYPE(t));
		set_tree_range(n, t);
		add_kid(n, lower_expr(cx, TREE_OPERAND(t, 0)));
		add_kid(n, lower_expr(cx, TREE_OPERAND(t, 1)));
		break;
	case ADDR_EXPR:
		n = lower_addr(cx, t);
		break;
	case CALL_EXPR:
		n = lower_call(cx, t);
		break;
	case MODIFY_EXPR:
	case INIT_EXPR:
		n = lower_assign(cx, t);
		break;
	case PREINCREMENT_EXPR:
	case PREDECREMENT_EXPR:
	case POSTINCREMENT_EXPR:
	case POSTDECREMENT_EXPR:
		n = new_node(IMC_INCDEC, TREE_TYPE(t));
		n->op = TREE_CODE(t) == PREINCREMENT_EXPR    ? IMC_OP_PREINC
			: TREE_CODE(t) == PREDECREMENT_EXPR  ? IMC_OP_PREDEC
			: TREE_CODE(t) == POSTINCREMENT_EXPR ? IMC_OP_POSTINC
							     : IMC_OP_POSTDEC;
		set_tree_range(n, t);
		add_kid(n, lower_expr(cx, TREE_OPERAND(t, 0)));
		break;
	case NEGATE_EXPR:
	case BIT_NOT_EXPR:
	case TRUTH_NOT_EXPR:
		n = lower_unary(cx, t);
		break;
	case COND_EXPR:
		n = lower_cond_expr(cx, t);
		break;
	case ABS_EXPR: {
		/* fold's x < 0 ? -x : x */
		tree a = TREE_OPERAND(t, 0);

		n = new_node(IMC_COND, TREE_TYPE(t));
		set_tree_range(n, t);
		add_kid(n, binary_node(IMC_OP_LT, integer_type_node,
				       lower_expr(cx, a),
				       const_node(integer_type_node, 0)));
		add_kid(n, negate_node(lower_expr(cx, a), TREE_TYPE(t)));
		add_kid(n, lower_expr(cx, a));
		break;
	}
	case MIN_EXPR:
	case MAX_EXPR: {
		/* fold's a < b ? a : b */
		tree a = TREE_OPERAND(t, 0), b = TREE_OPERAND(t, 1);

		n = new_node(IMC_COND, TREE_TYPE(t));
		set_tree_range(n, t);
		add_kid(n, binary_node(TREE_CODE(t) == MIN_EXPR ? IMC_OP_LT
								: IMC_OP_GT,
				       integer_type_node, lower_expr(cx, a),
				       lower_expr(cx, b)));
		add_kid(n, lower_expr(cx, a));
		add_kid(n, lower_expr(cx, b));
		break;
	}
	case COMPOUND_EXPR: {
		struct imc_node *a, *b;

		/* GCC locates a comma expression at the ',' only */
		n = new_node(IMC_COMMA, TREE_TYPE(t));
		a = lower_expr(cx, TREE_OPERAND(t, 0));
		b = lower_expr(cx, TREE_OPERAND(t, 1));
		set_tree_range(n, t);
		if (a && b && a->range.valid && b->range.valid &&
		    !strcmp(a->range.begin.file, b->range.end.file)) {
			n->range.begin = a->range.begin;
			n->range.end = b->range.end;
			n->range.fe_begin = a->range.fe_begin;
			n->range.fe_end = b->range.fe_end;
			n->range.valid = true;
			n->loc = n->range.begin;
		}
		add_kid(n, a);
		add_kid(n, b);
		break;
	}
	case SAVE_EXPR:
		n = lower_expr(cx, TREE_OPERAND(t, 0));
		break;
	case C_MAYBE_CONST_EXPR:
		n = lower_expr(cx, C_MAYBE_CONST_EXPR_EXPR(t));
		break;
	case TARGET_EXPR: {
		tree init = TARGET_EXPR_INITIAL(t);

		if (init && (TREE_CODE(init) == BIND_EXPR ||
			     TREE_CODE(init) == STATEMENT_LIST))
			n = lower_stmtexpr(cx, t, init, TARGET_EXPR_SLOT(t),
					   TREE_TYPE(t));
		else
			n = lower_expr(cx, init);
		break;
	}
	case BIND_EXPR:
	case STATEMENT_LIST:
		n = lower_stmtexpr(cx, t, t, NULL_TREE, TREE_TYPE(t));
		break;
	case COMPOUND_LITERAL_EXPR: {
		tree decl = COMPOUND_LITERAL_EXPR_DECL(t);

		if (decl && DECL_INITIAL(decl) &&
		    TREE_CODE(DECL_INITIAL(decl)) == CONSTRUCTOR) {
			n = lower_initlist(cx, DECL_INITIAL(decl));
			set_compound_literal_range(n, decl);
		} else if (decl && DECL_INITIAL(decl))
			n = lower_expr(cx, DECL_INITIAL(decl));
		else
			n = new_node(IMC_OTHER, TREE_TYPE(t));
		break;
	}
	case CONSTRUCTOR:
		n = lower_initlist(cx, t);
		break;
	default:
		n = lower_other(cx, t);
		break;
	}
	depth--;
	attach_kid_casts(n);
	refine_type(n);
	return attach_own_casts(n);
}

/* ------------------------------------------------------------------------
 * Statements
 *
 * Normal form (both front ends): the function body and the bodies of
 * IF/WHILE/DO/FOR/SWITCH are always one BLOCK; a nested BLOCK appears only
 * for a braced block that declares something (GCC keeps no other braces);
 * empty statements vanish; labels and case labels are markers followed by
 * their statement in the same BLOCK.
 * ------------------------------------------------------------------------ */

static bool bind_is_braced(tree bind)
{
	struct cursor c;

	if (!EXPR_HAS_LOCATION(bind))
		return true;
	if (!cursor_at_spelling(EXPR_LOCATION(bind), &c))
		return true;
	return cur_ch(&c) == '{';
}

static struct imc_node *stmt_node(enum imc_kind kind, tree t,
				  const char *keyword)
{
	struct imc_node *n = imc_node_new(cur_tu, kind, NULL);

	if (t && EXPR_HAS_LOCATION(t))
		set_stmt_loc(n, EXPR_LOCATION(t), keyword);
	return n;
}

static struct imc_node *body_block(struct lower_ctx *cx, tree t)
{
	struct imc_node *blk = imc_node_new(cur_tu, IMC_BLOCK, NULL);

	if (t && TREE_CODE(t) == BIND_EXPR)
		lower_stmt(cx, BIND_EXPR_BODY(t), blk);
	else
		lower_stmt(cx, t, blk);
	return blk;
}

/* Dropped casts in front of DECL's initializer (after its '='). */
static struct imc_node *attach_init_casts(struct imc_node *n, tree decl)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	struct cursor c;
	expanded_location x;
	int guard = 4096;

	if (loc <= BUILTINS_LOCATION || in_macro(loc))
		return n;
	x = expand_location(loc);
	if (!cur_init(&c, x.file, x.line, x.column))
		return n;
	while (c.ok && guard-- > 0 && cur_ch(&c) != '=') {
		int ch = cur_ch(&c);

		if (ch == ';' || ch == ',' || ch == '{' || ch == ')')
			return n;
		if (ch == '(' || ch == '[') {
			if (!match_bracket_fwd(&c))
				return n;
		}
		cur_next(&c);
	}
	if (cur_ch(&c) != '=')
		return n;
	cur_next(&c);
	skip_blank_fwd(&c);
	return attach_casts(n, &c, 0);
}

static struct imc_node *lower_decl(struct lower_ctx *cx, tree decl)
{
	struct imc_node *n = imc_node_new(cur_tu, IMC_DECL, NULL);
	tree init = DECL_INITIAL(decl);

	n->var = lower_var(decl);
	set_point_loc(n, DECL_SOURCE_LOCATION(decl));
	add_kid(n, init && init != error_mark_node
			   ? attach_init_casts(lower_expr(cx, init), decl)
			   : NULL);
	return n;
}

static bool is_skipped_stmt(tree t)
{
	if (!t || t == error_mark_node)
		return true;
	switch (TREE_CODE(t)) {
	case DEBUG_BEGIN_STMT:
	case PREDICT_EXPR:
		return true;
	case NOP_EXPR: /* build_empty_stmt */
		return VOID_TYPE_P(TREE_TYPE(t)) &&
		       TREE_CODE(TREE_OPERAND(t, 0)) == INTEGER_CST;
	case DECL_EXPR:
		return !VAR_P(DECL_EXPR_DECL(t)) ||
		       DECL_EXTERNAL(DECL_EXPR_DECL(t));
	case SAVE_EXPR: /* a VLA's size, evaluated at its declaration */
		return true;
	case CONVERT_EXPR:
		return VOID_TYPE_P(TREE_TYPE(t)) &&
		       TREE_CODE(TREE_OPERAND(t, 0)) == SAVE_EXPR;
	default:
		return false;
	}
}

/* A location to compare statements by: DECL_EXPR at the name. */
static location_t stmt_location(tree t)
{
	if (TREE_CODE(t) == DECL_EXPR)
		return DECL_SOURCE_LOCATION(DECL_EXPR_DECL(t));
	return EXPR_HAS_LOCATION(t) ? EXPR_LOCATION(t) : UNKNOWN_LOCATION;
}

static bool is_for_init_candidate(tree t)
{
	switch (TREE_CODE(t)) {
	case DECL_EXPR:
		return VAR_P(DECL_EXPR_DECL(t));
	case STATEMENT_LIST:
	case BIND_EXPR:
	case COND_EXPR:
	case WHILE_STMT:
	case DO_STMT:
	case FOR_STMT:
	case SWITCH_STMT:
	case BREAK_STMT:
	case CONTINUE_STMT:
	case CASE_LABEL_EXPR:
	case RETURN_EXPR:
	case GOTO_EXPR:
	case LABEL_EXPR:
	case ASM_EXPR:
		return false;
	default:
		return EXPR_P(t);
	}
}

static void lower_for(struct lower_ctx *cx, tree t, tree *init, int ninit,
		      struct imc_node *blk)
{
	struct imc_node *n = stmt_node(IMC_FOR, t, "for");
	struct imc_node *in = NULL;
	int i;

	if (ninit == 1 && TREE_CODE(init[0]) == DECL_EXPR) {
		in = lower_decl(cx, DECL_EXPR_DECL(init[0]));
	} else if (ninit == 1) {
		in = lower_expr(cx, init[0]);
	} else if (ninit > 1) {
		in = imc_node_new(cur_tu, IMC_BLOCK, NULL);
		for (i = 0; i < ninit; i++)
			lower_stmt(cx, init[i], in);
	} else if (FOR_INIT_STMT(t)) {
		in = lower_expr(cx, FOR_INIT_STMT(t));
	}
	add_kid(n, in);
	add_kid(n, FOR_COND(t) ? lower_cond(cx, FOR_COND(t)) : NULL);
	add_kid(n, FOR_EXPR(t) ? lower_expr(cx, FOR_EXPR(t)) : NULL);
	add_kid(n, body_block(cx, FOR_BODY(t)));
	add_kid(blk, n);
}

/*
 * GCC emits a for loop's init (`i = 0`, or `int i = 0` in a scope of its
 * own) as the statements before the FOR_STMT; they are the ones located
 * after the `for` keyword.
 */
static void lower_stmt_list(struct lower_ctx *cx, tree list,
			    struct imc_node *blk)
{
	auto_vec<tree> stmts;
	tree_stmt_iterator it;
	unsigned i, j;

	for (it = tsi_start(list); !tsi_end_p(it); tsi_next(&it))
		if (!is_skipped_stmt(tsi_stmt(it)))
			stmts.safe_push(tsi_stmt(it));
	for (i = 0; i < stmts.length(); i++) {
		tree s = stmts[i];

		if (is_for_init_candidate(s)) {
			for (j = i; j < stmts.length() &&
				    is_for_init_candidate(stmts[j]);
			     j++)
				;
			if (j < stmts.length() &&
			    TREE_CODE(stmts[j]) == FOR_STMT &&
			    !FOR_INIT_STMT(stmts[j]) &&
			    EXPR_HAS_LOCATION(stmts[j]) &&
			    loc_before(EXPR_LOCATION(stmts[j]),
				       stmt_location(s))) {
				lower_for(cx, stmts[j], &stmts[i], j - i, blk);
				i = j;
				continue;
			}
		}
		lower_stmt(cx, s, blk);
	}
}

static void lower_stmt(struct lower_ctx *cx, tree t, struct imc_node *blk)
{
	struct imc_node *n;

	if (is_skipped_stmt(t))
		return;
	switch (TREE_CODE(t)) {
	case STATEMENT_LIST:
		lower_stmt_list(cx, t, blk);
		return;
	case BIND_EXPR:
		if (bind_is_braced(t)) {
			n = imc_node_new(cur_tu, IMC_BLOCK, NULL);
			lower_stmt(cx, BIND_EXPR_BODY(t), n);
			add_kid(blk, n);
		} else {
			lower_stmt(cx, BIND_EXPR_BODY(t), blk);
		}
		return;
	case DECL_EXPR:
		add_kid(blk, lower_decl(cx, DECL_EXPR_DECL(t)));
		return;
	case COND_EXPR: {
		struct cursor c;

		/* an `if` is located at its '(', a ?: at its ':' */
		if (!VOID_TYPE_P(TREE_TYPE(t)) ||
		    (EXPR_HAS_LOCATION(t) &&
		     cursor_at_spelling(EXPR_LOCATION(t), &c) &&
		     cur_ch(&c) == ':'))
			break;
		n = stmt_node(IMC_IF, t, "if");
		add_kid(n, lower_cond(cx, COND_EXPR_COND(t)));
		add_kid(n, body_block(cx, COND_EXPR_THEN(t)));
		add_kid(n,
			COND_EXPR_ELSE(t) && !is_skipped_stmt(COND_EXPR_ELSE(t))
				? body_block(cx, COND_EXPR_ELSE(t))
				: NULL);
		add_kid(blk, n);
		return;
	}
	case WHILE_STMT:
		n = stmt_node(IMC_WHILE, t, "while");
		add_kid(n, lower_cond(cx, WHILE_COND(t)));
		add_kid(n, body_block(cx, WHILE_BODY(t)));
		add_kid(blk, n);
		return;
	case DO_STMT:
		n = stmt_node(IMC_DO, t, "do");
		add_kid(n, body_block(cx, DO_BODY(t)));
		add_kid(n, lower_cond(cx, DO_COND(t)));
		add_kid(blk, n);
		return;
	case FOR_STMT:
		lower_for(cx, t, NULL, 0, blk);
		return;
	case SWITCH_STMT:
		n = stmt_node(IMC_SWITCH, t, "switch");
		add_kid(n, lower_expr(cx, SWITCH_STMT_COND(t)));
		add_kid(n, body_block(cx, SWITCH_STMT_BODY(t)));
		add_kid(blk, n);
		return;
	case CASE_LABEL_EXPR:
		n = stmt_node(IMC_CASE, t, CASE_LOW(t) ? "case" : "default");
		n->is_default = !CASE_LOW(t);
		if (CASE_LOW(t) && TREE_CODE(CASE_LOW(t)) == INTEGER_CST)
			n->ival = int_cst_value(CASE_LOW(t));
		add_kid(blk, n);
		return;
	case BREAK_STMT:
		add_kid(blk, stmt_node(IMC_BREAK, t, "break"));
		return;
	case CONTINUE_STMT:
		add_kid(blk, stmt_node(IMC_CONTINUE, t, "continue"));
		return;
	case RETURN_EXPR: {
		tree v = TREE_OPERAND(t, 0);

		n = stmt_node(IMC_RETURN, t, "return");
		if (v &&
		    (TREE_CODE(v) == MODIFY_EXPR ||
		     TREE_CODE(v) == INIT_EXPR) &&
		    TREE_CODE(TREE_OPERAND(v, 0)) == RESULT_DECL)
			v = TREE_OPERAND(v, 1);
		add_kid(n, v ? attach_after_token(lower_expr(cx, v),
						  (location_t)n->range.fe_begin,
						  "return")
			     : NULL);
		add_kid(blk, n);
		return;
	}
	case GOTO_EXPR: {
		tree dest = GOTO_DESTINATION(t);

		n = stmt_node(IMC_GOTO, t, "goto");
		if (dest && TREE_CODE(dest) == LABEL_DECL)
			n->name = label_name(dest);
		else
			add_kid(n, lower_expr(cx, dest));
		add_kid(blk, n);
		return;
	}
	case LABEL_EXPR: {
		tree label = LABEL_EXPR_LABEL(t);

		if (!label)
			return;
		n = imc_node_new(cur_tu, IMC_LABEL, NULL);
		set_point_loc(n, DECL_SOURCE_LOCATION(label));
		n->name = label_name(label);
		add_kid(blk, n);
		return;
	}
	/* Loops and switches as c_genericize leaves them: header functions
	 * are lowered after it (see "Functions"). */
	case LOOP_EXPR:
		n = stmt_node(IMC_WHILE, t, NULL);
		add_kid(n, const_node(integer_type_node, 1));
		add_kid(n, body_block(cx, LOOP_EXPR_BODY(t)));
		add_kid(blk, n);
		return;
	case EXIT_EXPR:
		n = stmt_node(IMC_IF, t, NULL);
		add_kid(n, lower_cond(cx, TREE_OPERAND(t, 0)));
		add_kid(n, imc_node_new(cur_tu, IMC_BLOCK, NULL));
		add_kid(n->kids[1], stmt_node(IMC_BREAK, t, NULL));
		add_kid(n, NULL);
		add_kid(blk, n);
		return;
	case SWITCH_EXPR:
		n = stmt_node(IMC_SWITCH, t, NULL);
		add_kid(n, lower_expr(cx, SWITCH_COND(t)));
		add_kid(n, body_block(cx, SWITCH_BODY(t)));
		add_kid(blk, n);
		return;
	default:
		break;
	}
	add_kid(blk, lower_expr(cx, t));
}

/* ------------------------------------------------------------------------
 * Functions
 * ------------------------------------------------------------------------ */

static void ensure_tu(void)
{
	if (cur_tu)
		return;
	cur_tu = imc_tu_new(main_input_filename ? main_input_filename : "");
	deferred = imc_deferred_new();
	next_seq = 0;
	type_cache = new hash_map<tree, struct imc_type *>;
	decl_type_cache = new hash_map<tree, const struct imc_type *>;
}

static struct imc_func *lower_body(tree fndecl, uint32_t seq)
{
	struct lower_ctx cx = {};
	struct imc_func *fn;
	tree parm;

	fn = imc_func_new(cur_tu, decl_name(fndecl));
	fn->seq = seq;
	set_decl_loc(&fn->loc, fndecl);
	fn->type = decl_type(fndecl);
	fn->is_static = !TREE_PUBLIC(fndecl);
	for (parm = DECL_ARGUMENTS(fndecl); parm; parm = DECL_CHAIN(parm))
		if (TREE_CODE(parm) == PARM_DECL)
			imc_func_add_param(cur_tu, fn, lower_var(parm));
	cx.fndecl = fndecl;
	fn->body = body_block(&cx, DECL_SAVED_TREE(fndecl));
	return fn;
}

/* A header function's definition, lowered only if the main file reaches
 * it: by then c_genericize has turned its loops into LOOP_EXPRs and gotos,
 * which lower_stmt reads as well, and the body is kept until the end of
 * the unit (cgraph gimplifies after parsing). */
struct definition {
	tree fndecl;
	uint32_t seq;
};

static struct imc_func *lower_definition(void *handle, void *ctx)
{
	struct definition *d = (struct definition *)handle;

	(void)ctx;
	return lower_body(d->fndecl, d->seq);
}

static bool in_main_file(tree fndecl)
{
	struct imc_loc loc = {};

	set_decl_loc(&loc, fndecl);
	return loc.file && !strcmp(loc.file, imc_tu_main_file(cur_tu));
}

static void lower_function(void *gcc_data, void *user_data)
{
	tree fndecl = (tree)gcc_data;
	struct definition *d;
	uint32_t seq;

	(void)user_data;
	if (!fndecl || fndecl == error_mark_node ||
	    TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_NAME(fndecl))
		return;
	if (!DECL_SAVED_TREE(fndecl) ||
	    DECL_SAVED_TREE(fndecl) == error_mark_node)
		return;
	ensure_tu();
	seq = next_seq++;
	if (!opt_headers && !opt_dump_ir && !in_main_file(fndecl)) {
		d = (struct definition *)imc_tu_alloc(cur_tu, sizeof(*d));
		d->fndecl = fndecl;
		d->seq = seq;
		if (imc_defer(deferred,
			      imc_tu_intern(cur_tu, decl_name(fndecl)), d))
			return;
	}
	imc_lower_callees(deferred, lower_body(fndecl, seq), lower_definition,
			  NULL);
}

/* ------------------------------------------------------------------------
 * Attributes
 *
 * GCC would apply a GNU attribute in the declaration specifiers to the
 * declared entity (`void __iomem *p`: p's type `void *`); sparse means the
 * base type. The handler (which gets the DECL, as no spec requires a type)
 * records the base type's depth as __iomem for that declaration and adds
 * nothing to GCC's trees (see "Annotations"). Attributes in a type name
 * (casts) reach the handler as a type and are read from the cast's text
 * instead; after a '*' (`void * __iomem p`) they are ignored.
 * ------------------------------------------------------------------------ */

static tree handle_sparse_attr(tree *node, tree name, tree args, int flags,
			       bool *no_add_attrs)
{
	tree arg = args ? TREE_VALUE(args) : NULL_TREE;

	(void)flags;
	*no_add_attrs = true;
	if (node && *node && *node != error_mark_node && TYPE_P(*node) &&
	    TREE_CODE(*node) == POINTER_TYPE && is_attribute_p("force", name)) {
		pending_force_type = *node;
		return NULL_TREE;
	}
	if (node && *node && *node != error_mark_node && DECL_P(*node) &&
	    TREE_CODE(*node) == PARM_DECL && is_attribute_p("force", name) &&
	    TREE_TYPE(*node) && TREE_TYPE(*node) != error_mark_node) {
		record_force(*node, declarator_depth(TREE_TYPE(*node)));
		return NULL_TREE;
	}
	if (!node || !*node || *node == error_mark_node || !DECL_P(*node) ||
	    !is_attribute_p("address_space", name) || !is_iomem_space(arg))
		return NULL_TREE;
	if (TREE_TYPE(*node) && TREE_TYPE(*node) != error_mark_node)
		record_iomem(*node, declarator_depth(TREE_TYPE(*node)));
	return NULL_TREE;
}

/* sparse-only attributes that iomemcheck does not read: accepted silently
 * so that checker-mode headers compile. */
static tree handle_ignored_attr(tree *node, tree name, tree args, int flags,
				bool *no_add_attrs)
{
	(void)node;
	(void)name;
	(void)args;
	(void)flags;
	*no_add_attrs = true;
	return NULL_TREE;
}

static struct attribute_spec sparse_attrs[] = {
	/* name, min, max, decl, type, fn type, identity, handler, exclude */
	{"noderef", 0, 0, false, false, false, false, handle_sparse_attr, NULL},
	{"address_space", 1, 1, false, false, false, false, handle_sparse_attr,
	 NULL},
	{"force", 0, 0, false, false, false, false, handle_sparse_attr, NULL},
	{"safe", 0, 0, false, false, false, false, handle_ignored_attr, NULL},
	{"nocast", 0, 0, false, false, false, false, handle_ignored_attr, NULL},
	{"bitwise", 0, 0, false, false, false, false, handle_ignored_attr,
	 NULL},
	{"context", 0, 3, false, false, false, false, handle_ignored_attr,
	 NULL},
};

static bool (*gcc_attribute_takes_identifier_p)(const_tree);

static bool imc_attribute_takes_identifier_p(const_tree id)
{
	if (is_attribute_p("address_space", id))
		return true;
	return gcc_attribute_takes_identifier_p &&
	       gcc_attribute_takes_identifier_p(id);
}

static void register_attributes(void *event_data, void *data)
{
	size_t i;

	(void)event_data;
	(void)data;
	for (i = 0; i < ARRAY_SIZE(sparse_attrs); i++) {
		/* never twice: GCC asserts on duplicates */
		if (lookup_attribute_spec(get_identifier(sparse_attrs[i].name)))
			continue;
		register_attribute(&sparse_attrs[i]);
	}
}

/* ------------------------------------------------------------------------
 * Restoring __iomem and __force in an ordinary compile
 *
 * Without __CHECKER__ the headers `#define __iomem` and `#define __force`
 * empty. When libcpp reports such a definition, the macro's body is swapped
 * for one that expands to the checker-mode spelling (made at the start of
 * the unit from a helper definition). Before every later #define the empty
 * body is put back for the duration of the directive, so that a redefinition
 * is compared with what the header wrote (no new "redefined" warnings).
 * ------------------------------------------------------------------------ */

struct restored_macro {
	const char *name;
	const char *spelling;
	cpp_hashnode *node;
	cpp_macro *attr_macro; /* the checker-mode body */
	cpp_macro *empty_macro; /* what the header defined */
	bool swapped_out; /* empty body in place during a directive */
};

static struct restored_macro restored[] = {
	{"__iomem", "__attribute__((noderef, address_space(__iomem)))", NULL,
	 NULL, NULL, false},
	{"__force", "__attribute__((force))", NULL, NULL, NULL, false},
};

/* Roots: the swapped-out bodies are reachable only from here. */
static const struct ggc_root_tab restore_roots[] = {
	{&restored[0].attr_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	{&restored[0].empty_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	{&restored[1].attr_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	{&restored[1].empty_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	LAST_GGC_ROOT_TAB};

static void (*gcc_cb_define)(cpp_reader *, location_t, cpp_hashnode *);
static void (*gcc_cb_before_define)(cpp_reader *);

static bool is_empty_object_macro(cpp_hashnode *node)
{
	return cpp_macro_p(node) && !cpp_builtin_macro_p(node) &&
	       node->value.macro && !node->value.macro->fun_like &&
	       node->value.macro->count == 0;
}

static void swap_in_attr(struct restored_macro *r)
{
	if (!r->attr_macro || !is_empty_object_macro(r->node))
		return;
	r->empty_macro = r->node->value.macro;
	r->node->value.macro = r->attr_macro;
	r->swapped_out = false;
}

static void restore_before_define(cpp_reader *pfile)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(restored); i++) {
		struct restored_macro *r = &restored[i];

		if (r->node && r->empty_macro && cpp_macro_p(r->node) &&
		    r->node->value.macro == r->attr_macro) {
			r->empty_macro->used |= r->attr_macro->used;
			r->node->value.macro = r->empty_macro;
			r->swapped_out = true;
		}
	}
	if (gcc_cb_before_define)
		gcc_cb_before_define(pfile);
}

static void restore_define(cpp_reader *pfile, location_t loc,
			   cpp_hashnode *node)
{
	size_t i;

	if (gcc_cb_define)
		gcc_cb_define(pfile, loc, node);
	for (i = 0; i < ARRAY_SIZE(restored); i++) {
		struct restored_macro *r = &restored[i];

		if (node == r->node || (r->swapped_out && r->node &&
					r->node->value.macro == r->empty_macro))
			swap_in_attr(r);
	}
}

/* A cpp_macro for SPELLING, made by defining and undefining a helper. */
static cpp_macro *make_macro(const char *name, const char *spelling)
{
	char *def = concat(name, "=", spelling, NULL);
	cpp_hashnode *node;
	cpp_macro *m = NULL;

	cpp_define(parse_in, def);
	free(def);
	node = cpp_lookup(parse_in, (const unsigned char *)name, strlen(name));
	if (node && cpp_macro_p(node))
		m = node->value.macro;
	if (node)
		cpp_undef(parse_in, name);
	return m;
}

static bool restore_started;

static void start_unit(void *event_data, void *data)
{
	cpp_callbacks *cb;
	void (*define)(cpp_reader *, location_t, cpp_hashnode *);
	void (*undef)(cpp_reader *, location_t, cpp_hashnode *);
	size_t i;

	(void)event_data;
	(void)data;
	/* preprocessed input: no #define to restore (the -E that made it
	 * spelled the annotations out), and a helper #define would be read
	 * as a line marker */
	if (!parse_in || restore_started ||
	    cpp_get_options(parse_in)->preprocessed)
		return;
	restore_started = true;
	cb = cpp_get_callbacks(parse_in);
	/* the helpers must not reach -g3's macro debug info */
	define = cb->define;
	undef = cb->undef;
	cb->define = NULL;
	cb->undef = NULL;
	for (i = 0; i < ARRAY_SIZE(restored); i++) {
		struct restored_macro *r = &restored[i];

		r->attr_macro = make_macro("__iomemcheck_restore_helper__",
					   r->spelling);
		r->node = cpp_lookup(parse_in, (const unsigned char *)r->name,
				     strlen(r->name));
	}
	cb->define = define;
	cb->undef = undef;
	gcc_cb_define = cb->define;
	gcc_cb_before_define = cb->before_define;
	cb->define = restore_define;
	cb->before_define = restore_before_define;
	/* defined before the unit started (-D__iomem= on the command line is
	 * processed later, through the callback) */
	for (i = 0; i < ARRAY_SIZE(restored); i++)
		if (restored[i].node)
			swap_in_attr(&restored[i]);
}

/* ------------------------------------------------------------------------
 * Reporting
 * ------------------------------------------------------------------------ */

/* Adds the fix-its of D to RICHLOC; all or none. */
static void add_fixits(rich_location *richloc, const struct imc_finding *d,
		       location_t hint)
{
	auto_vec<location_t> begins, lasts;
	uint32_t k;

	for (k = 0; k < d->nfixits; k++) {
		const struct imc_fixit *x = &d->fixits[k];
		struct imc_loc last = x->end;
		location_t b, l = UNKNOWN_LOCATION;

		if (!x->text || !x->begin.file || !x->end.file ||
		    strcmp(x->begin.file, x->end.file))
			return;
		b = imc_loc_to_gcc(&x->begin, hint);
		if (b == UNKNOWN_LOCATION)
			return;
		if (x->begin.line != x->end.line ||
		    x->begin.col != x->end.col) {
			/* GCC's fix-its replace single-line ranges */
			if (x->begin.line != x->end.line ||
			    x->end.col <= x->begin.col)
				return;
			last.col = x->end.col - 1;
			l = imc_loc_to_gcc(&last, b);
			if (l == UNKNOWN_LOCATION)
				return;
		}
		begins.safe_push(b);
		lasts.safe_push(l);
	}
	for (k = 0; k < d->nfixits; k++) {
		if (lasts[k] == UNKNOWN_LOCATION) {
			richloc->add_fixit_insert_before(begins[k],
							 d->fixits[k].text);
		} else {
			source_range r;

			r.m_start = begins[k];
			r.m_finish = lasts[k];
			richloc->add_fixit_replace(r, d->fixits[k].text);
		}
	}
}

/* With -fplugin-arg-iomemcheck-werror, the findings of the fail-on= rules
 * (all without fail-on=) are errors. */
static bool is_error(const struct imc_finding *d)
{
	unsigned i;

	if (!opt_werror || !opt_fail_on.length())
		return opt_werror;
	for (i = 0; i < opt_fail_on.length(); i++)
		if (imc_rule_in_list(opt_fail_on[i], d->rule))
			return true;
	return false;
}

/*
 * A finding is a warning without a -W option of its own, and -Werror does
 * not make it an error: like sparse under kbuild's C=1, the check must not
 * stop a CONFIG_WERROR build. diagnostic_report_diagnostic() promotes a
 * DK_WARNING without option to DK_ERROR while the context's
 * warning_as_error_requested is set, so it is cleared for our warning
 * alone: the text, the fix-its, -w and -fdiagnostics-format stay GCC's.
 * The werror argument reports errors instead, on purpose.
 */
static void report_finding(const struct imc_finding *d)
{
	location_t loc = imc_loc_to_gcc(&d->loc, (location_t)d->fe_loc);
	enum diagnostics_column_unit unit;
	bool as_error = is_error(d), werror;

	if (loc == UNKNOWN_LOCATION) {
		/* not in the line maps: print it the checker's way */
		if (as_error)
			error_at(UNKNOWN_LOCATION, "%s:%u:%u: %s [%s]",
				 d->loc.file ? d->loc.file : "?", d->loc.line,
				 d->loc.col, d->message, d->rule);
		else
			fprintf(stderr, "%s:%u:%u: warning: %s [%s]\n",
				d->loc.file ? d->loc.file : "?", d->loc.line,
				d->loc.col, d->message, d->rule);
		return;
	}
	rich_location richloc(line_table, loc);
	add_fixits(&richloc, d, loc);
	/* byte columns, like the checker and like the fix-it columns */
	unit = imc_gcc_column_unit();
	imc_gcc_set_column_unit(DIAGNOSTICS_COLUMN_UNIT_BYTE);
	if (as_error) {
		error_at(&richloc, "%s [%s]", d->message, d->rule);
	} else {
		werror = imc_gcc_warning_as_error();
		imc_gcc_set_warning_as_error(false);
		warning_at(&richloc, 0, "%s [%s]", d->message, d->rule);
		imc_gcc_set_warning_as_error(werror);
	}
	imc_gcc_set_column_unit(unit);
}

/* In preprocessed input (-save-temps, gcc -E then a compile of the .i)
 * GCC's columns are those of the preprocessed line, where macros are
 * expanded and blanks collapsed, but the source text is read from the
 * original file: a rewrite would be made of the wrong bytes. */
static void drop_fixits(struct imc_findings *findings)
{
	size_t i;
	uint32_t k;

	for (i = 0; i < findings->n; i++) {
		struct imc_finding *d = &findings->v[i];

		for (k = 0; k < d->nfixits; k++)
			free((char *)d->fixits[k].text);
		free(d->fixits);
		d->fixits = NULL;
		d->nfixits = 0;
	}
}

/*
 * After the analysis, as the checker's imc_finish() does for its run:
 * inline suppressions, the baseline, then GCC's diagnostics and the JSON or
 * SARIF report of the unit (the findings that were reported).
 */
static void report_findings(struct imc_findings *findings)
{
	char err[1024];
	size_t i;

	imc_findings_suppress(findings);
	if (parse_in && cpp_get_options(parse_in)->preprocessed)
		drop_fixits(findings);
	if (opt_baseline &&
	    imc_baseline_filter(opt_baseline, findings, err, sizeof(err)) < 0) {
		error_at(UNKNOWN_LOCATION, "iomemcheck: %s", err);
		return;
	}
	for (i = 0; i < findings->n; i++)
		report_finding(&findings->v[i]);
	if (opt_report &&
	    imc_report_write(opt_report,
			     imc_report_format(opt_report, opt_format),
			     findings, err, sizeof(err)) < 0)
		error_at(UNKNOWN_LOCATION, "iomemcheck: %s", err);
}

/*
 * test-findings=FILE: findings to report instead of the analysis', one per
 * line as `LINE:COL:RULE:MESSAGE` (in the main file), each optionally
 * followed by fix-it lines `fixit LINE:COL-LINE:COL TEXT`. They go through
 * the same suppressions, baseline and reports as the analysis' findings.
 */
static void read_test_file(const char *path, struct imc_findings *out)
{
	FILE *f = fopen(path, "r");
	struct imc_finding *d = NULL;
	char line[1024];

	if (!f) {
		error("iomemcheck: cannot open %s: %m", path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned a, b, c, e;
		int pos = 0;

		line[strcspn(line, "\n")] = 0;
		if (d &&
		    sscanf(line, "fixit %u:%u-%u:%u %n", &a, &b, &c, &e,
			   &pos) == 4 &&
		    pos) {
			struct imc_fixit *x;

			d->fixits = XRESIZEVEC(struct imc_fixit, d->fixits,
					       d->nfixits + 1);
			x = &d->fixits[d->nfixits++];
			x->begin.file = x->end.file = d->loc.file;
			x->begin.line = a;
			x->begin.col = b;
			x->end.line = c;
			x->end.col = e;
			x->text = xstrdup(line + pos);
			continue;
		}
		if (sscanf(line, "%u:%u:%n", &a, &b, &pos) == 2 && pos) {
			char *rule = line + pos, *msg = strchr(rule, ':');

			if (!msg)
				continue;
			*msg++ = 0;
			if (out->n == out->cap) {
				out->cap = out->cap ? 2 * out->cap : 8;
				out->v = XRESIZEVEC(struct imc_finding, out->v,
						    out->cap);
			}
			d = &out->v[out->n++];
			memset(d, 0, sizeof(*d));
			d->loc.file = imc_tu_main_file(cur_tu);
			d->loc.line = a;
			d->loc.col = b;
			d->rule = imc_tu_intern(cur_tu, rule);
			d->message = xstrdup(msg);
		}
	}
	fclose(f);
}

/* An installed plugin (PREFIX/lib/iomemcheck/iomemcheck.so) finds its rules
 * in PREFIX/share/iomemcheck/rules, wherever PREFIX ended up. */
static void rules_beside_plugin(const char *so)
{
	char dir[4096];
	const char *slash = so ? strrchr(so, '/') : NULL;
	struct stat st;

	if (!slash || getenv("IOMEMCHECK_RULES_DIR"))
		return;
	snprintf(dir, sizeof(dir), "%.*s/../../share/iomemcheck/rules",
		 (int)(slash - so), so);
	if (!stat(dir, &st) && S_ISDIR(st.st_mode))
		setenv("IOMEMCHECK_RULES_DIR", dir, 0);
}

static struct imc_rules *load_rules(void)
{
	struct imc_rules *rules;
	char err[512];
	unsigned i;

	rules = imc_rules_new();
	err[0] = 0;
	if (imc_rules_load_default(rules, err, sizeof(err)) < 0)
		error("iomemcheck: %s", err);
	for (i = 0; i < opt_rules.length(); i++) {
		err[0] = 0;
		if (imc_rules_load_file(rules, opt_rules[i], err, sizeof(err)) <
		    0)
			error("iomemcheck: %s", err);
	}
	if (imc_rules_check_api(rules, opt_api, err, sizeof(err)) < 0)
		error("iomemcheck: %<-fplugin-arg-%s-api%>: %s", plugin_name, err);
	return rules;
}

static void finish_unit(void *event_data, void *data)
{
	struct imc_options opts = {};
	struct imc_findings findings = {};
	struct imc_rules *rules;

	(void)event_data;
	(void)data;
	if (unit_done || flag_preprocess_only)
		return;
	unit_done = true;
	if (!cur_tu && !opt_test_findings) {
		/* No function: nothing to check, but a bad rules file is still
		 * an error, as it is for the checker. */
		if (!seen_error() && (rules = load_rules()))
			imc_rules_free(rules);
		if (!seen_error())
			report_findings(&findings);
		return;
	}
	ensure_tu();
	imc_tu_sort_funcs(cur_tu);
	if (opt_dump_ir)
		imc_tu_dump(cur_tu, stderr);
	if (opt_test_findings) {
		read_test_file(opt_test_findings, &findings);
		report_findings(&findings);
		imc_findings_free(&findings);
	} else if (!seen_error()) {
		rules = load_rules();
		if (!seen_error()) {
			opts.report_headers = opt_headers;
			opts.cast_to_as = opt_cast_to_as;
			opts.api = opt_api;
			imc_analyze(cur_tu, rules, &opts, &findings);
			report_findings(&findings);
			imc_findings_free(&findings);
		}
		if (rules)
			imc_rules_free(rules);
	}
	delete type_cache;
	delete decl_type_cache;
	type_cache = NULL;
	decl_type_cache = NULL;
	imc_tu_free(cur_tu);
	cur_tu = NULL;
	imc_deferred_free(deferred);
	deferred = NULL;
	src_free();
}

/* ------------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------------ */

/* fail-on= names rules of the catalogue (a typo would fail nothing), and
 * the report's format is known before anything is compiled. */
static void check_policy_args(void)
{
	char err[256];
	unsigned i;

	for (i = 0; i < opt_fail_on.length(); i++)
		if (imc_rule_list_check(opt_fail_on[i], err, sizeof(err)) < 0)
			error(G_("%<-fplugin-arg-%s-fail-on%>: %s (see "
				 "%<iomemcheck --list-rules%>)"),
			      plugin_name, err);
	if (opt_format && imc_report_format("", opt_format) < 0)
		error(G_("%<-fplugin-arg-%s-format%>: %qs is not json or "
			 "sarif"),
		      plugin_name, opt_format);
	else if (opt_report && imc_report_format(opt_report, opt_format) < 0)
		error(G_("%<-fplugin-arg-%s-report%>: %qs: name a %<.json%> or "
			 "%<.sarif%> file, or give %<-fplugin-arg-%s-format%>"),
		      plugin_name, opt_report, plugin_name);
	else if (opt_format && !opt_report)
		error(G_("%<-fplugin-arg-%s-format%> without "
			 "%<-fplugin-arg-%s-report%>"),
		      plugin_name, plugin_name);
}

__visible int plugin_init(struct plugin_name_args *plugin_info,
			  struct plugin_gcc_version *version)
{
	int i;

	plugin_name = plugin_info->base_name;
	rules_beside_plugin(plugin_info->full_name);
	if (!plugin_default_version_check(version, &gcc_version)) {
		error(G_("incompatible gcc/plugin versions"));
		return 1;
	}
	for (i = 0; i < plugin_info->argc; i++) {
		const char *key = plugin_info->argv[i].key;
		const char *value = plugin_info->argv[i].value;

		if (!strcmp(key, "rules") && value && *value) {
			opt_rules.safe_push(value);
		} else if (!strcmp(key, "dump-ir") && !value) {
			opt_dump_ir = true;
		} else if (!strcmp(key, "headers") && !value) {
			opt_headers = true;
		} else if (!strcmp(key, "cast-to-as") && !value) {
			opt_cast_to_as = true;
		} else if (!strcmp(key, "no-cast-to-as") && !value) {
			opt_cast_to_as = false;
		} else if (!strcmp(key, "test-findings") && value && *value) {
			opt_test_findings = value;
		} else if (!strcmp(key, "api") && value && *value) {
			opt_api = value;
		} else if (!strcmp(key, "werror") && !value) {
			opt_werror = true;
		} else if (!strcmp(key, "fail-on") && value && *value) {
			opt_fail_on.safe_push(value);
		} else if (!strcmp(key, "baseline") && value && *value) {
			opt_baseline = value;
		} else if (!strcmp(key, "report") && value && *value) {
			opt_report = value;
		} else if (!strcmp(key, "format") && value && *value) {
			opt_format = value;
		} else if (!strcmp(key, "rules") || !strcmp(key, "api") ||
			   !strcmp(key, "test-findings") ||
			   !strcmp(key, "fail-on") ||
			   !strcmp(key, "baseline") || !strcmp(key, "report") ||
			   !strcmp(key, "format")) {
			error(G_("option %<-fplugin-arg-%s-%s%> needs a value"),
			      plugin_name, key);
		} else if (!strcmp(key, "dump-ir") || !strcmp(key, "headers") ||
			   !strcmp(key, "cast-to-as") ||
			   !strcmp(key, "no-cast-to-as") ||
			   !strcmp(key, "werror")) {
			error(G_("option %<-fplugin-arg-%s-%s%> takes no "
				 "value"),
			      plugin_name, key);
		} else {
			error(G_("unknown option %<-fplugin-arg-%s-%s%>"),
			      plugin_name, key);
		}
	}

	check_policy_args();

	/* C only: in cc1plus and the other front ends the plugin does
	 * nothing (a build's CFLAGS may reach a C++ compile) */
	if (strncmp(lang_hooks.name, "GNU C", 5) || lang_hooks.name[5] == '+')
		return 0;

	decl_annots = new hash_map<tree, struct annot>;
	fnptr_annots = new hash_map<tree, struct fnptr_annot>;
	name_annots = new hash_map<tree, uint32_t>;
	gcc_attribute_takes_identifier_p = targetm.attribute_takes_identifier_p;
	targetm.attribute_takes_identifier_p = imc_attribute_takes_identifier_p;

	register_callback(plugin_name, PLUGIN_INFO, NULL,
			  &iomemcheck_plugin_info);
	if (flag_preprocess_only) {
		/* -E (-save-temps, distcc, ccache): no unit is compiled, but
		 * the output must carry the annotations the compile of it will
		 * read, so restore them from the main file's first line on,
		 * where PLUGIN_START_UNIT would. */
		register_callback(plugin_name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
				  (void *)restore_roots);
		register_callback(plugin_name, PLUGIN_INCLUDE_FILE, start_unit,
				  NULL);
		return 0;
	}
	register_callback(plugin_name, PLUGIN_ATTRIBUTES, register_attributes,
			  NULL);
	register_callback(plugin_name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
			  (void *)restore_roots);
	register_callback(plugin_name, PLUGIN_START_UNIT, start_unit, NULL);
	register_callback(plugin_name, PLUGIN_FINISH_DECL, finish_decl, NULL);
	register_callback(plugin_name, PLUGIN_START_PARSE_FUNCTION,
			  start_parse_function, NULL);
	register_callback(plugin_name, PLUGIN_PRE_GENERICIZE, lower_function,
			  NULL);
	/* FINISH_UNIT is skipped with -fsyntax-only and after errors */
	register_callback(plugin_name, PLUGIN_FINISH_UNIT, finish_unit, NULL);
	register_callback(plugin_name, PLUGIN_FINISH, finish_unit, NULL);
	return 0;
}
