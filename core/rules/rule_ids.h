/* SPDX-License-Identifier: GPL-2.0-only */
/* The rule ids: one per entry of the registry (rules/catalogue.c), so a
 * check names its rule by id and no rule-id string lives outside the
 * registry (ctest rules.registry). */
#ifndef IOMEMCHECK_RULE_IDS_H
#define IOMEMCHECK_RULE_IDS_H

enum imc_rule_id {
	IMC_RULE_DEREF, /* check_deref.c */
	IMC_RULE_MEMFN, /* check_memfn.c */
	IMC_RULE_FORCED_ACCESS, /* check_deref.c, check_memfn.c */
	IMC_RULE_ADDRESS_SPACE, /* check_addrspace.c */
	IMC_RULE_VADDR_UNCHECKED, /* check_deref.c */
	IMC_RULE_VADDR_IOMEM_ON_SYSTEM, /* check_deref.c */
	IMC_RULE_FLAG_MISMATCH, /* check_map.c */
	IMC_RULE_INCR_BEFORE_VUNMAP, /* check_map.c */
	IMC_RULE_COUNT
};

/* The registered name of rule id ("iomem-deref"). */
const char *imc_rule_name(enum imc_rule_id id);

#endif
