// SPDX-License-Identifier: GPL-2.0-only
/*
 * parse-floor: how fast libclang can parse a unit when it skips function
 * bodies, the lower bound for any libclang-based checker that skips what
 * its analysis does not need (bench/run.sh, tools clang-skip and
 * clang-preamble).
 *
 *   parse-floor all|preamble CLANG-ARGS... FILE
 *
 * all:      CXTranslationUnit_SkipFunctionBodies, every body skipped (the
 *           main file's too, so no checker could work this way: a floor);
 * preamble: bodies skipped only in the preamble (the #includes at the top),
 *           which libclang precompiles first; the main file's bodies kept.
 * Exit status 0 if libclang produced a translation unit, 2 otherwise.
 */
#include <stdio.h>
#include <string.h>

#include <clang-c/Index.h>

int main(int argc, char **argv)
{
	unsigned flags = CXTranslationUnit_IncludeAttributedTypes |
			 CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles |
			 CXTranslationUnit_SkipFunctionBodies;
	CXTranslationUnit tu = NULL;
	CXIndex index;
	enum CXErrorCode ec;

	if (argc < 3 ||
	    (strcmp(argv[1], "all") && strcmp(argv[1], "preamble"))) {
		fprintf(stderr,
			"usage: parse-floor all|preamble CLANG-ARGS... FILE\n");
		return 2;
	}
	if (!strcmp(argv[1], "preamble"))
		flags |= CXTranslationUnit_LimitSkipFunctionBodiesToPreamble |
			 CXTranslationUnit_CreatePreambleOnFirstParse |
			 CXTranslationUnit_PrecompiledPreamble;
	index = clang_createIndex(0, 0);
	ec = clang_parseTranslationUnit2(index, NULL,
					 (const char *const *)argv + 2,
					 argc - 2, NULL, 0, flags, &tu);
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	return ec == CXError_Success ? 0 : 2;
}
