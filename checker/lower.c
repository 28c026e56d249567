// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lowering: libclang's C AST -> the core IR (core/ir.h).
 *
 * The GCC plugin lowers GENERIC into the same IR, and `--dump-ir` of both
 * must agree, so every choice here is one the plugin can make too:
 *
 *  - Statements: the function body, a statement expression and the bodies
 *    of IF/WHILE/DO/FOR/SWITCH are always one BLOCK; a nested BLOCK only for
 *    a braced block that declares something; empty statements vanish; case
 *    and label markers are followed by their statement in the same BLOCK.
 *  - Implicit conversions and parentheses are not in the IR. A constant
 *    (IMC_CONST) takes the type of the conversions applied to it (GCC folds
 *    them into the INTEGER_CST), without a top-level __iomem.
 *  - Integer constant expressions fold to IMC_CONST: literals, enumerators,
 *    sizeof/_Alignof/offsetof, __builtin_constant_p (0 unless its argument
 *    is constant), __builtin_types_compatible_p, __builtin_choose_expr and
 *    _Generic (only the selected operand), operators over constants. An
 *    outermost explicit cast of a constant stays: CAST of the converted
 *    CONST.
 *  - IMC_VAR, IMC_CONST, IMC_STR, function designators (IMC_OTHER named
 *    after the function, `f` and `&f` alike), IMC_DESIG and the IMC_INITLIST
 *    of a brace initializer carry no location; BLOCKs neither. Other
 *    expressions: loc = start of the source range, range valid only when
 *    both ends are outside macro expansions and in one file. Statements:
 *    loc = their first token, no range; IMC_DECL: the declared name.
 *  - Initializers: struct/union members are DESIG nodes named after the
 *    member, positional ones too, with brace elision rebuilt (GCC's
 *    CONSTRUCTOR has the braces); `.a.b = v` nests; array elements are
 *    plain values; an anonymous member is a DESIG without name.
 *  - `__force` is read from the tokens of a cast's type name: the clang
 *    type does not keep the unknown attribute.
 *  - `__iomem` arrives as btf_type_tag("__iomem") (options.c maps the
 *    sparse spelling address_space(x) to btf_type_tag(#x)); typedefs,
 *    elaborated names, typeof and __auto_type are looked through to find it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <clang-c/Index.h>

#include "ir.h"
#include "lower.h"
#include "util.h"

/* Hash maps are the core's (util.h); string keys are interned in the TU
 * first, so the pointer map serves them too. */

/* ------------------------------------------------------------------ */
/* The lowering state.                                                  */

struct lower {
	CXTranslationUnit cxtu;
	struct imc_tu *tu;
	struct imc_ptrmap files;    /* CXFile -> interned file name */
	struct imc_ptrmap types;    /* CXType.data[0] -> struct imc_type * */
	struct imc_ptrmap tintern;  /* interned structural key -> struct imc_type * */
	struct imc_ptrmap typedefs; /* interned typedef name -> CXCursor * (lazy) */
	struct imc_ptrmap fnforce;  /* canonical FunctionDecl -> its type with
				     * the parameters' __force */
	bool typedefs_done;
	const struct imc_bad_loc *bad;
	unsigned nbad;
	struct imc_lower_stats *stats;
};

static const char *cx_intern(struct lower *L, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = c && *c ? imc_tu_intern(L->tu, c) : NULL;

	clang_disposeString(s);
	return r;
}

static bool cx_eq(CXString s, const char *want)
{
	const char *c = clang_getCString(s);
	bool eq = c && !strcmp(c, want);

	clang_disposeString(s);
	return eq;
}

/* Children of a cursor, in visiting order. */
struct kids {
	CXCursor *v;
	unsigned n, cap;
	CXCursor inl[8];
};

static enum CXChildVisitResult kids_add(CXCursor c, CXCursor parent,
					CXClientData data)
{
	struct kids *k = data;

	(void)parent;
	if (k->n == k->cap) {
		CXCursor *nv = malloc(2 * k->cap * sizeof(*nv));

		if (!nv) {
			fputs("iomemcheck: out of memory\n", stderr);
			exit(2);
		}
		memcpy(nv, k->v, k->n * sizeof(*nv));
		if (k->v != k->inl)
			free(k->v);
		k->v = nv;
		k->cap *= 2;
	}
	k->v[k->n++] = c;
	return CXChildVisit_Continue;
}

static void kids_get(CXCursor c, struct kids *k)
{
	k->v = k->inl;
	k->n = 0;
	k->cap = 8;
	clang_visitChildren(c, kids_add, k);
}

/* Only the expression children. */
static void kids_get_exprs(CXCursor c, struct kids *k)
{
	unsigned i, j = 0;

	kids_get(c, k);
	for (i = 0; i < k->n; i++)
		if (clang_isExpression(clang_getCursorKind(k->v[i])))
			k->v[j++] = k->v[i];
	k->n = j;
}

static void kids_free(struct kids *k)
{
	if (k->v != k->inl)
		free(k->v);
}

static bool is_expr(CXCursor c)
{
	return clang_isExpression(clang_getCursorKind(c));
}

/* ------------------------------------------------------------------ */
/* Locations.                                                           */

struct xloc {
	CXFile file;
	unsigned line, col, off;
	bool macro; /* spelled somewhere else than where it expands */
};

static void xloc_get(CXSourceLocation sl, struct xloc *x)
{
	CXFile sf;
	unsigned sline, scol, soff;

	clang_getExpansionLocation(sl, &x->file, &x->line, &x->col, &x->off);
	clang_getSpellingLocation(sl, &sf, &sline, &scol, &soff);
	x->macro = !x->file || !sf || !clang_File_isEqual(x->file, sf) ||
		   soff != x->off;
}

static const char *file_name(struct lower *L, CXFile f)
{
	const char *name;

	if (!f)
		return NULL;
	name = imc_ptrmap_get(&L->files, (uintptr_t)f);
	if (!name) {
		name = cx_intern(L, clang_getFileName(f));
		imc_ptrmap_put(&L->files, (uintptr_t)f, (void *)name);
	}
	return name;
}

static void to_imc_loc(struct lower *L, const struct xloc *x,
		       struct imc_loc *out)
{
	out->file = file_name(L, x->file);
	out->line = x->file ? x->line : 0;
	out->col = x->file ? x->col : 0;
}

/* Whether the last token of C comes out of a macro expansion (libclang
 * moves such an end to the expansion, so it looks like a file location):
 * descend to the innermost node that ends where C ends and ask whether that
 * node is spelled inside a macro. */
static bool ends_in_macro(CXCursor c)
{
	int depth;
	struct xloc b;

	for (depth = 0; depth < 512; depth++) {
		CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(c));
		CXCursor last = clang_getNullCursor();
		struct kids k;
		unsigned i;

		kids_get(c, &k);
		for (i = k.n; i-- > 0;) {
			enum CXCursorKind kk = clang_getCursorKind(k.v[i]);

			if (clang_isExpression(kk) || clang_isStatement(kk) ||
			    clang_isDeclaration(kk)) {
				last = k.v[i];
				break;
			}
		}
		kids_free(&k);
		if (clang_Cursor_isNull(last) ||
		    !clang_equalLocations(
			    clang_getRangeEnd(clang_getCursorExtent(last)), end))
			break; /* C's own token ends it */
		c = last;
	}
	xloc_get(clang_getRangeStart(clang_getCursorExtent(c)), &b);
	return b.macro;
}

/* Expression location: loc = begin of the range; the range only when it
 * lies in one file outside macro expansions. */
static void set_expr_loc(struct lower *L, struct imc_node *n, CXCursor c)
{
	CXSourceRange ext = clang_getCursorExtent(c);
	struct xloc b, e;

	xloc_get(clang_getRangeStart(ext), &b);
	to_imc_loc(L, &b, &n->loc);
	if (b.macro)
		return;
	xloc_get(clang_getRangeEnd(ext), &e);
	if (e.macro || !e.file || !clang_File_isEqual(b.file, e.file) ||
	    ends_in_macro(c))
		return;
	n->range.valid = true;
	n->range.begin = n->loc;
	to_imc_loc(L, &e, &n->range.end);
}

/* Statement location: the first token, no range. */
static void set_stmt_loc(struct lower *L, struct imc_node *n, CXCursor c)
{
	struct xloc b;

	xloc_get(clang_getRangeStart(clang_getCursorExtent(c)), &b);
	to_imc_loc(L, &b, &n->loc);
}

/* Declarations: the declared name. */
static void decl_loc(struct lower *L, CXCursor decl, struct imc_loc *out)
{
	struct xloc b;

	xloc_get(clang_getCursorLocation(decl), &b);
	to_imc_loc(L, &b, out);
}

/* ------------------------------------------------------------------ */
/* Raw source text and tokens at a cursor's spelling.                   */

/* Where the first token of C is spelled, and the file's text from there. */
static const char *spelled_at(struct lower *L, CXCursor c, CXFile *file,
			      unsigned *off, size_t *avail)
{
	CXSourceLocation sl = clang_getRangeStart(clang_getCursorExtent(c));
	unsigned line, col;
	size_t size;
	const char *buf;

	clang_getSpellingLocation(sl, file, &line, &col, off);
	if (!*file)
		return NULL;
	buf = clang_getFileContents(L->cxtu, *file, &size);
	if (!buf || *off >= size)
		return NULL;
	*avail = size - *off;
	return buf + *off;
}

static bool spelled_starts_with(struct lower *L, CXCursor c, const char *s)
{
	CXFile f;
	unsigned off;
	size_t avail, len = strlen(s);
	const char *p = spelled_at(L, c, &f, &off, &avail);

	return p && avail >= len && !memcmp(p, s, len);
}

struct toks {
	CXToken *v;
	unsigned n;
};

/* Tokens of the spelling of C's first token and up to LIMIT bytes on. */
static bool toks_get(struct lower *L, CXCursor c, unsigned limit,
		     struct toks *t)
{
	CXFile f;
	unsigned off;
	size_t avail;
	CXSourceRange r;

	t->v = NULL;
	t->n = 0;
	if (!spelled_at(L, c, &f, &off, &avail))
		return false;
	if (avail > limit)
		avail = limit;
	r = clang_getRange(clang_getLocationForOffset(L->cxtu, f, off),
			   clang_getLocationForOffset(L->cxtu, f,
						      off + (unsigned)avail));
	clang_tokenize(L->cxtu, r, &t->v, &t->n);
	return t->n > 0;
}

static void toks_free(struct lower *L, struct toks *t)
{
	if (t->v)
		clang_disposeTokens(L->cxtu, t->v, t->n);
}

/* ------------------------------------------------------------------ */
/* Types.                                                               */

static const struct imc_type *type_intern(struct lower *L,
					  const struct imc_type *t)
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
		imc_ptrmap_put(&L->tintern, (uintptr_t)imc_tu_intern(L->tu, key),
			 fresh);
		hit = fresh;
	}
	if (key != buf)
		free(key);
	return hit;
}

static const struct imc_type *simple_type(struct lower *L,
					  enum imc_tkind kind, uint32_t size,
					  const struct imc_type *pointee)
{
	struct imc_type t = { .kind = kind, .size = size, .pointee = pointee };

	return type_intern(L, &t);
}

static const struct imc_type *ptr_to(struct lower *L,
				    const struct imc_type *pointee)
{
	return simple_type(L, IMC_T_PTR, sizeof(void *), pointee);
}

/* The same type with __force at pointer depth DEPTH (0 = T itself). */
static const struct imc_type *with_force(struct lower *L,
					 const struct imc_type *t, int depth)
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

		if (!clang_Cursor_isNull(init) && clang_equalCursors(k.v[i], init))
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

static const struct imc_type *lower_type(struct lower *L, CXType t,
					 CXCursor ctx);

/* The name of a declaration; NULL for anonymous ones, which clang spells
 * as "struct (anonymous at f.c:1:2)" (tags) or "union s::(anonymous at
 * f.c:3:4)" (members). */
static const char *decl_name(struct lower *L, CXCursor decl)
{
	CXString s = clang_getCursorSpelling(decl);
	const char *c = clang_getCString(s);
	const char *r = NULL;

	if (c && *c && !strchr(c, ' ') && !strchr(c, '('))
		r = imc_tu_intern(L->tu, c);
	clang_disposeString(s);
	return r;
}

static bool is_ident_char(char c)
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
	text = f ? clang_getFileContents(L->cxtu, f, &size) : NULL;
	kw = clang_getCursorKind(decl) == CXCursor_UnionDecl ? "union" : "struct";
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
	struct imc_type t = { 0 };
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
	case CXType_Char_U: case CXType_UChar: case CXType_Char16:
	case CXType_Char32: case CXType_UShort: case CXType_UInt:
	case CXType_ULong: case CXType_ULongLong: case CXType_UInt128:
	case CXType_Char_S: case CXType_SChar: case CXType_WChar:
	case CXType_Short: case CXType_Int: case CXType_Long:
	case CXType_LongLong: case CXType_Int128: case CXType_Enum:
		t.kind = IMC_T_INT;
		break;
	case CXType_Float: case CXType_Double: case CXType_LongDouble:
	case CXType_Float128: case CXType_Half: case CXType_Float16:
	case CXType_BFloat16: case CXType_Ibm128:
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

		t.kind = clang_getCursorKind(d) == CXCursor_UnionDecl ?
				 IMC_T_UNION : IMC_T_STRUCT;
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
			const struct imc_type *p =
				lower_type(L, clang_getArgType(cur, (unsigned)i), ctx);

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
static const struct imc_type *lower_type(struct lower *L, CXType t,
					 CXCursor ctx)
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

static const struct imc_type *cursor_type(struct lower *L, CXCursor c)
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
	p = nf ? clang_getFileContents(L->cxtu, nf, &size) : NULL;
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

static struct imc_var *new_var(struct lower *L, CXCursor decl,
			       enum imc_scope scope)
{
	const struct imc_type *t =
		scope == IMC_PARAM ?
			lower_param_type(L, clang_getCursorType(decl), decl) :
			cursor_type(L, decl);
	struct imc_var *v;
	int depth;

	if (scope != IMC_PARAM &&
	    (depth = declarator_iomem_depth(L, decl)) >= 0)
		t = with_iomem(L, t, depth);
	v = imc_var_new(L->tu, NULL, t, scope);

	v->name = cx_intern(L, clang_getCursorSpelling(decl));
	decl_loc(L, decl, &v->loc);
	imc_tu_bind_var(L->tu, decl_key(decl), v);
	return v;
}

static struct imc_var *var_of(struct lower *L, CXCursor decl)
{
	struct imc_var *v = imc_tu_find_var(L->tu, decl_key(decl));

	if (v)
		return v;
	/* Not declared in a function we lowered: a global (or a local of
	 * something we skipped). */
	return new_var(L, decl, clang_getCursorKind(decl) == CXCursor_ParmDecl ?
					IMC_PARAM : IMC_GLOBAL);
}

/* ------------------------------------------------------------------ */
/* Expressions.                                                         */

static struct imc_node *lower_expr(struct lower *L, CXCursor c);
static struct imc_node *lower_block(struct lower *L, CXCursor c);

static struct imc_node *expr_node(struct lower *L, enum imc_kind kind,
				  CXCursor c)
{
	struct imc_node *n = imc_node_new(L->tu, kind, cursor_type(L, c));

	set_expr_loc(L, n, c);
	return n;
}

static bool eval_int(CXCursor c, int64_t *out)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	bool ok;

	if (!r)
		return false;
	ok = clang_EvalResult_getKind(r) == CXEval_Int;
	if (ok)
		*out = clang_EvalResult_isUnsignedInt(r) ?
			       (int64_t)clang_EvalResult_getAsUnsigned(r) :
			       (int64_t)clang_EvalResult_getAsLongLong(r);
	clang_EvalResult_dispose(r);
	return ok;
}

/* A constant is a value, never an object in I/O memory: its type drops a
 * top-level __iomem (GCC's folded INTEGER_CST has the plain type too). */
static const struct imc_type *const_type(struct lower *L,
					 const struct imc_type *type)
{
	struct imc_type copy;

	if (!type || !type->iomem)
		return type;
	copy = *type;
	copy.iomem = false;
	return type_intern(L, &copy);
}

static struct imc_node *const_node(struct lower *L, int64_t v,
				   const struct imc_type *type)
{
	struct imc_node *n = imc_node_new(L->tu, IMC_CONST, const_type(L, type));

	n->ival = v;
	return n;
}

/* C folded to a constant if clang can evaluate it as an integer. */
static struct imc_node *try_const(struct lower *L, CXCursor c)
{
	int64_t v;

	if (!eval_int(c, &v))
		return NULL;
	return const_node(L, v, cursor_type(L, c));
}

/* V converted to the integer type T (when clang cannot evaluate it). */
static int64_t convert_int(int64_t v, CXType t)
{
	CXType c = clang_getCanonicalType(t);
	long long size = clang_Type_getSizeOf(c);
	bool is_unsigned;

	if (c.kind == CXType_Bool)
		return v != 0;
	if (size <= 0 || size >= 8)
		return v;
	switch (c.kind) {
	case CXType_Char_U: case CXType_UChar: case CXType_UShort:
	case CXType_UInt: case CXType_ULong: case CXType_ULongLong:
	case CXType_Char16: case CXType_Char32:
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
	case CXType_Bool: case CXType_Char_U: case CXType_UChar:
	case CXType_UShort: case CXType_UInt: case CXType_ULong:
	case CXType_ULongLong: case CXType_UInt128: case CXType_Char16:
	case CXType_Char32: case CXType_Pointer:
		return true;
	default:
		return false;
	}
}

/* Folds OP over constants when clang's evaluator will not (an operand was
 * __builtin_constant_p(x), which it refuses): the GCC plugin folds such
 * operators too. OPND is an operand's type (for comparisons), RES the
 * result type. Returns false for division by zero and the like. */
static bool fold_op(enum imc_op op, int64_t a, int64_t b, CXType opnd,
		    CXType res, int64_t *out)
{
	bool u = is_unsigned_type(opnd);
	uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
	int64_t v;

	switch (op) {
	case IMC_OP_ADD: v = (int64_t)(ua + ub); break;
	case IMC_OP_SUB: v = (int64_t)(ua - ub); break;
	case IMC_OP_MUL: v = (int64_t)(ua * ub); break;
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
	case IMC_OP_AND: v = a & b; break;
	case IMC_OP_OR:  v = a | b; break;
	case IMC_OP_XOR: v = a ^ b; break;
	case IMC_OP_LAND: v = a && b; break;
	case IMC_OP_LOR:  v = a || b; break;
	case IMC_OP_EQ: v = a == b; break;
	case IMC_OP_NE: v = a != b; break;
	case IMC_OP_LT: v = u ? ua < ub : a < b; break;
	case IMC_OP_GT: v = u ? ua > ub : a > b; break;
	case IMC_OP_LE: v = u ? ua <= ub : a <= b; break;
	case IMC_OP_GE: v = u ? ua >= ub : a >= b; break;
	case IMC_OP_NEG: v = (int64_t)(0 - ua); break;
	case IMC_OP_BITNOT: v = ~a; break;
	case IMC_OP_NOT: v = !a; break;
	case IMC_OP_PLUS: v = a; break;
	default:
		return false;
	}
	*out = convert_int(v, res);
	return true;
}

static bool is_const(const struct imc_node *n)
{
	return n && n->kind == IMC_CONST;
}

/* A constant operand: a CONST, or an explicit cast of one (lower_cast
 * keeps those casts; an operator over them folds as a whole). */
static bool const_value(const struct imc_node *n, int64_t *v)
{
	if (n && n->kind == IMC_CAST && n->nkids == 1 && is_const(n->kids[0]) &&
	    n->type && n->type->kind != IMC_T_VOID)
		n = n->kids[0];
	if (!is_const(n))
		return false;
	*v = n->ival;
	return true;
}

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
static CXCursor strip(CXCursor c)
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

static struct imc_node *other_with_kids(struct lower *L, CXCursor c)
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
		n->arrow = clang_getCanonicalType(clang_getCursorType(base)).kind ==
			   CXType_Pointer;
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
		n->op = op == CXUnaryOperator_PostInc ? IMC_OP_POSTINC :
			op == CXUnaryOperator_PostDec ? IMC_OP_POSTDEC :
			op == CXUnaryOperator_PreInc  ? IMC_OP_PREINC :
							IMC_OP_PREDEC;
		break;
	case CXUnaryOperator_Plus:
	case CXUnaryOperator_Minus:
	case CXUnaryOperator_Not:
	case CXUnaryOperator_LNot:
		kid = lower_expr(L, sub);
		n = expr_node(L, IMC_UNARY, c);
		n->op = op == CXUnaryOperator_Plus  ? IMC_OP_PLUS :
			op == CXUnaryOperator_Minus ? IMC_OP_NEG :
			op == CXUnaryOperator_Not   ? IMC_OP_BITNOT :
						      IMC_OP_NOT;
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
	case CXBinaryOperator_Mul: case CXBinaryOperator_MulAssign:
		return IMC_OP_MUL;
	case CXBinaryOperator_Div: case CXBinaryOperator_DivAssign:
		return IMC_OP_DIV;
	case CXBinaryOperator_Rem: case CXBinaryOperator_RemAssign:
		return IMC_OP_MOD;
	case CXBinaryOperator_Add: case CXBinaryOperator_AddAssign:
		return IMC_OP_ADD;
	case CXBinaryOperator_Sub: case CXBinaryOperator_SubAssign:
		return IMC_OP_SUB;
	case CXBinaryOperator_Shl: case CXBinaryOperator_ShlAssign:
		return IMC_OP_SHL;
	case CXBinaryOperator_Shr: case CXBinaryOperator_ShrAssign:
		return IMC_OP_SHR;
	case CXBinaryOperator_And: case CXBinaryOperator_AndAssign:
		return IMC_OP_AND;
	case CXBinaryOperator_Or: case CXBinaryOperator_OrAssign:
		return IMC_OP_OR;
	case CXBinaryOperator_Xor: case CXBinaryOperator_XorAssign:
		return IMC_OP_XOR;
	case CXBinaryOperator_LAnd: return IMC_OP_LAND;
	case CXBinaryOperator_LOr:  return IMC_OP_LOR;
	case CXBinaryOperator_EQ:   return IMC_OP_EQ;
	case CXBinaryOperator_NE:   return IMC_OP_NE;
	case CXBinaryOperator_LT:   return IMC_OP_LT;
	case CXBinaryOperator_GT:   return IMC_OP_GT;
	case CXBinaryOperator_LE:   return IMC_OP_LE;
	case CXBinaryOperator_GE:   return IMC_OP_GE;
	default:                    return IMC_OP_NONE;
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
			if (fold_op(binop(op), va, vb,
				    clang_getCursorType(k0), clang_getCursorType(c),
				    &v))
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

/* Which pointer level of a cast's target type carries __force, from the
 * tokens of the type name: -1 none, 0 the type itself, 1 its pointee, ... */
static int cast_force_depth(struct lower *L, CXCursor cast)
{
	CXFile f;
	unsigned off, i;
	size_t avail;
	const char *p = spelled_at(L, cast, &f, &off, &avail);
	struct toks t;
	int depth = 0, stars = -1;

	if (!p || *p != '(')
		return -1;
	if (avail > 512)
		avail = 512;
	/* cheap test first: most casts have no "force" anywhere near */
	for (i = 0; i + 5 <= avail && memcmp(p + i, "force", 5); i++)
		;
	if (i + 5 > avail)
		return -1;
	if (!toks_get(L, cast, 512, &t))
		return -1;
	for (i = 0; i < t.n; i++) {
		CXString s = clang_getTokenSpelling(L->cxtu, t.v[i]);
		const char *str = clang_getCString(s);

		if (!strcmp(str, "("))
			depth++;
		else if (!strcmp(str, ")"))
			depth--;
		else if (!strcmp(str, "__force") || !strcmp(str, "force"))
			stars = 0;
		else if (stars >= 0 && !strcmp(str, "*"))
			stars++;
		clang_disposeString(s);
		if (depth == 0)
			break;
	}
	toks_free(L, &t);
	return depth == 0 ? stars : -1;
}

static struct imc_node *lower_cast(struct lower *L, CXCursor c)
{
	const struct imc_type *type = cursor_type(L, c);
	int force = cast_force_depth(L, c);
	struct imc_node *n, *sub;
	CXCursor operand = clang_getNullCursor();
	struct kids k;

	kids_get_exprs(c, &k); /* typeof(...) in the type name comes first */
	if (k.n)
		operand = k.v[k.n - 1];
	kids_free(&k);
	if (force >= 0)
		type = with_force(L, type, force);
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
	n->force = force >= 0;
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
	p = f ? clang_getFileContents(L->cxtu, f, &size) : NULL;
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
	for (i = noff - off; i < avail && i < noff - off + 256 &&
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
				params_inl[i] = with_force(L, t->params[i],
							   depth);
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
			     lower_expr(L, clang_Cursor_getArgument(c, (unsigned)i)));
	return n;
}

/* --- initializers --- */

struct field_list {
	CXCursor v[256];
	unsigned n;
};

static enum CXVisitorResult field_add(CXCursor c, CXClientData data)
{
	struct field_list *fl = data;
	CXString s = clang_getCursorSpelling(c);
	bool unnamed_bitfield = clang_Cursor_isBitField(c) &&
				!*clang_getCString(s);

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

static struct imc_node *lower_initlist(struct lower *L, CXCursor c,
				       CXType type, CXCursor loc_from);

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
			    t.kind != CXType_Invalid ? lower_type(L, t, lv[i]) : NULL);
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
		    i > 0 && clang_isExpression(clang_getCursorKind(k.v[i - 1])))
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
	struct imc_node *list = imc_node_new(L->tu, IMC_INITLIST,
					     lower_type(L, t, clang_getNullCursor()));

	if (canon.kind == CXType_Record) {
		struct field_list *fl = calloc(1, sizeof(*fl));
		bool is_union = clang_getCursorKind(clang_getTypeDeclaration(canon)) ==
				CXCursor_UnionDecl;
		unsigned f;

		if (!fl)
			exit(2);
		clang_Type_visitFields(canon, field_add, fl);
		for (f = 0; f < fl->n && *i < n && !(is_union && f > 0); f++) {
			CXType ft = clang_getCursorType(fl->v[f]);
			struct imc_node *d = imc_node_new(L->tu, IMC_DESIG,
							  lower_type(L, ft, fl->v[f]));

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
			imc_node_add(L->tu, list, fill_element(L, et, vals, n, i));
	}
	return list;
}

/* INITLIST: members are DESIG nodes named after the member, positional
 * ones too (GCC's CONSTRUCTOR cannot tell them apart); array elements are
 * plain values. LOC_FROM: where the list is written as an expression (a
 * compound literal); a brace initializer has no location in GCC. */
static struct imc_node *lower_initlist(struct lower *L, CXCursor c,
				       CXType type, CXCursor loc_from)
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
		is_union = clang_getCursorKind(clang_getTypeDeclaration(canon)) ==
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

			d = imc_node_new(L->tu, IMC_DESIG, lower_type(L, ft, f));
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

static struct imc_node *lower_compound_literal(struct lower *L, CXCursor c)
{
	struct kids k;
	unsigned i;
	struct imc_node *n = NULL;

	kids_get_exprs(c, &k);
	for (i = 0; i < k.n && !n; i++)
		if (clang_getCursorKind(k.v[i]) == CXCursor_InitListExpr)
			n = lower_initlist(L, k.v[i], clang_getCursorType(c), c);
	kids_free(&k);
	return n ? n : other_with_kids(L, c);
}

/* --- _Generic: GCC resolves it while parsing, so the IR has only the
 * selected association. libclang does not say which one that is: match
 * the association type names (from the tokens) against the controlling
 * expression's type. --- */

static void collect_typedefs(struct lower *L)
{
	CXCursor tuc = clang_getTranslationUnitCursor(L->cxtu);
	struct kids k;
	unsigned i;

	L->typedefs_done = true;
	kids_get(tuc, &k);
	for (i = 0; i < k.n; i++) {
		if (clang_getCursorKind(k.v[i]) == CXCursor_TypedefDecl) {
			const char *name =
				cx_intern(L, clang_getCursorSpelling(k.v[i]));
			CXCursor *save = imc_tu_alloc(L->tu, sizeof(*save));

			*save = k.v[i];
			if (name)
				imc_ptrmap_put(&L->typedefs, (uintptr_t)name, save);
		}
	}
	kids_free(&k);
}

static bool generic_type_matches(struct lower *L, const char *text,
				 CXType ctrl)
{
	CXType canon = clang_getUnqualifiedType(clang_getCanonicalType(ctrl));
	CXType cur = ctrl;
	CXCursor *td;
	int guard;
	bool yes;

	/* a typedef name on the controlling type's sugar chain */
	for (guard = 0; guard < 32; guard++) {
		if (cur.kind == CXType_Elaborated) {
			cur = clang_Type_getNamedType(cur);
		} else if (cur.kind == CXType_Typedef) {
			if (cx_eq(clang_getTypedefName(cur), text))
				return true;
			cur = clang_getTypedefDeclUnderlyingType(
				clang_getTypeDeclaration(cur));
		} else if (cur.kind == CXType_Attributed ||
			   cur.kind == CXType_BTFTagAttributed) {
			cur = clang_Type_getModifiedType(cur);
		} else {
			break;
		}
	}
	/* the canonical spelling, e.g. "unsigned int", "struct foo *" */
	if (cx_eq(clang_getTypeSpelling(canon), text))
		return true;
	/* a typedef of the same canonical type */
	if (!L->typedefs_done)
		collect_typedefs(L);
	td = imc_ptrmap_get(&L->typedefs, (uintptr_t)imc_tu_intern(L->tu, text));
	if (!td)
		return false;
	yes = clang_equalTypes(
		clang_getUnqualifiedType(clang_getCanonicalType(
			clang_getTypedefDeclUnderlyingType(*td))),
		canon);
	return yes;
}

static struct imc_node *lower_generic(struct lower *L, CXCursor c)
{
	struct kids k;
	struct toks t;
	unsigned i, assoc = 0, nassoc, depth = 0;
	int chosen = -1, dflt = -1;
	char text[256];
	size_t len = 0;
	bool in_type = false;
	struct imc_node *n = NULL;
	CXType ctrl;

	kids_get_exprs(c, &k);
	if (k.n < 2 || !toks_get(L, c, 8192, &t)) {
		kids_free(&k);
		return other_with_kids(L, c);
	}
	nassoc = k.n - 1;
	ctrl = clang_getCursorType(k.v[0]);
	/* _Generic ( ctrl , T1 : e1 , T2 : e2 ... ) */
	for (i = 0; i < t.n && chosen < 0; i++) {
		CXString s = clang_getTokenSpelling(L->cxtu, t.v[i]);
		const char *str = clang_getCString(s);

		if (!strcmp(str, "(") || !strcmp(str, "[") || !strcmp(str, "{")) {
			depth++;
		} else if (!strcmp(str, ")") || !strcmp(str, "]") ||
			   !strcmp(str, "}")) {
			if (--depth == 0) {
				clang_disposeString(s);
				break;
			}
		} else if (depth == 1 && !strcmp(str, ",")) {
			in_type = true;
			len = 0;
			text[0] = 0;
		} else if (depth == 1 && in_type && !strcmp(str, ":")) {
			in_type = false;
			if (assoc < nassoc) {
				if (!strcmp(text, "default"))
					dflt = (int)assoc;
				else if (generic_type_matches(L, text, ctrl))
					chosen = (int)assoc;
			}
			assoc++;
		}
		if (in_type && depth == 1 && strcmp(str, ",")) {
			size_t sl = strlen(str);

			if (len + sl + 2 < sizeof(text)) {
				if (len)
					text[len++] = ' ';
				memcpy(text + len, str, sl + 1);
				len += sl;
			}
		} else if (in_type && depth > 1) {
			/* parenthesised type names: keep the text simple */
			size_t sl = strlen(str);

			if (len + sl + 1 < sizeof(text)) {
				memcpy(text + len, str, sl + 1);
				len += sl;
			}
		}
		clang_disposeString(s);
	}
	toks_free(L, &t);
	if (chosen < 0 && assoc == nassoc)
		chosen = dflt;
	if (chosen >= 0 && (unsigned)chosen < nassoc)
		n = lower_expr(L, k.v[chosen + 1]);
	kids_free(&k);
	return n ? n : other_with_kids(L, c);
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

static struct imc_node *lower_expr(struct lower *L, CXCursor c)
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
		return n ? n : imc_node_new(L->tu, IMC_OTHER, cursor_type(L, c));
	case CXCursor_FloatingLiteral:
	case CXCursor_ImaginaryLiteral:
	case CXCursor_FixedPointLiteral:
		return imc_node_new(L->tu, IMC_OTHER, cursor_type(L, c));
	case CXCursor_StringLiteral: {
		CXEvalResult r = clang_Cursor_Evaluate(c);

		n = imc_node_new(L->tu, IMC_STR, cursor_type(L, c));
		if (r && clang_EvalResult_getKind(r) == CXEval_StrLiteral)
			n->name = imc_tu_intern(L->tu, clang_EvalResult_getAsStr(r));
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

/* ------------------------------------------------------------------ */
/* Statements.                                                          */

static void lower_stmt(struct lower *L, CXCursor c, struct imc_node *block);

static struct imc_node *stmt_node(struct lower *L, enum imc_kind kind,
				  CXCursor c)
{
	struct imc_node *n = imc_node_new(L->tu, kind, NULL);

	set_stmt_loc(L, n, c);
	return n;
}

/* Normal form (agreed with the GCC plugin, which cannot see more): the
 * function body, a statement expression and the bodies of IF/WHILE/DO/FOR/
 * SWITCH are always one BLOCK; a nested BLOCK appears only for a braced
 * block that declares something (GCC keeps no other braces); empty
 * statements vanish; BLOCKs carry no location. */

static bool declares_something(CXCursor compound)
{
	struct kids k;
	unsigned i;
	bool yes = false;

	kids_get(compound, &k);
	for (i = 0; i < k.n && !yes; i++)
		yes = clang_getCursorKind(k.v[i]) == CXCursor_DeclStmt;
	kids_free(&k);
	return yes;
}

/* The statements of a compound statement, into BLOCK. */
static void lower_compound_into(struct lower *L, CXCursor c,
				struct imc_node *block)
{
	struct kids k;
	unsigned i;

	kids_get(c, &k);
	for (i = 0; i < k.n; i++)
		lower_stmt(L, k.v[i], block);
	kids_free(&k);
}

/* A body: always one BLOCK, whatever statement C is. */
static struct imc_node *lower_block(struct lower *L, CXCursor c)
{
	struct imc_node *b = imc_node_new(L->tu, IMC_BLOCK, NULL);

	if (clang_Cursor_isNull(c))
		return b;
	if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
		lower_compound_into(L, c, b);
	else
		lower_stmt(L, c, b);
	return b;
}

/* One statement as one node, where the IR has a single slot for it (asm
 * operands, `goto *p`): a BLOCK when it lowers to several or none. */
static struct imc_node *lower_sub(struct lower *L, CXCursor c)
{
	struct imc_node *tmp = imc_node_new(L->tu, IMC_BLOCK, NULL);

	if (clang_Cursor_isNull(c))
		return NULL;
	lower_stmt(L, c, tmp);
	if (tmp->nkids == 1 && tmp->kids[0])
		return tmp->kids[0];
	return tmp;
}

static void lower_decl_stmt(struct lower *L, CXCursor c, struct imc_node *block)
{
	struct kids k;
	unsigned i;

	kids_get(c, &k);
	for (i = 0; i < k.n; i++) {
		CXCursor d = k.v[i], init;
		struct imc_node *n;

		if (clang_getCursorKind(d) != CXCursor_VarDecl)
			continue; /* typedefs, tags, function declarations */
		if (clang_Cursor_getStorageClass(d) == CX_SC_Extern) {
			var_of(L, d); /* a block-scope declaration of a global */
			continue;
		}
		n = imc_node_new(L->tu, IMC_DECL, NULL);
		decl_loc(L, d, &n->loc);
		n->var = new_var(L, d, IMC_LOCAL);
		init = clang_Cursor_getVarDeclInitializer(d);
		if (clang_Cursor_isNull(init))
			imc_node_add(L->tu, n, NULL);
		else if (clang_getCursorKind(init) == CXCursor_InitListExpr)
			imc_node_add(L->tu, n,
				     lower_initlist(L, init, clang_getCursorType(d),
						    clang_getNullCursor()));
		else
			imc_node_add(L->tu, n, lower_expr(L, init));
		imc_node_add(L->tu, block, n);
	}
	kids_free(&k);
}

/* for (init; cond; inc): libclang visits only the parts that are there.
 * Which ones are is read from the tokens of the header (where `for` is
 * spelled, so it works inside macros such as list_for_each_entry). */
static void for_parts(struct lower *L, CXCursor c, bool present[3])
{
	struct toks t;
	unsigned i, part = 0, depth = 0;
	bool started = false, ok = false, seen[3] = { false, false, false };

	present[0] = present[1] = present[2] = true;
	if (!toks_get(L, c, 4096, &t))
		return;
	for (i = 1; i < t.n; i++) { /* t.v[0] is `for` */
		CXString s = clang_getTokenSpelling(L->cxtu, t.v[i]);
		const char *str = clang_getCString(s);
		bool open = !strcmp(str, "(") || !strcmp(str, "[") ||
			    !strcmp(str, "{");
		bool close = !strcmp(str, ")") || !strcmp(str, "]") ||
			     !strcmp(str, "}");

		if (!started) {
			started = true;
			if (strcmp(str, "(")) {
				clang_disposeString(s);
				break;
			}
			depth = 1;
		} else if (depth == 1 && !strcmp(str, ";")) {
			part++;
		} else if (depth == 1 && close) {
			ok = part == 2;
			clang_disposeString(s);
			break;
		} else {
			if (part < 3)
				seen[part] = true;
			if (open)
				depth++;
			else if (close)
				depth--;
		}
		clang_disposeString(s);
	}
	toks_free(L, &t);
	if (ok)
		for (i = 0; i < 3; i++)
			present[i] = seen[i];
}

static void lower_for(struct lower *L, CXCursor c, struct imc_node *block)
{
	struct imc_node *n = stmt_node(L, IMC_FOR, c);
	struct imc_node *slot[3] = { NULL, NULL, NULL };
	bool present[3];
	struct kids k;
	unsigned i, next = 0, nparts;

	kids_get(c, &k);
	nparts = k.n ? k.n - 1 : 0; /* the body is last */
	for_parts(L, c, present);
	if ((unsigned)present[0] + present[1] + present[2] != nparts) {
		/* tokens did not tell: fill in order */
		for (i = 0; i < 3; i++)
			present[i] = i < nparts;
	}
	for (i = 0; i < 3 && next < nparts; i++) {
		CXCursor part;

		if (!present[i])
			continue;
		part = k.v[next++];
		if (clang_getCursorKind(part) == CXCursor_DeclStmt) {
			struct imc_node *tmp = imc_node_new(L->tu, IMC_BLOCK, NULL);

			lower_decl_stmt(L, part, tmp);
			slot[i] = tmp->nkids == 1 ? tmp->kids[0] : tmp;
		} else if (is_expr(part)) {
			slot[i] = lower_expr(L, part);
		} else {
			slot[i] = lower_sub(L, part);
		}
	}
	for (i = 0; i < 3; i++)
		imc_node_add(L->tu, n, slot[i]);
	imc_node_add(L->tu, n, lower_block(L, k.n ? k.v[k.n - 1] :
						       clang_getNullCursor()));
	kids_free(&k);
	imc_node_add(L->tu, block, n);
}

static void lower_stmt(struct lower *L, CXCursor c, struct imc_node *block)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	struct imc_node *n;
	struct kids k;
	int64_t v;

	if (clang_isExpression(kind)) {
		imc_node_add(L->tu, block, lower_expr(L, c));
		return;
	}
	switch (kind) {
	case CXCursor_CompoundStmt:
		if (declares_something(c))
			imc_node_add(L->tu, block, lower_block(L, c));
		else
			lower_compound_into(L, c, block);
		return;
	case CXCursor_DeclStmt:
		lower_decl_stmt(L, c, block);
		return;
	case CXCursor_NullStmt:
		return;
	case CXCursor_ForStmt:
		lower_for(L, c, block);
		return;
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
		n = stmt_node(L, IMC_CASE, c);
		kids_get(c, &k);
		if (kind == CXCursor_DefaultStmt)
			n->is_default = true;
		else if (k.n >= 2 && eval_int(k.v[0], &v))
			n->ival = v;
		imc_node_add(L->tu, block, n);
		/* the labelled statement follows as a sibling */
		if (k.n)
			lower_stmt(L, k.v[k.n - 1], block);
		kids_free(&k);
		return;
	case CXCursor_LabelStmt:
		n = stmt_node(L, IMC_LABEL, c);
		n->name = cx_intern(L, clang_getCursorSpelling(c));
		imc_node_add(L->tu, block, n);
		kids_get(c, &k);
		if (k.n)
			lower_stmt(L, k.v[k.n - 1], block);
		kids_free(&k);
		return;
	default:
		break;
	}

	kids_get(c, &k);
	switch (kind) {
	case CXCursor_IfStmt:
		n = stmt_node(L, IMC_IF, c);
		imc_node_add(L->tu, n, k.n > 0 ? lower_expr(L, k.v[0]) : NULL);
		imc_node_add(L->tu, n, lower_block(L, k.n > 1 ? k.v[1] :
							    clang_getNullCursor()));
		imc_node_add(L->tu, n, k.n > 2 ? lower_block(L, k.v[2]) : NULL);
		break;
	case CXCursor_WhileStmt:
	case CXCursor_SwitchStmt:
		n = stmt_node(L, kind == CXCursor_WhileStmt ? IMC_WHILE :
							      IMC_SWITCH, c);
		imc_node_add(L->tu, n, k.n > 0 ? lower_expr(L, k.v[0]) : NULL);
		imc_node_add(L->tu, n, lower_block(L, k.n > 1 ? k.v[1] :
							    clang_getNullCursor()));
		break;
	case CXCursor_DoStmt:
		n = stmt_node(L, IMC_DO, c);
		imc_node_add(L->tu, n, lower_block(L, k.n > 0 ? k.v[0] :
							    clang_getNullCursor()));
		imc_node_add(L->tu, n, k.n > 1 ? lower_expr(L, k.v[1]) : NULL);
		break;
	case CXCursor_BreakStmt:
		n = stmt_node(L, IMC_BREAK, c);
		break;
	case CXCursor_ContinueStmt:
		n = stmt_node(L, IMC_CONTINUE, c);
		break;
	case CXCursor_ReturnStmt:
		n = stmt_node(L, IMC_RETURN, c);
		imc_node_add(L->tu, n, k.n > 0 ? lower_expr(L, k.v[0]) : NULL);
		break;
	case CXCursor_GotoStmt:
		n = stmt_node(L, IMC_GOTO, c);
		if (k.n)
			n->name = cx_intern(L, clang_getCursorSpelling(k.v[0]));
		break;
	default: {
		/* asm, `goto *p`, attributed statements (fallthrough), ... */
		unsigned i;
		bool stmts_only = true;

		for (i = 0; i < k.n; i++)
			if (is_expr(k.v[i]))
				stmts_only = false;
		if (kind == CXCursor_UnexposedStmt && stmts_only) {
			for (i = 0; i < k.n; i++)
				lower_stmt(L, k.v[i], block);
			kids_free(&k);
			return;
		}
		n = stmt_node(L, IMC_OTHER, c);
		if (kind == CXCursor_GCCAsmStmt)
			n->name = imc_tu_intern(L->tu, "asm");
		for (i = 0; i < k.n; i++) {
			if (is_expr(k.v[i]))
				imc_node_add(L->tu, n, lower_expr(L, k.v[i]));
			else if (clang_isStatement(clang_getCursorKind(k.v[i])))
				imc_node_add(L->tu, n, lower_sub(L, k.v[i]));
		}
		break;
	}
	}
	kids_free(&k);
	imc_node_add(L->tu, block, n);
}

/* ------------------------------------------------------------------ */
/* Functions.                                                           */

static bool contains_error(struct lower *L, CXCursor fn)
{
	CXSourceRange ext = clang_getCursorExtent(fn);
	struct xloc b, e;
	unsigned i;

	if (!L->nbad)
		return false;
	xloc_get(clang_getRangeStart(ext), &b);
	xloc_get(clang_getRangeEnd(ext), &e);
	for (i = 0; i < L->nbad; i++)
		if (b.file && clang_File_isEqual(L->bad[i].file, b.file) &&
		    L->bad[i].offset >= b.off && L->bad[i].offset < e.off)
			return true;
	return false;
}

static struct imc_func *lower_function(struct lower *L, CXCursor c)
{
	struct imc_func *fn;
	struct kids k;
	int i, n;

	fn = imc_func_new(L->tu, NULL);
	fn->name = cx_intern(L, clang_getCursorSpelling(c));
	decl_loc(L, c, &fn->loc);
	fn->type = cursor_type(L, c);
	fn->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	n = clang_Cursor_getNumArguments(c);
	for (i = 0; i < n; i++)
		imc_func_add_param(L->tu, fn,
				   new_var(L, clang_Cursor_getArgument(c, (unsigned)i),
					   IMC_PARAM));
	kids_get(c, &k);
	for (i = (int)k.n - 1; i >= 0; i--)
		if (clang_getCursorKind(k.v[i]) == CXCursor_CompoundStmt) {
			fn->body = lower_block(L, k.v[i]);
			break;
		}
	kids_free(&k);
	if (!fn->body)
		fn->body = imc_node_new(L->tu, IMC_BLOCK, NULL);
	return fn;
}

/* A function definition of the TU, lowered or deferred. */
struct definition {
	CXCursor cursor;
	uint32_t seq;
};

static struct imc_func *lower_definition(void *handle, void *ctx)
{
	struct lower *L = ctx;
	struct definition *d = handle;
	struct imc_func *fn = lower_function(L, d->cursor);

	fn->seq = d->seq;
	L->stats->nfuncs++;
	return fn;
}

static bool in_main_file(struct lower *L, CXCursor c)
{
	struct imc_loc loc;

	decl_loc(L, c, &loc);
	return loc.file && !strcmp(loc.file, imc_tu_main_file(L->tu));
}

/* The definitions to lower (those with errors are counted and dropped). */
static struct definition *definitions(struct lower *L, uint32_t *n)
{
	struct definition *defs;
	struct kids k;
	unsigned i;

	kids_get(clang_getTranslationUnitCursor(L->cxtu), &k);
	defs = imc_xcalloc(k.n + 1, sizeof(*defs));
	*n = 0;
	for (i = 0; i < k.n; i++) {
		CXCursor c = k.v[i];

		if (clang_getCursorKind(c) != CXCursor_FunctionDecl ||
		    !clang_isCursorDefinition(c))
			continue;
		if (contains_error(L, c)) {
			L->stats->skipped++;
			continue;
		}
		defs[*n].cursor = c;
		defs[*n].seq = *n;
		(*n)++;
	}
	kids_free(&k);
	return defs;
}

struct imc_tu *imc_lower(CXTranslationUnit cxtu, const char *main_file,
			 const struct imc_bad_loc *bad, unsigned nbad,
			 bool all, struct imc_lower_stats *stats)
{
	struct lower L = { .cxtu = cxtu, .bad = bad, .nbad = nbad,
			   .stats = stats };
	struct imc_deferred *deferred = imc_deferred_new();
	struct definition *defs;
	bool *now;
	uint32_t i, n;

	L.tu = imc_tu_new(main_file);
	memset(stats, 0, sizeof(*stats));
	defs = definitions(&L, &n);
	now = imc_xcalloc(n + 1, sizeof(bool));
	for (i = 0; i < n; i++) {
		const char *name =
			cx_intern(&L, clang_getCursorSpelling(defs[i].cursor));

		now[i] = all || in_main_file(&L, defs[i].cursor) ||
			 !imc_defer(deferred, name, &defs[i]);
	}
	for (i = 0; i < n; i++)
		if (now[i])
			imc_lower_callees(deferred,
					  lower_definition(&defs[i], &L),
					  lower_definition, &L);
	imc_tu_sort_funcs(L.tu);
	free(now);
	free(defs);
	imc_deferred_free(deferred);
	imc_ptrmap_free(&L.files);
	imc_ptrmap_free(&L.types);
	imc_ptrmap_free(&L.fnforce);
	imc_ptrmap_free(&L.tintern);
	imc_ptrmap_free(&L.typedefs);
	return L.tu;
}
