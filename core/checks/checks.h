/* SPDX-License-Identifier: GPL-2.0-only */
/* The checks: each check file defines its hooks (engine/flow_internal.h);
 * checks.c lists them for the driver. */
#ifndef IOMEMCHECK_CHECKS_H
#define IOMEMCHECK_CHECKS_H

#include "flow_internal.h"

extern const struct check_hooks memfn_check; /* check_memfn.c */
extern const struct check_hooks addrspace_check; /* check_addrspace.c */
extern const struct check_hooks deref_check; /* check_deref.c */
extern const struct check_hooks map_check; /* check_map.c */
extern const struct check_hooks escape_check; /* check_escape.c */

/* The table the engine calls, NULL-terminated. */
extern const struct check_hooks *const imc_checks[];

/* check_deref.c: the advice of a finding through a __force cast */
extern const char *const forced_how;

/* check_addrspace.c: where a finding about argument POS of CALL goes (the
 * argument's line in a call that spans lines, as sparse reports it) */
const struct imc_node *arg_site(struct fnctx *c, const struct imc_node *call,
				int pos, struct imc_node *buf);

#endif
