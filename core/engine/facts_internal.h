/* SPDX-License-Identifier: GPL-2.0-only */
/* Cross-unit facts inside the analysis: what the dataflow tells the
 * collector (facts.c) and asks the database (facts_db.c). */
#ifndef IOMEMCHECK_FACTS_INTERNAL_H
#define IOMEMCHECK_FACTS_INTERNAL_H

#include "analysis.h"
#include "facts.h"

/* ---- collecting (facts.c), only when imc_options.facts is set ---- */
/* An assignment stored I/O memory in the member or global KEY (holders.c's
 * key) through LHS: the unit's facts list it once the holders settle. */
void facts_note_holder(struct analysis *a, const struct imc_node *lhs,
		       uintptr_t key);
/* In summary mode: parameters PARAMS of the current function reach
 * argument POS of CALL, a callee the unit cannot resolve (no body, no
 * rule), or an accessor of the rules (ACCESSOR). */
void facts_note_flow(struct fnctx *c, uint32_t params,
		     const struct imc_node *call, uint32_t pos, bool accessor);
/* Dependent facts: a value read from what another unit may know as I/O
 * memory carries it in struct val.deps, an interned set of "KIND\tNAME"
 * lines (member "tag.member", global "name", return "function"), sorted,
 * at most a few. facts_dep() is NULL when not collecting. */
const char *facts_dep(struct analysis *a, const char *kind, const char *name);
const char *facts_deps_join(const char *x, const char *y);
/* An assignment stored a value with DEPS (and no I/O memory the unit
 * knows of) in the member or global KEY through LHS, at AT. */
void facts_note_copy(struct analysis *a, const struct imc_node *lhs,
		     uintptr_t key, const char *deps,
		     const struct imc_node *at);
/* In summary mode: a value with DEPS stored through parameters PARAMS. */
void facts_note_out(struct fnctx *c, uint32_t params, const char *deps);
/* After the summaries and holders settled: the unit's facts. */
void facts_collect(struct analysis *a);

/* events.c: where WHY was registered (its chain's ROOT, else WHY itself),
 * with the event's message; false if nowhere. */
bool origin_place(struct analysis *a, const char *why, bool root,
		  struct imc_loc *loc, const char **message);

/* ---- reading (facts_db.c), only when imc_options.facts_db is set ---- */
struct facts_db;
void facts_db_open(struct analysis *a);
void facts_db_close(struct analysis *a);
/* What another unit's function NAME does (a summary as the unit's own
 * functions have), or NULL: no usable fact. */
const struct summary *facts_summary(struct analysis *a, const char *name);
/* What another unit stored in member KEY ("tag.member") or in the global
 * variable GVAR: v->mem stays 0 when nothing. */
struct val facts_held(struct analysis *a, const char *key,
		      const struct imc_var *gvar);
/* Whether loading N (a member or a global) or calling NAME can give I/O
 * memory by another unit's facts: relevance (analyze.c). */
bool facts_matter(struct analysis *a, const struct imc_node *n);

#endif
