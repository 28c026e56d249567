/* SPDX-License-Identifier: GPL-2.0-only */
/* The rule data loaded from the rules/ files (format: docs/rules-format.md). */
#ifndef IOMEMCHECK_RULES_H
#define IOMEMCHECK_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum imc_directive {
	IMC_R_IO_SOURCE, /* FUNCTION returns I/O memory */
	IMC_R_ACCESSOR, /* FUNCTION is a correct way to touch I/O memory */
	IMC_R_MEMFN, /* FUNCTION treats pointer args as system memory */
	IMC_R_MAP_STRUCT, /* struct TAG is a system-or-I/O map */
	IMC_R_MAP_SET, /* FUNCTION sets the map argument to a state */
	IMC_R_MAP_UNMAP, /* FUNCTION releases the map argument */
	IMC_R_MAP_INCR, /* FUNCTION advances the map argument in place */
	IMC_R_MAP_TEST, /* FUNCTION's truth value tells about the map */
	IMC_R_REWRITE, /* replacement template for a bad call/access */
	IMC_R_IO_FIELD, /* STRUCT.MEMBER may hold I/O memory */
	IMC_R_LE_TO_CPU, /* FUNCTION converts size bytes from little-endian */
	IMC_R_COUNT
};

/* Map states, as a bit set: a map "may be" several at once. */
enum imc_map_state {
	IMC_MAP_SYSTEM = 1,
	IMC_MAP_IO = 2,
	IMC_MAP_NULL = 4,
	IMC_MAP_MAYBE = IMC_MAP_SYSTEM | IMC_MAP_IO,
};

/* An API generation: the rules of a file after `generation NAME ...` apply
 * only where it is selected (--api) or, by default, where the TU mentions
 * one of `if` and none of `unless` (struct tags or functions). */
#define IMC_GEN_SYMS 4
struct imc_generation {
	const char *name;
	const char *if_sym[IMC_GEN_SYMS], *unless_sym[IMC_GEN_SYMS];
	unsigned nif, nunless;
	const char *file;
};

struct imc_rule {
	enum imc_directive directive;
	const struct imc_generation *gen; /* NULL: every TU */
	const char *name; /* function, struct tag, or rewrite subject */
	/* argument positions (1-based, 0 = absent) */
	int map, dst, src, src2;
	int size; /* rewrite load/store, le-to-cpu: access width */
	int out; /* IO_SOURCE: I/O pointer also stored through arg N */
	int flag; /* IO_SOURCE: bool *arg N tells whether it is I/O */
	unsigned state; /* MAP_SET: state; MAP_TEST: true=/false= states;
			    * IO_SOURCE, IO_FIELD: IMC_MAP_IO or IMC_MAP_MAYBE */
	unsigned false_state;
	const char *sys_member, *io_member, *flag_member; /* MAP_STRUCT */
	const char *when; /* REWRITE: "dst=io", "src=map", "size=4", ... */
	const char *tmpl; /* REWRITE: replacement */
	const char *file; /* where it was defined, for messages */
	int line;
	struct imc_rule *next_same_name;
};

struct imc_rules {
	struct imc_strset strings;
	struct imc_ptrmap
		by_name[IMC_R_COUNT]; /* interned name -> first rule */
	struct imc_rule **all;
	size_t n, cap;
	struct imc_generation **gens;
	size_t ngens;
};

/* Rules from memory (the fuzzer's entry point); name is used in errors. */
int imc_rules_load_buffer(struct imc_rules *rules, const char *name,
			  const char *data, size_t len, char *err,
			  size_t errlen);

/* Lookup by any (not necessarily interned) name; NULL if none. */
const struct imc_rule *imc_rules_find(const struct imc_rules *rules,
				      enum imc_directive d, const char *name);
/* The generation called NAME, or NULL. */
const struct imc_generation *imc_rules_generation(const struct imc_rules *rules,
						  const char *name);
/* The rewrite template for SUBJECT under condition WHEN, or NULL. */
const char *imc_rules_rewrite(const struct imc_rules *rules,
			      const char *subject, const char *when);

#endif
