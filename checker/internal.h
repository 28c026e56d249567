/* SPDX-License-Identifier: GPL-2.0-only */
/* State and helpers shared by the files of the libclang lowering; the
 * lowering contract is at the top of lower.c. */
#ifndef IOMEMCHECK_CHECKER_INTERNAL_H
#define IOMEMCHECK_CHECKER_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <clang-c/Index.h>

#include "ir.h"
#include "lower.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* The lowering state.                                                  */

struct lower {
	CXTranslationUnit cxtu;
	struct imc_tu *tu;
	struct imc_ptrmap files; /* CXFile -> interned file name */
	struct imc_ptrmap texts; /* CXFile -> its text (tokens.c) */
	struct imc_ptrmap toks; /* spelled place -> its tokens (tokens.c) */
	struct imc_ptrmap types; /* CXType.data[0] -> struct imc_type * */
	struct imc_ptrmap
		tintern; /* interned structural key -> struct imc_type * */
	struct imc_ptrmap
		typedefs; /* interned typedef name -> CXCursor * (lazy) */
	struct imc_ptrmap fnforce; /* canonical FunctionDecl -> its type with
				     * the parameters' __force */
	bool typedefs_done;
	const struct imc_bad_loc *bad;
	unsigned nbad;
	struct imc_lower_stats *stats;
	bool bodies_skipped; /* IMC_LOWER_BODIES_SKIPPED */
	struct imc_ptrmap declared; /* canonical FunctionDecl -> (void *)1 */
	/* definitions found from the main file's tokens; header functions
	 * deferred as the main file's calls reach them (lower.c) */
	bool lazy;
	struct imc_ptrmap listed; /* canonical FunctionDecl of a definition
				    * listed at the start -> (void *)1 */
	struct imc_deferred *deferred;
	uint32_t nseq; /* definition order numbers handed out */
	struct imc_ptrmap ends_macro; /* expression's Stmt -> 1 no, 2 yes */
};

/* Children of a cursor, in visiting order. */
struct kids {
	CXCursor *v;
	unsigned n, cap;
	CXCursor inl[8];
};

/* A location with its expansion point (where the lowering reports it). */
struct xloc {
	CXFile file;
	unsigned line, col, off;
	bool macro; /* spelled somewhere else than where it expands */
};

/* The tokens of part of a cursor's spelling (toks_get): interned
 * spellings, owned by the lowering. */
struct toks {
	const char **s;
	unsigned n;
};

/* The offset of NAME in the next `#define NAME(` of TEXT at or after FROM
 * ('#' after a newline or a blank), or SIZE if there is none (loc.c). */
size_t next_define(const char *text, size_t size, size_t from,
		   const char *name);

/* tokens.c */
const char *file_text(struct lower *L, CXFile f, size_t *size);
void file_texts_free(struct lower *L);
bool toks_get(struct lower *L, CXCursor c, unsigned limit, struct toks *t);
void toks_cache_free(struct lower *L);

/* lower.c */
void kids_push(struct kids *k, CXCursor c);
void lower_reached_function(struct lower *L, CXCursor fn, const char *name);
const char *cx_intern(struct lower *L, CXString s);
bool cx_eq(CXString s, const char *want);
void kids_get(CXCursor c, struct kids *k);
void kids_get_exprs(CXCursor c, struct kids *k);
void kids_free(struct kids *k);
bool is_expr(CXCursor c);

/* loc.c */
void xloc_get(CXSourceLocation sl, struct xloc *x);
void set_expr_loc(struct lower *L, struct imc_node *n, CXCursor c);
void set_stmt_loc(struct lower *L, struct imc_node *n, CXCursor c);
void decl_loc(struct lower *L, CXCursor decl, struct imc_loc *out);
const char *spelled_at(struct lower *L, CXCursor c, CXFile *file, unsigned *off,
		       size_t *avail);
bool spelled_starts_with(struct lower *L, CXCursor c, const char *s);

/* types.c */
const struct imc_type *type_intern(struct lower *L, const struct imc_type *t);
const struct imc_type *ptr_to(struct lower *L, const struct imc_type *pointee);
const struct imc_type *with_force(struct lower *L, const struct imc_type *t,
				  int depth);
const struct imc_type *lower_type(struct lower *L, CXType t, CXCursor ctx);
const char *decl_name(struct lower *L, CXCursor decl);
bool is_ident_char(char c);
const struct imc_type *cursor_type(struct lower *L, CXCursor c);
struct imc_var *new_var(struct lower *L, CXCursor decl, enum imc_scope scope);
struct imc_var *var_of(struct lower *L, CXCursor decl);

/* fold.c */
struct imc_node *expr_node(struct lower *L, enum imc_kind kind, CXCursor c);
bool eval_int(CXCursor c, int64_t *out);
const struct imc_type *const_type(struct lower *L, const struct imc_type *type);
struct imc_node *const_node(struct lower *L, int64_t v,
			    const struct imc_type *type);
struct imc_node *try_const(struct lower *L, CXCursor c);
int64_t convert_int(int64_t v, CXType t);
bool fold_op(enum imc_op op, int64_t a, int64_t b, CXType opnd, CXType res,
	     int64_t *out);
bool is_const(const struct imc_node *n);
bool const_value(const struct imc_node *n, int64_t *v);

/* expr.c */
CXCursor strip(CXCursor c);
struct imc_node *other_with_kids(struct lower *L, CXCursor c);
struct imc_node *lower_cast(struct lower *L, CXCursor c);
struct imc_node *lower_expr(struct lower *L, CXCursor c);

/* init.c */
struct imc_node *lower_initlist(struct lower *L, CXCursor c, CXType type,
				CXCursor loc_from);
struct imc_node *lower_compound_literal(struct lower *L, CXCursor c);

/* generic.c */
struct imc_node *lower_generic(struct lower *L, CXCursor c);

/* stmt.c */
struct imc_node *lower_block(struct lower *L, CXCursor c);

#endif
