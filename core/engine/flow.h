/* SPDX-License-Identifier: GPL-2.0-only */
/* The provenance dataflow: abstract values, per-function context. */
#ifndef IOMEMCHECK_FLOW_H
#define IOMEMCHECK_FLOW_H

#include "iomemcheck.h"
#include "rules.h"
#include "source.h"
#include "util.h"

/* What memory a pointer may point to, as a bit set. */
enum { MEM_SYS = 1, MEM_IO = 2 };

struct val {
	uint8_t mem; /* MEM_* bits; 0 = nothing known (not reported) */
	bool typed; /* comes from an __iomem-typed expression */
	bool flag_neg; /* flag_obj: value is !is_iomem */
	bool from_map; /* derived from some map's system member */
	bool forced; /* I/O memory made a plain pointer with __force */
	int32_t obj; /* pointer derived from this map's system member */
	int32_t flag_obj; /* value is this map's is_iomem flag */
	int32_t pts; /* pointer to this map object */
	uint32_t params; /* summary mode: derived from these parameters */
	/* where a map's system member was read, for a report where the
	 * pointer escapes without its flag (returned); line 0: none */
	struct imc_loc from;
	uintptr_t from_fe;
	const char *why; /* interned: why the memory may be I/O */
	/* collecting facts: what the value was read from that another unit
	 * may know as I/O memory (facts.c, dependent facts), or NULL */
	const char *deps;
};

struct mapst {
	uint8_t st; /* IMC_MAP_* bits; 0 = not set up yet */
	uint8_t member; /* member written in this function: 1 sys, 2 io */
	uint8_t flag; /* is_iomem written in this function: 1 false, 2 true */
	bool incr; /* advanced in place by a map-incr call */
	struct imc_loc incr_loc;
	const char *incr_fn;
	const char *why;
};

struct state {
	bool live;
	struct val *vars; /* per function-local var slot */
	struct mapst *objs; /* per map object */
};

/* Summary of a function of this TU, for its callers. */
struct summary {
	uint32_t mem_params; /* params used as system memory (deref, mem*) */
	const char
		*use_what[32]; /* per param: how, e.g. "memset() at line 7" */
	uint32_t ret_params; /* return value derived from these params */
	uint8_t ret_mem;
	bool ret_from_map;
	bool ret_forced;
	const char *ret_why;
	/* I/O memory stored through these params (`*ptr = kmap`) */
	uint32_t out_params;
	uint8_t out_mem;
	bool out_forced;
	const char *out_why;
	/* collecting facts: what the return value was read from (struct
	 * val.deps) */
	const char *ret_deps;
	/* params passed on to a function without its body (body_skipped),
	 * the first such function */
	uint32_t skipped_params;
	const char *skipped_callee;
	bool done;
};

struct mapobj {
	const char *path; /* interned canonical access path */
	const char *display; /* as the user wrote it: "map", "fb->map" */
	int32_t root_slot; /* slot of the root variable */
	bool by_deref; /* reached through a pointer: unknown origin */
	const struct imc_rule *def; /* map-struct rule; NULL: the I/O-or-not
				     * result of a call with a flag out-param */
};

struct analysis; /* whole-TU context, see analyze.c */

struct fnctx {
	struct analysis *a;
	const struct imc_func *fn;
	struct summary *sum; /* non-NULL in summary mode */
	bool report;
	uint32_t nslots, capslots;
	void **spare; /* state buffers to reuse (a state is one allocation) */
	uint32_t nspare, capspare;
	struct imc_ptrmap slot_of_var; /* var id + 1 -> slot + 1 */
	const struct imc_var **var_of_slot;
	struct mapobj *objs;
	uint32_t nobjs, capobjs;
	struct imc_ptrmap obj_by_path;
	struct imc_ptrmap cfgs; /* node -> struct imc_cfg *, statement exprs */
	const struct imc_node *statement; /* item whose value is unused */
	struct val ret;
	bool has_ret;
};

#endif
