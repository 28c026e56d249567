// SPDX-License-Identifier: GPL-2.0-only
/* Lowering (see lower.c): Locations and spelled source text of cursors. */
#include <ctype.h>
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
#define ENDS_IN_MACRO_DEPTH 512

/* The answer holds for every node of the descent (they all end at the same
 * innermost node). The lowering asks for each node of a chain that ends in
 * one token (`(int)(int)x`, `a = b = c`, `x ? 1 : y ? 2 : z`): remembered
 * per node, such a chain costs one step per level, not one descent. */
static uintptr_t ends_in_macro_known(struct lower *L, CXCursor c)
{
	return c.data[1] ? (uintptr_t)imc_ptrmap_get(&L->ends_macro,
						     (uintptr_t)c.data[1])
			 : 0;
}

static void ends_in_macro_remember(struct lower *L, const CXCursor *path, int n,
				   bool yes)
{
	int i;

	for (i = 0; i < n; i++)
		if (path[i].data[1])
			imc_ptrmap_put(&L->ends_macro,
				       (uintptr_t)path[i].data[1],
				       (void *)(uintptr_t)(yes ? 2 : 1));
}

static bool ends_in_macro(struct lower *L, CXCursor c)
{
	CXCursor path[ENDS_IN_MACRO_DEPTH];
	int n;
	struct xloc b;
	bool yes;

	for (n = 0; n < ENDS_IN_MACRO_DEPTH; n++) {
		uintptr_t known = ends_in_macro_known(L, c);
		CXSourceLocation end;
		CXCursor last = clang_getNullCursor();
		struct kids k;
		unsigned i;

		if (known) {
			ends_in_macro_remember(L, path, n, known == 2);
			return known == 2;
		}
		path[n] = c;
		end = clang_getRangeEnd(clang_getCursorExtent(c));
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
	yes = b.macro;
	ends_in_macro_remember(L, path, n < ENDS_IN_MACRO_DEPTH ? n + 1 : n,
			       yes);
	return yes;
}

/* Where SL is spelled: libclang's "spelling" location is the file location
 * (clang's getFileLoc): for a token of a macro's argument its spelling in
 * the file, else the expansion point. */
static void spelled_loc(struct lower *L, CXSourceLocation sl,
			struct imc_loc *out)
{
	struct xloc x = {0};

	clang_getSpellingLocation(sl, &x.file, &x.line, &x.col, &x.off);
	to_imc_loc(L, &x, out);
}

/* ---- macro definitions, looked up on demand (fix-its in arguments) ---- */

struct def_search {
	const char *name;
	CXTranslationUnit tu;
	char *found; /* the definitions, one a line */
};

/* "NAME(...) body" of a `#define NAME(` at text[at], on one line. */
static char *definition_at(const char *text, size_t size, size_t at)
{
	char *out = imc_xcalloc(size - at + 1, 1);
	size_t n = 0;

	while (at < size && text[at] != '\n') {
		if (text[at] == '\\' && at + 1 < size && text[at + 1] == '\n') {
			out[n++] = ' ';
			at += 2;
			continue;
		}
		out[n++] = text[at++];
	}
	out[n] = '\0';
	return out;
}

static bool has_line(const char *lines, const char *line)
{
	size_t len = strlen(line);

	for (; *lines; lines += strcspn(lines, "\n"), lines += *lines == '\n')
		if (!strncmp(lines, line, len) &&
		    (lines[len] == '\n' || !lines[len]))
			return true;
	return false;
}

size_t next_define(const char *text, size_t size, size_t from, const char *name)
{
	size_t len = strlen(name), i;

	for (i = from; i + len < size; i++) {
		size_t j = i;

		if (text[i] != '#' || (i && text[i - 1] != '\n' &&
				       !isspace((unsigned char)text[i - 1])))
			continue;
		for (j++; j < size && (text[j] == ' ' || text[j] == '\t'); j++)
			;
		if (size - j < 7 + len || strncmp(text + j, "define", 6) ||
		    !isblank((unsigned char)text[j + 6]))
			continue;
		for (j += 6; j < size && isblank((unsigned char)text[j]); j++)
			;
		if (size - j > len && !strncmp(text + j, name, len) &&
		    text[j + len] == '(')
			return j;
	}
	return size;
}

/* Finds `#define NAME(` at the start of a line of FILE. Which of two
 * different definitions (#ifdef alternatives) is in force is not known
 * here: both are given, and fix-its must suit both. */
static void search_file(CXFile file, CXSourceLocation *stack, unsigned depth,
			CXClientData data)
{
	struct def_search *s = data;
	size_t size, j;
	const char *text = clang_getFileContents(s->tu, file, &size);

	(void)stack;
	(void)depth;
	for (j = text ? next_define(text, size, 0, s->name) : size; j < size;
	     j = next_define(text, size, j, s->name)) {
		char *def = definition_at(text, size, j), *all;

		if (!s->found) {
			s->found = def;
			continue;
		}
		if (!has_line(s->found, def)) {
			all = imc_xasprintf("%s\n%s", s->found, def);
			free(s->found);
			s->found = all;
		}
		free(def);
	}
}

static char *lookup_macro(const char *name, void *ctx)
{
	struct def_search s = {name, ctx, NULL};

	clang_getInclusions(s.tu, search_file, &s);
	return s.found;
}

/* Both ends of C are tokens of a macro's arguments spelled in the main
 * file: their spelling, for fix-its (core/fix/fixit.c checks the rest). */
static void set_arg_range(struct lower *L, struct imc_node *n,
			  CXSourceRange ext, const struct xloc *b)
{
	struct xloc e;
	struct imc_loc sb, se;

	xloc_get(clang_getRangeEnd(ext), &e);
	if (!b->macro || !e.macro)
		return;
	spelled_loc(L, clang_getRangeStart(ext), &sb);
	spelled_loc(L, clang_getRangeEnd(ext), &se);
	if (!sb.file || sb.file != se.file || sb.file != n->loc.file ||
	    sb.line > se.line || (sb.line == se.line && sb.col >= se.col))
		return;
	n->arg_begin = sb;
	n->arg_end = se;
	imc_tu_set_macro_lookup(L->tu, lookup_macro, L->cxtu);
}

/* Expression location: loc = begin of the range; the range only when it
 * lies in one file outside macro expansions. */
void set_expr_loc(struct lower *L, struct imc_node *n, CXCursor c)
{
	CXSourceRange ext = clang_getCursorExtent(c);
	struct xloc b, e;

	xloc_get(clang_getRangeStart(ext), &b);
	to_imc_loc(L, &b, &n->loc);
	if (b.macro) {
		set_arg_range(L, n, ext, &b);
		return;
	}
	xloc_get(clang_getRangeEnd(ext), &e);
	if (e.macro || !e.file || !clang_File_isEqual(b.file, e.file) ||
	    ends_in_macro(L, c))
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
	buf = file_text(L, *file, &size);
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
