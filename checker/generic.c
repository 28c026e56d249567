// SPDX-License-Identifier: GPL-2.0-only
/* Lowering (see lower.c): _Generic selection by matching association type names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
				imc_ptrmap_put(&L->typedefs, (uintptr_t)name,
					       save);
		}
	}
	kids_free(&k);
}

static bool generic_type_matches(struct lower *L, const char *text, CXType ctrl)
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
		} else
			break;
	}
	/* the canonical spelling, e.g. "unsigned int", "struct foo *" */
	if (cx_eq(clang_getTypeSpelling(canon), text))
		return true;
	/* a typedef of the same canonical type */
	if (!L->typedefs_done)
		collect_typedefs(L);
	td = imc_ptrmap_get(&L->typedefs,
			    (uintptr_t)imc_tu_intern(L->tu, text));
	if (!td)
		return false;
	yes = clang_equalTypes(
		clang_getUnqualifiedType(clang_getCanonicalType(
			clang_getTypedefDeclUnderlyingType(*td))),
		canon);
	return yes;
}

struct imc_node *lower_generic(struct lower *L, CXCursor c)
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
		const char *str = t.s[i];

		if (!strcmp(str, "(") || !strcmp(str, "[") ||
		    !strcmp(str, "{")) {
			depth++;
		} else if (!strcmp(str, ")") || !strcmp(str, "]") ||
			   !strcmp(str, "}")) {
			if (--depth == 0)
				break;
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
	}
	if (chosen < 0 && assoc == nassoc)
		chosen = dflt;
	if (chosen >= 0 && (unsigned)chosen < nassoc)
		n = lower_expr(L, k.v[chosen + 1]);
	kids_free(&k);
	return n ? n : other_with_kids(L, c);
}
