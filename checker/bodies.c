// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which skipped header bodies the analysis needs before it runs (see
 * parse.c).
 *
 * The first parse skips the function bodies of the #include preamble. A
 * header function the main file reaches is then lowered with an empty body
 * (imc_func.body_skipped), which is right as long as its body could not
 * change a finding in the main file. Whether I/O memory or a map reaches
 * such a function is known only to the analysis, which says so
 * (imc_findings.needs_body, core/flow_calls.c). What it cannot see is a
 * function that hands out I/O memory or a map without being given one;
 * its type says so: a skipped function whose type mentions __iomem or a
 * map struct is needed before the analysis runs.
 */
#include <stdlib.h>

#include "bodies.h"
#include "ir.h"
#include "rules.h"
#include "util.h"

static bool type_matters(const struct imc_rules *rules,
			 const struct imc_type *t)
{
	uint32_t i;

	for (; t; t = t->pointee) {
		if (t->iomem ||
		    (t->kind == IMC_T_STRUCT && t->tag &&
		     imc_rules_find(rules, IMC_R_MAP_STRUCT, t->tag)))
			return true;
		if (t->kind == IMC_T_FUNC) {
			for (i = 0; i < t->nparams; i++)
				if (type_matters(rules, t->params[i]))
					return true;
			return type_matters(rules, t->ret);
		}
	}
	return false;
}

/* Calls whose effect the rules describe, so that the body's summary is not
 * read (core/flow.c, eval_call: accessors and I/O sources) or only for a
 * returned pointer (memory and map functions: a map test's truth value or a
 * memcpy()'s void carries no I/O memory anyone could access). */
static bool rules_decide(const struct imc_rules *rules,
			 const struct imc_func *fn)
{
	const struct imc_type *ret = fn->type ? fn->type->ret : NULL;
	int d;

	if (imc_rules_find(rules, IMC_R_ACCESSOR, fn->name) ||
	    imc_rules_find(rules, IMC_R_IO_SOURCE, fn->name))
		return true;
	if (ret && (ret->kind == IMC_T_PTR || ret->kind == IMC_T_STRUCT ||
		    ret->kind == IMC_T_UNION))
		return false;
	for (d = 0; d < IMC_R_COUNT; d++)
		if (d != IMC_R_MAP_STRUCT && d != IMC_R_IO_FIELD &&
		    d != IMC_R_REWRITE &&
		    imc_rules_find(rules, (enum imc_directive)d, fn->name))
			return true;
	return false;
}

bool imc_bodies_needed(const struct imc_tu *tu,
		       const struct imc_ptrmap *skipped,
		       const struct imc_rules *rules, const char **why)
{
	uint32_t i;

	*why = NULL;
	for (i = 0; i < imc_tu_nfuncs(tu); i++) {
		const struct imc_func *fn = imc_tu_func(tu, i);

		if (imc_ptrmap_get(skipped, (uintptr_t)fn->name) &&
		    type_matters(rules, fn->type) && !rules_decide(rules, fn)) {
			*why = fn->name;
			return true;
		}
	}
	return false;
}
