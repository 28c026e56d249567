// SPDX-License-Identifier: GPL-2.0-only
/* Lowering (see lower.c): Locations and spelled source text of cursors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Locations.                                                           */

void xloc_get(CXSourceLocation sl, struct xloc *x)
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
		CXSourceLocation end =
			clang_getRangeEnd(clang_getCursorExtent(c));
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
			    clang_getRangeEnd(clang_getCursorExtent(last)),
			    end))
			break; /* C's own token ends it */
		c = last;
	}
	xloc_get(clang_getRangeStart(clang_getCursorExtent(c)), &b);
	return b.macro;
}

/* Expression location: loc = begin of the range; the range only when it
 * lies in one file outside macro expansions. */
void set_expr_loc(struct lower *L, struct imc_node *n, CXCursor c)
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
void set_stmt_loc(struct lower *L, struct imc_node *n, CXCursor c)
{
	struct xloc b;

	xloc_get(clang_getRangeStart(clang_getCursorExtent(c)), &b);
	to_imc_loc(L, &b, &n->loc);
}

/* Declarations: the declared name. */
void decl_loc(struct lower *L, CXCursor decl, struct imc_loc *out)
{
	struct xloc b;

	xloc_get(clang_getCursorLocation(decl), &b);
	to_imc_loc(L, &b, out);
}

/* ------------------------------------------------------------------ */
/* Raw source text and tokens at a cursor's spelling.                   */

/* Where the first token of C is spelled, and the file's text from there. */
const char *spelled_at(struct lower *L, CXCursor c, CXFile *file, unsigned *off,
		       size_t *avail)
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

bool spelled_starts_with(struct lower *L, CXCursor c, const char *s)
{
	CXFile f;
	unsigned off;
	size_t avail, len = strlen(s);
	const char *p = spelled_at(L, c, &f, &off, &avail);

	return p && avail >= len && !memcmp(p, s, len);
}
/* Tokens of the spelling of C's first token and up to LIMIT bytes on. */
bool toks_get(struct lower *L, CXCursor c, unsigned limit, struct toks *t)
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
	r = clang_getRange(
		clang_getLocationForOffset(L->cxtu, f, off),
		clang_getLocationForOffset(L->cxtu, f, off + (unsigned)avail));
	clang_tokenize(L->cxtu, r, &t->v, &t->n);
	return t->n > 0;
}

void toks_free(struct lower *L, struct toks *t)
{
	if (t->v)
		clang_disposeTokens(L->cxtu, t->v, t->n);
}
