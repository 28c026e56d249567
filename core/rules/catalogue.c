// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rule registry: every rule id is registered here once, with the check
 * that reports it (rule_ids.h). The catalogue, --list-rules, --explain,
 * --fail-on, -W[no-]RULE, the plugin's disable=/enable= and SARIF's rules
 * all read it; each entry has its page docs/rules/NAME.md and its cases
 * (ctest rules.registry says so).
 */
#include <string.h>

#include "iomemcheck.h"
#include "rule_ids.h"

const struct imc_rule_info imc_rule_catalogue[] = {
	[IMC_RULE_DEREF] =
		{"iomem-deref",
		 "Plain load or store through a pointer to I/O memory; "
		 "use readX()/writeX()"},
	[IMC_RULE_MEMFN] = {"iomem-memfn",
			    "mem*()/str*() on I/O memory; use "
			    "memcpy_toio()/memcpy_fromio()/memset_io()"},
	[IMC_RULE_FORCED_ACCESS] = {"iomem-forced-access",
				    "Plain access or mem*()/str*() through I/O "
				    "memory that __force made a plain pointer"},
	[IMC_RULE_ADDRESS_SPACE] =
		{"iomem-address-space",
		 "__iomem dropped without __force (assignment, "
		 "initializer, argument, return, cast)"},
	[IMC_RULE_VADDR_UNCHECKED] =
		{"map-vaddr-unchecked",
		 "A map's system pointer used as system memory "
		 "where the map may be I/O memory"},
	[IMC_RULE_VADDR_IOMEM_ON_SYSTEM] =
		{"map-vaddr-iomem-on-system",
		 "A map's I/O pointer used where the map is system memory"},
	[IMC_RULE_FLAG_MISMATCH] = {"map-flag-mismatch",
				    "Open-coded map set-up whose member and "
				    "is_iomem flag disagree"},
	[IMC_RULE_INCR_BEFORE_VUNMAP] =
		{"map-incr-before-vunmap",
		 "Map advanced in place and later passed to "
		 "the vunmap of the same object"},
};

/* imc_policy.disabled has a bit per rule */
_Static_assert(sizeof(imc_rule_catalogue) / sizeof(imc_rule_catalogue[0]) <= 64,
	       "more rules than bits in imc_policy.disabled");

const size_t imc_rule_catalogue_len =
	sizeof(imc_rule_catalogue) / sizeof(imc_rule_catalogue[0]);
_Static_assert(sizeof(imc_rule_catalogue) / sizeof(imc_rule_catalogue[0]) ==
		       IMC_RULE_COUNT,
	       "an id of rule_ids.h without its registry entry");

const char *imc_rule_name(enum imc_rule_id id)
{
	return imc_rule_catalogue[id].name;
}

const struct imc_rule_info *imc_rule_find(const char *name)
{
	int k = imc_rule_index(name, strlen(name));

	return k < 0 ? NULL : &imc_rule_catalogue[k];
}

int imc_rule_index(const char *name, size_t len)
{
	size_t k;

	for (k = 0; k < imc_rule_catalogue_len; k++)
		if (strlen(imc_rule_catalogue[k].name) == len &&
		    !strncmp(name, imc_rule_catalogue[k].name, len))
			return (int)k;
	return -1;
}
