// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lowers IF/WHILE/DO/FOR/SWITCH/GOTO into basic blocks. Conditions stay whole
 * expressions (with && and ||) because the dataflow refines on them directly.
 */
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "util.h"

#define NONE UINT32_MAX

struct label {
	const char *name;
	uint32_t block;
};

struct builder {
	struct imc_cfg *cfg;
	uint32_t cur; /* block being filled, NONE if unreachable */
	uint32_t brk, cont; /* break/continue targets */
	uint32_t sw; /* enclosing switch's dispatch block */
	bool sw_has_default;
	struct label *labels;
	uint32_t nlabels;
};

static uint32_t new_block(struct builder *b)
{
	struct imc_cfg *cfg = b->cfg;

	if (cfg->nblocks == cfg->capblocks) {
		cfg->capblocks = cfg->capblocks ? cfg->capblocks * 2 : 8;
		cfg->blocks = imc_xrealloc(
			cfg->blocks, cfg->capblocks * sizeof(*cfg->blocks));
	}
	memset(&cfg->blocks[cfg->nblocks], 0, sizeof(struct imc_block));
	cfg->blocks[cfg->nblocks].term = IMC_TERM_EXIT;
	return cfg->nblocks++;
}

static void add_succ(struct builder *b, uint32_t from, uint32_t to)
{
	struct imc_block *blk = &b->cfg->blocks[from];

	if (blk->nsucc == blk->capsucc) {
		blk->capsucc = blk->capsucc ? blk->capsucc * 2 : 2;
		blk->succ = imc_xrealloc(blk->succ,
					 blk->capsucc * sizeof(*blk->succ));
	}
	blk->succ[blk->nsucc++] = to;
}

/* Ends the current block with a jump to `to` (if reachable). */
static void jump(struct builder *b, uint32_t to)
{
	if (b->cur != NONE) {
		b->cfg->blocks[b->cur].term = IMC_TERM_JUMP;
		add_succ(b, b->cur, to);
	}
	b->cur = NONE;
}

static void branch(struct builder *b, const struct imc_node *cond, uint32_t yes,
		   uint32_t no)
{
	struct imc_block *blk;

	if (b->cur == NONE)
		b->cur = new_block(b); /* dead code still gets analysed */
	blk = &b->cfg->blocks[b->cur];
	blk->term = IMC_TERM_BRANCH;
	blk->cond = cond;
	add_succ(b, b->cur, yes);
	add_succ(b, b->cur, no);
	b->cur = NONE;
}

static void start(struct builder *b, uint32_t blk)
{
	jump(b, blk);
	b->cur = blk;
}

static void add_item(struct builder *b, const struct imc_node *n)
{
	struct imc_block *blk;

	if (b->cur == NONE)
		b->cur = new_block(b);
	blk = &b->cfg->blocks[b->cur];
	if (blk->nitems == blk->capitems) {
		blk->capitems = blk->capitems ? blk->capitems * 2 : 8;
		blk->items = imc_xrealloc(blk->items,
					  blk->capitems * sizeof(*blk->items));
	}
	blk->items[blk->nitems++] = n;
}

static uint32_t label_block(struct builder *b, const char *name)
{
	uint32_t i;

	for (i = 0; i < b->nlabels; i++)
		if (b->labels[i].name == name)
			return b->labels[i].block;
	b->labels =
		imc_xrealloc(b->labels, (b->nlabels + 1) * sizeof(*b->labels));
	b->labels[b->nlabels].name = name;
	b->labels[b->nlabels].block = new_block(b);
	return b->labels[b->nlabels++].block;
}

static void stmt(struct builder *b, const struct imc_node *n);

/* A loop: header evaluates cond; body; latch (FOR's increment). */
static void loop(struct builder *b, const struct imc_node *cond,
		 const struct imc_node *body, const struct imc_node *incr,
		 bool test_first)
{
	uint32_t head = new_block(b), body_blk = new_block(b);
	uint32_t latch = new_block(b), exit = new_block(b);
	uint32_t save_brk = b->brk, save_cont = b->cont;

	start(b, test_first ? head : body_blk);
	if (test_first) {
		if (cond)
			branch(b, cond, body_blk, exit);
		else
			jump(b, body_blk);
	}
	b->brk = exit;
	b->cont = latch;
	b->cur = body_blk;
	stmt(b, body);
	start(b, latch);
	if (incr)
		add_item(b, incr);
	if (test_first)
		jump(b, head);
	else if (cond)
		branch(b, cond, body_blk, exit);
	else
		jump(b, body_blk);
	b->brk = save_brk;
	b->cont = save_cont;
	b->cur = exit;
}

static void if_stmt(struct builder *b, const struct imc_node *n)
{
	uint32_t yes = new_block(b), no = new_block(b), join = new_block(b);

	branch(b, imc_kid(n, 0), yes, no);
	b->cur = yes;
	stmt(b, imc_kid(n, 1));
	jump(b, join);
	b->cur = no;
	stmt(b, imc_kid(n, 2));
	jump(b, join);
	b->cur = join;
}

static void switch_stmt(struct builder *b, const struct imc_node *n)
{
	uint32_t save_brk = b->brk, save_sw = b->sw, exit = new_block(b);
	bool save_default = b->sw_has_default;

	add_item(b, imc_kid(n, 0));
	b->sw = b->cur;
	b->cfg->blocks[b->sw].term = IMC_TERM_SWITCH;
	b->cfg->blocks[b->sw].cond = imc_kid(n, 0);
	b->cur = NONE;
	b->brk = exit;
	b->sw_has_default = false;
	stmt(b, imc_kid(n, 1));
	jump(b, exit);
	if (!b->sw_has_default)
		add_succ(b, b->sw, exit);
	b->brk = save_brk;
	b->sw = save_sw;
	b->sw_has_default = save_default;
	b->cur = exit;
}

static void case_label(struct builder *b, const struct imc_node *n)
{
	uint32_t blk = new_block(b);

	start(b, blk);
	if (b->sw != NONE) {
		add_succ(b, b->sw, blk);
		b->sw_has_default |= n->is_default;
	}
}

static void stmt(struct builder *b, const struct imc_node *n)
{
	uint32_t i;

	if (!n)
		return;
	switch (n->kind) {
	case IMC_BLOCK:
		for (i = 0; i < n->nkids; i++)
			stmt(b, n->kids[i]);
		break;
	case IMC_IF:
		if_stmt(b, n);
		break;
	case IMC_WHILE:
		loop(b, imc_kid(n, 0), imc_kid(n, 1), NULL, true);
		break;
	case IMC_DO:
		loop(b, imc_kid(n, 1), imc_kid(n, 0), NULL, false);
		break;
	case IMC_FOR:
		if (imc_kid(n, 0))
			stmt(b, imc_kid(n, 0));
		loop(b, imc_kid(n, 1), imc_kid(n, 3), imc_kid(n, 2), true);
		break;
	case IMC_SWITCH:
		switch_stmt(b, n);
		break;
	case IMC_CASE:
		case_label(b, n);
		break;
	case IMC_BREAK:
		if (b->brk != NONE)
			jump(b, b->brk);
		break;
	case IMC_CONTINUE:
		if (b->cont != NONE)
			jump(b, b->cont);
		break;
	case IMC_RETURN:
		add_item(b, n);
		b->cfg->blocks[b->cur].term = IMC_TERM_EXIT;
		b->cur = NONE;
		break;
	case IMC_GOTO:
		if (n->name)
			jump(b, label_block(b, n->name));
		break;
	case IMC_LABEL:
		if (n->name)
			start(b, label_block(b, n->name));
		break;
	default:
		add_item(b, n);
		break;
	}
}

static const struct imc_node *last_expression(const struct imc_node *body)
{
	const struct imc_node *last;

	if (!body || body->kind != IMC_BLOCK || !body->nkids)
		return NULL;
	last = body->kids[body->nkids - 1];
	return last && last->kind < IMC_BLOCK ? last : NULL;
}

struct imc_cfg *imc_cfg_build(const struct imc_node *body)
{
	struct imc_cfg *cfg = imc_xcalloc(1, sizeof(*cfg));
	struct builder b = {.cfg = cfg, .brk = NONE, .cont = NONE, .sw = NONE};

	b.cur = new_block(&b);
	stmt(&b, body);
	cfg->value_item = last_expression(body);
	free(b.labels);
	return cfg;
}

void imc_cfg_free(struct imc_cfg *cfg)
{
	uint32_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->nblocks; i++) {
		free(cfg->blocks[i].items);
		free(cfg->blocks[i].succ);
	}
	free(cfg->blocks);
	free(cfg);
}
