// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: lowering GENERIC expressions to the IR.
 */
#include "internal.h"

/* ------------------------------------------------------------------------
 * Expressions
 * ------------------------------------------------------------------------ */

struct imc_node *new_node(enum imc_kind kind, tree type)
{
	return imc_node_new(plugin()->unit.tu, kind,
			    type ? lower_type(type) : NULL);
}

void add_kid(struct imc_node *n, struct imc_node *kid)
{
	imc_node_add(plugin()->unit.tu, n, kid);
}

bool same_shape(const struct imc_type *a, const struct imc_type *b)
{
	return a && b && a->kind == b->kind && a->size == b->size;
}

/* Replaces N's type (from GCC's tree, unannotated) by T, the same type
 * with the annotations the operands carry. */
void use_type(struct imc_node *n, const struct imc_type *t)
{
	if (t && t != n->type && (!n->type || same_shape(t, n->type)))
		n->type = t;
}

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
struct imc_node *lower_cond(struct lower_ctx *cx, tree t)
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
		n->name = imc_tu_intern(plugin()->unit.tu,
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
			n->name = imc_tu_intern(plugin()->unit.tu,
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
	attach_arg_casts(n, t);
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
			struct imc_node *d = imc_node_new(
				plugin()->unit.tu, IMC_DESIG, decl_type(index));

			d->name = imc_tu_intern(plugin()->unit.tu,
						decl_name(index));
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
			  ? imc_tu_intern(plugin()->unit.tu, decl_name(field))
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
			   : attach_cast_before(
				     lower_expr(cx, TREE_OPERAND(t, 1))));
	add_kid(n,
		TREE_OPERAND(t, 2)
			? attach_cast_before(lower_expr(cx, TREE_OPERAND(t, 2)))
			: NULL);
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

		n->name = imc_tu_intern(plugin()->unit.tu, "asm");
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

/* GCC's own stack (cc1 raises it to 64 MB) is what the lowering and the
 * analysis recurse on; deeper expressions are cut. */
#define IMC_PLUGIN_MAX_DEPTH 100000

struct imc_node *lower_expr(struct lower_ctx *cx, tree t)
{
	int &depth = plugin()->unit.expr_depth; /* recursion */
	struct imc_node *n;
	const struct op_info *oi;

	if (!t || t == error_mark_node || TREE_CODE(t) == ERROR_MARK)
		return new_node(IMC_OTHER, NULL_TREE);
	if (depth > IMC_PLUGIN_MAX_DEPTH)
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
		/* `(u8 *)io + off`: the sum's type is that of the cast GCC
		 * dropped (attach_own_casts() puts it above the first operand) */
		n = attach_macro_casts(attach_own_casts(n), t);
		refine_type(n);
		return n;
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
	return attach_macro_casts(attach_own_casts(n), t);
}
