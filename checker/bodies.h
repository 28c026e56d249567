/* SPDX-License-Identifier: GPL-2.0-only */
/* Which skipped header function bodies the analysis needs (bodies.c). */
#ifndef IOMEMCHECK_CHECKER_BODIES_H
#define IOMEMCHECK_CHECKER_BODIES_H

#include <stdbool.h>

#include "ir.h"
#include "rules.h"
#include "util.h"

/* True when a function of SKIPPED (interned name -> non-NULL: lowered with
 * its body skipped) needs its body whatever the analysis finds: its type
 * mentions __iomem or a map struct. *WHY: that function's name. */
bool imc_bodies_needed(const struct imc_tu *tu,
		       const struct imc_ptrmap *skipped,
		       const struct imc_rules *rules, const char **why);

#endif
