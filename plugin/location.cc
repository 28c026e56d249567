// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: GCC locations to IR locations and ranges, and back.
 */
#include "internal.h"

/* ------------------------------------------------------------------------
 * Locations
 * ------------------------------------------------------------------------ */

bool in_macro(location_t loc)
{
	return loc > BUILTINS_LOCATION &&
	       linemap_location_from_macro_expansion_p(line_table, loc);
}

location_t expansion_point(location_t loc)
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
bool cursor_at_spelling(location_t loc, struct cursor *c)
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
const char *op_at_caret(location_t loc)
{
	struct cursor c;

	if (!cursor_at_spelling(loc, &c))
		return NULL;
	return op_at(&c);
}

void set_loc(struct imc_loc *l, const expanded_location &x)
{
	/* GCC hands out the same file name string for a whole file: intern
	 * it once, not once per node. */
	struct imc_plugin *pl = plugin();

	if (x.file && (x.file != pl->unit.gcc_file ||
		       pl->unit.tu != pl->unit.interned_tu)) {
		pl->unit.gcc_file = x.file;
		pl->unit.interned_tu = pl->unit.tu;
		pl->unit.interned_file = imc_tu_intern(pl->unit.tu, x.file);
	}
	l->file = x.file ? pl->unit.interned_file : NULL;
	l->line = x.line;
	l->col = x.column;
}

/*
 * Sets the report location of N to LOC (macro: its expansion point), with
 * no range: for statements, declarations and nodes whose GCC range is not
 * the source's.
 */
void set_point_loc(struct imc_node *n, location_t loc)
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

/* Moves B and E (the first and last byte of an expression's text) inside
 * the parentheses around the whole expression: (expr) -> expr, but not
 * ({ ... }). */
void strip_parens(struct cursor *b, struct cursor *e)
{
	int guard = 16;

	while (guard-- > 0 && cur_ch(b) == '(' && cur_ch(e) == ')') {
		struct cursor m = *b, in = *b, out = *e;

		if (!match_bracket_fwd(&m) || !cur_same(&m, e))
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
		*b = in;
		*e = out;
	}
}

/* The outermost macro expansion LOC is part of (LOC in a macro). */
static const line_map_macro *outermost_map(location_t loc)
{
	const line_map_macro *map = NULL;
	int guard = 256;

	while (guard-- > 0 && in_macro(loc)) {
		map = linemap_check_macro(linemap_lookup(line_table, loc));
		loc = get_pure_location(
			MACRO_MAP_EXPANSION_POINT_LOCATION(map));
	}
	return map;
}

/* Where the token at LOC, a token of a macro's arguments, is spelled; a
 * token of a macro's definition gives none. */
static bool arg_token_spelling(location_t loc, expanded_location *x)
{
	loc = get_pure_location(loc);
	if (linemap_location_from_macro_definition_p(line_table, loc))
		return false;
	loc = linemap_resolve_location(line_table, loc, LRK_SPELLING_LOCATION,
				       NULL);
	if (loc <= BUILTINS_LOCATION || in_macro(loc))
		return false;
	*x = expand_location(loc);
	return x->file && file_is_real(x->file);
}

/* Past the token at C (an identifier or number as a whole, else one
 * character); false at a literal, whose end a cursor cannot tell. */
static bool past_token(struct cursor *c)
{
	if (cur_ch(c) == '"' || cur_ch(c) == '\'' || cur_ch(c) == '\n')
		return false;
	if (!is_ident_char(cur_ch(c)))
		return cur_next(c);
	while (c->ok && is_ident_char(cur_ch(c)))
		cur_next(c);
	return c->ok;
}

/* The definitions of the function-like macros whose arguments the token
 * at LOC passed through, for core/fix/fixit.c to read. */
static void put_macro_defs(location_t loc)
{
	int guard = 256;

	loc = get_pure_location(loc);
	while (guard-- > 0 && in_macro(loc)) {
		const line_map_macro *map =
			linemap_check_macro(linemap_lookup(line_table, loc));
		const unsigned char *def;

		if (parse_in && map->macro &&
		    cpp_fun_like_macro_p(map->macro) &&
		    (def = cpp_macro_definition(parse_in, map->macro)))
			imc_tu_put_macro_def(
				plugin()->unit.tu,
				(const char *)NODE_NAME(map->macro),
				(const char *)def);
		loc = linemap_macro_map_loc_unwind_toward_spelling(line_table,
								   map, loc);
	}
}

/* The token before or after (DIR -1, 1) LOC in its macro expansion. */
static location_t next_in_expansion(location_t loc, int dir)
{
	const line_map_macro *map =
		linemap_check_macro(linemap_lookup(line_table, loc));
	location_t idx = loc - MAP_START_LOCATION(map);

	if (dir < 0 ? idx == 0 : idx + 1 >= MACRO_MAP_NUM_MACRO_TOKENS(map))
		return UNKNOWN_LOCATION;
	return dir < 0 ? loc - 1 : loc + 1;
}

static bool definition_char(location_t loc, int ch)
{
	struct cursor c;

	return linemap_location_from_macro_definition_p(line_table, loc) &&
	       cursor_at_spelling(loc, &c) && cur_ch(&c) == ch;
}

/* The first character of the token at LOC, wherever it is spelled. */
static int token_char(location_t loc)
{
	struct cursor c;

	return cursor_at_spelling(loc, &c) ? cur_ch(&c) : 0;
}

/*
 * A call whose name (at CALL) is spelled in a macro's definition, its
 * arguments in that definition the macro's own arguments, as arm64's
 * `#define memcpy_toio(c,a,l) __memcpy_toio((c),(a),(l))`: where each of
 * its first NARGS arguments starts in the text the macro was given (the
 * file), when the argument is one of the macro's arguments, in
 * parentheses of the definition or not; STARTS[i].ok false otherwise.
 */
void macro_call_arg_starts(location_t call, uint32_t nargs,
			   struct cursor *starts)
{
	location_t loc = get_pure_location(call);
	uint32_t arg = 0;
	bool leading = true;
	int depth = 0, guard = 100000;

	memset(starts, 0, nargs * sizeof(*starts));
	if (!in_macro(loc) || !nargs)
		return;
	loc = next_in_expansion(loc, 1);
	if (loc <= BUILTINS_LOCATION || !definition_char(loc, '('))
		return;
	while (guard-- > 0 && arg < nargs &&
	       (loc = next_in_expansion(loc, 1)) > BUILTINS_LOCATION) {
		int ch = token_char(loc);
		expanded_location x;

		if (depth == 0 && (ch == ',' || ch == ')')) {
			if (ch == ')')
				return;
			arg++;
			leading = true;
			continue;
		}
		if (leading && arg_token_spelling(loc, &x)) {
			cur_init(&starts[arg], x.file, x.line, x.column);
			leading = false;
		} else if (leading && !definition_char(loc, '(')) {
			leading = false; /* `x + (c)`: not the argument whole */
		}
		if (ch == '(' || ch == '[' || ch == '{')
			depth++;
		else if (ch == ')' || ch == ']' || ch == '}')
			depth--;
	}
}

/* GCC's range of an operand the definition puts in parentheses, `(x)` of
 * `#define TO_CPU(x) ((u32)(x))`, takes them in: steps inside. */
static void strip_definition_parens(source_range *r)
{
	int guard = 8;

	r->m_start = get_pure_location(r->m_start);
	r->m_finish = get_pure_location(r->m_finish);
	while (guard-- > 0 && in_macro(r->m_start) && in_macro(r->m_finish) &&
	       definition_char(r->m_start, '(') &&
	       definition_char(r->m_finish, ')')) {
		location_t b = next_in_expansion(r->m_start, 1);
		location_t e = next_in_expansion(r->m_finish, -1);

		if (b <= BUILTINS_LOCATION || e <= BUILTINS_LOCATION)
			return;
		r->m_start = b;
		r->m_finish = e;
	}
}

/* LOC, or the token before it in its expansion when LOC is a padding token
 * libcpp put there (one spelled nowhere: the avoid-paste padding after a
 * nested macro's argument). GCC ends the range of an expression that is
 * the argument of a macro inside another's argument (`W(le32_to_cpu(x))`)
 * at that padding, not at the argument's last token. */
static location_t past_padding_back(location_t loc)
{
	int guard = 4;

	loc = get_pure_location(loc);
	while (guard-- > 0 && in_macro(loc) &&
	       linemap_resolve_location(line_table, loc, LRK_SPELLING_LOCATION,
					NULL) <= BUILTINS_LOCATION) {
		location_t prev = next_in_expansion(loc, -1);

		if (prev <= BUILTINS_LOCATION)
			break;
		loc = prev;
	}
	return loc;
}

/*
 * N's range R is in a macro expansion: when both its ends are tokens of
 * the macro's arguments spelled in the file it expands in, their spelling
 * goes to arg_begin/arg_end and the outermost macro's definition to the
 * TU, for fix-its there (core/fix/fixit.c checks the rest).
 */
static void set_arg_range(struct imc_node *n, source_range r)
{
	const line_map_macro *map;
	expanded_location s, f, at;
	struct cursor e;

	strip_definition_parens(&r);
	r.m_finish = past_padding_back(r.m_finish);
	map = outermost_map(r.m_start);
	at = expand_location(expansion_point(r.m_start));
	if (getenv("IMC_DEBUG_FIX")) {
		bool sb = arg_token_spelling(r.m_start, &s),
		     fb = arg_token_spelling(r.m_finish, &f);
		fprintf(stderr,
			"DEBUG set_arg_range: map=%p/%p s=%d %d:%d f=%d "
			"%d:%d\n",
			(const void *)map,
			(const void *)outermost_map(r.m_finish), sb,
			sb ? s.line : 0, sb ? s.column : 0, fb, fb ? f.line : 0,
			fb ? f.column : 0);
	}

	if (!map || map != outermost_map(r.m_finish) ||
	    !arg_token_spelling(r.m_start, &s) ||
	    !arg_token_spelling(r.m_finish, &f) || !at.file ||
	    strcmp(s.file, at.file) || strcmp(f.file, at.file) ||
	    !cur_init(&e, f.file, f.line, f.column) || !past_token(&e) ||
	    e.line < s.line || (e.line == s.line && e.col <= s.column))
		return;
	set_loc(&n->arg_begin, s);
	f.line = e.line;
	f.column = e.col;
	set_loc(&n->arg_end, f);
	put_macro_defs(r.m_start);
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

	if (loc <= BUILTINS_LOCATION)
		return;
	r = get_range_from_loc(line_table, loc);
	if (r.m_start <= BUILTINS_LOCATION)
		r.m_start = get_pure_location(loc);
	if (r.m_finish <= BUILTINS_LOCATION)
		r.m_finish = r.m_start;
	if (in_macro(r.m_start) || in_macro(r.m_finish)) {
		set_point_loc(n, r.m_start);
		set_arg_range(n, r);
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
		strip_parens(&b, &e);
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
void set_cursor_range(struct imc_node *n, const struct cursor *b,
		      const struct cursor *e, location_t base)
{
	if (!b->ok || !e->ok || b->line > e->line ||
	    (b->line == e->line && b->col > e->col))
		return;
	n->range.begin.file = n->range.end.file =
		imc_tu_intern(plugin()->unit.tu, b->file);
	n->range.begin.line = b->line;
	n->range.begin.col = b->col;
	n->range.end.line = e->line;
	n->range.end.col = e->col + utf8_len(cur_ch(e));
	n->range.valid = true;
	n->range.fe_begin = loc_in_file(base, b->line, b->col);
	n->range.fe_end = loc_in_file(base, e->line, e->col);
	n->loc = n->range.begin;
}

void set_tree_range(struct imc_node *n, tree t)
{
	if (t && CAN_HAVE_LOCATION_P(t) && EXPR_HAS_LOCATION(t))
		set_expr_range(n, EXPR_LOCATION(t));
}

/* The begin of T's source range as a cursor (parentheses stripped). */
bool tree_begin_cursor(tree t, struct cursor *c)
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
int tree_first_char(tree t)
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
bool loc_before(location_t a, location_t b)
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
void set_stmt_loc(struct imc_node *n, location_t loc, const char *keyword)
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
location_t lookup_loc(const char *file, int line, int col)
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

/* The location_t of (line, col) in the file of BASE. */
location_t loc_in_file(location_t base, int line, int col)
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
location_t imc_loc_to_gcc(const struct imc_loc *l, location_t hint)
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
