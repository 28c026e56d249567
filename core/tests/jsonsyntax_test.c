// SPDX-License-Identifier: GPL-2.0-only
/* Unit test of imc_json_syntax(): valid documents pass, and each error is
 * named at its exact line and column. */
#include <stdio.h>
#include <string.h>

#include "jsonsyntax.h"

struct json_case {
	const char *text;
	unsigned line, col; /* 0: valid */
	const char *what;
};

static const struct json_case cases[] = {
	{"[]", 0, 0, NULL},
	{" [ {\"a\": [1, -2.5e+3, true, false, null, \"x\\\"y\"]}, {} ]\n", 0,
	 0, NULL},
	{"\"top\"", 0, 0, NULL},
	{"", 1, 1, "no JSON value, only blanks"},
	{" \n ", 2, 2, "no JSON value, only blanks"},
	{"[", 1, 2, "the text ends here (truncated?)"},
	{"[{\"directory\": \"/tmp\", \"command\"", 1, 33,
	 "the text ends here (truncated?)"},
	{"[\n {\"a\":\n  1,}\n]", 3, 5, "expected a string (a member's name)"},
	{"[1 2]", 1, 4, "expected ',' or ']'"},
	{"{\"a\": 1 ]", 1, 9, "expected ',' or '}'"},
	{"{\"a\" 1}", 1, 6, "expected ':'"},
	{"[tru]", 1, 2, "expected a value"},
	{"[-]", 1, 3, "expected a digit"},
	{"[1.]", 1, 4, "expected a digit"},
	{"[\"abc", 1, 2, "a string that is never closed"},
	{"[\"a\tb\"]", 1, 4, "a control character in a string"},
	{"[] []", 1, 4, "more text after the end of the JSON value"},
	{"[[[[", 1, 5, "the text ends here (truncated?)"},
};

int main(void)
{
	int failed = 0;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct json_case *c = &cases[i];
		struct imc_json_error err = {0, 0, NULL};
		int r = imc_json_syntax(c->text, strlen(c->text), &err);

		if (!c->line && r == 0)
			continue;
		if (c->line && r < 0 && err.line == c->line &&
		    err.col == c->col && !strcmp(err.what, c->what))
			continue;
		printf("FAIL case %zu: got %s %u:%u %s\n", i,
		       r < 0 ? "error" : "valid", err.line, err.col,
		       err.what ? err.what : "");
		failed = 1;
	}
	puts(failed ? "FAIL jsonsyntax" : "PASS jsonsyntax");
	return failed;
}
