// SPDX-License-Identifier: GPL-2.0-only
/* Lowering (see lower.c): Types (interning, sugar, __iomem from BTF tags) and variables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Types.                                                               */

const struct imc_type *type_intern(struct lower *L, const struct imc_type *t)
{
	char buf[128], *key = buf, *p;
	size_t len = 128 + 20 * (size_t)t->nparams;
	const struct imc_type *hit;
	struct imc_type *fresh;
	uint32_t i;

	if (len > sizeof(buf))
		key = malloc(len);
	if (!key)
		exit(2);
	p = key + sprintf(key, "%d/%u/%d%d%d/%p/%p/%p", t->kind, t->size,
			  t->iomem, t->force, t->variadic, (void *)t->tag,
			  (void *)t->pointee, (void *)t->ret);
	for (i = 0; i < t->nparams; i++)
		p += sprintf(p, ",%p", (void *)t->params[i]);
	hit = imc_ptrmap_get(&L->tintern, (uintptr_t)imc_tu_intern(L->tu, key));
	if (!hit) {
		fresh = imc_type_new(L->tu, t->kind);
		fresh->size = t->size;
		fresh->iomem = t->iomem;
		fresh->force = t->force;
		fresh->tag = t->tag;
		fresh->pointee = t->pointee;
		fresh->ret = t->ret;
		fresh->variadic = t->variadic;
		for (i = 0; i < t->nparams; i++)
			imc_type_add_param(L->tu, fresh, t->params[i]);
		imc_ptrmap_put(&L->tintern,
			       (uintptr_t)imc_tu_intern(L->tu, key), fresh);
		hit = fresh;
	}
	if (key != buf)
		free(key);
	return hit;
}

static const struct imc_type *simple_type(struct lower *L, enum imc_tkind kind,
					  uint32_t size,
					  const struct imc_type *pointee)
{
	struct imc_type t = {.kind = kind, .size = size, .pointee = pointee};

	return type_intern(L, &t);
}

const struct imc_type *ptr_to(struct lower *L, const struct imc_type *pointee)
{
	return simple_type(L, IMC_T_PTR, sizeof(void *), pointee);
}

/* The same type with __force at pointer depth DEPTH (0 = T itself). */
const struct imc_type *with_force(struct lower *L, const struct imc_type *t,
				  int depth)
{
	struct imc_type copy;

	if (!t)
		return NULL;
	copy = *t; /* type_intern copies, so sharing params is fine */
	if (depth == 0)
		copy.force = true;
	else if (t->kind == IMC_T_PTR || t->kind == IMC_T_ARRAY)
		copy.pointee = with_force(L, t->pointee, depth - 1);
	else
		return t;
	return type_intern(L, &copy);
}

/* The tag of a BTFTagAttributed type layer, e.g. "__iomem": libclang has no
 * accessor, its spelling ends in __attribute__((btf_type_tag("TAG"))). */
static bool btf_tag_is(CXType t, const char *tag)
{
	CXString s = clang_getTypeSpelling(t);
	const char *str = clang_getCString(s), *p, *last = NULL;
	size_t len = strlen(tag);
	bool yes = false;

	for (p = str; p && (p = strstr(p, "btf_type_tag(\"")); p++)
		last = p + strlen("btf_type_tag(\"");
	if (last && !strncmp(last, tag, len) && last[len] == '"')
		yes = true;
	clang_disposeString(s);
	return yes;
}

/* sparse's address_space(__iomem), or address_space(2) as older kernels
 * (before 5.9) spell it; 1 is __user, 3 __percpu, 4 __rcu. */
static bool btf_tag_is_iomem(CXType t)
{
	return btf_tag_is(t, "__iomem") || btf_tag_is(t, "2");
}

static bool is_derived(CXType canon)
{
	switch (canon.kind) {
	case CXType_Pointer:
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		return true;
	default:
		return false;
	}
}

/* typeof(expr) and __auto_type: libclang exposes neither, but the
 * expression is a child of the declaration (or cast) that spells it. */
static bool resolve_unexposed(CXType t, CXCursor ctx, CXType *out)
{
	CXType canon = clang_getUnqualifiedType(clang_getCanonicalType(t));
	CXCursor init = clang_getNullCursor();
	struct kids k;
	unsigned i;
	bool found = false;

	if (clang_Cursor_isNull(ctx))
		return false;
	if (clang_getCursorKind(ctx) == CXCursor_VarDecl)
		init = clang_Cursor_getVarDeclInitializer(ctx);
	if (t.kind == CXType_Auto) {
		if (clang_Cursor_isNull(init))
			return false;
		*out = clang_getCursorType(init);
		return out->kind != CXType_Invalid && out->kind != CXType_Auto;
	}
	kids_get_exprs(ctx, &k);
	for (i = 0; i < k.n && !found; i++) {
		CXType et = clang_getCursorType(k.v[i]);

		if (!clang_Cursor_isNull(init) &&
		    clang_equalCursors(k.v[i], init))
			continue;
		if (clang_equalTypes(clang_getUnqualifiedType(
					     clang_getCanonicalType(et)),
				     canon)) {
			*out = et;
			found = et.kind != CXType_Unexposed ||
				et.data[0] != t.data[0];
		}
	}
	kids_free(&k);
	return found;
}

/* The name of a declaration; NULL for anonymous ones, which clang spells
 * as "struct (anonymous at f.c:1:2)" (tags) or "union s::(anonymous at
 * f.c:3:4)" (members). */
const char *decl_name(struct lower *L, CXCursor decl)
{
	CXString s = clang_getCursorSpelling(decl);
	const char *c = clang_getCString(s);
	const char *r = NULL;

	if (c && *c && !strchr(c, ' ') && !strchr(c, '('))
		r = imc_tu_intern(L->tu, c);
	clang_disposeString(s);
	return r;
}

bool is_ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The tag of a struct/union declaration: `typedef struct { } foo_t;` has
 * none, though clang spells the declaration "foo_t". Such a declaration
 * is located at its `struct` keyword, a tagged one at its tag. */
static const char *record_tag(struct lower *L, CXCursor decl)
{
	CXSourceLocation loc = clang_getCursorLocation(decl);
	const char *text, *kw;
	unsigned line, col, off;
	size_t size, len;
	CXFile f;

	clang_getSpellingLocation(loc, &f, &line, &col, &off);
	text = f ? file_text(L, f, &size) : NULL;
	kw = clang_getCursorKind(decl) == CXCursor_UnionDecl ? "union"
							     : "struct";
	len = strlen(kw);
	if (text && off + len < size && !memcmp(text + off, kw, len) &&
	    !is_ident_char(text[off + len]))
		return NULL;
	return decl_name(L, decl);
}

/* Structural part: CUR has no sugar left on top. */
static const struct imc_type *lower_structural(struct lower *L, CXType cur,
					       CXCursor ctx, bool iomem)
{
	struct imc_type t = {0};
	const struct imc_type *params_inl[16], **params = params_inl;
	long long size = clang_Type_getSizeOf(cur);
	int i, n;
	const struct imc_type *r;

	t.iomem = iomem;
	t.size = size > 0 ? (uint32_t)size : 0;
	switch (cur.kind) {
	case CXType_Void:
		t.kind = IMC_T_VOID;
		t.size = 0;
		break;
	case CXType_Bool:
		t.kind = IMC_T_BOOL;
		break;
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_Char16:
	case CXType_Char32:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
	case CXType_UInt128:
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_WChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
	case CXType_Int128:
	case CXType_Enum:
		t.kind = IMC_T_INT;
		break;
	case CXType_Float:
	case CXType_Double:
	case CXType_LongDouble:
	case CXType_Float128:
	case CXType_Half:
	case CXType_Float16:
	case CXType_BFloat16:
	case CXType_Ibm128:
		t.kind = IMC_T_FLOAT;
		break;
	case CXType_Pointer:
		t.kind = IMC_T_PTR;
		t.pointee = lower_type(L, clang_getPointeeType(cur), ctx);
		break;
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
		t.kind = IMC_T_ARRAY;
		t.pointee = lower_type(L, clang_getArrayElementType(cur), ctx);
		break;
	case CXType_Record: {
		CXCursor d = clang_getTypeDeclaration(cur);

		t.kind = clang_getCursorKind(d) == CXCursor_UnionDecl
				 ? IMC_T_UNION
				 : IMC_T_STRUCT;
		t.tag = record_tag(L, d);
		break;
	}
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		t.kind = IMC_T_FUNC;
		t.size = 0;
		t.ret = lower_type(L, clang_getResultType(cur), ctx);
		n = clang_getNumArgTypes(cur);
		if (n > 16)
			params = malloc((size_t)n * sizeof(*params));
		for (i = 0; i < n; i++) {
			const struct imc_type *p = lower_type(
				L, clang_getArgType(cur, (unsigned)i), ctx);

			/* libclang hands back the type as written: decay it */
			if (p && p->kind == IMC_T_ARRAY)
				p = ptr_to(L, p->pointee);
			else if (p && p->kind == IMC_T_FUNC)
				p = ptr_to(L, p);
			params[i] = p;
		}
		t.params = params;
		t.nparams = n > 0 ? (uint32_t)n : 0;
		t.variadic = clang_isFunctionTypeVariadic(cur) == 1;
		break;
	default:
		t.kind = IMC_T_OTHER;
		break;
	}
	r = type_intern(L, &t);
	if (params != params_inl)
		free(params);
	return r;
}

/* Walks the sugar of T layer by layer (the canonical type would drop the
 * btf_type_tag) and lowers what is under it. CTX is the declaration or cast
 * that spells the type (for typeof), or a null cursor. */
const struct imc_type *lower_type(struct lower *L, CXType t, CXCursor ctx)
{
	const struct imc_type *r;
	CXType cur = t, next;
	bool iomem = false, cacheable = true;
	int guard;

	if (t.kind == CXType_Invalid)
		return NULL;
	r = imc_ptrmap_get(&L->types, (uintptr_t)t.data[0]);
	if (r)
		return r;
	for (guard = 0; guard < 64; guard++) {
		switch (cur.kind) {
		case CXType_Elaborated:
			next = clang_Type_getNamedType(cur);
			break;
		case CXType_Typedef:
			ctx = clang_getTypeDeclaration(cur);
			next = clang_getTypedefDeclUnderlyingType(ctx);
			break;
		case CXType_Attributed:
			next = clang_Type_getModifiedType(cur);
			break;
		case CXType_BTFTagAttributed:
			if (btf_tag_is_iomem(cur))
				iomem = true;
			next = clang_Type_getModifiedType(cur);
			break;
		case CXType_Atomic:
			next = clang_Type_getValueType(cur);
			break;
		case CXType_Unexposed:
		case CXType_Auto:
			cacheable = false;
			if (resolve_unexposed(cur, ctx, &next)) {
				ctx = clang_getNullCursor();
				break;
			}
			/* Unknown sugar: keep a tag we can still see, then go
			 * on with the canonical type. */
			next = clang_getCanonicalType(cur);
			if (!is_derived(next) && btf_tag_is_iomem(cur))
				iomem = true;
			if (next.kind == CXType_Unexposed ||
			    next.kind == CXType_Invalid)
				goto structural;
			break;
		default:
			goto structural;
		}
		if (next.kind == CXType_Invalid)
			break;
		cur = next;
	}
structural:
	r = lower_structural(L, cur, ctx, iomem);
	if (cacheable)
		imc_ptrmap_put(&L->types, (uintptr_t)t.data[0], (void *)r);
	return r;
}

/* Parameters and arguments: arrays and functions decay to pointers. */
static const struct imc_type *lower_param_type(struct lower *L, CXType t,
					       CXCursor ctx)
{
	const struct imc_type *r = lower_type(L, t, ctx);

	if (r && r->kind == IMC_T_ARRAY)
		return ptr_to(L, r->pointee);
	if (r && r->kind == IMC_T_FUNC)
		return ptr_to(L, r);
	return r;
}

const struct imc_type *cursor_type(struct lower *L, CXCursor c)
{
	return lower_type(L, clang_getCursorType(c), c);
}

/* ------------------------------------------------------------------ */
/* Variables.                                                           */

static uintptr_t decl_key(CXCursor decl)
{
	return (uintptr_t)clang_getCanonicalCursor(decl).data[0];
}

/* The same type with __iomem at pointer depth DEPTH (0 = T itself). */
static const struct imc_type *with_iomem(struct lower *L,
					 const struct imc_type *t, int depth)
{
	struct imc_type copy;

	if (!t)
		return NULL;
	copy = *t;
	if (depth == 0)
		copy.iomem = true;
	else if (t->kind == IMC_T_PTR || t->kind == IMC_T_ARRAY)
		copy.pointee = with_iomem(L, t->pointee, depth - 1);
	else
		return t;
	return type_intern(L, &copy);
}

/* `gen6_pte_t scratch_pte, __iomem *gtt_base`: sparse (and GCC) give an
 * annotation at the start of a later declarator to that declarator's base
 * type; clang takes it for a declaration attribute and drops the type tag.
 * Returns the pointer depth to mark __iomem (the '*'s after it, one more
 * for an array), -1 if none. */
static int declarator_iomem_depth(struct lower *L, CXCursor decl)
{
	CXFile nf;
	unsigned noff, line, col, i, start = 0;
	size_t size;
	const char *p;
	int paren = 0, depth = -1;
	bool comma = false;

	/* clang's extent of a later declarator starts at its name: look back
	 * for the ',' before it */
	clang_getExpansionLocation(clang_getCursorLocation(decl), &nf, &line,
				   &col, &noff);
	p = nf ? file_text(L, nf, &size) : NULL;
	if (!p || noff > size)
		return -1;
	for (i = noff; i > 0 && noff - i < 512; i--) {
		char ch = p[i - 1];

		if (ch == ')' || ch == ']')
			paren++;
		else if ((ch == '(' || ch == '[') && paren)
			paren--;
		else if (!paren && (ch == ';' || ch == '{' || ch == '}' ||
				    ch == '(' || ch == '#'))
			break;
		else if (!paren && ch == ',') {
			comma = true;
			start = i;
			break;
		}
	}
	if (!comma)
		return -1;
	for (i = start; i < noff; i++) {
		if (p[i] == '*' && depth >= 0) {
			depth++;
		} else if (is_ident_char(p[i]) && !is_ident_char(p[i - 1])) {
			unsigned e = i;

			while (e < noff && is_ident_char(p[e]))
				e++;
			if (e - i == 7 && !memcmp(p + i, "__iomem", 7))
				depth = 0;
			i = e - 1;
		}
	}
	if (depth < 0)
		return -1;
	for (i = noff; i < size && i < noff + 256 &&
		       (is_ident_char(p[i]) || p[i] == ' ' || p[i] == '\t');
	     i++)
		;
	if (i < size && p[i] == '[')
		depth++;
	return depth;
}

struct imc_var *new_var(struct lower *L, CXCursor decl, enum imc_scope scope)
{
	const struct imc_type *t =
		scope == IMC_PARAM
			? lower_param_type(L, clang_getCursorType(decl), decl)
			: cursor_type(L, decl);
	struct imc_var *v;
	int depth;

	if (scope != IMC_PARAM &&
	    (depth = declarator_iomem_depth(L, decl)) >= 0)
		t = with_iomem(L, t, depth);
	v = imc_var_new(L->tu, NULL, t, scope);

	v->name = cx_intern(L, clang_getCursorSpelling(decl));
	v->is_static = scope == IMC_GLOBAL &&
		       clang_getCursorLinkage(decl) != CXLinkage_External;
	decl_loc(L, decl, &v->loc);
	imc_tu_bind_var(L->tu, decl_key(decl), v);
	return v;
}

struct imc_var *var_of(struct lower *L, CXCursor decl)
{
	struct imc_var *v = imc_tu_find_var(L->tu, decl_key(decl));

	if (v)
		return v;
	/* Not declared in a function we lowered: a global (or a local of
	 * something we skipped). */
	return new_var(L, decl,
		       clang_getCursorKind(decl) == CXCursor_ParmDecl
			       ? IMC_PARAM
			       : IMC_GLOBAL);
}
