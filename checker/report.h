/* SPDX-License-Identifier: GPL-2.0-only */
/* Findings as text on stderr, with fix-its shown under the source line. */
#ifndef IOMEMCHECK_CHECKER_REPORT_H
#define IOMEMCHECK_CHECKER_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "iomemcheck.h"

/* With errors, the findings that fail by its policy (fail-on) print as
 * "error:" (-Wsparse-error), the others as "warning:". */
void imc_report_text(FILE *out, const struct imc_findings *f,
		     bool parseable_fixits, bool show_caret,
		     const struct imc_policy *errors);

#endif
