// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lowering: libclang's C AST -> the core IR (core/ir/ir.h; its range
 * contract: docs/ir.md).
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

void kids_push(struct kids *k, CXCursor c)
{
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
}

static enum CXChildVisitResult kids_add(CXCursor c, CXCursor parent,
					CXClientData data)
{
	(void)parent;
	kids_push(data, c);
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
		fn->body_skipped = true;
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

static bool wanted_definition(struct lower *L, CXCursor c)
{
	return clang_getCursorKind(c) == CXCursor_FunctionDecl &&
	       (clang_isCursorDefinition(c) || body_skipped(L, c));
}

/* The declaration at file scope that C is part of, or a null cursor. */
static CXCursor top_level(CXCursor c)
{
	while (!clang_Cursor_isNull(c) &&
	       clang_getCursorKind(c) != CXCursor_TranslationUnit) {
		CXCursor p = clang_getCursorSemanticParent(c);

		if (clang_getCursorKind(p) == CXCursor_TranslationUnit)
			return clang_isDeclaration(clang_getCursorKind(c))
				       ? c
				       : clang_getNullCursor();
		c = p;
	}
	return clang_getNullCursor();
}

static unsigned file_offset(CXSourceLocation loc, bool *macro)
{
	struct xloc x;

	xloc_get(loc, &x);
	*macro = x.macro;
	return x.off;
}

/* The end of the preprocessor directive at OFF (after its last line). */
static size_t directive_end(const char *text, size_t size, size_t off)
{
	for (; off < size && text[off] != '\n'; off++)
		if (text[off] == '\\' && off + 1 < size &&
		    text[off + 1] == '\n')
			off++;
	return off;
}

/* A token that starts an invocation, at file scope, of a function-like
 * macro the main file defines: what it expands to has no cursor there. */
static bool local_macro_call(struct lower *L, CXToken *toks, unsigned i,
			     unsigned n, const char *text, size_t size)
{
	CXString name, next;
	bool call;

	if (i + 1 >= n || clang_getTokenKind(toks[i]) != CXToken_Identifier)
		return false;
	next = clang_getTokenSpelling(L->cxtu, toks[i + 1]);
	call = !strcmp(clang_getCString(next), "(");
	clang_disposeString(next);
	if (!call)
		return false;
	name = clang_getTokenSpelling(L->cxtu, toks[i]);
	call = next_define(text, size, 0, clang_getCString(name)) < size;
	clang_disposeString(name);
	return call;
}

static bool starts_directive(struct lower *L, CXToken tok, const char *text,
			     unsigned off)
{
	CXString s;
	bool hash;

	if (clang_getTokenKind(tok) != CXToken_Punctuation)
		return false;
	s = clang_getTokenSpelling(L->cxtu, tok);
	hash = !strcmp(clang_getCString(s), "#");
	clang_disposeString(s);
	while (hash && off > 0 &&
	       (text[off - 1] == ' ' || text[off - 1] == '\t'))
		off--;
	return hash && (off == 0 || text[off - 1] == '\n');
}

/* The main file's declarations at file scope, found at its tokens with
 * clang_getCursor(), which looks only at the main file's declarations:
 * visiting the TU's children would load every declaration of the
 * precompiled preamble, most of the lowering's time with one (parse.c).
 * A macro invocation at file scope has no cursor: false (and the caller
 * visits the TU) when it is one of a macro the main file defines, which
 * may define functions; what the headers' macros define is found only when
 * the main file calls it, as the header functions are
 * (lower_reached_function). */
static bool main_file_decls(struct lower *L, struct kids *k)
{
	CXFile mf = clang_getFile(L->cxtu, imc_tu_main_file(L->tu));
	const char *text;
	CXToken *toks = NULL;
	unsigned ntoks = 0, i, next = 0, end, off;
	size_t size;
	bool ok = true, macro;

	if (!mf || !(text = file_text(L, mf, &size)))
		return false;
	clang_tokenize(
		L->cxtu,
		clang_getRange(clang_getLocationForOffset(L->cxtu, mf, 0),
			       clang_getLocationForOffset(L->cxtu, mf,
							  (unsigned)size)),
		&toks, &ntoks);
	k->v = k->inl;
	k->n = 0;
	k->cap = 8;
	for (i = 0; ok && i < ntoks; i++) {
		CXSourceLocation at = clang_getTokenLocation(L->cxtu, toks[i]);
		CXCursor top;

		if ((off = file_offset(at, &macro)) < next)
			continue;
		if (starts_directive(L, toks[i], text, off)) {
			next = (unsigned)directive_end(text, size, off);
			continue;
		}
		top = top_level(clang_getCursor(L->cxtu, at));
		if (clang_Cursor_isNull(top)) {
			ok = !local_macro_call(L, toks, i, ntoks, text, size);
			continue;
		}
		end = file_offset(clang_getRangeEnd(clang_getCursorExtent(top)),
				  &macro);
		if (end >= next)
			next = end + 1;
		kids_push(k, top);
	}
	clang_disposeTokens(L->cxtu, toks, ntoks);
	if (!ok)
		kids_free(k);
	return ok;
}

/* The definitions to lower (those with errors are counted and dropped). */
static struct definition *definitions(struct lower *L, uint32_t *n)
{
	struct definition *defs;
	struct kids k;
	unsigned i;

	L->lazy = L->bodies_skipped && main_file_decls(L, &k);
	if (!L->lazy)
		kids_get(clang_getTranslationUnitCursor(L->cxtu), &k);
	defs = imc_xcalloc(k.n + 1, sizeof(*defs));
	*n = 0;
	for (i = 0; i < k.n; i++) {
		CXCursor c = k.v[i];

		if (!wanted_definition(L, c))
			continue;
		if (contains_error(L, c)) {
			L->stats->skipped++;
			continue;
		}
		defs[*n].cursor = c;
		defs[*n].seq = *n;
		(*n)++;
		imc_ptrmap_put(&L->listed,
			       (uintptr_t)clang_getCanonicalCursor(c).data[0],
			       (void *)1);
	}
	kids_free(&k);
	L->nseq = *n;
	return defs;
}

void lower_reached_function(struct lower *L, CXCursor fn, const char *name)
{
	CXCursor def = clang_getCursorDefinition(fn);
	struct definition *d;

	if (!L->lazy)
		return;
	if (!clang_Cursor_isNull(def))
		fn = def;
	if (imc_ptrmap_get(&L->listed,
			   (uintptr_t)clang_getCanonicalCursor(fn).data[0]) ||
	    !wanted_definition(L, fn) || contains_error(L, fn))
		return;
	d = imc_tu_alloc(L->tu, sizeof(*d));
	d->cursor = fn;
	d->seq = L->nseq++;
	imc_defer(L->deferred, name, d);
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

	L.deferred = deferred;
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
	file_texts_free(&L);
	toks_cache_free(&L);
	imc_ptrmap_free(&L.types);
	imc_ptrmap_free(&L.fnforce);
	imc_ptrmap_free(&L.tintern);
	imc_ptrmap_free(&L.typedefs);
	imc_ptrmap_free(&L.declared);
	imc_ptrmap_free(&L.listed);
	imc_ptrmap_free(&L.ends_macro);
	return L.tu;
}
