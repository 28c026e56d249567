/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by the dataflow's files (flow*.c, check_*.c): the engine
 * (flow.c, flow_lattice.c, flow_objects.c, flow_refine.c, flow_calls.c) and
 * the checks it calls (check_*.c). */
#ifndef IOMEMCHECK_FLOW_INTERNAL_H
#define IOMEMCHECK_FLOW_INTERNAL_H

#include "analysis.h"

enum access { RD, WR, RMW, ADDR };

/* flow_lattice.c */
extern const struct val no_val;
void state_new(struct fnctx *c, struct state *s);
void state_init(struct fnctx *c, struct state *s);
void state_free(struct fnctx *c, struct state *s);
void state_copy(struct fnctx *c, struct state *dst, const struct state *src);
struct val val_join(struct val a, struct val b);
bool state_join(struct fnctx *c, struct state *dst, const struct state *src);
void set_map(struct state *s, int32_t o, unsigned st, const char *reason);
bool const_int_value(const struct imc_node *n, int64_t *out);

/* flow_objects.c */
const struct imc_rule *map_def_of(const struct fnctx *c,
				  const struct imc_type *t);
const struct imc_rule *map_ptr_def_of(const struct fnctx *c,
				      const struct imc_type *t);
bool is_scalar(const struct imc_type *t);
bool is_forced(const struct imc_node *n);
int32_t slot(const struct fnctx *c, const struct imc_var *v);
void add_slot(struct fnctx *c, const struct imc_var *v);
int32_t find_obj(struct fnctx *c, const char *path);
const char *call_obj_key(struct fnctx *c, const struct imc_node *call);
int32_t obj_of_lvalue(struct fnctx *c, const struct imc_node *n);
int32_t obj_of_ptr(struct fnctx *c, const struct state *s,
		   const struct imc_node *n);
void collect(struct fnctx *c, const struct imc_node *n);
const char *callee(const struct imc_node *call);
char *describe(const struct imc_node *n);
const char *map_why(struct fnctx *c, int32_t o, const struct mapst *m);
/* Registers WHY as where map O comes from (at AT, "map 'O' " + fmt). */
const char *map_origin(struct fnctx *c, int32_t o, const struct imc_node *at,
		       const char *why, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void report_events(struct fnctx *c, size_t f, const struct val *v,
		   const struct imc_node *at, const char *kind, char *access);
void forget_pointee(struct fnctx *c, struct state *s, int32_t sl);

/* flow_refine.c */
bool has_effects(const struct imc_node *n);
bool can_refine(struct fnctx *c, const struct state *s,
		const struct imc_node *n);
void refine(struct fnctx *c, struct state *s, const struct imc_node *n,
	    bool truth);

/* flow_calls.c */
struct imc_node *arg(const struct imc_node *call, int pos);
struct val eval_call(struct fnctx *c, struct state *s,
		     const struct imc_node *call);

/* flow_maps.c: map state transfer */
int32_t map_member_obj(struct fnctx *c, struct state *s,
		       const struct imc_node *n, const struct imc_rule **def);
struct val read_map_member(struct fnctx *c, struct state *s,
			   const struct imc_node *n, int32_t o,
			   const struct imc_rule *def);
void copy_map(struct fnctx *c, struct state *s, int32_t dst,
	      const struct imc_node *src, const struct imc_rule *def);
void write_map_member(struct fnctx *c, struct state *s, int32_t o,
		      const struct imc_node *lhs, const struct imc_node *rhs,
		      const struct imc_rule *def);
void map_call_effects(struct fnctx *c, struct state *s,
		      const struct imc_node *call);

/* flow_objects.c: whether n points to I/O memory by its types alone */
bool expr_iomem(const struct imc_node *n);

/* A call as the checks see it: the rules' memory function for the callee,
 * or else the summary of its body (NULL when the rules describe it). */
struct call_site {
	const struct imc_node *call;
	const struct imc_rule *memfn;
	const struct summary *sum;
	const struct val *vals; /* the arguments' values */
	uint32_t nargs;
};

/*
 * What a check watches. The engine names no check: at each of these points
 * it calls the hook of every check in the table the driver gives it
 * (analysis.checks, checks/checks.c), in table order. A hook reads the
 * state and adds findings; it does not change the state.
 */
struct check_hooks {
	/* a load, store or read-modify-write through lv, or its address */
	void (*access)(struct fnctx *c, const struct imc_node *lv,
		       const struct imc_node *site, enum access mode,
		       const struct val *pv);
	/* src converted to dst: "assignment", "initialization", "return" */
	void (*conversion)(struct fnctx *c, const struct imc_type *dst,
			   const struct imc_node *src,
			   const struct imc_node *at, const char *what);
	void (*cast)(struct fnctx *c, const struct imc_node *cast);
	void (*designated)(struct fnctx *c, const struct imc_node *d);
	void (*call)(struct fnctx *c, const struct call_site *site);
	/* `return v;`: what escapes the function */
	void (*ret)(struct fnctx *c, const struct imc_node *ret,
		    const struct val *v);
	void (*map_member_read)(struct fnctx *c, struct state *s, int32_t o,
				const struct imc_node *member,
				const struct imc_rule *def);
	void (*map_member_write)(struct fnctx *c, struct state *s, int32_t o,
				 const struct imc_node *at,
				 const struct imc_rule *def);
	/* after a call's effects on maps */
	void (*map_call)(struct fnctx *c, struct state *s,
			 const struct imc_node *call);
};

#define CALL_HOOKS(c, hook, ...)                               \
	do {                                                   \
		const struct check_hooks *const *h_;           \
		for (h_ = (c)->a->checks; *h_; h_++)           \
			if ((*h_)->hook)                       \
				(*h_)->hook((c), __VA_ARGS__); \
	} while (0)

/* flow.c */
struct val typed_io(struct fnctx *c, const struct imc_node *n);
void record_param_use(struct fnctx *c, uint32_t params, const char *how,
		      const struct imc_node *at);
const struct imc_node *lvalue_pointer(const struct imc_node *n);
bool val_from_map(const struct fnctx *c, const struct val *v);
void note_store(struct fnctx *c, const struct imc_node *lhs,
		const struct val *v, const struct imc_node *at);
struct val eval(struct fnctx *c, struct state *s, const struct imc_node *n);

#endif
