// SPDX-License-Identifier: GPL-2.0-only
/* Unit test of imc_udiff_print(): each text and edits, the exact patch
 * (hunks as diff -u makes them: counts of 1 and 0, merged and separate
 * hunks, a last line without a newline, names git would quote). */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "udiff.h"

struct edit_case {
	const char *what, *name, *text;
	struct imc_text_edit ed[3];
	size_t n;
	const char *patch;
};

static const char ten[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";

static const struct edit_case cases[] = {
	{"one line changed",
	 "f.c",
	 "a\nb\nc\n",
	 {{2, 3, "B"}},
	 1,
	 "--- a/f.c\n+++ b/f.c\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
	{"context cut at 3 lines",
	 "f.c",
	 ten,
	 {{10, 11, "six"}},
	 1,
	 "--- a/f.c\n+++ b/f.c\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-6\n+six\n 7\n"
	 " 8\n 9\n"},
	{"changes 6 lines apart share a hunk",
	 "f.c",
	 ten,
	 {{0, 1, "one"}, {14, 15, "eight"}},
	 2,
	 "--- a/f.c\n+++ b/f.c\n@@ -1,10 +1,10 @@\n-1\n+one\n 2\n 3\n 4\n"
	 " 5\n 6\n 7\n-8\n+eight\n 9\n 10\n"},
	{"changes 7 lines apart do not",
	 "f.c",
	 ten,
	 {{0, 1, "one"}, {16, 17, "nine"}},
	 2,
	 "--- a/f.c\n+++ b/f.c\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n"
	 "@@ -6,5 +6,5 @@\n 6\n 7\n 8\n-9\n+nine\n 10\n"},
	{"a line joined, a line split",
	 "f.c",
	 "a\nb\nc\n",
	 {{1, 2, ""}, {5, 5, "\nd"}},
	 2,
	 "--- a/f.c\n+++ b/f.c\n@@ -1,3 +1,3 @@\n-a\n-b\n+ab\n c\n+d\n"},
	{"a line removed: its count 0 side",
	 "f.c",
	 "a\n",
	 {{0, 2, ""}},
	 1,
	 "--- a/f.c\n+++ b/f.c\n@@ -1 +0,0 @@\n-a\n"},
	{"no newline at the end, kept",
	 "f.c",
	 "a\nb",
	 {{0, 1, "A"}},
	 1,
	 "--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n"
	 "\\ No newline at end of file\n"},
	{"no newline at the end, text added there",
	 "f.c",
	 "a\nb",
	 {{3, 3, "c"}},
	 1,
	 "--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,2 @@\n a\n-b\n"
	 "\\ No newline at end of file\n+bc\n\\ No newline at end of file\n"},
	{"a line added at the end",
	 "f.c",
	 "a\n",
	 {{2, 2, "b\n"}},
	 1,
	 "--- a/f.c\n+++ b/f.c\n@@ -1 +1,2 @@\n a\n+b\n"},
	{"an edit that changes nothing",
	 "f.c",
	 "a\n",
	 {{0, 1, "a"}},
	 1,
	 "--- a/f.c\n+++ b/f.c\n"},
	{"a name with a space: a tab ends it",
	 "my file.c",
	 "a\n",
	 {{0, 1, "b"}},
	 1,
	 "--- a/my file.c\t\n+++ b/my file.c\t\n@@ -1 +1 @@\n-a\n+b\n"},
	{"quotes, backslash, newline: quoted as git does",
	 "x\"y\\z\n'.c",
	 "a\n",
	 {{0, 1, "b"}},
	 1,
	 "--- \"a/x\\\"y\\\\z\\n'.c\"\n+++ \"b/x\\\"y\\\\z\\n'.c\"\n"
	 "@@ -1 +1 @@\n-a\n+b\n"},
	{"a tab in the name: quoted",
	 "$(rm\t-rf);'.c",
	 "a\n",
	 {{0, 1, "b"}},
	 1,
	 "--- \"a/$(rm\\t-rf);'.c\"\n+++ \"b/$(rm\\t-rf);'.c\"\n"
	 "@@ -1 +1 @@\n-a\n+b\n"},
	{"shell syntax is not quoted, a space gets its tab",
	 "$(touch PWNED);'.c",
	 "a\n",
	 {{0, 1, "b"}},
	 1,
	 "--- a/$(touch PWNED);'.c\t\n+++ b/$(touch PWNED);'.c\t\n"
	 "@@ -1 +1 @@\n-a\n+b\n"},
};

static int check(const struct edit_case *c)
{
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	int bad;

	if (!out)
		return 1;
	imc_udiff_print(out, c->name, c->text, strlen(c->text), c->ed, c->n, 3);
	fclose(out);
	bad = strcmp(got, c->patch) != 0;
	if (bad)
		printf("FAIL %s:\n--- expected\n%s--- got\n%s", c->what,
		       c->patch, got);
	free(got);
	return bad;
}

int main(void)
{
	size_t i;
	int failed = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		failed += check(&cases[i]);
	printf("%zu cases, %d failed\n", i, failed);
	return failed != 0;
}
