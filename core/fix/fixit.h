/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by the fix-it files (fixit.c, fixtext.c, fixmap.c,
 * fixloop.c); the analysis sees only the fix_*() calls of analysis.h. */
#ifndef IOMEMCHECK_FIXIT_H
#define IOMEMCHECK_FIXIT_H

#include "analysis.h"

/* ---- fixtext.c: text, templates, pending edits ---- */
struct textbuf {
	char *s;
	size_t len;
};

/* A template placeholder: $name and its text (NULL: no rewrite). */
struct tvar {
	const char *name;
	char *text;
};

bool fx_loc_le(struct imc_loc a, struct imc_loc b);
/* Location of byte `off` of text that starts at `base`. */
struct imc_loc fx_loc_at(const char *text, struct imc_loc base, size_t off);
/* Byte offset of loc within text that starts at base; -1 if outside. */
long fx_offset_of(const char *text, struct imc_loc base, struct imc_loc loc);
void fx_tb_add(struct textbuf *b, const char *s, size_t n);
void fx_tb_adds(struct textbuf *b, const char *s);
/* Source text of [begin, end) with the nested pending edits applied; their
 * indices go to used[] (at most 16). */
char *fx_text_with_edits(struct analysis *a, struct imc_loc begin,
			 struct imc_loc end, size_t *used, size_t *nused);
/* Expands $name placeholders; NULL if a placeholder has no text. */
char *fx_expand(const char *tmpl, const struct tvar *vars, size_t nvars);
bool fx_ident_char(char ch);
/* Adds the edit old -> new over [begin, ...) of finding, trimmed to what
 * changes, and marks the folded edits used[] taken. */
bool fx_commit(struct analysis *a, size_t finding, struct imc_loc begin,
	       const char *old, const char *new, const size_t *used,
	       size_t nused);
/* Adds the edit [b, e) -> text (owned) to finding's. */
void fx_push_edit(struct analysis *a, size_t finding, struct imc_loc b,
		  struct imc_loc e, char *text);

/* ---- fixwrap.c: kernel style ---- */
/* Wraps the edits whose new line would pass 100 columns (before the edits
 * become the findings' fix-its). */
void fx_wrap_long_lines(struct analysis *a);
char *fx_raw_text(struct analysis *a, const struct imc_range *r);
/* No binary operator at the top level: needs no parentheses as an operand. */
bool fx_simple_operand(const char *s);
/* Past the "(TYPE)" of a cast's text: the operand's text, or NULL. */
const char *fx_cast_operand(const char *t);
bool fx_walk_any(const struct imc_node *n,
		 bool (*f)(const struct imc_node *, const void *),
		 const void *ctx);
uint32_t fx_count_refs(const struct imc_node *n, const struct imc_var *v);

/* ---- fixmap.c: a pointer as a map and an offset ---- */
/* A pending deletion of a declaration the rewrite makes unused. */
struct deletion {
	bool want;
	struct imc_loc begin, end;
};

/* `map->vaddr [+ off]` as $map and $off; a local initialised so and used
 * once gives its declaration to delete. */
struct mapref {
	char *map, *off;
	struct deletion del;
};

/* What an offset expression depends on: its local variables, and whether
 * it reads memory (or globals) that a call or a store may change. */
struct deps {
	const struct imc_var *vars[16];
	uint32_t nvars;
	bool memory;
	bool overflow;
	const struct imc_node *skip; /* the use itself, not an effect */
};

void fx_mapref_free(struct mapref *r);
/* A pointer whose arithmetic counts bytes (void *, char *, u8 *). */
bool fx_byte_ptr(const struct imc_type *t);
/* The variable an lvalue belongs to when it is one, else NULL. */
const struct imc_var *fx_lvalue_var(const struct imc_node *n);
bool fx_dep_of(const struct imc_node *n, const void *ctx);
bool fx_dep_var(const struct deps *d, const struct imc_var *v);
/* Whether n may change what the expression of d evaluates to. */
bool fx_changes_deps(const struct imc_node *n, const void *ctx);
/* A call the offset may not repeat (ctx: the analysis). */
bool fx_impure_call(const struct imc_node *n, const void *ctx);
/* The block that holds statement stmt as a direct item, and its index. */
const struct imc_node *fx_block_of(const struct imc_node *n,
				   const struct imc_node *stmt, uint32_t *idx);
/* `T *v = INIT;` alone on its line: the line's text to delete. */
bool fx_decl_line(struct analysis *a, const struct imc_node *decl,
		  const struct imc_node *init, struct deletion *del);
/* Whole-word uses of name from `from` to the end of its block. */
int fx_uses_in_scope(struct analysis *a, struct imc_loc from, const char *name);
/* $map and $off of the pointer expression e whose text is text. */
bool fx_map_ref_text(struct analysis *a, const struct imc_node *e,
		     const char *text, const struct imc_node *use,
		     struct mapref *r, int depth);
void fx_add_deletion(struct analysis *a, size_t finding,
		     const struct deletion *del);
/* `*(T *)(P + o)`: $type and, through fx_map_ref_text, $map and $off. */
bool fx_map_access_vars(struct analysis *a, const struct imc_node *lv,
			const struct imc_node *use, struct mapref *r,
			char **type);

/* ---- fixit.c ---- */
/* Value text of a store: the rhs, or for `x op= y` / `x++` the combined
 * read-modify-write value (load: the load's rewrite). */
char *fx_store_value(struct analysis *a, const struct imc_node *site,
		     const struct imc_range *site_range,
		     const struct imc_node *lv, const char *load, size_t *used,
		     size_t *nused);

/* ---- fixloop.c, fixstep.c: local pointers into a map ---- */
/* No whole word `val` or `s` in t (NULL: true). */
bool fx_hygienic(const char *t);
/* `p->f.g` with p set once to `map.vaddr [+ off]`: $map, $off and in
 * vars[0], vars[1] the texts of $struct ("struct T") and $field ("f.g"). */
bool fx_field_vars(struct analysis *a, const struct imc_node *lv,
		   const struct imc_node *site, struct mapref *mr,
		   struct tvar *vars);
/* t as an operand: parenthesised unless simple. */
char *fx_operand(const char *t);
/* `helper(args)` whose body only computes and returns `map.vaddr + off`:
 * $map and $off in the caller's terms; d: what the map text reads. */
bool fx_helper_ref(struct analysis *a, const struct imc_node *call,
		   struct mapref *mr, struct deps *d);
/* `p[i]` / `*p` with `T *p = map.vaddr + off;` indexed and stepped: all the
 * edits that turn p into an offset, on finding; false (nothing added) if
 * any of them is not exact. (fixstep.c; fix_walk() the same for a mem*()
 * argument.) */
bool fx_stepper_fix(struct analysis *a, size_t finding,
		    const struct imc_node *lv, const char *tmpl_load,
		    const char *tmpl_store);

#endif
