// SPDX-License-Identifier: GPL-2.0-only
/*
 * A JSON syntax check without a tree: one pass, the open arrays and objects
 * on a stack of their own (no recursion: a file of a million '[' is an
 * error message, not a crash).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jsonsyntax.h"
#include "util.h"

/* What may come next. */
enum want {
	W_VALUE, /* the document, after ':' or an array's ',' */
	W_VALUE_OR_CLOSE, /* after '[' */
	W_KEY, /* after an object's ',' */
	W_KEY_OR_CLOSE, /* after '{' */
	W_COLON, /* after a member's name */
	W_NEXT, /* after a value inside an array or object */
	W_END, /* after the document */
};

struct scan {
	const char *text;
	size_t len, at; /* the byte looked at */
	char *open; /* '[' and '{' not closed yet */
	size_t depth, cap;
	const char *what; /* the error, once there is one */
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool at_end(const struct scan *s)
{
	return s->at >= s->len;
}

static bool fail(struct scan *s, const char *what)
{
	s->what = what;
	return false;
}

/* A string from its opening quote; leaves s->at after the closing one. */
static bool scan_string(struct scan *s)
{
	size_t start = s->at++;

	for (; !at_end(s); s->at++) {
		unsigned char c = (unsigned char)s->text[s->at];

		if (c == '"') {
			s->at++;
			return true;
		}
		if (c < 0x20)
			return fail(s, "a control character in a string");
		if (c == '\\' && ++s->at == s->len)
			break;
	}
	s->at = start;
	return fail(s, "a string that is never closed");
}

static void skip_digits(struct scan *s)
{
	while (!at_end(s) && is_digit(s->text[s->at]))
		s->at++;
}

/* -?digits(.digits)?([eE][+-]?digits)? */
static bool scan_number(struct scan *s)
{
	if (s->text[s->at] == '-')
		s->at++;
	if (at_end(s) || !is_digit(s->text[s->at]))
		return fail(s, "expected a digit");
	skip_digits(s);
	if (!at_end(s) && s->text[s->at] == '.') {
		s->at++;
		if (at_end(s) || !is_digit(s->text[s->at]))
			return fail(s, "expected a digit");
		skip_digits(s);
	}
	if (!at_end(s) && (s->text[s->at] == 'e' || s->text[s->at] == 'E')) {
		s->at++;
		if (!at_end(s) &&
		    (s->text[s->at] == '+' || s->text[s->at] == '-'))
			s->at++;
		if (at_end(s) || !is_digit(s->text[s->at]))
			return fail(s, "expected a digit");
		skip_digits(s);
	}
	return true;
}

static bool scan_word(struct scan *s)
{
	static const char *const words[] = {"true", "false", "null"};
	size_t i, n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (s->len - s->at >= n &&
		    !memcmp(s->text + s->at, words[i], n)) {
			s->at += n;
			return true;
		}
	}
	return fail(s, "expected a value");
}

static enum want after_value(const struct scan *s)
{
	return s->depth ? W_NEXT : W_END;
}

static enum want push(struct scan *s, char c)
{
	if (s->depth == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->open = imc_xrealloc(s->open, s->cap);
	}
	s->open[s->depth++] = c;
	s->at++;
	return c == '[' ? W_VALUE_OR_CLOSE : W_KEY_OR_CLOSE;
}

static enum want pop(struct scan *s)
{
	s->depth--;
	s->at++;
	return after_value(s);
}

/* One value's first token: a scalar whole, an array or object opened. */
static bool value(struct scan *s, enum want *next)
{
	char c = s->text[s->at];
	bool ok = true;

	if (c == '[' || c == '{')
		*next = push(s, c);
	else if (c == '"')
		ok = scan_string(s);
	else if (c == '-' || is_digit(c))
		ok = scan_number(s);
	else
		ok = scan_word(s);
	if (ok && c != '[' && c != '{')
		*next = after_value(s);
	return ok;
}

/* After a value in an array or object: ',' or the closing bracket. */
static bool next_item(struct scan *s, enum want *next)
{
	char top = s->open[s->depth - 1], c = s->text[s->at];

	if (c == ',') {
		s->at++;
		*next = top == '[' ? W_VALUE : W_KEY;
	} else if ((c == ']' && top == '[') || (c == '}' && top == '{')) {
		*next = pop(s);
	} else {
		return fail(s, top == '[' ? "expected ',' or ']'"
					  : "expected ',' or '}'");
	}
	return true;
}

static bool step(struct scan *s, enum want *want)
{
	char c = s->text[s->at];

	switch (*want) {
	case W_VALUE_OR_CLOSE:
		if (c == ']') {
			*want = pop(s);
			return true;
		}
		/* fall through */
	case W_VALUE:
		return value(s, want);
	case W_KEY_OR_CLOSE:
		if (c == '}') {
			*want = pop(s);
			return true;
		}
		/* fall through */
	case W_KEY:
		if (c != '"')
			return fail(s, "expected a string (a member's name)");
		*want = W_COLON;
		return scan_string(s);
	case W_COLON:
		if (c != ':')
			return fail(s, "expected ':'");
		s->at++;
		*want = W_VALUE;
		return true;
	case W_NEXT:
		return next_item(s, want);
	case W_END:
		break;
	}
	return fail(s, "more text after the end of the JSON value");
}

static void position(const struct scan *s, struct imc_json_error *err)
{
	size_t i;

	err->line = 1;
	err->col = 1;
	for (i = 0; i < s->at && i < s->len; i++) {
		err->col++;
		if (s->text[i] == '\n') {
			err->line++;
			err->col = 1;
		}
	}
	err->what = s->what;
}

int imc_json_syntax(const char *text, size_t len, struct imc_json_error *err)
{
	struct scan s = {.text = text, .len = len};
	enum want want = W_VALUE;
	bool ok = true;

	for (;;) {
		while (!at_end(&s) && is_blank(text[s.at]))
			s.at++;
		if (at_end(&s))
			break;
		if (!(ok = step(&s, &want)))
			break;
	}
	if (ok && want != W_END)
		ok = fail(&s, want == W_VALUE && !s.depth
				      ? "no JSON value, only blanks"
				      : "the text ends here (truncated?)");
	free(s.open);
	if (!ok)
		position(&s, err);
	return ok ? 0 : -1;
}
