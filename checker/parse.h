/* SPDX-License-Identifier: GPL-2.0-only */
/* Parsing a unit with header function bodies skipped (parse.c). */
#ifndef IOMEMCHECK_CHECKER_PARSE_H
#define IOMEMCHECK_CHECKER_PARSE_H

#include <stdbool.h>

#include <clang-c/Index.h>

#include "options.h"
#include "util.h"

/* The index every unit is parsed in (preambles kept in memory). */
CXIndex imc_parse_index(void);
/* Whether the first parse may skip header bodies: when the environment
 * says IOMEMCHECK_SKIP_HEADER_BODIES=1 and not every function is wanted
 * (ALL_FUNCTIONS: --headers, --dump-ir). */
bool imc_parse_may_skip(bool all_functions);
/* Parses FILE with ARGS; SKIP: bodies in the #include preamble skipped. */
enum CXErrorCode imc_parse(CXIndex index, const char *file,
			   const struct imc_strv *args, bool skip,
			   CXTranslationUnit *out);
/* With IOMEMCHECK_TRACE_PARSE=1: one line on stderr saying how FILE was
 * parsed (REPARSE_FOR: the function whose body made a full parse needed). */
void imc_parse_trace(const char *file, bool skipped, unsigned nskipped,
		     const char *reparse_for);

#endif
