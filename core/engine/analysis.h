/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by the analysis files (analyze.c, flow.c, fixit.c). */
#ifndef IOMEMCHECK_ANALYSIS_H
#define IOMEMCHECK_ANALYSIS_H

#include "flow.h"
#include "rule_ids.h"

/* A pending text edit; composed into enclosing edits before it is final. */
struct edit {
	struct imc_loc begin, end;
	char *text;
	size_t finding; /* owner */
	bool taken; /* folded into an enclosing edit */
};

/* What the whole TU stores in a struct member or a file-scope variable that
 * may be I/O memory (issue: provenance lives in fields), learned from every
 * assignment the analysis sees; read back as the value of every load. */
struct io_holder {
	uint8_t mem; /* MEM_* */
	bool forced; /* the I/O memory went through a __force cast */
	const char *why; /* the first assignment that stored I/O memory */
};

struct check_hooks;

struct analysis {
	struct imc_tu *tu;
	const struct imc_rules *rules;
	const struct imc_options *opts;
	struct imc_sources *sources;
	struct imc_strset strings; /* messages' "why" parts */
	struct imc_findings *out;
	size_t first_finding; /* out->v[first_finding..] are ours */
	struct edit *edits;
	size_t nedits, capedits;
	struct summary *sums; /* per function */
	struct imc_ptrmap fn_index; /* interned name -> index + 1 */
	struct imc_ptrmap
		callee_rules; /* interned name -> struct callee_rules */
	struct fnctx *current;
	/* the checks, NULL-terminated (checks/checks.c) */
	const struct check_hooks *const *checks;
	/* interned "tag.member" or struct imc_var * -> struct io_holder */
	struct imc_ptrmap holders;
	bool holders_changed;
	bool *gen_active; /* per rules->gens[i]: its rules apply to this TU */
	/* interned why -> struct origin: where it comes from (events.c), the
	 * newest one, and (why, function) -> that function's own */
	struct imc_ptrmap origins;
	struct imc_pairmap origin_in_fn;
	/* cross-unit facts (facts.c, facts_db.c): collected, read */
	struct imc_facts *facts;
	struct facts_db *db;
};

/* What the rules say about one callee, looked up once per name. */
struct callee_rules {
	const struct imc_rule *r[IMC_R_COUNT];
};
const struct callee_rules *rules_for(struct analysis *a, const char *name);
/* The index of the TU's function NAME (with a body), or -1. */
int32_t function_index(const struct analysis *a, const char *name);

/* A cap cut the analysis short (limits.c): a note at fn's definition. */
void analysis_limit(struct analysis *a, const struct imc_func *fn,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A cap's value: IOMEMCHECK_LIMITS="passes=N,summary-rounds=N,
 * holder-rounds=N" overrides the default (to test and diagnose the notes). */
uint32_t analysis_cap(const char *name, uint32_t dflt);

const char *why(struct analysis *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* holders.c */
const char *member_key(struct analysis *a, const struct imc_node *field);
const struct io_holder *holder_get(struct analysis *a, uintptr_t key);
void holder_note(struct analysis *a, uintptr_t key, uint8_t mem, bool forced,
		 const char *why);
bool holder_read(struct analysis *a, const struct imc_node *n);
void holders_free(struct analysis *a);

/* generation.c */
void generations_select(struct analysis *a);
bool generation_active(const struct analysis *a,
		       const struct imc_generation *g);
const struct imc_rule *rule_find(const struct analysis *a, enum imc_directive d,
				 const char *name);
const char *rewrite_for(const struct analysis *a, const char *subject,
			const char *when);
/* The map-set function of map struct rule def's generation that sets its
 * first argument to state (iosys_map_set_vaddr_iomem() for iosys_map and
 * IMC_MAP_IO), or NULL: advice names the API the rules own. */
const char *map_setter(const struct analysis *a, const struct imc_rule *def,
		       unsigned state);

/* events.c: path events and grouping by root cause */
/* Registers where the interned text WHY comes from (first one wins): the
 * node's place, an event kind, the why it was derived from, the event's
 * message (owned; NULL: WHY itself). */
void origin_note(struct analysis *a, const char *why, const struct imc_node *at,
		 const char *kind, const char *prev, char *message);
/* Adds finding F the events of WHY's chain, oldest first; whether any. */
bool finding_events_from(struct analysis *a, size_t f, const char *why);
void finding_event(struct analysis *a, size_t f, const char *kind,
		   const struct imc_node *at, char *message);
/* Groups F with the other findings of its rule in function FN with the same
 * cause (a map object, an I/O value's source); no-op with per_access. */
void finding_cause(struct analysis *a, size_t f, const char *fn,
		   const void *cause);
/* After sorting: the findings with one cause folded into their first
 * (those with fix-its and those without apart). */
void group_findings(struct imc_findings *out, size_t from);
void origins_free(struct analysis *a);

/* flow.c */
void flow_run_function(struct analysis *a, uint32_t fi, struct summary *sum,
		       bool report);

/* findings/context.c */
size_t add_finding(struct analysis *a, enum imc_rule_id rule,
		   const struct imc_node *at, char *message);
/* Findings in FILE are reported (the main file, or every file with
 * --headers). */
bool wanted(const struct analysis *a, const char *file);

/* findings/findings.c: sorts out->v[from..] and drops duplicates and, with
 * a, findings in files not wanted. */
void sort_and_filter(struct imc_findings *out, size_t from,
		     const struct analysis *a);

/* fixit.c: all return false (and change nothing) when no exact rewrite exists */
bool fix_access(struct analysis *a, size_t finding, const struct imc_node *lv,
		const struct imc_node *site, const char *tmpl_load,
		const char *tmpl_store);
/* map_ptr_arg: the `map->vaddr + off` argument ($map, $off), also through
 * a local initialised so; forced_arg: a `(T __force *)p` argument that the
 * template gets as p. */
bool fix_call(struct analysis *a, size_t finding, const struct imc_node *call,
	      const char *tmpl, const struct imc_node *map_ptr_arg,
	      const struct imc_node *forced_arg);
/* The pointer argument is a local that the function advances (`dst +=
 * pitch`): no rewrite, the message says to keep an offset. */
bool fix_steps(struct analysis *a, const struct imc_node *arg);
/* (fixstep.c) The pointer argument is a local `T *p = map->vaddr + off;`
 * that walks the map (`p += pitch`) and is only stepped, indexed and given
 * to mem*(): all the edits that turn it into an offset into the map (or a
 * walking copy of the map, where the rules say so). */
bool fix_walk(struct analysis *a, size_t finding, const struct imc_node *arg);
void fixits_finalize(struct analysis *a);
char *template_fn_name(const char *tmpl); /* "readl(...)" -> "readl" */

#endif
