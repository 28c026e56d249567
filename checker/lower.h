/* SPDX-License-Identifier: GPL-2.0-only */
/* libclang AST -> core IR (the lowering contract: see lower.c). */
#ifndef IOMEMCHECK_CHECKER_LOWER_H
#define IOMEMCHECK_CHECKER_LOWER_H

#include <stdbool.h>

#include <clang-c/Index.h>

#include "ir.h"

/* A place clang reported an error: functions containing one are not lowered. */
struct imc_bad_loc {
	CXFile file;
	unsigned offset;
};

struct imc_lower_stats {
	unsigned nfuncs;  /* function definitions lowered */
	unsigned skipped; /* function definitions skipped (they contain errors) */
};

/* Lowers the function definitions of the main file and those of included
 * headers that they reach by direct calls; with ALL, every definition. */
struct imc_tu *imc_lower(CXTranslationUnit cxtu, const char *main_file,
			 const struct imc_bad_loc *bad, unsigned nbad, bool all,
			 struct imc_lower_stats *stats);

#endif
