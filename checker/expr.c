// SPDX-License-Identifier: GPL-2.0-only
/* Lowering (see lower.c): Expressions: references, operators, casts, calls, the dispatcher. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "castmarks.h"
#include "internal.h"

/* An implicit conversion (or ConstantExpr, or another wrapper clang does
 * not expose): one expression child with the same extent. */
static bool is_passthrough(CXCursor c, CXCursor *inner)
{
	struct kids k;
	bool yes = false;

	if (clang_getCursorKind(c) != CXCursor_UnexposedExpr)
		return false;
	kids_get(c, &k);
	if (k.n == 1 && is_expr(k.v[0]) &&
	    clang_equalRanges(clang_getCursorExtent(k.v[0]),
			      clang_getCursorExtent(c))) {
		*inner = k.v[0];
		yes = true;
	}
	kids_free(&k);
	return yes;
}

/* Parentheses and implicit conversions removed. */
CXCursor strip(CXCursor c)
{
	CXCursor inner;
	int guard;

	for (guard = 0; guard < 64; guard++) {
		if (clang_getCursorKind(c) == CXCursor_ParenExpr) {
			struct kids k;
			bool one;

			kids_get_exprs(c, &k);
			one = k.n == 1;
			if (one)
				inner = k.v[0];
			kids_free(&k);
			if (!one)
				break;
			c = inner;
		} else if (is_passthrough(c, &inner)) {
			c = inner;
		} else {
			break;
		}
	}
	return c;
}

static bool refers_to_function(CXCursor c, CXCursor *fn)
{
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return false;
	*fn = clang_getCursorReferenced(c);
	return clang_getCursorKind(*fn) == CXCursor_FunctionDecl;
}

/* A function designator used as a value: `f` or `&f` (GCC: ADDR_EXPR of
 * the FUNCTION_DECL either way). */
static struct imc_node *function_ref(struct lower *L, CXCursor fn)
{
	const struct imc_type *ft = cursor_type(L, fn);
	struct imc_node *n = imc_node_new(L->tu, IMC_OTHER, ptr_to(L, ft));

	n->name = cx_intern(L, clang_getCursorSpelling(fn));
	return n;
}

struct imc_node *other_with_kids(struct lower *L, CXCursor c)
{
	struct imc_node *n = expr_node(L, IMC_OTHER, c);
	struct kids k;
	unsigned i;

	kids_get(c, &k);
	for (i = 0; i < k.n; i++) {
		enum CXCursorKind kk = clang_getCursorKind(k.v[i]);

		if (clang_isExpression(kk))
			imc_node_add(L->tu, n, lower_expr(L, k.v[i]));
		else if (clang_isStatement(kk))
			imc_node_add(L->tu, n, lower_block(L, k.v[i]));
	}
	kids_free(&k);
	return n;
}

static struct imc_node *lower_decl_ref(struct lower *L, CXCursor c)
{
	CXCursor d = clang_getCursorReferenced(c);
	struct imc_node *n;

	switch (clang_getCursorKind(d)) {
	case CXCursor_VarDecl:
	case CXCursor_ParmDecl:
		n = imc_node_new(L->tu, IMC_VAR, NULL);
		n->var = var_of(L, d);
		n->type = n->var->type;
		return n;
	case CXCursor_EnumConstantDecl:
		return const_node(L, clang_getEnumConstantDeclValue(d),
				  cursor_type(L, c));
	case CXCursor_FunctionDecl:
		return function_ref(L, d);
	default:
		n = imc_node_new(L->tu, IMC_OTHER, cursor_type(L, c));
		n->name = cx_intern(L, clang_getCursorSpelling(c));
		return n;
	}
}

/* FIELD: libclang hides the implicit member access of an anonymous
 * struct/union (`map->vaddr` is one MemberRefExpr); if a version shows it,
 * it has no name and is folded away here too. */
static struct imc_node *lower_member(struct lower *L, CXCursor c)
{
	struct imc_node *n = expr_node(L, IMC_FIELD, c);
	CXCursor base = clang_getNullCursor(), sb;
	struct kids k;
	unsigned i;
	int guard;

	kids_get_exprs(c, &k);
	if (k.n)
		base = k.v[0];
	kids_free(&k);
	n->name = cx_intern(L, clang_getCursorSpelling(c));
	if (clang_Cursor_isNull(base)) {
		n->kind = IMC_OTHER;
		return n;
	}
	n->arrow = clang_getCanonicalType(clang_getCursorType(base)).kind ==
		   CXType_Pointer;
	for (guard = 0; guard < 16; guard++) {
		CXString s;
		bool anon;

		sb = strip(base);
		if (clang_getCursorKind(sb) != CXCursor_MemberRefExpr)
			break;
		s = clang_getCursorSpelling(sb);
		anon = !clang_getCString(s) || !*clang_getCString(s);
		clang_disposeString(s);
		if (!anon)
			break;
		kids_get_exprs(sb, &k);
		i = k.n;
		if (i)
			base = k.v[0];
		kids_free(&k);
		if (!i)
			break;
		n->arrow = clang_getCanonicalType(clang_getCursorType(base))
				   .kind == CXType_Pointer;
	}
	imc_node_add(L->tu, n, lower_expr(L, base));
	return n;
}

static struct imc_node *lower_unary(struct lower *L, CXCursor c)
{
	enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
	CXCursor sub = clang_getNullCursor(), fn;
	struct imc_node *n, *kid;
	struct kids k;
	int64_t v;

	kids_get_exprs(c, &k);
	if (k.n)
		sub = k.v[0];
	kids_free(&k);
	if (clang_Cursor_isNull(sub))
		return other_with_kids(L, c);
	switch (op) {
	case CXUnaryOperator_Extension:
		return lower_expr(L, sub);
	case CXUnaryOperator_AddrOf:
		if (refers_to_function(strip(sub), &fn))
			return function_ref(L, fn);
		n = expr_node(L, IMC_ADDR, c);
		break;
	case CXUnaryOperator_Deref:
		/* `*fp` of a function pointer designates the function: GCC
		 * folds it away, so do we. */
		if (clang_getCanonicalType(clang_getCursorType(c)).kind ==
			    CXType_FunctionProto ||
		    clang_getCanonicalType(clang_getCursorType(c)).kind ==
			    CXType_FunctionNoProto)
			return lower_expr(L, sub);
		n = expr_node(L, IMC_DEREF, c);
		break;
	case CXUnaryOperator_PostInc:
	case CXUnaryOperator_PostDec:
	case CXUnaryOperator_PreInc:
	case CXUnaryOperator_PreDec:
		n = expr_node(L, IMC_INCDEC, c);
		n->op = op == CXUnaryOperator_PostInc	? IMC_OP_POSTINC
			: op == CXUnaryOperator_PostDec ? IMC_OP_POSTDEC
			: op == CXUnaryOperator_PreInc	? IMC_OP_PREINC
							: IMC_OP_PREDEC;
		break;
	case CXUnaryOperator_Plus:
	case CXUnaryOperator_Minus:
	case CXUnaryOperator_Not:
	case CXUnaryOperator_LNot:
		kid = lower_expr(L, sub);
		n = expr_node(L, IMC_UNARY, c);
		n->op = op == CXUnaryOperator_Plus    ? IMC_OP_PLUS
			: op == CXUnaryOperator_Minus ? IMC_OP_NEG
			: op == CXUnaryOperator_Not   ? IMC_OP_BITNOT
						      : IMC_OP_NOT;
		if (const_value(kid, &v)) {
			struct imc_node *f = try_const(L, c);

			if (f)
				return f;
			if (fold_op(n->op, v, 0, clang_getCursorType(sub),
				    clang_getCursorType(c), &v))
				return const_node(L, v, n->type);
		}
		imc_node_add(L->tu, n, kid);
		return n;
	default: /* __real__, __imag__, co_await */
		return other_with_kids(L, c);
	}
	imc_node_add(L->tu, n, lower_expr(L, sub));
	return n;
}

static enum imc_op binop(enum CXBinaryOperatorKind k)
{
	switch (k) {
	case CXBinaryOperator_Mul:
	case CXBinaryOperator_MulAssign:
		return IMC_OP_MUL;
	case CXBinaryOperator_Div:
	case CXBinaryOperator_DivAssign:
		return IMC_OP_DIV;
	case CXBinaryOperator_Rem:
	case CXBinaryOperator_RemAssign:
		return IMC_OP_MOD;
	case CXBinaryOperator_Add:
	case CXBinaryOperator_AddAssign:
		return IMC_OP_ADD;
	case CXBinaryOperator_Sub:
	case CXBinaryOperator_SubAssign:
		return IMC_OP_SUB;
	case CXBinaryOperator_Shl:
	case CXBinaryOperator_ShlAssign:
		return IMC_OP_SHL;
	case CXBinaryOperator_Shr:
	case CXBinaryOperator_ShrAssign:
		return IMC_OP_SHR;
	case CXBinaryOperator_And:
	case CXBinaryOperator_AndAssign:
		return IMC_OP_AND;
	case CXBinaryOperator_Or:
	case CXBinaryOperator_OrAssign:
		return IMC_OP_OR;
	case CXBinaryOperator_Xor:
	case CXBinaryOperator_XorAssign:
		return IMC_OP_XOR;
	case CXBinaryOperator_LAnd:
		return IMC_OP_LAND;
	case CXBinaryOperator_LOr:
		return IMC_OP_LOR;
	case CXBinaryOperator_EQ:
		return IMC_OP_EQ;
	case CXBinaryOperator_NE:
		return IMC_OP_NE;
	case CXBinaryOperator_LT:
		return IMC_OP_LT;
	case CXBinaryOperator_GT:
		return IMC_OP_GT;
	case CXBinaryOperator_LE:
		return IMC_OP_LE;
	case CXBinaryOperator_GE:
		return IMC_OP_GE;
	default:
		return IMC_OP_NONE;
	}
}

static struct imc_node *lower_binary(struct lower *L, CXCursor c)
{
	enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
	struct imc_node *n, *a, *b;
	CXCursor k0;
	struct kids k;

	kids_get_exprs(c, &k);
	if (k.n != 2) {
		kids_free(&k);
		return other_with_kids(L, c);
	}
	k0 = k.v[0];
	a = lower_expr(L, k.v[0]);
	b = lower_expr(L, k.v[1]);
	kids_free(&k);
	if (op == CXBinaryOperator_Assign) {
		n = expr_node(L, IMC_ASSIGN, c);
	} else if (op >= CXBinaryOperator_MulAssign &&
		   op <= CXBinaryOperator_OrAssign) {
		n = expr_node(L, IMC_ASSIGN, c);
		n->op = binop(op);
	} else if (op == CXBinaryOperator_Comma) {
		n = expr_node(L, IMC_COMMA, c);
	} else {
		struct imc_node *f;
		int64_t v, va, vb;

		if (const_value(a, &va) && const_value(b, &vb)) {
			f = try_const(L, c);
			if (f)
				return f;
			if (fold_op(binop(op), va, vb, clang_getCursorType(k0),
				    clang_getCursorType(c), &v))
				return const_node(L, v, cursor_type(L, c));
		}
		n = expr_node(L, IMC_BINARY, c);
		n->op = binop(op);
	}
	imc_node_add(L->tu, n, a);
	imc_node_add(L->tu, n, b);
	return n;
}

static struct imc_node *lower_conditional(struct lower *L, CXCursor c)
{
	struct imc_node *n, *kid[3];
	int64_t v[3];
	struct kids k;
	unsigned i;

	kids_get_exprs(c, &k);
	if (k.n != 3) {
		kids_free(&k);
		return other_with_kids(L, c);
	}
	for (i = 0; i < 3; i++)
		kid[i] = lower_expr(L, k.v[i]);
	kids_free(&k);
	if (const_value(kid[0], &v[0]) && const_value(kid[1], &v[1]) &&
	    const_value(kid[2], &v[2])) {
		struct imc_node *f = try_const(L, c);

		if (f)
			return f;
		return const_node(L, v[0] ? v[1] : v[2], cursor_type(L, c));
	}
	n = expr_node(L, IMC_COND, c);
	for (i = 0; i < 3; i++)
		imc_node_add(L->tu, n, kid[i]);
	return n;
}

/* The pointer levels of a cast's target type that carry __force (bit N:
 * depth N), read from the type name's text by the core, as the plugin reads
 * them (__iomem comes with clang's type). */
static uint32_t cast_force_mask(struct lower *L, CXCursor cast)
{
	CXFile f;
	unsigned off;
	size_t avail;
	const char *p = spelled_at(L, cast, &f, &off, &avail);
	uint32_t iomem, force;

	if (!p || *p != '(')
		return 0;
	imc_cast_marks(p, avail < 4096 ? avail : 4096, &iomem, &force);
	return force;
}

struct imc_node *lower_cast(struct lower *L, CXCursor c)
{
	const struct imc_type *type = cursor_type(L, c);
	uint32_t force = cast_force_mask(L, c);
	int depth;
	struct imc_node *n, *sub;
	CXCursor operand = clang_getNullCursor();
	struct kids k;

	kids_get_exprs(c, &k); /* typeof(...) in the type name comes first */
	if (k.n)
		operand = k.v[k.n - 1];
	kids_free(&k);
	for (depth = 0; depth < 32; depth++)
		if (force & (1u << depth))
			type = with_force(L, type, depth);
	if (clang_Cursor_isNull(operand))
		return other_with_kids(L, c);
	sub = lower_expr(L, operand);
	/* GCC folds the conversion into the constant but the explicit cast
	 * stays: CAST of the converted CONST. (Inside a larger constant
	 * expression everything folds, see const_value.) */
	if (is_const(sub) && type &&
	    (type->kind == IMC_T_INT || type->kind == IMC_T_BOOL ||
	     type->kind == IMC_T_PTR)) {
		int64_t v = sub->ival;

		if (type->kind != IMC_T_PTR && !eval_int(c, &v))
			v = convert_int(sub->ival, clang_getCursorType(c));
		sub = const_node(L, v, type);
	}
	n = imc_node_new(L->tu, IMC_CAST, type);
	set_expr_loc(L, n, c);
	n->explicit_cast = true;
	n->force = force != 0;
	imc_node_add(L->tu, n, sub);
	return n;
}

static bool is_constant_builtin(const char *name)
{
	return name && !strcmp(name, "__builtin_constant_p");
}

/* Which pointer level of a parameter's declared type carries __force,
 * -1 none: sparse accepts any address space for such a parameter (IS_ERR()
 * takes `__force const void *`). As the plugin sees it: __force among the
 * declaration specifiers (before the declarator's '*'s); the depth is the
 * number of '*' after it, one more for an array parameter. */
static int parm_force_depth(struct lower *L, CXCursor parm)
{
	CXFile f, nf;
	unsigned off, noff, line, col, i;
	size_t avail, size;
	const char *p;
	int depth = -1;

	/* where written: `__force` is a macro, its spelling is elsewhere */
	clang_getExpansionLocation(
		clang_getRangeStart(clang_getCursorExtent(parm)), &f, &line,
		&col, &off);
	clang_getExpansionLocation(clang_getCursorLocation(parm), &nf, &line,
				   &col, &noff);
	p = f ? file_text(L, f, &size) : NULL;
	if (!p || off >= size || !clang_File_isEqual(f, nf) || noff < off ||
	    noff - off > 512 || noff > size)
		return -1;
	avail = size - off;
	p += off;
	/* clang's extent starts after attributes that come first: go back to
	 * the '(' or ',' before the parameter */
	for (i = 0, depth = 0; i < off && i < 256; i++) {
		char ch = p[-(long)i - 1];

		if (ch == ')')
			depth++;
		else if (ch == '(' && depth > 0)
			depth--;
		else if ((ch == '(' || ch == ',') && !depth)
			break;
	}
	if (i < off && i < 256 && !depth) {
		p -= i;
		off -= i;
		avail += i;
	}
	depth = -1;
	for (i = 0; i < noff - off; i++) {
		if (p[i] == '/' && i + 1 < noff - off && p[i + 1] == '*') {
			for (i += 2; i + 1 < noff - off &&
				     !(p[i] == '*' && p[i + 1] == '/');
			     i++)
				;
			i++;
		} else if (p[i] == '*' && depth >= 0) {
			depth++;
		} else if (is_ident_char(p[i]) &&
			   (i == 0 || !is_ident_char(p[i - 1]))) {
			unsigned e = i;

			while (e < noff - off && is_ident_char(p[e]))
				e++;
			if ((e - i == 7 && !memcmp(p + i, "__force", 7)) ||
			    (e - i == 5 && !memcmp(p + i, "force", 5)))
				depth = depth >= 0 ? depth : 0;
			i = e - 1;
		}
	}
	if (depth < 0)
		return -1;
	for (i = noff - off;
	     i < avail && i < noff - off + 256 &&
	     (is_ident_char(p[i]) || p[i] == ' ' || p[i] == '\t');
	     i++)
		;
	if (i < avail && p[i] == '[')
		depth++;
	return depth;
}

/* The type of a called function with its parameters' __force. */
static const struct imc_type *callee_type(struct lower *L, CXCursor fn)
{
	uintptr_t key = (uintptr_t)clang_getCanonicalCursor(fn).data[0];
	const struct imc_type *t = imc_ptrmap_get(&L->fnforce, key);
	struct imc_type copy;
	const struct imc_type *params_inl[16];
	int i, n, depth;
	bool any = false;

	if (t)
		return t;
	t = cursor_type(L, fn);
	n = clang_Cursor_getNumArguments(fn);
	if (t && t->kind == IMC_T_FUNC && n >= 0 && (uint32_t)n == t->nparams &&
	    n <= 16) {
		for (i = 0; i < n; i++) {
			params_inl[i] = t->params[i];
			depth = parm_force_depth(
				L, clang_Cursor_getArgument(fn, (unsigned)i));
			if (depth >= 0) {
				params_inl[i] =
					with_force(L, t->params[i], depth);
				any = true;
			}
		}
		if (any) {
			copy = *t;
			copy.params = params_inl;
			t = type_intern(L, &copy);
		}
	}
	imc_ptrmap_put(&L->fnforce, key, (void *)t);
	return t;
}

static struct imc_node *lower_call(struct lower *L, CXCursor c)
{
	CXCursor callee = clang_getNullCursor(), fn;
	struct imc_node *n;
	struct kids k;
	int i, nargs;

	kids_get_exprs(c, &k);
	if (k.n)
		callee = k.v[0];
	kids_free(&k);
	if (clang_Cursor_isNull(callee))
		return other_with_kids(L, c);

	n = expr_node(L, IMC_CALL, c);
	callee = strip(callee);
	if (refers_to_function(callee, &fn)) {
		n->name = cx_intern(L, clang_getCursorSpelling(fn));
		n->fntype = callee_type(L, fn);
		lower_reached_function(L, fn, n->name);
		if (is_constant_builtin(n->name)) {
			/* clang refuses to evaluate __builtin_constant_p(x) of a
			 * non-constant x: it is 0 while parsing */
			struct imc_node *f = try_const(L, c);

			return f ? f : const_node(L, 0, cursor_type(L, c));
		}
		imc_node_add(L->tu, n, NULL);
	} else {
		struct imc_node *ce = lower_expr(L, callee);
		const struct imc_type *ct = ce ? ce->type : NULL;

		if (ct && (ct->kind == IMC_T_PTR || ct->kind == IMC_T_ARRAY))
			ct = ct->pointee;
		n->fntype = ct && ct->kind == IMC_T_FUNC ? ct : NULL;
		imc_node_add(L->tu, n, ce);
	}
	nargs = clang_Cursor_getNumArguments(c);
	for (i = 0; i < nargs; i++)
		imc_node_add(L->tu, n,
			     lower_expr(L, clang_Cursor_getArgument(
						   c, (unsigned)i)));
	return n;
}

static struct imc_node *lower_unexposed(struct lower *L, CXCursor c)
{
	CXCursor inner;
	struct imc_node *n;
	struct kids k;
	int64_t v;

	if (is_passthrough(c, &inner)) {
		n = lower_expr(L, inner);
		if (is_const(n)) /* folded conversion */
			n->type = const_type(L, cursor_type(L, c));
		return n;
	}
	kids_get_exprs(c, &k);
	/* GNU `a ?: b`: common, opaque cond, opaque true, false */
	if (k.n == 4 && clang_equalRanges(clang_getCursorExtent(k.v[0]),
					  clang_getCursorExtent(k.v[1]))) {
		n = expr_node(L, IMC_COND, c);
		imc_node_add(L->tu, n, lower_expr(L, k.v[0]));
		imc_node_add(L->tu, n, NULL);
		imc_node_add(L->tu, n, lower_expr(L, k.v[3]));
		kids_free(&k);
		return n;
	}
	/* __builtin_choose_expr(const, a, b): GCC keeps only the chosen one */
	if (k.n == 3 && spelled_starts_with(L, c, "__builtin_choose_expr") &&
	    eval_int(k.v[0], &v)) {
		n = lower_expr(L, k.v[v ? 1 : 2]);
		kids_free(&k);
		return n;
	}
	kids_free(&k);
	/* offsetof, __builtin_types_compatible_p, ... */
	n = try_const(L, c);
	return n ? n : other_with_kids(L, c);
}

struct imc_node *lower_expr(struct lower *L, CXCursor c)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	struct imc_node *n;
	struct kids k;

	switch (kind) {
	case CXCursor_UnexposedExpr:
		return lower_unexposed(L, c);
	case CXCursor_ParenExpr:
		kids_get_exprs(c, &k);
		n = k.n == 1 ? lower_expr(L, k.v[0]) : other_with_kids(L, c);
		kids_free(&k);
		return n;
	case CXCursor_DeclRefExpr:
		return lower_decl_ref(L, c);
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
		n = try_const(L, c);
		return n ? n
			 : imc_node_new(L->tu, IMC_OTHER, cursor_type(L, c));
	case CXCursor_FloatingLiteral:
	case CXCursor_ImaginaryLiteral:
	case CXCursor_FixedPointLiteral:
		return imc_node_new(L->tu, IMC_OTHER, cursor_type(L, c));
	case CXCursor_StringLiteral: {
		CXEvalResult r = clang_Cursor_Evaluate(c);

		n = imc_node_new(L->tu, IMC_STR, cursor_type(L, c));
		if (r && clang_EvalResult_getKind(r) == CXEval_StrLiteral)
			n->name = imc_tu_intern(L->tu,
						clang_EvalResult_getAsStr(r));
		if (r)
			clang_EvalResult_dispose(r);
		return n;
	}
	case CXCursor_MemberRefExpr:
		return lower_member(L, c);
	case CXCursor_ArraySubscriptExpr:
		kids_get_exprs(c, &k);
		if (k.n != 2) {
			kids_free(&k);
			return other_with_kids(L, c);
		}
		n = expr_node(L, IMC_INDEX, c);
		imc_node_add(L->tu, n, lower_expr(L, k.v[0]));
		imc_node_add(L->tu, n, lower_expr(L, k.v[1]));
		kids_free(&k);
		return n;
	case CXCursor_UnaryOperator:
		return lower_unary(L, c);
	case CXCursor_UnaryExpr: /* sizeof, _Alignof */
		n = try_const(L, c);
		return n ? n : expr_node(L, IMC_OTHER, c); /* VLA */
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		return lower_binary(L, c);
	case CXCursor_ConditionalOperator:
		return lower_conditional(L, c);
	case CXCursor_CStyleCastExpr:
		return lower_cast(L, c);
	case CXCursor_CallExpr:
		return lower_call(L, c);
	case CXCursor_StmtExpr:
		n = expr_node(L, IMC_STMTEXPR, c);
		kids_get(c, &k);
		imc_node_add(L->tu, n, k.n ? lower_block(L, k.v[0]) : NULL);
		kids_free(&k);
		return n;
	case CXCursor_InitListExpr:
		return lower_initlist(L, c, clang_getCursorType(c),
				      clang_getNullCursor());
	case CXCursor_CompoundLiteralExpr:
		return lower_compound_literal(L, c);
	case CXCursor_GenericSelectionExpr:
		return lower_generic(L, c);
	case CXCursor_AddrLabelExpr:
		n = expr_node(L, IMC_OTHER, c);
		n->name = cx_intern(L, clang_getCursorSpelling(c));
		return n;
	default:
		n = try_const(L, c);
		return n ? n : other_with_kids(L, c);
	}
}
