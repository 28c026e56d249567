/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Text edits and the unified diff they make, in-process: --fix writes the
 * edited text, --fix-dry-run prints the diff, the HTML report renders it.
 * No diff(1), no shell: a path never reaches a command line.
 */
#ifndef IOMEMCHECK_UDIFF_H
#define IOMEMCHECK_UDIFF_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Replace bytes [begin, end) of a text with text. */
struct imc_text_edit {
	size_t begin, end;
	const char *text;
};

/* The text with edits applied (sorted by begin, not overlapping),
 * NUL-terminated; its length in *len. */
char *imc_edits_apply(const char *text, size_t len,
		      const struct imc_text_edit *ed, size_t n, size_t *outlen);

enum imc_udiff_kind {
	IMC_UDIFF_HUNK, /* "@@ -a,b +c,d @@" */
	IMC_UDIFF_CONTEXT,
	IMC_UDIFF_DELETED,
	IMC_UDIFF_ADDED,
};

/* One line of the diff: for a hunk the header text, else the line without
 * its newline; no_eol when it is a file's last line and has none. */
typedef void imc_udiff_line_fn(void *ctx, enum imc_udiff_kind kind,
			       const char *s, size_t len, int no_eol);

/* The hunks of the unified diff between text and text with edits applied
 * (sorted, not overlapping), with context lines around each change as
 * diff -u makes them (hunks closer than 2 * context merged). */
void imc_udiff(const char *text, size_t len, const struct imc_text_edit *ed,
	       size_t n, unsigned context, imc_udiff_line_fn *line, void *ctx);

/* The same, as patch(1) and git apply read it: "--- a/NAME", "+++ b/NAME"
 * (NAME quoted as git quotes it when it holds a quote, a backslash or a
 * control character; a tab after a name with a space), then the hunks. */
void imc_udiff_print(FILE *out, const char *name, const char *text, size_t len,
		     const struct imc_text_edit *ed, size_t n,
		     unsigned context);

#ifdef __cplusplus
}
#endif
#endif
