// SPDX-License-Identifier: GPL-2.0-only
/*
 * Source text and raw tokens for the lowering, read without asking libclang
 * for locations.
 *
 * clang_getFileContents() and clang_getLocationForOffset() find a header's
 * FileID by a linear search through the unit's source location entries, on
 * every call; with a precompiled preamble (parse.c) that search loads the
 * preamble's entries one by one (the main file is found at once). The
 * lowering reads text at thousands of cursors, most of them inside the same
 * few macros (list_for_each_entry's `for`, READ_ONCE's `_Generic`). So a
 * header's text is read once, from the file (core/text/source.c: the bytes
 * libclang parsed, as the checker gives it no unsaved files), the main
 * file's is libclang's own (it may have changed since: --fix checks), and
 * the tokens at a place are lexed once.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "source.h"

struct file_text {
	const char *buf;
	size_t size;
	char *own; /* read by us: freed with the lowering */
};

const char *file_text(struct lower *L, CXFile f, size_t *size)
{
	struct file_text *t = imc_ptrmap_get(&L->texts, (uintptr_t)f);

	if (!t) {
		CXString name = clang_getFileName(f);
		const char *path = clang_getCString(name);

		t = imc_xcalloc(1, sizeof(*t));
		if (path && !strcmp(path, imc_tu_main_file(L->tu)))
			t->buf = clang_getFileContents(L->cxtu, f, &t->size);
		else
			t->buf = t->own = imc_source_read(path, &t->size);
		clang_disposeString(name);
		imc_ptrmap_put(&L->texts, (uintptr_t)f, t);
	}
	*size = t->size;
	return t->buf;
}

static void file_text_free(void *p)
{
	struct file_text *t = p;

	free(t->own);
	free(t);
}

void file_texts_free(struct lower *L)
{
	imc_ptrmap_free_with(&L->texts, file_text_free);
}

/* Blanks, comments and line continuations from I on. */
static size_t skip_blank(const char *p, size_t i, size_t n)
{
	while (i < n) {
		if (isspace((unsigned char)p[i]) ||
		    (p[i] == '\\' && i + 1 < n && p[i + 1] == '\n')) {
			i++;
		} else if (p[i] == '/' && i + 1 < n && p[i + 1] == '*') {
			const char *e =
				i + 2 < n ? strstr(p + i + 2, "*/") : NULL;

			i = e && (size_t)(e - p) + 2 <= n ? (size_t)(e - p) + 2
							  : n;
		} else if (p[i] == '/' && i + 1 < n && p[i + 1] == '/') {
			while (i < n && p[i] != '\n')
				i++;
		} else {
			break;
		}
	}
	return i;
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

static size_t quoted_len(const char *p, size_t i, size_t n)
{
	size_t j = i + 1;

	while (j < n && p[j] != p[i] && p[j] != '\n')
		j += p[j] == '\\' ? 2 : 1;
	return (j < n && p[j] == p[i] ? j + 1 : j) - i;
}

static size_t punct_len(const char *p, size_t i, size_t n)
{
	static const char *const longer[] = {
		"<<=", ">>=", "...", "->", "++", "--", "<<", ">>",
		"<=",  ">=",  "==",  "!=", "&&", "||", "*=", "/=",
		"%=",  "+=",  "-=",  "&=", "^=", "|=", "##", NULL};
	unsigned k;

	for (k = 0; longer[k]; k++) {
		size_t len = strlen(longer[k]);

		if (i + len <= n && !memcmp(p + i, longer[k], len))
			return len;
	}
	return 1;
}

/* Length of the token at I: identifiers, pp-numbers, literals, punctuators. */
static size_t token_len(const char *p, size_t i, size_t n)
{
	size_t j = i;

	if (ident_char(p[i]) && !isdigit((unsigned char)p[i])) {
		while (j < n && ident_char(p[j]))
			j++;
		return j - i;
	}
	if (isdigit((unsigned char)p[i]) ||
	    (p[i] == '.' && i + 1 < n && isdigit((unsigned char)p[i + 1]))) {
		for (j++; j < n &&
			  (ident_char(p[j]) || p[j] == '.' ||
			   (strchr("+-", p[j]) && strchr("eEpP", p[j - 1])));
		     j++)
			;
		return j - i;
	}
	if (p[i] == '"' || p[i] == '\'')
		return quoted_len(p, i, n);
	return punct_len(p, i, n);
}

struct toks_at {
	const char **s;
	unsigned n;
};

static struct toks_at *lex(struct lower *L, const char *p, size_t n)
{
	struct toks_at *t = imc_tu_alloc(L->tu, sizeof(*t));
	unsigned cap = 0;
	size_t i = skip_blank(p, 0, n);

	while (i < n) {
		size_t len = token_len(p, i, n);
		char *s = imc_xcalloc(len + 1, 1);

		if (t->n == cap) {
			cap = cap ? 2 * cap : 64;
			t->s = imc_xrealloc(t->s, cap * sizeof(*t->s));
		}
		memcpy(s, p + i, len);
		t->s[t->n++] = imc_tu_intern(L->tu, s);
		free(s);
		i = skip_blank(p, i + len, n);
	}
	return t;
}

bool toks_get(struct lower *L, CXCursor c, unsigned limit, struct toks *t)
{
	CXFile f;
	unsigned off;
	size_t avail;
	const char *p = spelled_at(L, c, &f, &off, &avail);
	struct toks_at *at;

	t->s = NULL;
	t->n = 0;
	if (!p)
		return false;
	at = imc_ptrmap_get(&L->toks, (uintptr_t)p);
	if (!at) {
		at = lex(L, p, avail < limit ? avail : limit);
		imc_ptrmap_put(&L->toks, (uintptr_t)p, at);
	}
	t->s = at->s;
	t->n = at->n;
	return t->n > 0;
}

static void toks_at_free(void *p)
{
	free(((struct toks_at *)p)->s);
}

void toks_cache_free(struct lower *L)
{
	imc_ptrmap_free_with(&L->toks, toks_at_free);
}
