// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing a unit, header function bodies skipped when the analysis can do
 * without them.
 *
 * Nearly all of the checker's time is libclang's parse, and most of that
 * is the bodies of the static inline functions a kernel unit's headers
 * bring, of which the analysis reads the few the main file reaches
 * (imc_defer). libclang's C API skips bodies only everywhere
 * (CXTranslationUnit_SkipFunctionBodies; the main file's are needed) or,
 * with CXTranslationUnit_LimitSkipFunctionBodiesToPreamble, in the
 * preamble: the #include lines at the top of the main file, which it
 * parses first into a precompiled header (kept in memory, not in a
 * temporary file: StorePreamblesInMemory). That is where the headers of a
 * kernel unit come from. Header functions the main file reaches are then
 * lowered with empty bodies (imc_func.body_skipped); when one of them may
 * need its body (the core's imc_bodies_needed() before the analysis, the
 * analysis itself after: imc_findings.needs_body), the unit is parsed
 * again in full.
 *
 * With a precompiled preamble, asking libclang for a header's text or for
 * a location by offset, or visiting the unit's declarations, loads the
 * preamble back piece by piece; the lowering avoids all three
 * (tokens.c, lower.c: main_file_decls). Measured on the DRM units of
 * linux-6.1 (docs/performance.md): the same findings as a full parse, 6
 * of 191 units parsed twice, and the checker faster than clang
 * -fsyntax-only. IOMEMCHECK_SKIP_HEADER_BODIES=0 in the environment asks
 * for the full parse; IOMEMCHECK_TRACE_PARSE=1 prints, per unit, on
 * stderr, how it was parsed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static const unsigned full_flags =
	CXTranslationUnit_IncludeAttributedTypes |
	CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;

static const unsigned skip_flags =
	CXTranslationUnit_SkipFunctionBodies |
	CXTranslationUnit_LimitSkipFunctionBodiesToPreamble |
	CXTranslationUnit_CreatePreambleOnFirstParse |
	CXTranslationUnit_PrecompiledPreamble;

static bool env_set(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0");
}

CXIndex imc_parse_index(void)
{
	CXIndexOptions o;

	memset(&o, 0, sizeof(o));
	o.Size = sizeof(o);
	o.StorePreamblesInMemory = 1;
	return clang_createIndexWithOptions(&o);
}

bool imc_parse_may_skip(bool all_functions)
{
	const char *v = getenv("IOMEMCHECK_SKIP_HEADER_BODIES");

	return !all_functions && !(v && !strcmp(v, "0"));
}

enum CXErrorCode imc_parse(CXIndex index, const char *file,
			   const struct imc_strv *args, bool skip,
			   CXTranslationUnit *out)
{
	return clang_parseTranslationUnit2(
		index, file, args->v, (int)args->n, NULL, 0,
		full_flags | (skip ? skip_flags : 0), out);
}

void imc_parse_trace(const char *file, bool skipped, unsigned nskipped,
		     const char *reparse_for)
{
	if (!env_set("IOMEMCHECK_TRACE_PARSE"))
		return;
	if (reparse_for)
		fprintf(stderr,
			"iomemcheck: %s: parse: re-parsed in full (%s() needs "
			"its body)\n",
			file, reparse_for);
	else if (skipped)
		fprintf(stderr,
			"iomemcheck: %s: parse: header bodies skipped (%u "
			"reached)\n",
			file, nskipped);
	else
		fprintf(stderr, "iomemcheck: %s: parse: full\n", file);
}
