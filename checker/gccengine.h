/* SPDX-License-Identifier: GPL-2.0-only */
/* --engine=gcc: GCC with the iomemcheck plugin parses and analyses a unit,
 * the checker finishes its findings as it does libclang's (gccengine.c). */
#ifndef IOMEMCHECK_CHECKER_GCCENGINE_H
#define IOMEMCHECK_CHECKER_GCCENGINE_H

#include "iomemcheck.h"
#include "options.h"

/* Runs the unit's GCC on file (in the current directory) with
 * -fsyntax-only and the plugin, never through a shell, and appends the
 * findings the plugin hands over to out. cc holds the compiler options as
 * given (kbuild's CHECKFLAGS and c_flags, or a database entry's). Returns
 * 0, or 2 with a message on stderr (no GCC, no plugin, GCC failed). */
int imc_gcc_check(const struct imc_cli *cli, const char *file,
		  const struct imc_ccargs *cc, struct imc_findings *out);

#endif
