// SPDX-License-Identifier: GPL-2.0-only
/* Lowering (see lower.c): Initializers: designators, brace elision, compound literals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* --- initializers --- */

struct field_list {
	CXCursor v[256];
	unsigned n;
};

static enum CXVisitorResult field_add(CXCursor c, CXClientData data)
{
	struct field_list *fl = data;
	CXString s = clang_getCursorSpelling(c);
	bool unnamed_bitfield =
		clang_Cursor_isBitField(c) && !*clang_getCString(s);

	clang_disposeString(s);
	if (!unnamed_bitfield && fl->n < 256)
		fl->v[fl->n++] = c;
	return CXVisit_Continue;
}

static bool is_aggregate(CXType t)
{
	CXType c = clang_getCanonicalType(t);

	return c.kind == CXType_Record || c.kind == CXType_ConstantArray ||
	       c.kind == CXType_IncompleteArray;
}

/* An element of a list for a member or element of type T: a nested
 * initializer list or an expression. */
static struct imc_node *init_value(struct lower *L, CXCursor v, CXType t)
{
	if (clang_getCursorKind(v) == CXCursor_InitListExpr)
		return lower_initlist(L, v, t, clang_getNullCursor());
	return lower_expr(L, v);
}

/* One designated element. `.a.b = v` becomes DESIG a { INITLIST { DESIG b
 * = v } }, the shape of GCC's CONSTRUCTORs; array indexes leave no node
 * (`[2] = v` is the plain v, `.arr[2] = v` is DESIG arr { INITLIST { v } });
 * the implicit designator of an anonymous member is a DESIG without name.
 * FIRST_FIELD: the member the first designator names. */
static struct imc_node *designated(struct lower *L, const CXCursor *lv,
				   unsigned i, unsigned m, CXCursor value)
{
	struct imc_node *d, *list, *inner;
	CXType t;

	if (i == m)
		return init_value(L, value, clang_getCursorType(value));
	if (clang_getCursorKind(lv[i]) == CXCursor_MemberRef) {
		t = clang_getCursorType(lv[i]);
		d = imc_node_new(L->tu, IMC_DESIG, lower_type(L, t, lv[i]));
		d->name = cx_intern(L, clang_getCursorSpelling(lv[i]));
		if (i + 1 == m) {
			imc_node_add(L->tu, d, init_value(L, value, t));
			return d;
		}
		list = imc_node_new(L->tu, IMC_INITLIST, d->type);
		imc_node_add(L->tu, list, designated(L, lv, i + 1, m, value));
		imc_node_add(L->tu, d, list);
		return d;
	}
	/* an array index: the element itself */
	if (i + 1 == m)
		return designated(L, lv, i + 1, m, value);
	inner = designated(L, lv, i + 1, m, value);
	t.kind = CXType_Invalid;
	if (clang_getCursorKind(lv[i + 1]) == CXCursor_MemberRef)
		t = clang_getCursorType(clang_getCursorSemanticParent(
			clang_getCursorReferenced(lv[i + 1])));
	list = imc_node_new(L->tu, IMC_INITLIST,
			    t.kind != CXType_Invalid ? lower_type(L, t, lv[i])
						     : NULL);
	imc_node_add(L->tu, list, inner);
	return list;
}

static struct imc_node *lower_designated(struct lower *L, CXCursor d,
					 CXCursor *first_field)
{
	CXCursor levels[32];
	struct imc_node *n;
	unsigned i, m = 0;
	struct kids k;

	kids_get(d, &k);
	if (k.n < 2) {
		kids_free(&k);
		return NULL;
	}
	for (i = 0; i + 1 < k.n && m < 32; i++) {
		enum CXCursorKind kk = clang_getCursorKind(k.v[i]);

		if (kk != CXCursor_MemberRef && !clang_isExpression(kk))
			continue;
		/* a range designator [a ... b] has two index expressions */
		if (clang_isExpression(kk) && m &&
		    clang_isExpression(clang_getCursorKind(levels[m - 1])) &&
		    i > 0 &&
		    clang_isExpression(clang_getCursorKind(k.v[i - 1])))
			continue;
		levels[m++] = k.v[i];
	}
	if (m && clang_getCursorKind(levels[0]) == CXCursor_MemberRef)
		*first_field = clang_getCursorReferenced(levels[0]);
	n = designated(L, levels, 0, m, k.v[k.n - 1]);
	kids_free(&k);
	return n;
}

static bool is_designator(struct lower *L, CXCursor c)
{
	if (clang_getCursorKind(c) != CXCursor_UnexposedExpr)
		return false;
	return spelled_starts_with(L, c, ".") || spelled_starts_with(L, c, "[");
}

/* Brace elision: `{ 1, 2, 3 }` for struct { struct { int a, b; } in; int
 * arr[2]; } means { .in = { 1, 2 }, .arr = { 3 } }. GCC's CONSTRUCTOR has
 * the braces, so rebuild them the way C assigns the values. */
static struct imc_node *fill_aggregate(struct lower *L, CXType t,
				       const CXCursor *vals, unsigned n,
				       unsigned *i);

static bool starts_subaggregate(CXCursor v, CXType member)
{
	CXCursor sv = strip(v);
	CXType vt = clang_getCanonicalType(clang_getCursorType(v));
	CXType mc = clang_getCanonicalType(member);

	if (!is_aggregate(member) ||
	    clang_getCursorKind(v) == CXCursor_InitListExpr)
		return false;
	if (clang_getCursorKind(sv) == CXCursor_StringLiteral &&
	    mc.kind != CXType_Record)
		return false; /* char s[8] = "ab" */
	return !clang_equalTypes(clang_getUnqualifiedType(vt),
				 clang_getUnqualifiedType(mc));
}

static struct imc_node *fill_element(struct lower *L, CXType t,
				     const CXCursor *vals, unsigned n,
				     unsigned *i)
{
	if (starts_subaggregate(vals[*i], t))
		return fill_aggregate(L, t, vals, n, i);
	return init_value(L, vals[(*i)++], t);
}

static struct imc_node *fill_aggregate(struct lower *L, CXType t,
				       const CXCursor *vals, unsigned n,
				       unsigned *i)
{
	CXType canon = clang_getCanonicalType(t);
	struct imc_node *list = imc_node_new(
		L->tu, IMC_INITLIST, lower_type(L, t, clang_getNullCursor()));

	if (canon.kind == CXType_Record) {
		struct field_list *fl = calloc(1, sizeof(*fl));
		bool is_union =
			clang_getCursorKind(clang_getTypeDeclaration(canon)) ==
			CXCursor_UnionDecl;
		unsigned f;

		if (!fl)
			exit(2);
		clang_Type_visitFields(canon, field_add, fl);
		for (f = 0; f < fl->n && *i < n && !(is_union && f > 0); f++) {
			CXType ft = clang_getCursorType(fl->v[f]);
			struct imc_node *d = imc_node_new(
				L->tu, IMC_DESIG, lower_type(L, ft, fl->v[f]));

			d->name = decl_name(L, fl->v[f]);
			imc_node_add(L->tu, d, fill_element(L, ft, vals, n, i));
			imc_node_add(L->tu, list, d);
		}
		free(fl);
	} else {
		long long count = clang_getNumElements(canon), e;
		CXType et = clang_getArrayElementType(canon);

		if (canon.kind == CXType_IncompleteArray)
			count = -1;
		for (e = 0; *i < n && (count < 0 || e < count); e++)
			imc_node_add(L->tu, list,
				     fill_element(L, et, vals, n, i));
	}
	return list;
}

/* INITLIST: members are DESIG nodes named after the member, positional
 * ones too (GCC's CONSTRUCTOR cannot tell them apart); array elements are
 * plain values. LOC_FROM: where the list is written as an expression (a
 * compound literal); a brace initializer has no location in GCC. */
struct imc_node *lower_initlist(struct lower *L, CXCursor c, CXType type,
				CXCursor loc_from)
{
	CXType canon = clang_getCanonicalType(type);
	struct field_list *fl = NULL;
	struct imc_node *n;
	unsigned i, next = 0;
	struct kids k;
	bool any_designator = false, is_union = false;

	kids_get_exprs(c, &k);
	for (i = 0; i < k.n; i++)
		any_designator |= is_designator(L, k.v[i]);
	if (!any_designator && is_aggregate(type)) {
		i = 0;
		n = fill_aggregate(L, type, k.v, k.n, &i);
		for (; i < k.n; i++) /* excess elements (clang warned) */
			imc_node_add(L->tu, n, lower_expr(L, k.v[i]));
		kids_free(&k);
		if (!clang_Cursor_isNull(loc_from))
			set_expr_loc(L, n, loc_from);
		return n;
	}

	/* with designators: positional elements continue after the last
	 * designated member (no brace elision across them) */
	n = imc_node_new(L->tu, IMC_INITLIST, lower_type(L, type, c));
	if (!clang_Cursor_isNull(loc_from))
		set_expr_loc(L, n, loc_from);
	if (canon.kind == CXType_Record) {
		fl = calloc(1, sizeof(*fl));
		if (fl)
			clang_Type_visitFields(canon, field_add, fl);
		is_union =
			clang_getCursorKind(clang_getTypeDeclaration(canon)) ==
			CXCursor_UnionDecl;
	}
	for (i = 0; i < k.n; i++) {
		struct imc_node *d;

		if (is_designator(L, k.v[i])) {
			CXCursor field = clang_getNullCursor();

			d = lower_designated(L, k.v[i], &field);
			if (d && fl && !clang_Cursor_isNull(field)) {
				unsigned f;

				for (f = 0; f < fl->n; f++)
					if (clang_equalCursors(fl->v[f], field))
						break;
				next = f + 1;
			}
			if (d) {
				imc_node_add(L->tu, n, d);
				continue;
			}
		}
		if (fl && next < fl->n && !(is_union && next > 0)) {
			CXCursor f = fl->v[next++];
			CXType ft = clang_getCursorType(f);

			d = imc_node_new(L->tu, IMC_DESIG,
					 lower_type(L, ft, f));
			d->name = decl_name(L, f);
			imc_node_add(L->tu, d, init_value(L, k.v[i], ft));
		} else {
			d = init_value(L, k.v[i], clang_getCursorType(k.v[i]));
		}
		imc_node_add(L->tu, n, d);
	}
	kids_free(&k);
	free(fl);
	return n;
}

struct imc_node *lower_compound_literal(struct lower *L, CXCursor c)
{
	struct kids k;
	unsigned i;
	struct imc_node *n = NULL;

	kids_get_exprs(c, &k);
	for (i = 0; i < k.n && !n; i++)
		if (clang_getCursorKind(k.v[i]) == CXCursor_InitListExpr)
			n = lower_initlist(L, k.v[i], clang_getCursorType(c),
					   c);
	kids_free(&k);
	return n ? n : other_with_kids(L, c);
}
