// SPDX-License-Identifier: GPL-2.0-only
/* The __iomem and __force marks of a cast's type name (castmarks.h). */
#include <stdbool.h>
#include <string.h>

#include "castmarks.h"

#define MAX_MARKS 16

struct marks {
	uint32_t *mask[MAX_MARKS]; /* where each mark goes */
	int stars[MAX_MARKS]; /* '*' seen after it */
	int n;
};

static bool ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool word_is(const char *w, size_t n, const char *s)
{
	return strlen(s) == n && !memcmp(w, s, n);
}

/* Skips a comment or a literal at P (returns P if none starts there). */
static const char *skip_comment_or_literal(const char *p, const char *end)
{
	char q;

	if (p + 1 < end && p[0] == '/' && p[1] == '*') {
		for (p += 2; p + 1 < end && !(p[0] == '*' && p[1] == '/'); p++)
			;
		return p + 1 < end ? p + 2 : end;
	}
	if (p + 1 < end && p[0] == '/' && p[1] == '/') {
		while (p < end && *p != '\n')
			p++;
		return p;
	}
	if (*p != '"' && *p != '\'')
		return p;
	for (q = *p++; p < end && *p != q; p++)
		if (*p == '\\' && p + 1 < end)
			p++;
	return p < end ? p + 1 : end;
}

static void add_mark(struct marks *m, uint32_t *mask)
{
	if (m->n < MAX_MARKS) {
		m->mask[m->n] = mask;
		m->stars[m->n++] = 0;
	}
}

int imc_cast_marks(const char *text, size_t len, uint32_t *iomem,
		   uint32_t *force)
{
	const char *p = text, *end = text + len;
	int attr_depth = 0; /* parentheses open inside __attribute__ */
	int depth = 0, i;
	struct marks m = {.n = 0};

	*iomem = *force = 0;
	while (p < end) {
		const char *next = skip_comment_or_literal(p, end);
		const char *w;

		if (next != p) {
			p = next;
			continue;
		}
		if (*p == '(' || *p == ')') {
			depth += *p == '(' ? 1 : -1;
			if (attr_depth && depth < attr_depth)
				attr_depth = 0;
			if (!depth && *text == '(')
				break; /* the cast's ')': the operand follows */
			p++;
			continue;
		}
		if (*p == '*') {
			if (!attr_depth)
				for (i = 0; i < m.n; i++)
					m.stars[i]++;
			p++;
			continue;
		}
		if (!ident_char(*p)) {
			p++;
			continue;
		}
		for (w = p; p < end && ident_char(*p); p++)
			;
		if (word_is(w, p - w, "__iomem"))
			add_mark(&m, iomem);
		else if (word_is(w, p - w, "__force") ||
			 (attr_depth && word_is(w, p - w, "force")))
			add_mark(&m, force);
		else if (word_is(w, p - w, "__attribute__") ||
			 word_is(w, p - w, "__attribute"))
			attr_depth = depth + 1;
	}
	for (i = 0; i < m.n; i++)
		if (m.stars[i] < 31)
			*m.mask[i] |= 1u << m.stars[i];
	return m.n;
}
