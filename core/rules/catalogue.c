// SPDX-License-Identifier: GPL-2.0-only
/* The rule catalogue: one entry per rule, documented in docs/rules/NAME.md. */
#include <string.h>

#include "iomemcheck.h"

const struct imc_rule_info imc_rule_catalogue[] = {
	{"iomem-deref", "Plain load or store through a pointer to I/O memory; "
			"use readX()/writeX()"},
	{"iomem-memfn", "mem*()/str*() on I/O memory; use "
			"memcpy_toio()/memcpy_fromio()/memset_io()"},
	{"iomem-forced-access", "Plain access or mem*()/str*() through I/O "
				"memory that __force made a plain pointer"},
	{"iomem-address-space", "__iomem dropped without __force (assignment, "
				"initializer, argument, return, cast)"},
	{"map-vaddr-unchecked", "A map's system pointer used as system memory "
				"where the map may be I/O memory"},
	{"map-vaddr-iomem-on-system",
	 "A map's I/O pointer used where the map is system memory"},
	{"map-flag-mismatch",
	 "Open-coded map set-up whose member and is_iomem flag disagree"},
	{"map-incr-before-vunmap", "Map advanced in place and later passed to "
				   "the vunmap of the same object"},
};

/* imc_policy.disabled has a bit per rule */
_Static_assert(sizeof(imc_rule_catalogue) / sizeof(imc_rule_catalogue[0]) <= 64,
	       "more rules than bits in imc_policy.disabled");

const size_t imc_rule_catalogue_len =
	sizeof(imc_rule_catalogue) / sizeof(imc_rule_catalogue[0]);

int imc_rule_index(const char *name, size_t len)
{
	size_t k;

	for (k = 0; k < imc_rule_catalogue_len; k++)
		if (strlen(imc_rule_catalogue[k].name) == len &&
		    !strncmp(name, imc_rule_catalogue[k].name, len))
			return (int)k;
	return -1;
}
