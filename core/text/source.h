/* SPDX-License-Identifier: GPL-2.0-only */
/* Source text for fix-its: the core reads files itself so that both front
 * ends derive rewrites from the very same bytes. */
#ifndef IOMEMCHECK_SOURCE_H
#define IOMEMCHECK_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "ir.h"

struct imc_sources;
struct imc_sources *imc_sources_new(void);
void imc_sources_free(struct imc_sources *s);

/* Line LINE (1-based) of FILE (an interned name: files are keyed by the
 * pointer), without its newline; false if there is none. The text stays
 * valid until imc_sources_free(). */
bool imc_source_line(struct imc_sources *s, const char *file, uint32_t line,
		     const char **text, size_t *len);

/* The text of source file NAME (heap, NUL-terminated; NULL if unavailable):
 * what the reader a front end set gives (the plugin compiling a .i of
 * -fdirectives-only: the lines the .i holds, on a distcc node without the
 * sources), else the file. */
char *imc_source_read(const char *name, size_t *len);
void imc_source_set_reader(char *(*reader)(const char *name, size_t *len));

/* A heap copy of the text of [begin, end), or NULL if unavailable. */
char *imc_source_text(struct imc_sources *s, const struct imc_range *r);

/* The location `bytes` bytes after loc on the same line (no check). */
struct imc_loc imc_loc_advance(struct imc_loc loc, size_t bytes);

/* Splits the argument list of a call's text "f(a, b(c, d), e)" at top-level
 * commas; offsets are byte offsets into text. Returns the number of
 * arguments, or -1 if the text is not a simple call. */
int imc_split_call(const char *text, size_t *arg_begin, size_t *arg_end,
		   int max_args, size_t *open_paren);

/* Finds the top-level assignment operator in "lhs op= rhs" after lhs_len
 * bytes: returns its offset and writes the binary operator ("" for plain
 * '='), or -1. */
int imc_find_assign_op(const char *text, size_t lhs_len, char op[4],
		       size_t *rhs_begin);

/* The ';' ending the statement that starts at from (string-, comment- and
 * bracket-aware); false if there is none before a ',' or a directive. */
bool imc_source_stmt_end(struct imc_sources *s, struct imc_loc from,
			 struct imc_loc *end);

/* Trims surrounding blanks and one pair of redundant outer parentheses. */
char *imc_trim_expr(const char *s, size_t len);

#endif
