// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space: sparse's address-space check for __iomem in
 * conversions (assignment, initialization, argument, return, cast).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cfg.h"
#include "checks.h"
#include "flow_internal.h"

/* The value of a statement expression: the last expression of its block. */
static const struct imc_node *stmtexpr_value(const struct imc_node *n)
{
	const struct imc_node *blk = imc_kid(n, 0);
	const struct imc_node *last;

	if (!blk || blk->kind != IMC_BLOCK || !blk->nkids)
		return NULL;
	last = blk->kids[blk->nkids - 1];
	return last && last->kind < IMC_BLOCK ? last : NULL;
}

static bool via_typeof_iomem(const struct imc_node *n,
			     const struct imc_node *blk, int depth);

/* An integer computed from an __iomem pointer: `(unsigned long)(ptr) |
 * bits`, or a variable BLK declares with such an initializer. */
static bool int_from_iomem(const struct imc_node *n, const struct imc_node *blk,
			   int depth)
{
	const struct imc_node *k0 = imc_kid(n, 0);
	uint32_t i;

	if (!n || depth > 8 || !is_scalar(n->type))
		return false;
	switch (n->kind) {
	case IMC_CAST:
		return k0 && !is_forced(n) && imc_type_is_ptr(k0->type) &&
		       via_typeof_iomem(k0, NULL, depth + 1);
	case IMC_BINARY:
		if (n->op != IMC_OP_ADD && n->op != IMC_OP_SUB &&
		    n->op != IMC_OP_AND && n->op != IMC_OP_OR &&
		    n->op != IMC_OP_XOR)
			return false;
		return int_from_iomem(k0, blk, depth + 1) ||
		       int_from_iomem(imc_kid(n, 1), blk, depth + 1);
	case IMC_VAR:
		for (i = 0; blk && i < blk->nkids; i++) {
			const struct imc_node *d = blk->kids[i];

			if (d && d->kind == IMC_DECL && d->var == n->var)
				return int_from_iomem(imc_kid(d, 0), NULL,
						      depth + 1);
		}
		return false;
	default:
		return false;
	}
}

/* An __iomem pointer that went through a typeof() macro: READ_ONCE(p) is
 * `*(const volatile typeof(p) *)&(p)`, ptr_mask_bits(p, n) casts
 * `(unsigned long)(p) & mask` back to typeof(p). sparse keeps __iomem
 * through typeof; the front ends cannot always (GCC's typeof has no
 * annotations). Only ever used to NOT report a conversion to __iomem. */
static bool via_typeof_iomem(const struct imc_node *n,
			     const struct imc_node *blk, int depth)
{
	const struct imc_node *k0, *k00;

	if (!n || depth > 8 || is_forced(n))
		return false;
	if (expr_iomem(n))
		return true;
	k0 = imc_kid(n, 0);
	switch (n->kind) {
	case IMC_STMTEXPR:
		return via_typeof_iomem(stmtexpr_value(n), k0, depth + 1);
	case IMC_COMMA:
		return via_typeof_iomem(imc_kid(n, 1), blk, depth + 1);
	case IMC_DEREF:
		if (!k0 || !imc_type_is_ptr(k0->type) ||
		    !imc_type_is_ptr(k0->type->pointee))
			return false;
		if (imc_type_is_iomem_ptr(k0->type->pointee))
			return true;
		k00 = imc_kid(k0, 0);
		return k0->kind == IMC_CAST && k0->explicit_cast &&
		       !is_forced(k0) && k00 && k00->kind == IMC_ADDR &&
		       expr_iomem(imc_kid(k00, 0));
	case IMC_CAST:
		return n->explicit_cast && imc_type_is_ptr(n->type) &&
		       int_from_iomem(k0, blk, depth + 1);
	default:
		return false;
	}
}

static bool is_null_constant(const struct imc_node *n)
{
	int64_t v;

	return const_int_value(n, &v) && !v;
}

/* sparse's address-space check for __iomem, both ways: +1 the conversion
 * drops __iomem, -1 it adds it to a plain pointer, 0 neither. */
static int iomem_conversion(const struct imc_type *dst,
			    const struct imc_node *src)
{
	if (!src || !imc_type_is_ptr(dst) ||
	    (!imc_type_is_ptr(src->type) &&
	     !(src->type && src->type->kind == IMC_T_ARRAY)) ||
	    dst->force || (dst->pointee && dst->pointee->force) ||
	    is_forced(src))
		return 0;
	if (expr_iomem(src) && !imc_type_is_iomem_ptr(dst))
		return 1;
	if (!expr_iomem(src) && imc_type_is_iomem_ptr(dst) &&
	    !is_null_constant(src) && !via_typeof_iomem(src, NULL, 0))
		return -1;
	return 0;
}

static void check_address_space(struct fnctx *c, const struct imc_type *dst,
				const struct imc_node *src,
				const struct imc_node *at, const char *what)
{
	int conv = c->report ? iomem_conversion(dst, src) : 0;
	char *d;

	if (!conv)
		return;
	d = describe(src);
	add_finding(
		c->a, IMC_RULE_ADDRESS_SPACE, at,
		conv > 0 ? imc_xasprintf(
				   "%s drops __iomem from '%s' (add __iomem to "
				   "the destination, or __force if intended)",
				   what, d)
			 : imc_xasprintf(
				   "%s gives plain pointer '%s' where __iomem "
				   "is expected (__force if intended)",
				   what, d));
	free(d);
}

/* Where argument POS of CALL starts, as sparse and GCC report a finding
 * about it: from the call's text (IMC_VAR and IMC_CONST carry no location),
 * else the argument's own location, else the call's (inside a macro). */
#define ARG_LOC_MAX 64
static struct imc_loc arg_loc(struct fnctx *c, const struct imc_node *call,
			      int pos)
{
	const struct imc_node *a = arg(call, pos);
	struct imc_loc loc = a && a->loc.line ? a->loc : call->loc;
	size_t begin[ARG_LOC_MAX] = {0}, end[ARG_LOC_MAX], paren, k;
	char *text;

	if (!call->range.valid || pos > ARG_LOC_MAX ||
	    !(text = imc_source_text(c->a->sources, &call->range)))
		return loc;
	if (imc_split_call(text, begin, end, ARG_LOC_MAX, &paren) >= pos &&
	    begin[pos - 1]) {
		loc = call->range.begin;
		for (k = 0; k < begin[pos - 1]; k++) {
			if (text[k] == '\n')
				loc.line++, loc.col = 1;
			else
				loc.col++;
		}
	}
	free(text);
	return loc;
}

/* Where a finding about argument POS of CALL goes, as sparse reports
 * it: at the argument when it starts on another line than the call (a
 * call that spans lines), else at the call. BUF holds the copy. */
const struct imc_node *arg_site(struct fnctx *c, const struct imc_node *call,
				int pos, struct imc_node *buf)
{
	struct imc_loc loc = arg_loc(c, call, pos);

	if (!loc.line || loc.line == call->loc.line)
		return call;
	*buf = *call; /* the call's front-end handle is a hint only */
	buf->loc = loc;
	return buf;
}

/* Arguments against parameter types, reported at the argument; a mem
 * function's pointer arguments are iomem-memfn's business instead. */
static void check_args_address_space(struct fnctx *c,
				     const struct imc_node *call,
				     uint32_t nargs,
				     const struct imc_rule *memfn)
{
	const struct imc_type *ft = call->fntype;
	struct imc_node at;
	uint32_t i;
	char what[160];

	for (i = 1; ft && i <= nargs && i <= ft->nparams; i++) {
		if (memfn && ((int)i == memfn->dst || (int)i == memfn->src ||
			      (int)i == memfn->src2))
			continue;
		if (!c->report ||
		    !iomem_conversion(ft->params[i - 1], arg(call, (int)i)))
			continue;
		snprintf(what, sizeof(what), "argument %u of %s()", i,
			 callee(call));
		at = *call; /* the call's front-end handle is a hint only */
		at.loc = arg_loc(c, call, (int)i);
		check_address_space(c, ft->params[i - 1], arg(call, (int)i),
				    &at, what);
	}
}

/* `.vaddr = io` in an initializer: reported at the statement, since the
 * front ends know no location for a designator. */
static void check_designated(struct fnctx *c, const struct imc_node *d)
{
	char what[160];

	snprintf(what, sizeof(what), "initializer of member '%s'", d->name);
	check_address_space(c, d->type, imc_kid(d, 0),
			    d->loc.line ? d : c->statement, what);
}

/* sparse accepts an explicit cast that adds __iomem unless -Wcast-to-as:
 * upstream fixes are written that way. */
static void check_cast(struct fnctx *c, const struct imc_node *n)
{
	if (n->explicit_cast && (c->a->opts->cast_to_as ||
				 iomem_conversion(n->type, imc_kid(n, 0)) >= 0))
		check_address_space(c, n->type, imc_kid(n, 0), n, "cast");
}

static void check_call_args(struct fnctx *c, const struct call_site *site)
{
	check_args_address_space(c, site->call, site->nargs, site->memfn);
}

const struct check_hooks addrspace_check = {
	.conversion = check_address_space,
	.cast = check_cast,
	.designated = check_designated,
	.call = check_call_args,
};
