/* SPDX-License-Identifier: GPL-2.0-only */
/* libclang AST -> core IR (the lowering contract: see lower.c). */
#ifndef IOMEMCHECK_CHECKER_LOWER_H
#define IOMEMCHECK_CHECKER_LOWER_H

#include <stdbool.h>

#include <clang-c/Index.h>

#include "ir.h"
#include "util.h"

/* A place clang reported an error: functions containing one are not lowered. */
struct imc_bad_loc {
	CXFile file;
	unsigned offset;
};

struct imc_lower_stats {
	unsigned nfuncs; /* function definitions lowered */
	unsigned
		skipped; /* function definitions skipped (they contain errors) */
	/* Lowered definitions whose body libclang skipped (parse.c): interned
	 * name -> the function; the caller frees it. */
	struct imc_ptrmap skipped_bodies;
	unsigned nskipped_bodies;
};

/* imc_lower's flags */
#define IMC_LOWER_ALL 1u /* every definition, not only those reached */
/* The parse skipped header bodies (parse.c): lower the functions whose body
 * was skipped, with an empty one, and list them in the stats. */
#define IMC_LOWER_BODIES_SKIPPED 2u

/* Lowers the function definitions of the main file and those of included
 * headers that they reach by direct calls. */
struct imc_tu *imc_lower(CXTranslationUnit cxtu, const char *main_file,
			 const struct imc_bad_loc *bad, unsigned nbad,
			 unsigned flags, struct imc_lower_stats *stats);

#endif
