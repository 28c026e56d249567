/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The front-end-neutral IR both front ends lower into.
 *
 * A translation unit is a list of functions; a function body is a tree of
 * statement and expression nodes, close to C's own shape. The analysis builds
 * its control-flow graph from this tree, so front ends never deal with CFGs.
 *
 * Locations: every node has a report location `loc` and, where the front end
 * knows it, a source `range` (begin inclusive, end exclusive, 1-based byte
 * columns). Both front ends must give identical ranges for the node kinds the
 * core reports on or rewrites (docs/ir.md).
 */
#ifndef IOMEMCHECK_IR_H
#define IOMEMCHECK_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

struct imc_tu;

struct imc_loc {
	const char *file; /* interned with imc_tu_intern(); NULL = unknown */
	uint32_t line; /* 1-based; 0 = unknown */
	uint32_t col; /* 1-based byte column */
};

struct imc_range {
	struct imc_loc begin;
	struct imc_loc end; /* exclusive: one past the last byte */
	bool valid; /* false: unknown, or (partly) inside a macro */
	/* Opaque front-end handles (GCC location_t); the core never reads them. */
	uintptr_t fe_begin, fe_end;
};

enum imc_tkind {
	IMC_T_OTHER,
	IMC_T_VOID,
	IMC_T_BOOL,
	IMC_T_INT,
	IMC_T_FLOAT,
	IMC_T_PTR,
	IMC_T_ARRAY,
	IMC_T_STRUCT,
	IMC_T_UNION,
	IMC_T_FUNC,
};

struct imc_type {
	enum imc_tkind kind;
	uint32_t size; /* sizeof in bytes; 0 = unknown/void */
	bool iomem; /* this type is in address space __iomem */
	bool force; /* this type carries __force */
	const char *tag; /* STRUCT/UNION tag, NULL if anonymous */
	const struct imc_type *pointee; /* PTR: pointee; ARRAY: element */
	/* FUNC only */
	const struct imc_type *ret;
	const struct imc_type **params;
	uint32_t nparams, capparams;
	bool variadic;
};

enum imc_scope { IMC_LOCAL, IMC_PARAM, IMC_GLOBAL };

struct imc_var {
	uint32_t id; /* dense, per TU */
	const char *name;
	const struct imc_type *type;
	enum imc_scope scope;
	bool is_static; /* GLOBAL: internal linkage (no other unit names it) */
	struct imc_loc loc; /* where it is declared (the name) */
};

enum imc_kind {
	/* --- expressions --- */
	IMC_VAR, /* var */
	IMC_CONST, /* ival */
	IMC_STR, /* string literal (name = text, may be NULL) */
	IMC_FIELD, /* kid0.name (arrow=false) or kid0->name (arrow=true) */
	IMC_DEREF, /* *kid0 */
	IMC_INDEX, /* kid0[kid1] */
	IMC_ADDR, /* &kid0 */
	IMC_CALL, /* name = callee if direct (else kid0 of callee slot is
		       * the callee expression); args follow, see IMC_CALL_ARG0 */
	IMC_ASSIGN, /* kid0 = kid1; op != IMC_OP_NONE for compound (kid0 op= kid1) */
	IMC_INCDEC, /* op = IMC_OP_PREINC/PREDEC/POSTINC/POSTDEC, kid0 */
	IMC_CAST, /* (type)kid0; explicit_cast, force */
	IMC_UNARY, /* op = NOT/NEG/BITNOT/PLUS, kid0 */
	IMC_BINARY, /* op, kid0, kid1 (includes LAND/LOR, comparisons) */
	IMC_COND, /* kid0 ? kid1 : kid2 (kid1 may be NULL for GNU ?:) */
	IMC_COMMA, /* kid0, kid1 */
	IMC_INITLIST, /* { kids } ; each kid is IMC_DESIG or a plain value */
	IMC_DESIG, /* .name = kid0 (name NULL for positional) */
	IMC_STMTEXPR, /* ({ kid0 }) kid0 is a BLOCK; value is its last expression */
	IMC_OTHER, /* anything else; kids are evaluated for their effects;
		       * name "asm": an asm statement, kids its operands */

	/* --- statements --- */
	IMC_BLOCK, /* kids in order; an expression kid is an expression statement */
	IMC_DECL, /* var, kid0 = initializer or NULL */
	IMC_IF, /* kid0 cond, kid1 then, kid2 else or NULL */
	IMC_WHILE, /* kid0 cond, kid1 body */
	IMC_DO, /* kid0 body, kid1 cond */
	IMC_FOR, /* kid0 init|NULL, kid1 cond|NULL, kid2 incr|NULL, kid3 body */
	IMC_SWITCH, /* kid0 cond, kid1 body */
	IMC_CASE, /* label inside a switch body; ival = value, flag default */
	IMC_BREAK,
	IMC_CONTINUE,
	IMC_RETURN, /* kid0 value or NULL */
	IMC_GOTO, /* name = label */
	IMC_LABEL, /* name = label */
};

enum imc_op {
	IMC_OP_NONE,
	IMC_OP_ADD,
	IMC_OP_SUB,
	IMC_OP_MUL,
	IMC_OP_DIV,
	IMC_OP_MOD,
	IMC_OP_SHL,
	IMC_OP_SHR,
	IMC_OP_AND,
	IMC_OP_OR,
	IMC_OP_XOR,
	IMC_OP_LAND,
	IMC_OP_LOR,
	IMC_OP_EQ,
	IMC_OP_NE,
	IMC_OP_LT,
	IMC_OP_GT,
	IMC_OP_LE,
	IMC_OP_GE,
	IMC_OP_NOT,
	IMC_OP_NEG,
	IMC_OP_BITNOT,
	IMC_OP_PLUS,
	IMC_OP_PREINC,
	IMC_OP_PREDEC,
	IMC_OP_POSTINC,
	IMC_OP_POSTDEC,
};

/* In an IMC_CALL, kids[0] is the callee expression (NULL when `name` says
 * it all) and the arguments are kids[1..]. */
#define IMC_CALL_ARG0 1

struct imc_node {
	enum imc_kind kind;
	enum imc_op op;
	bool arrow; /* FIELD: '->' */
	bool explicit_cast; /* CAST: written in the source (else implicit) */
	bool force; /* CAST: target type carries __force */
	bool is_default; /* CASE: the default label */
	const struct imc_type *type; /* expression type (after the operation) */
	/* For CALL: the callee's function type (params), NULL if unknown. */
	const struct imc_type *fntype;
	struct imc_loc loc; /* where to report (docs/ir.md, range contract) */
	struct imc_range range; /* source range, if known */
	/* Where range is not valid because the node comes out of a macro
	 * expansion, but both its ends are tokens of the macro's arguments
	 * spelled in one file: their spelling, end exclusive (file NULL:
	 * none). Only fix-its read it (core/fix/fixit.c checks the rest). */
	struct imc_loc arg_begin, arg_end;
	const char *name; /* FIELD member, CALL callee, GOTO/LABEL label */
	struct imc_var *var; /* VAR, DECL */
	int64_t ival; /* CONST, CASE */
	struct imc_node **kids;
	uint32_t nkids, capkids;
};

/*
 * What both front ends must give, byte for byte (statement shapes, what is
 * folded, where loc points, when range is valid): docs/ir.md, "the range
 * contract". testsuite/ir-golden/ and testsuite/run-case check it.
 */

struct imc_func {
	const char *name;
	struct imc_loc loc;
	const struct imc_type *type; /* IMC_T_FUNC */
	struct imc_var **params;
	uint32_t nparams, capparams;
	struct imc_node *body; /* IMC_BLOCK */
	bool is_static;
	/* the front end lowered only the declaration (the checker's parse
	 * skips header bodies: checker/parse.c); body is an empty block */
	bool body_skipped;
	uint32_t seq; /* definition order in the TU (imc_tu_sort_funcs) */
};

/* --- building (all memory belongs to the TU) --- */
struct imc_tu *imc_tu_new(const char *main_file);
void imc_tu_free(struct imc_tu *tu);
const char *imc_tu_main_file(const struct imc_tu *tu);
const char *imc_tu_intern(struct imc_tu *tu, const char *s);
void *imc_tu_alloc(struct imc_tu *tu, size_t size); /* zeroed */

struct imc_type *imc_type_new(struct imc_tu *tu, enum imc_tkind kind);
/* The type sparse gives `typeof(INIT) v = INIT` (and `__auto_type v =
 * INIT`) where a front end typed v T: T, with __iomem on what it points to
 * when INIT is the address of an object reached through an __iomem
 * pointer (`&regs->ctrl`, `&io[i]`), which C types, and the front ends,
 * give no address space. */
const struct imc_type *imc_typeof_init(struct imc_tu *tu,
				       const struct imc_type *t,
				       const struct imc_node *init);
void imc_type_add_param(struct imc_tu *tu, struct imc_type *fn,
			const struct imc_type *param);

struct imc_var *imc_var_new(struct imc_tu *tu, const char *name,
			    const struct imc_type *type, enum imc_scope scope);
/* Front ends map their declarations to vars by an opaque key (a tree, a Decl*). */
struct imc_var *imc_tu_find_var(struct imc_tu *tu, uintptr_t key);
void imc_tu_bind_var(struct imc_tu *tu, uintptr_t key, struct imc_var *var);

struct imc_node *imc_node_new(struct imc_tu *tu, enum imc_kind kind,
			      const struct imc_type *type);
void imc_node_add(struct imc_tu *tu, struct imc_node *parent,
		  struct imc_node *kid); /* kid may be NULL (empty slot) */
static inline struct imc_node *imc_kid(const struct imc_node *n, uint32_t i)
{
	return i < n->nkids ? n->kids[i] : NULL;
}

struct imc_func *imc_func_new(struct imc_tu *tu, const char *name);
void imc_func_add_param(struct imc_tu *tu, struct imc_func *fn,
			struct imc_var *param);
uint32_t imc_tu_nfuncs(const struct imc_tu *tu);
uint32_t imc_tu_nvars(const struct imc_tu *tu);
struct imc_func *imc_tu_func(const struct imc_tu *tu, uint32_t i);

/* Puts the functions in definition order (seq): the analysis computes
 * summaries callees first, and definitions mostly precede their callers. */
void imc_tu_sort_funcs(struct imc_tu *tu);

/* Macro definitions, for fix-its inside a macro's arguments: the text
 * "NAME(params) body" on one line (continuations joined) or NULL when NAME
 * is no function-like macro the front end knows. A front end either puts
 * the definitions it saw or gives a look-up to ask on demand. */
/* the look-up returns a malloc'd text or NULL */
typedef char *(*imc_macro_lookup_fn)(const char *name, void *ctx);
void imc_tu_put_macro_def(struct imc_tu *tu, const char *name, const char *def);
void imc_tu_set_macro_lookup(struct imc_tu *tu, imc_macro_lookup_fn fn,
			     void *ctx);
const char *imc_tu_macro_def(struct imc_tu *tu, const char *name);

/* Calls visit(name, ctx) for every direct call in n, in evaluation order. */
void imc_for_each_callee(const struct imc_node *n,
			 void (*visit)(const char *name, void *ctx), void *ctx);

/* --- lowering on demand ---
 * A kernel TU brings thousands of static inline functions from headers and
 * calls few; the analysis reads only the functions the main file reaches by
 * direct calls (analyze.c). Front ends lower the main file's functions and
 * defer the others here, by TU-interned name, with a handle of their own;
 * imc_lower_callees then lowers exactly the deferred ones reachable. */
struct imc_deferred;
typedef struct imc_func *(*imc_lower_fn)(void *handle, void *ctx);
struct imc_deferred *imc_deferred_new(void);
void imc_deferred_free(struct imc_deferred *d);
/* Defers the definition of NAME, or returns false when a function lowered
 * already calls NAME (defined after its caller): then lower it now. */
bool imc_defer(struct imc_deferred *d, const char *name, void *handle);
/* Lowers, through lower(), every deferred function fn reaches, and notes
 * the callees not defined yet. */
void imc_lower_callees(struct imc_deferred *d, const struct imc_func *fn,
		       imc_lower_fn lower, void *ctx);

/* Debug dump of the IR (used by `iomemcheck --dump-ir` and the plugin's
 * -fplugin-arg-iomemcheck-dump-ir): one node per line, indented. */
void imc_tu_dump(const struct imc_tu *tu, FILE *out);

/* --- type queries shared by everything --- */
static inline bool imc_type_is_ptr(const struct imc_type *t)
{
	return t && t->kind == IMC_T_PTR;
}
static inline bool imc_type_is_iomem_ptr(const struct imc_type *t)
{
	return imc_type_is_ptr(t) && t->pointee && t->pointee->iomem;
}

#ifdef __cplusplus
}
#endif
#endif
