// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: leaves, and undoing GCC's fold: pointer scaling, operator
 * text, operand order, compound assignment.
 */
#include "internal.h"

/* Strips the conversions the front end inserted (not explicit casts). */
tree strip_implicit(tree t)
{
	while (t && t != error_mark_node && is_conversion(t) &&
	       TREE_OPERAND(t, 0) && !is_explicit_cast(t))
		t = TREE_OPERAND(t, 0);
	return t;
}

/* GCC's internal offset types: fold's, never the source's. */
bool is_sizetype(tree type)
{
	type = type ? TYPE_MAIN_VARIANT(type) : NULL_TREE;
	return type && (type == sizetype || type == ssizetype ||
			type == bitsizetype || type == sbitsizetype);
}

struct imc_node *const_node(tree type, int64_t v)
{
	struct imc_node *n = new_node(IMC_CONST, type);

	n->ival = v;
	return n;
}

int64_t int_cst_value(tree t)
{
	if (tree_fits_shwi_p(t))
		return tree_to_shwi(t);
	return (int64_t)TREE_INT_CST_LOW(t);
}

struct imc_node *lower_var_ref(tree decl)
{
	struct imc_node *n = imc_node_new(plugin()->unit.tu, IMC_VAR, NULL);

	n->var = lower_var(decl);
	n->type = n->var->type;
	return n;
}

/* A function designator (f or &f): IMC_OTHER named f, of pointer type
 * (made here: building a GCC pointer type would change GCC's state). */
struct imc_node *function_ref(tree fndecl)
{
	struct imc_type *pt = imc_type_new(plugin()->unit.tu, IMC_T_PTR);
	struct imc_node *n = imc_node_new(plugin()->unit.tu, IMC_OTHER, pt);

	pt->size = POINTER_SIZE / BITS_PER_UNIT;
	pt->pointee = decl_type(fndecl);
	n->name = imc_tu_intern(plugin()->unit.tu, decl_name(fndecl));
	return n;
}

/* Is the ADDR_EXPR T an `&` written in the source? Array and function
 * decay produce ADDR_EXPRs located at the operand instead. */
bool addr_is_written(tree t)
{
	int ch = tree_first_char(t);

	if (ch)
		return ch == '&';
	return false;
}

uint64_t pointee_size(tree ptrtype)
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

struct imc_node *binary_node(enum imc_op op, tree type, struct imc_node *a,
			     struct imc_node *b)
{
	struct imc_node *n = new_node(IMC_BINARY, type);

	n->op = op;
	add_kid(n, a);
	add_kid(n, b);
	return n;
}

struct imc_node *negate_node(struct imc_node *k, tree type)
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

struct imc_node *unscaled_index(struct lower_ctx *cx, tree off, uint64_t size,
				bool negate)
{
	struct imc_node *n = unscale(cx, off, size, negate, 0);

	if (n)
		return n;
	/* Not a multiple we recognise: say so with an explicit division. */
	n = binary_node(IMC_OP_DIV, TREE_TYPE(off), lower_expr(cx, off),
			const_node(integer_type_node, (int64_t)size));
	return negate ? negate_node(n, TREE_TYPE(off)) : n;
}

/*
 * fold turns `(T *)(p + i)` into `(T *)p + i` where it folds an lvalue (a
 * compound assignment's: `*(u32 *)(map->vaddr + 8) |= 5`): the sum has no
 * range, and the cast, recovered from the text in front of p
 * (attach_kid_casts()), gets the range of `(T *)(p`.
 * When the source has the sum SUM in the parentheses after that cast's
 * `(T *)`, puts the cast back outside it, over them. Returns the node to
 * use for SUM.
 */
struct imc_node *unfold_cast_of_sum(struct imc_node *sum)
{
	struct imc_node *cast = imc_kid(sum, 0);
	struct cursor at, open, close, end, in, out;

	if (!sum || sum->kind != IMC_BINARY || sum->range.valid || !cast ||
	    cast->kind != IMC_CAST || !cast->explicit_cast ||
	    cast->nkids != 1 || !cast->range.valid ||
	    !cur_init(&at, cast->range.begin.file, cast->range.begin.line,
		      cast->range.begin.col) ||
	    !cur_init(&end, cast->range.end.file, cast->range.end.line,
		      cast->range.end.col))
		return sum;
	open = at;
	if (cur_ch(&open) != '(' || !match_bracket_fwd(&open))
		return sum;
	cur_next(&open);
	skip_blank_fwd(&open);
	close = open;
	skip_blank_fwd(&end);
	/* `(T *)(p` then the sum's operator, in the same parentheses */
	if (cur_ch(&open) != '(' || !match_bracket_fwd(&close) ||
	    cur_ch(&end) != (sum->op == IMC_OP_SUB ? '-' : '+') ||
	    close.line < end.line ||
	    (close.line == end.line && close.col < end.col))
		return sum;
	in = open;
	cur_next(&in);
	skip_blank_fwd(&in);
	out = close;
	cur_prev(&out);
	skip_blank_back(&out);
	sum->kids[0] = cast->kids[0];
	sum->type = cast->kids[0]->type;
	set_cursor_range(sum, &in, &out, (location_t)cast->range.fe_begin);
	cast->kids[0] = sum;
	set_cursor_range(cast, &at, &close, (location_t)cast->range.fe_begin);
	return cast;
}

/* Structural equality of two lvalue trees (for compound assignment). */
bool same_lvalue(tree a, tree b, int depth)
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

const struct op_info *binary_op_info(enum tree_code code)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(binary_ops); i++)
		if (binary_ops[i].code == code)
			return &binary_ops[i];
	return NULL;
}

/* The compound assignment operator spelled "OP=", or IMC_OP_NONE. */
enum imc_op compound_op(const char *text)
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

enum imc_op comparison_of_text(const char *text)
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

enum imc_op swap_comparison(enum imc_op op)
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

enum imc_op invert_comparison(enum imc_op op)
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
bool starts_at(tree e, const struct cursor *at)
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
