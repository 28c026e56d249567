// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: explicit casts, and the casts GCC dropped, recovered from the
 * source text.
 */
#include "internal.h"

bool is_conversion(tree t)
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

tree strip_all_conversions(tree t)
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
bool is_explicit_cast(tree t)
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

/* The marks of the cast type name from OPEN to CLOSE (its parentheses),
 * read by the core's imc_cast_marks() as the checker reads them. */
static void cursor_cast_marks(const struct cursor *open,
			      const struct cursor *close, uint32_t *iomem,
			      uint32_t *force)
{
	char text[4096];
	size_t len = cur_copy(*open, close, text, sizeof(text));

	*iomem = *force = 0;
	if (len)
		imc_cast_marks(text, len, iomem, force);
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

	*iomem = *force = 0;
	if (!cursor_at_spelling(EXPR_LOCATION(t), &c) || cur_ch(&c) != '(')
		return;
	end = c;
	if (match_bracket_fwd(&end))
		cursor_cast_marks(&c, &end, iomem, force);
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
		struct imc_type *p = imc_type_new(plugin()->unit.tu, IMC_T_PTR);

		p->size = POINTER_SIZE / BITS_PER_UNIT;
		p->pointee = t;
		t = p;
	}
	return t;
}

struct imc_node *lower_cast(tree t)
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
	n = imc_node_new(plugin()->unit.tu, IMC_CAST, it);
	n->explicit_cast = true;
	n->force = force != 0;
	set_tree_range(n, t);
	return n;
}

/* If the text at START is a cast prefix `(type-name)` followed by an
 * operand, sets CLOSE to its ')' and AFTER to the operand's start. */
bool cast_prefix_at(const struct cursor *start, struct cursor *close,
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

static bool node_begins_at(const struct imc_node *n, const struct cursor *c)
{
	return n && n->range.valid && c->ok &&
	       n->range.begin.line == (uint32_t)c->line &&
	       n->range.begin.col == (uint32_t)c->col &&
	       !strcmp(n->range.begin.file, c->file);
}

/* N is the operand whose text starts at START (START's own text may be
 * a cast GCC dropped): returns N, or the recovered cast around it. */
static void locate_macro_casts(struct imc_node *c, struct imc_node *n,
			       location_t loc);

/* If the text at START is the name of a function-like macro whose body is
 * a cast expression, sets B to the body's first byte (inside parentheses
 * around all of it) and USE to START's location. */
static bool macro_body_at(const struct cursor *start, struct cursor *b,
			  location_t *use)
{
	struct cursor c = *start, e, s;
	cpp_hashnode *node;
	cpp_macro *m;
	char name[64];

	if (!parse_in || !is_ident_char(cur_ch(&c)) || ISDIGIT(cur_ch(&c)))
		return false;
	while (is_ident_char(cur_peek(&c, 1)))
		cur_next(&c);
	if (!ident_ending_at(&c, &s, name, sizeof(name)))
		return false;
	node = cpp_lookup(parse_in, (const unsigned char *)name, strlen(name));
	if (!node || !cpp_macro_p(node) || cpp_builtin_macro_p(node))
		return false;
	m = node->value.macro;
	if (!m || m->kind != cmk_macro || !m->fun_like || m->count < 2 ||
	    !cursor_at_spelling(m->exp.tokens[0].src_loc, b) ||
	    !cursor_at_spelling(m->exp.tokens[m->count - 1].src_loc, &e))
		return false;
	strip_parens(b, &e);
	*use = lookup_loc(start->file, start->line, start->col);
	return cur_ch(b) == '(';
}

/*
 * `IO_TO_PLAIN(base)` with `#define IO_TO_PLAIN(p) ((void __force *)(p))`:
 * a variable has no location of its own, so no GCC range leads into the
 * definition (attach_macro_casts()); the text where the operand starts
 * names the macro, and its body is read from the definition.
 */
static struct imc_node *attach_var_macro_casts(struct imc_node *n,
					       const struct cursor *start)
{
	struct cursor b;
	struct imc_node *c;
	location_t use;

	if (n->kind != IMC_VAR || n->loc.line ||
	    !macro_body_at(start, &b, &use))
		return n;
	c = attach_casts(n, &b, 1);
	locate_macro_casts(c, n, use);
	return c;
}

static bool var_named_at(const struct imc_node *n, const struct cursor *c)
{
	return n && n->kind == IMC_VAR && n->var && n->var->name &&
	       cur_looking_at(c, n->var->name);
}

/*
 * `(void *)addr + 0x7ffc00UL` with an integer addr (linux-6.1 sparc64 fbdev,
 * atyfb_base.c and ffb.c): fold makes it the integer sum `(sizetype)addr +
 * 0x7ffc00` converted to the pointer, and may put the operands the other
 * way round. The cast recovered in front of the sum N (at START) casts the
 * integer written first to the pointer type it spells, and the sum is that
 * pointer's arithmetic, as the checker (and sparse) see it.
 */
static struct imc_node *int_cast_pointer_sum(struct imc_node *n,
					     const struct cursor *start)
{
	struct imc_node *cast = imc_kid(n, 0), *x, *off;
	struct cursor close, after;
	const struct imc_type *pt;
	uint32_t iomem, force;
	uint64_t size;

	if (n->kind != IMC_BINARY || n->nkids != 2 ||
	    (n->op != IMC_OP_ADD && n->op != IMC_OP_SUB) || !n->type ||
	    n->type->kind != IMC_T_INT || !cast || cast->kind != IMC_CAST ||
	    !cast->explicit_cast || cast->nkids != 1 ||
	    !cast_prefix_at(start, &close, &after))
		return n;
	pt = type_of_type_name(*start, &close);
	if (!pt || pt->kind != IMC_T_PTR)
		return n;
	x = cast->kids[0];
	off = n->kids[1];
	/* an integer cast to a pointer, plus an integer: not `p - q` */
	if (!x || !x->type || x->type->kind != IMC_T_INT || !off ||
	    !off->type || off->type->kind != IMC_T_INT)
		return n;
	if (n->op == IMC_OP_ADD && !var_named_at(x, &after) &&
	    var_named_at(off, &after)) {
		cast->kids[0] = off;
		n->kids[1] = off = x;
	}
	cursor_cast_marks(start, &close, &iomem, &force);
	cast->type =
		mark_type(mark_type(pt, iomem, MARK_IOMEM), force, MARK_FORCE);
	n->type = mark_type(pt, iomem, MARK_IOMEM);
	/* GCC scaled a constant offset to bytes */
	size = pt->pointee && pt->pointee->size ? pt->pointee->size : 1;
	if (off && off->kind == IMC_CONST && !off->loc.line && size > 1 &&
	    off->ival % (int64_t)size == 0)
		off->ival /= (int64_t)size;
	return n;
}

struct imc_node *attach_casts(struct imc_node *n, const struct cursor *start,
			      int depth)
{
	struct cursor close, after, last;
	struct imc_node *c;
	uint32_t iomem = 0, force = 0;

	if (!n || !start->ok || depth > 4)
		return n;
	if (depth == 0 && (c = attach_var_macro_casts(n, start)) != n)
		return c;
	if (!cast_prefix_at(start, &close, &after))
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
		return int_cast_pointer_sum(n, start);
	case IMC_BLOCK:
	case IMC_INITLIST:
	case IMC_STMTEXPR:
		return n;
	default:
		break;
	}
	/* the marks, as for a kept cast */
	cursor_cast_marks(start, &close, &iomem, &force);
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
		c = imc_node_new(plugin()->unit.tu, IMC_CAST, ct);
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

/* Dropped casts in front of the arguments of the call N, whose argument
 * list starts at C ('('). In a macro (USE: its expansion point) the casts
 * are located there, as N is. */
static void attach_list_casts(struct imc_node *n, struct cursor c,
			      location_t use)
{
	uint32_t i;

	skip_blank_fwd(&c);
	if (cur_ch(&c) != '(')
		return;
	for (i = IMC_CALL_ARG0; i < n->nkids; i++) {
		struct cursor start;
		struct imc_node *kid = n->kids[i];

		cur_next(&c);
		skip_blank_fwd(&c);
		start = c;
		if (!next_list_sep(&c))
			return;
		n->kids[i] = attach_casts(kid, &start, 0);
		if (use != UNKNOWN_LOCATION)
			locate_macro_casts(n->kids[i], kid, use);
		if (cur_ch(&c) == ')')
			return;
	}
}

/* The call N is spelled in a macro's definition (its name at LOC): the
 * casts in front of the arguments the macro was given, at their text. */
static void attach_macro_arg_casts(struct imc_node *n, location_t loc)
{
	uint32_t i, nargs = n->nkids - IMC_CALL_ARG0;
	struct cursor *starts = XNEWVEC(struct cursor, nargs);

	macro_call_arg_starts(loc, nargs, starts);
	for (i = 0; i < nargs; i++) {
		struct imc_node *kid = n->kids[IMC_CALL_ARG0 + i];

		if (!starts[i].ok)
			continue;
		n->kids[IMC_CALL_ARG0 + i] = attach_casts(kid, &starts[i], 0);
		locate_macro_casts(n->kids[IMC_CALL_ARG0 + i], kid, loc);
	}
	XDELETEVEC(starts);
}

/* Dropped casts in front of the arguments of the call N (tree T). */
void attach_arg_casts(struct imc_node *n, tree t)
{
	struct imc_node *callee = imc_kid(n, 0);
	struct cursor c;
	location_t loc = EXPR_LOCATION(t);
	size_t i;

	if (n->nkids <= IMC_CALL_ARG0)
		return;
	if (!n->range.valid) {
		/* `WARN_ON(devres_destroy(..., (__force void *)addr))`: the
		 * call is spelled as a macro's argument, in one piece, from
		 * its caret, the name (its range may start at parentheses
		 * of the macro's body) */
		if (callee || !n->name || !in_macro(loc) ||
		    !cursor_at_spelling(loc, &c) ||
		    !cur_looking_at(&c, n->name))
			return;
		if (linemap_location_from_macro_definition_p(line_table, loc)) {
			attach_macro_arg_casts(n, loc);
			return;
		}
		for (i = 0; i < strlen(n->name); i++)
			cur_next(&c);
		attach_list_casts(n, c, loc);
		return;
	}
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
	attach_list_casts(n, c, UNKNOWN_LOCATION);
}

/* The operand text after the token at LOC spelled TOKEN (an assignment
 * operator, `return`), for N's dropped casts. */
struct imc_node *attach_after_token(struct imc_node *n, location_t loc,
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
void attach_kid_casts(struct imc_node *n)
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
	n->kids[0] = unfold_cast_of_sum(attach_casts(n->kids[0], &c, 0));
}

/* Recovers a dropped cast at the start of N's own range. */
struct imc_node *attach_own_casts(struct imc_node *n)
{
	struct cursor b;

	if (!n || !n->range.valid || n->kind == IMC_CAST ||
	    !cur_init(&b, n->range.begin.file, n->range.begin.line,
		      n->range.begin.col) ||
	    cur_ch(&b) != '(')
		return n;
	return attach_casts(n, &b, 0);
}

/* Sets the location of the casts attach_casts() put above N (down to N) to
 * the expansion point LOC, without a range (in a macro: docs/ir.md). */
static void locate_macro_casts(struct imc_node *c, struct imc_node *n,
			       location_t loc)
{
	while (c && c != n && c->kind == IMC_CAST) {
		set_point_loc(c, loc);
		c = c->nkids ? c->kids[0] : NULL;
	}
}

/* Steps C into parentheses that hold a whole macro body: `((T *)x)`. */
static void enter_body_parens(struct cursor *c)
{
	int guard = 8;

	while (guard-- > 0 && cur_ch(c) == '(') {
		struct cursor m = *c, close, after;

		if (cast_prefix_at(c, &close, &after) || !match_bracket_fwd(&m))
			return;
		cur_next(&m);
		while (cur_ch(&m) == ' ' || cur_ch(&m) == '\t')
			cur_next(&m);
		if (cur_ch(&m) != '\n')
			return;
		cur_next(c);
		skip_blank_fwd(c);
	}
}

/*
 * A sum whose first operand a macro's body casts, as arm64's
 * `#define PCI_IOBASE ((void __iomem *)PCI_IO_START)` in `PCI_IOBASE +
 * addr` (asm-generic/io.h's port accessors): the sum's range starts at the
 * body's '(' in the definition, and the cast is its first operand's.
 */
static struct imc_node *attach_macro_sum_casts(struct imc_node *n, tree t)
{
	struct imc_node *k = imc_kid(n, 0);
	struct cursor b;
	source_range r;

	if (!k || (n->op != IMC_OP_ADD && n->op != IMC_OP_SUB) ||
	    (k->kind == IMC_CAST && k->explicit_cast))
		return n;
	r = get_range_from_loc(line_table, EXPR_LOCATION(t));
	if (!in_macro(r.m_start) ||
	    !linemap_location_from_macro_definition_p(line_table, r.m_start) ||
	    !cursor_at_spelling(r.m_start, &b) || cur_ch(&b) != '(')
		return n;
	enter_body_parens(&b);
	n->kids[0] = attach_casts(k, &b, 0);
	locate_macro_casts(n->kids[0], k, r.m_start);
	return n;
}

/*
 * A cast GCC dropped inside a macro's expansion: the operand's source range
 * still starts at the cast's '(' in the macro's definition (or at the
 * parentheses around the cast and its operand), as in
 * `#define IOMEM_ERR_PTR(err) (__force void __iomem *)ERR_PTR(err)`. The
 * marks are read from the definition; the cast is reported where the macro
 * is used.
 */
struct imc_node *attach_macro_casts(struct imc_node *n, tree t)
{
	struct cursor b, e;
	struct imc_node *c;
	source_range r;

	if (!n || n->range.valid || n->kind == IMC_CAST || !t ||
	    !CAN_HAVE_LOCATION_P(t) || !EXPR_HAS_LOCATION(t))
		return n;
	switch (n->kind) {
	case IMC_BINARY:
		return attach_macro_sum_casts(n, t);
	case IMC_COND:
	case IMC_ASSIGN:
	case IMC_COMMA:
		return n; /* `(T)a + b`: the cast is a's */
	default:
		break;
	}
	r = get_range_from_loc(line_table, EXPR_LOCATION(t));
	if (!in_macro(r.m_start) || !cursor_at_spelling(r.m_start, &b) ||
	    cur_ch(&b) != '(')
		return n;
	/* `((void __iomem *)p)`: the range has the parentheses around it */
	if (cursor_at_spelling(r.m_finish, &e))
		strip_parens(&b, &e);
	c = attach_casts(n, &b, 0);
	locate_macro_casts(c, n, r.m_start);
	return c;
}

/* A cast GCC dropped right before N's own text, for operands whose start
 * no caller knows from the text around them: the arms of ?:
 * (`is_iomem ? (void __force *)map->vaddr_iomem : map->vaddr`, linux-6.1
 * drm_cache.c drm_memcpy_from_wc()). */
struct imc_node *attach_cast_before(struct imc_node *n)
{
	struct cursor begin, open, close, after;

	if (!n || !n->range.valid || n->kind == IMC_CAST ||
	    !cur_init(&begin, n->range.begin.file, n->range.begin.line,
		      n->range.begin.col))
		return n;
	open = begin;
	if (!cur_prev(&open))
		return n;
	skip_blank_back(&open);
	if (cur_ch(&open) != ')' || !match_bracket_back(&open) ||
	    !cast_prefix_at(&open, &close, &after) || !cur_same(&after, &begin))
		return n;
	return attach_casts(n, &open, 0);
}
