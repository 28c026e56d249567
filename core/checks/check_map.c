// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks on map set-up: map-flag-mismatch (member and is_iomem written
 * inconsistently), map-incr-before-vunmap (a map advanced in place, then
 * released). The state they read is the engine's (engine/flow_maps.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "checks.h"
#include "flow_internal.h"

/* A map whose member and flag (is_iomem) were written and disagree: the
 * advice names the active generation's setter (dma_buf_map_set_vaddr() in
 * a v5.10 kernel, iosys_map_set_vaddr() from v5.18). */
static void check_member_flag(struct fnctx *c, struct state *s, int32_t o,
			      const struct imc_node *at,
			      const struct imc_rule *def)
{
	const struct mapst *m = &s->objs[o];
	bool io_member = m->member == 2, io_flag = m->flag == 2;
	const char *setter;
	char advice[160];

	if (!m->member || !m->flag || io_flag == io_member || !c->report)
		return;
	setter = map_setter(c->a, def, io_flag ? IMC_MAP_IO : IMC_MAP_SYSTEM);
	if (setter)
		snprintf(advice, sizeof(advice), "use %s()", setter);
	else
		snprintf(advice, sizeof(advice), "set '%s' and '%s' together",
			 io_flag ? def->io_member : def->sys_member,
			 def->flag_member);
	add_finding(c->a, IMC_RULE_FLAG_MISMATCH, at,
		    imc_xasprintf("map '%s' gets '%s' but %s = %s: %s",
				  c->objs[o].display,
				  io_member ? def->io_member : def->sys_member,
				  def->flag_member, io_flag ? "true" : "false",
				  advice));
}

static void check_unmap(struct fnctx *c, struct state *s,
			const struct imc_node *call)
{
	const struct imc_rule *r;
	int32_t o;

	if ((r = rules_for(c->a, call->name)->r[IMC_R_MAP_UNMAP]) &&
	    (o = obj_of_ptr(c, s, arg(call, r->map))) >= 0 && s->objs[o].incr &&
	    c->report) {
		struct imc_node at = {.loc = s->objs[o].incr_loc};

		add_finding(
			c->a, IMC_RULE_INCR_BEFORE_VUNMAP, &at,
			imc_xasprintf("map '%s' is advanced in place by %s() "
				      "and later released by %s() at line %u, "
				      "which needs the original address: "
				      "advance a copy (IOSYS_MAP_INIT_OFFSET)",
				      c->objs[o].display, s->objs[o].incr_fn,
				      call->name, call->loc.line));
	}
}

const struct check_hooks map_check = {
	.map_member_write = check_member_flag,
	.map_call = check_unmap,
};
