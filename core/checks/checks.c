// SPDX-License-Identifier: GPL-2.0-only
/*
 * The check list (smatch's check_list.h): a new check is its own file, its
 * doc page, its cases and one line here. At each point the engine calls the
 * checks in this order.
 */
#include "checks.h"

const struct check_hooks *const imc_checks[] = {
	&memfn_check, &addrspace_check, &deref_check,
	&map_check,   &escape_check,	NULL,
};
