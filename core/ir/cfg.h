/* SPDX-License-Identifier: GPL-2.0-only */
/* Control-flow graphs built from the IR's structured statements. */
#ifndef IOMEMCHECK_CFG_H
#define IOMEMCHECK_CFG_H

#include "ir.h"

enum imc_term {
	IMC_TERM_JUMP, /* to succ[0] */
	IMC_TERM_BRANCH, /* cond: true -> succ[0], false -> succ[1] */
	IMC_TERM_SWITCH, /* to every succ */
	IMC_TERM_EXIT, /* leaves the region (return, end of body) */
};

struct imc_block {
	const struct imc_node **items; /* expressions, DECLs and RETURNs */
	uint32_t nitems, capitems;
	enum imc_term term;
	const struct imc_node *cond; /* BRANCH, SWITCH */
	uint32_t *succ;
	uint32_t nsucc, capsucc;
};

struct imc_cfg {
	struct imc_block *blocks; /* blocks[0] is the entry */
	uint32_t nblocks, capblocks;
	/* A statement expression's value: its last expression statement. */
	const struct imc_node *value_item;
};

struct imc_cfg *imc_cfg_build(const struct imc_node *body);
void imc_cfg_free(struct imc_cfg *cfg);

#endif
