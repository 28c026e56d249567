// SPDX-License-Identifier: GPL-2.0-only
/* Lowering (see lower.c): Expression nodes and integer constant folding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Expressions.                                                         */

struct imc_node *expr_node(struct lower *L, enum imc_kind kind, CXCursor c)
{
	struct imc_node *n = imc_node_new(L->tu, kind, cursor_type(L, c));

	set_expr_loc(L, n, c);
	return n;
}

bool eval_int(CXCursor c, int64_t *out)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	bool ok;

	if (!r)
		return false;
	ok = clang_EvalResult_getKind(r) == CXEval_Int;
	if (ok)
		*out = clang_EvalResult_isUnsignedInt(r)
			       ? (int64_t)clang_EvalResult_getAsUnsigned(r)
			       : (int64_t)clang_EvalResult_getAsLongLong(r);
	clang_EvalResult_dispose(r);
	return ok;
}

/* A constant is a value, never an object in I/O memory: its type drops a
 * top-level __iomem (GCC's folded INTEGER_CST has the plain type too). */
const struct imc_type *const_type(struct lower *L, const struct imc_type *type)
{
	struct imc_type copy;

	if (!type || !type->iomem)
		return type;
	copy = *type;
	copy.iomem = false;
	return type_intern(L, &copy);
}

struct imc_node *const_node(struct lower *L, int64_t v,
			    const struct imc_type *type)
{
	struct imc_node *n =
		imc_node_new(L->tu, IMC_CONST, const_type(L, type));

	n->ival = v;
	return n;
}

/* C folded to a constant if clang can evaluate it as an integer. */
struct imc_node *try_const(struct lower *L, CXCursor c)
{
	int64_t v;

	if (!eval_int(c, &v))
		return NULL;
	return const_node(L, v, cursor_type(L, c));
}

/* V converted to the integer type T (when clang cannot evaluate it). */
int64_t convert_int(int64_t v, CXType t)
{
	CXType c = clang_getCanonicalType(t);
	long long size = clang_Type_getSizeOf(c);
	bool is_unsigned;

	if (c.kind == CXType_Bool)
		return v != 0;
	if (size <= 0 || size >= 8)
		return v;
	switch (c.kind) {
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
	case CXType_Char16:
	case CXType_Char32:
		is_unsigned = true;
		break;
	default:
		is_unsigned = false;
	}
	if (is_unsigned)
		return (int64_t)((uint64_t)v & ((1ull << (8 * size)) - 1));
	v = (int64_t)((uint64_t)v << (64 - 8 * size));
	return v >> (64 - 8 * size);
}

static bool is_unsigned_type(CXType t)
{
	switch (clang_getCanonicalType(t).kind) {
	case CXType_Bool:
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
	case CXType_UInt128:
	case CXType_Char16:
	case CXType_Char32:
	case CXType_Pointer:
		return true;
	default:
		return false;
	}
}

/* Folds OP over constants when clang's evaluator will not (an operand was
 * __builtin_constant_p(x), which it refuses): the GCC plugin folds such
 * operators too. OPND is an operand's type (for comparisons), RES the
 * result type. Returns false for division by zero and the like. */
bool fold_op(enum imc_op op, int64_t a, int64_t b, CXType opnd, CXType res,
	     int64_t *out)
{
	bool u = is_unsigned_type(opnd);
	uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
	int64_t v;

	switch (op) {
	case IMC_OP_ADD:
		v = (int64_t)(ua + ub);
		break;
	case IMC_OP_SUB:
		v = (int64_t)(ua - ub);
		break;
	case IMC_OP_MUL:
		v = (int64_t)(ua * ub);
		break;
	case IMC_OP_DIV:
	case IMC_OP_MOD:
		if (!b || (!u && a == INT64_MIN && b == -1))
			return false;
		if (u)
			v = (int64_t)(op == IMC_OP_DIV ? ua / ub : ua % ub);
		else
			v = op == IMC_OP_DIV ? a / b : a % b;
		break;
	case IMC_OP_SHL:
		if (b < 0 || b > 63)
			return false;
		v = (int64_t)(ua << b);
		break;
	case IMC_OP_SHR:
		if (b < 0 || b > 63)
			return false;
		v = u ? (int64_t)(ua >> b) : a >> b;
		break;
	case IMC_OP_AND:
		v = a & b;
		break;
	case IMC_OP_OR:
		v = a | b;
		break;
	case IMC_OP_XOR:
		v = a ^ b;
		break;
	case IMC_OP_LAND:
		v = a && b;
		break;
	case IMC_OP_LOR:
		v = a || b;
		break;
	case IMC_OP_EQ:
		v = a == b;
		break;
	case IMC_OP_NE:
		v = a != b;
		break;
	case IMC_OP_LT:
		v = u ? ua < ub : a < b;
		break;
	case IMC_OP_GT:
		v = u ? ua > ub : a > b;
		break;
	case IMC_OP_LE:
		v = u ? ua <= ub : a <= b;
		break;
	case IMC_OP_GE:
		v = u ? ua >= ub : a >= b;
		break;
	case IMC_OP_NEG:
		v = (int64_t)(0 - ua);
		break;
	case IMC_OP_BITNOT:
		v = ~a;
		break;
	case IMC_OP_NOT:
		v = !a;
		break;
	case IMC_OP_PLUS:
		v = a;
		break;
	default:
		return false;
	}
	*out = convert_int(v, res);
	return true;
}

bool is_const(const struct imc_node *n)
{
	return n && n->kind == IMC_CONST;
}

/* A constant operand: a CONST, or an explicit cast of one (lower_cast
 * keeps those casts; an operator over them folds as a whole). */
bool const_value(const struct imc_node *n, int64_t *v)
{
	if (n && n->kind == IMC_CAST && n->nkids == 1 && is_const(n->kids[0]) &&
	    n->type && n->type->kind != IMC_T_VOID)
		n = n->kids[0];
	if (!is_const(n))
		return false;
	*v = n->ival;
	return true;
}
