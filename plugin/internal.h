/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the files of the iomemcheck GCC plugin share. Each file has one job;
 * the declarations below are grouped by the file that defines them.
 */
#ifndef IOMEMCHECK_PLUGIN_INTERNAL_H
#define IOMEMCHECK_PLUGIN_INTERNAL_H

#include <utility> /* before GCC's system.h poisons what it uses */

#include "castmarks.h"
#include "iomemcheck.h"
extern "C" {
#include "source.h" /* C, without its own extern "C" */
}
#include "util.h"
#include "gcc-compat.h"

/* A position in the source text (text.cc). */
struct cursor {
	const char *file;
	int line, col; /* 1-based; col == len + 1 is the newline */
	const char *text;
	int len;
	bool ok;
};

struct annot {
	unsigned int uid; /* DECL_UID: the address of a freed decl is reused */
	uint32_t iomem; /* bit N: depth N is __iomem */
	uint32_t force; /* bit N: depth N is __force (parameters only) */
};

/*
 * The parameters of a function pointer declarator (`void (*op)(u32 __iomem
 * *p)`) have PARM_DECLs while they are parsed, and GCC keeps none of them.
 * Their annotations are matched by position when the declaration owning
 * the function type is finished (PLUGIN_FINISH_DECL comes for each
 * parameter, then for the declaration).
 */
#define MAX_FNPTR_PARAMS 16

struct fnptr_annot {
	unsigned int uid;
	int depth; /* of the function type in the declared type */
	uint32_t nparams;
	uint32_t iomem[MAX_FNPTR_PARAMS];
};

enum type_mark { MARK_IOMEM, MARK_FORCE };

struct lower_ctx {
	tree fndecl;
	tree stmtexpr_slot; /* innermost statement expression's result var */
};

struct op_info {
	enum tree_code code;
	enum imc_op op;
	const char *text;
	bool commutative;
};

/* A __iomem or __force macro whose empty body is swapped for the
 * checker-mode spelling (restore-macros.cc). */
struct restored_macro {
	cpp_hashnode *node;
	cpp_macro *attr_macro; /* the checker-mode body */
	cpp_macro *empty_macro; /* what the header defined */
	bool swapped_out; /* empty body in place during a directive */
};

#define IMC_RESTORED_MACROS 2 /* __iomem, __force */

/* -fplugin-arg-iomemcheck-KEY[=VALUE] (plugin.cc) */
struct imc_plugin_args {
	const char *name; /* the plugin's base name, for messages */
	const char *path; /* the plugin's file: the rules are found from it */
	bool dump_ir;
	bool headers;
	bool cast_to_as; /* sparse's -Wcast-to-as */
	bool per_access; /* one finding per access, not per root cause */
	const char *api; /* API generations, as the checker's --api */
	const char *test_findings;
	auto_vec<const char *> rules;
	/* What happens to the findings (as the checker's options of that
	 * name) */
	bool werror; /* findings are errors */
	auto_vec<const char *> fail_on; /* with werror: only these */
	uint64_t disabled; /* disable=RULE,... (enable= again): as -Wno-RULE */
	const char *baseline; /* drop the findings it knows */
	const char *report; /* JSON or SARIF report of the unit */
	const char *facts; /* facts=DIR: write the unit's facts there */
	const char *facts_db; /* facts-db=DB: use other units' facts */
	const char *format; /* the report's format, else by name */
	/* findings=FILE: the analysis' findings to FILE as JSON, nothing
	 * through GCC (the checker's --engine=gcc reads them) */
	const char *findings_out;
};

/* The translation unit being built; created at the first function. */
struct imc_plugin_unit {
	struct imc_tu *tu;
	struct imc_deferred *deferred; /* header functions not lowered yet */
	uint32_t next_seq; /* definitions seen so far */
	bool done;
	hash_map<tree, struct imc_type *> *type_cache;
	hash_map<tree, const struct imc_type *> *decl_type_cache;
	/* set_loc: GCC hands out one file name string per file, which is
	 * interned once (in INTERNED_TU) */
	const char *gcc_file, *interned_file;
	struct imc_tu *interned_tu;
	int expr_depth; /* lower_expr's recursion */
};

/*
 * All the plugin's mutable state, reached through plugin(). cc1 compiles one
 * translation unit per process, so there is one.
 */
struct imc_plugin {
	struct imc_plugin_args args;
	struct imc_plugin_unit unit;
	/* loaded at plugin_init, so that a bad file is reported before the
	 * unit, not at its last line; freed when the unit is done */
	struct imc_rules *rules;

	/* The source files, read once each (text.cc) */
	struct {
		struct imc_sources *cache; /* the core's, shared with the
					      analysis */
		/* the name last asked for, and its interned copy: file names
		 * come from the line maps, which keep one string per file */
		const char *last_key, *last_name;
	} sources;

	/* Annotation side tables (sparse-attrs.cc) */
	struct {
		hash_map<tree, struct annot> *by_decl;
		/* Functions and file-scope variables by name, so that the
		 * annotation of one declaration reaches the decl GCC keeps when
		 * it merges redeclarations (a definition after a prototype). */
		hash_map<tree, uint32_t> *by_name;
		hash_map<tree, struct fnptr_annot> *fnptr_params;
		vec<tree> pending_parms;
		/* `void * __force p`: the attribute reaches the handler with
		 * the pointer type, before the parameter's declaration is
		 * finished. */
		tree pending_force_type;
	} annots;

	/* Restoring __iomem and __force (restore-macros.cc) */
	struct {
		struct restored_macro restored[IMC_RESTORED_MACROS];
		bool started;
	} macros;

	/* GCC's hooks and callbacks the plugin wraps */
	struct {
		bool (*attribute_takes_identifier_p)(const_tree);
		void (*cb_define)(cpp_reader *, location_t, cpp_hashnode *);
		void (*cb_before_define)(cpp_reader *);
		void (*cb_undef)(cpp_reader *, location_t, cpp_hashnode *);
	} gcc;
};

extern struct imc_plugin imc_plugin_state; /* plugin.cc; use plugin() */

static inline struct imc_plugin *plugin(void)
{
	return &imc_plugin_state;
}

/* text.cc */
struct imc_sources *src_cache(void);
void src_free(void);
bool cur_init(struct cursor *c, const char *file, int line, int col);
int cur_ch(const struct cursor *c);
bool cur_next(struct cursor *c);
bool cur_prev(struct cursor *c);
int cur_peek(const struct cursor *c, int ahead);
size_t cur_copy(struct cursor from, const struct cursor *to, char *buf,
		size_t size);
bool is_ident_char(int ch);
bool cur_looking_at(const struct cursor *c, const char *s);
void skip_blank_fwd(struct cursor *c);
void skip_blank_back(struct cursor *c);
void skip_literal(struct cursor *c);
bool match_bracket_fwd(struct cursor *c);
bool match_bracket_back(struct cursor *c);
bool cur_same(const struct cursor *a, const struct cursor *b);
bool ident_ending_at(const struct cursor *c, struct cursor *start, char *buf,
		     size_t size);
const char *op_at(const struct cursor *c);

/* location.cc */
bool in_macro(location_t loc);
location_t expansion_point(location_t loc);
bool cursor_at_spelling(location_t loc, struct cursor *c);
const char *op_at_caret(location_t loc);
void set_loc(struct imc_loc *l, const expanded_location &x);
void set_point_loc(struct imc_node *n, location_t loc);
void strip_parens(struct cursor *b, struct cursor *e);
void set_cursor_range(struct imc_node *n, const struct cursor *b,
		      const struct cursor *e, location_t base);
void set_tree_range(struct imc_node *n, tree t);
bool tree_begin_cursor(tree t, struct cursor *c);
int tree_first_char(tree t);
bool loc_before(location_t a, location_t b);
void set_stmt_loc(struct imc_node *n, location_t loc, const char *keyword);
location_t lookup_loc(const char *file, int line, int col);
location_t loc_in_file(location_t base, int line, int col);
location_t imc_loc_to_gcc(const struct imc_loc *l, location_t hint);
void macro_call_arg_starts(location_t call, uint32_t nargs,
			   struct cursor *starts);

/* sparse-attrs.cc */
uint32_t decl_force(tree decl);
uint32_t decl_iomem(tree decl);
void finish_decl(void *event_data, void *data);
void start_parse_function(void *event_data, void *data);
bool imc_attribute_takes_identifier_p(const_tree id);
void register_attributes(void *event_data, void *data);

/* restore-macros.cc */
extern const struct ggc_root_tab restore_roots[];
void start_unit(void *event_data, void *data);

/* types.cc */
bool is_iomem_space(tree arg);
bool type_is_force(tree t);
uint32_t type_size(tree t);
struct imc_type *copy_type(const struct imc_type *t);
const struct imc_type *mark_type(const struct imc_type *t, uint32_t mask,
				 enum type_mark mark);
const struct imc_type *lower_type(tree t);
const char *decl_name(tree decl);
const char *label_name(tree label);
const struct imc_type *decl_type(tree decl);
void set_decl_loc(struct imc_loc *l, tree decl);
struct imc_var *lower_var(tree decl);
void refine_type(struct imc_node *n);

/* casts.cc */
bool is_conversion(tree t);
tree strip_all_conversions(tree t);
bool is_explicit_cast(tree t);
struct imc_node *lower_cast(tree t);
bool cast_prefix_at(const struct cursor *start, struct cursor *close,
		    struct cursor *after);
struct imc_node *attach_casts(struct imc_node *n, const struct cursor *start,
			      int depth);
void attach_arg_casts(struct imc_node *n, tree t);
struct imc_node *attach_after_token(struct imc_node *n, location_t loc,
				    const char *token);
void attach_kid_casts(struct imc_node *n);
struct imc_node *attach_own_casts(struct imc_node *n);
struct imc_node *attach_macro_casts(struct imc_node *n, tree t);
struct imc_node *attach_cast_before(struct imc_node *n);

/* unfold.cc */
tree strip_implicit(tree t);
bool is_sizetype(tree type);
struct imc_node *const_node(tree type, int64_t v);
int64_t int_cst_value(tree t);
struct imc_node *lower_var_ref(tree decl);
struct imc_node *function_ref(tree fndecl);
bool addr_is_written(tree t);
uint64_t pointee_size(tree ptrtype);
struct imc_node *binary_node(enum imc_op op, tree type, struct imc_node *a,
			     struct imc_node *b);
struct imc_node *negate_node(struct imc_node *k, tree type);
struct imc_node *unfold_cast_of_sum(struct imc_node *sum);
struct imc_node *unscaled_index(struct lower_ctx *cx, tree off, uint64_t size,
				bool negate);
bool same_lvalue(tree a, tree b, int depth);
const struct op_info *binary_op_info(enum tree_code code);
enum imc_op compound_op(const char *text);
enum imc_op comparison_of_text(const char *text);
enum imc_op swap_comparison(enum imc_op op);
enum imc_op invert_comparison(enum imc_op op);
bool starts_at(tree e, const struct cursor *at);

/* lower-expr.cc */
struct imc_node *new_node(enum imc_kind kind, tree type);
void add_kid(struct imc_node *n, struct imc_node *kid);
bool same_shape(const struct imc_type *a, const struct imc_type *b);
void use_type(struct imc_node *n, const struct imc_type *t);
struct imc_node *lower_cond(struct lower_ctx *cx, tree t);
struct imc_node *lower_expr(struct lower_ctx *cx, tree t);

/* lower-stmt.cc */
struct imc_node *body_block(struct lower_ctx *cx, tree t);
void lower_stmt(struct lower_ctx *cx, tree t, struct imc_node *blk);
void ensure_tu(void);
void lower_function(void *gcc_data, void *user_data);

/* report.cc */
void report_findings(struct imc_findings *findings);
void hand_over_findings(struct imc_findings *findings);
void read_test_file(const char *path, struct imc_findings *out);

#endif
