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

#include "internal.h"

/* Hash maps are the core's (util.h); string keys are interned in the TU
 * first, so the pointer map serves them too. */

const char *cx_intern(struct lower *L, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = c && *c ? imc_tu_intern(L->tu, c) : NULL;

	clang_disposeString(s);
	return r;
}

bool cx_eq(CXString s, const char *want)
{
	const char *c = clang_getCString(s);
	bool eq = c && !strcmp(c, want);

	clang_disposeString(s);
	return eq;
}

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

void kids_get(CXCursor c, struct kids *k)
{
	k->v = k->inl;
	k->n = 0;
	k->cap = 8;
	clang_visitChildren(c, kids_add, k);
}

/* Only the expression children. */
void kids_get_exprs(CXCursor c, struct kids *k)
{
	unsigned i, j = 0;

	kids_get(c, k);
	for (i = 0; i < k->n; i++)
		if (clang_isExpression(clang_getCursorKind(k->v[i])))
			k->v[j++] = k->v[i];
	k->n = j;
}

void kids_free(struct kids *k)
{
	if (k->v != k->inl)
		free(k->v);
}

bool is_expr(CXCursor c)
{
	return clang_isExpression(clang_getCursorKind(c));
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
		imc_func_add_param(
			L->tu, fn,
			new_var(L, clang_Cursor_getArgument(c, (unsigned)i),
				IMC_PARAM));
	kids_get(c, &k);
	for (i = (int)k.n - 1; i >= 0; i--)
		if (clang_getCursorKind(k.v[i]) == CXCursor_CompoundStmt) {
			fn->body = lower_block(L, k.v[i]);
			break;
		}
	kids_free(&k);
	if (!fn->body) { /* skipped by the parse (parse.c) */
		fn->body = imc_node_new(L->tu, IMC_BLOCK, NULL);
		imc_ptrmap_put(&L->stats->skipped_bodies, (uintptr_t)fn->name,
			       fn);
		L->stats->nskipped_bodies++;
	}
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

/* A header function whose body the parse skipped (parse.c): libclang then
 * shows only its declaration, with no definition anywhere in the TU. Only
 * static or inline functions have bodies in headers; the first declaration
 * stands for the definition. */
static bool body_skipped(struct lower *L, CXCursor c)
{
	uintptr_t key;

	/* cheapest tests first: most declarations are extern prototypes, and
	 * a definition lookup reads the redeclarations from the preamble */
	if (!L->bodies_skipped ||
	    (clang_Cursor_getStorageClass(c) != CX_SC_Static &&
	     !clang_Cursor_isFunctionInlined(c)))
		return false;
	key = (uintptr_t)clang_getCanonicalCursor(c).data[0];
	if (imc_ptrmap_get(&L->declared, key) || in_main_file(L, c) ||
	    !clang_Cursor_isNull(clang_getCursorDefinition(c)))
		return false;
	imc_ptrmap_put(&L->declared, key, (void *)1);
	return true;
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
		    (!clang_isCursorDefinition(c) && !body_skipped(L, c)))
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
			 unsigned flags, struct imc_lower_stats *stats)
{
	struct lower L = {.cxtu = cxtu,
			  .bad = bad,
			  .nbad = nbad,
			  .stats = stats,
			  .bodies_skipped = flags & IMC_LOWER_BODIES_SKIPPED};
	bool all = flags & IMC_LOWER_ALL;
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
	imc_ptrmap_free(&L.declared);
	return L.tu;
}
