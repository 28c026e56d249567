// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked on a return: a map's system pointer that may be I/O
 * memory handed out as a plain pointer (docs/rules/map-vaddr-unchecked.md,
 * "Handed out without its flag"; case map-escape.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "checks.h"
#include "flow_internal.h"

/* `return map->vaddr;` where the map may be I/O, from a function other
 * files call: the caller gets a plain pointer and no is_iomem to test
 * (ast's cursor). Reported where the member was read, which is what a fix
 * changes. Callers of a static function are in this file, where the
 * summary reports their use of it instead. */
static void check_escape(struct fnctx *c, const struct imc_node *ret,
			 const struct val *v)
{
	const struct imc_type *rt = c->fn->type ? c->fn->type->ret : NULL;
	struct imc_node at = {.loc = v->from};
	size_t f;

	if (!c->report || c->fn->is_static || !v->from.line ||
	    !(v->mem & MEM_IO) || !val_from_map(c, v) || !imc_type_is_ptr(rt) ||
	    imc_type_is_iomem_ptr(rt))
		return;
	at.range.fe_begin = v->from_fe;
	f = add_finding(
		c->a, IMC_RULE_VADDR_UNCHECKED, &at,
		imc_xasprintf("the system pointer of a map that may be I/O "
			      "memory is returned by %s() at line %u as a "
			      "plain pointer, without its is_iomem: %s; "
			      "test is_iomem first, or hand out the map",
			      c->fn->name, ret->loc.line,
			      v->why ? v->why : "unknown origin"));
	report_events(c, f, v, ret, "access",
		      imc_xasprintf("returned by %s() as a plain pointer",
				    c->fn->name));
}

const struct check_hooks escape_check = {
	.ret = check_escape,
};
