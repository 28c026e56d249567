// SPDX-License-Identifier: GPL-2.0-only
/* IR storage: one arena per translation unit, interned strings, var keys. */
#include <stdlib.h>
#include <string.h>

#include "ir.h"
#include "util.h"

struct imc_tu {
	struct imc_arena arena;
	const char *main_file;
	struct imc_strset strings;
	struct imc_ptrmap vars; /* front-end key -> struct imc_var * */
	uint32_t nvars;
	struct imc_func **funcs;
	uint32_t nfuncs, capfuncs;
	struct imc_ptrmap macro_defs; /* interned name -> interned text */
	imc_macro_lookup_fn macro_lookup;
	void *macro_lookup_ctx;
};

struct imc_tu *imc_tu_new(const char *main_file)
{
	struct imc_tu *tu = imc_xcalloc(1, sizeof(*tu));

	tu->main_file = imc_tu_intern(tu, main_file);
	return tu;
}

void imc_tu_free(struct imc_tu *tu)
{
	if (!tu)
		return;
	imc_arena_free(&tu->arena);
	imc_strset_free(&tu->strings);
	imc_ptrmap_free(&tu->vars);
	imc_ptrmap_free(&tu->macro_defs);
	free(tu->funcs);
	free(tu);
}

const char *imc_tu_main_file(const struct imc_tu *tu)
{
	return tu->main_file;
}

const char *imc_tu_intern(struct imc_tu *tu, const char *s)
{
	return s ? imc_strset_intern(&tu->strings, s) : NULL;
}

void imc_tu_put_macro_def(struct imc_tu *tu, const char *name, const char *def)
{
	if (name && def)
		imc_ptrmap_put(&tu->macro_defs,
			       (uintptr_t)imc_tu_intern(tu, name),
			       (void *)imc_tu_intern(tu, def));
}

void imc_tu_set_macro_lookup(struct imc_tu *tu, imc_macro_lookup_fn fn,
			     void *ctx)
{
	tu->macro_lookup = fn;
	tu->macro_lookup_ctx = ctx;
}

/* A looked-up name without a definition is remembered as "" (asked once). */
const char *imc_tu_macro_def(struct imc_tu *tu, const char *name)
{
	const char *key = imc_tu_intern(tu, name), *def;

	if (!key)
		return NULL;
	def = imc_ptrmap_get(&tu->macro_defs, (uintptr_t)key);
	if (!def && tu->macro_lookup) {
		char *found = tu->macro_lookup(key, tu->macro_lookup_ctx);

		def = imc_tu_intern(tu, found ? found : "");
		free(found);
		imc_ptrmap_put(&tu->macro_defs, (uintptr_t)key, (void *)def);
	}
	return def && *def ? def : NULL;
}

void *imc_tu_alloc(struct imc_tu *tu, size_t size)
{
	return imc_arena_alloc(&tu->arena, size);
}

struct imc_type *imc_type_new(struct imc_tu *tu, enum imc_tkind kind)
{
	struct imc_type *t = imc_tu_alloc(tu, sizeof(*t));

	t->kind = kind;
	return t;
}

/* Is the lvalue N an object reached through an __iomem pointer? */
static bool lvalue_in_iomem(const struct imc_node *n)
{
	int guard = 16;

	while (n && guard-- > 0) {
		const struct imc_node *base = n->nkids ? n->kids[0] : NULL;

		if (!base)
			return false;
		switch (n->kind) {
		case IMC_FIELD:
			if (n->arrow)
				return imc_type_is_iomem_ptr(base->type);
			break;
		case IMC_INDEX:
			if (imc_type_is_ptr(base->type))
				return imc_type_is_iomem_ptr(base->type);
			break;
		case IMC_DEREF:
			return imc_type_is_iomem_ptr(base->type);
		default:
			return false;
		}
		n = base;
	}
	return false;
}

const struct imc_type *imc_typeof_init(struct imc_tu *tu,
				       const struct imc_type *t,
				       const struct imc_node *init)
{
	struct imc_type *p, *pointee;

	if (!init || !imc_type_is_ptr(t) || imc_type_is_iomem_ptr(t) ||
	    init->kind != IMC_ADDR || !init->nkids ||
	    !lvalue_in_iomem(init->kids[0]))
		return t;
	pointee = imc_type_new(tu, t->pointee->kind);
	*pointee = *t->pointee;
	pointee->iomem = true;
	p = imc_type_new(tu, IMC_T_PTR);
	*p = *t;
	p->pointee = pointee;
	return p;
}

/* Arrays that grow in the arena: the old block is simply abandoned. */
static void *grow(struct imc_tu *tu, void *old, uint32_t n, uint32_t *cap,
		  size_t elem)
{
	void *fresh;

	if (n < *cap)
		return old;
	*cap = *cap ? *cap * 2 : 4;
	fresh = imc_tu_alloc(tu, *cap * elem);
	if (n)
		memcpy(fresh, old, n * elem);
	return fresh;
}

void imc_type_add_param(struct imc_tu *tu, struct imc_type *fn,
			const struct imc_type *param)
{
	fn->params = grow(tu, (void *)fn->params, fn->nparams, &fn->capparams,
			  sizeof(*fn->params));
	fn->params[fn->nparams++] = param;
}

struct imc_var *imc_var_new(struct imc_tu *tu, const char *name,
			    const struct imc_type *type, enum imc_scope scope)
{
	struct imc_var *v = imc_tu_alloc(tu, sizeof(*v));

	v->id = tu->nvars++;
	v->name = imc_tu_intern(tu, name);
	v->type = type;
	v->scope = scope;
	return v;
}

struct imc_var *imc_tu_find_var(struct imc_tu *tu, uintptr_t key)
{
	return imc_ptrmap_get(&tu->vars, key);
}

void imc_tu_bind_var(struct imc_tu *tu, uintptr_t key, struct imc_var *var)
{
	imc_ptrmap_put(&tu->vars, key, var);
}

uint32_t imc_tu_nvars(const struct imc_tu *tu)
{
	return tu->nvars;
}

struct imc_node *imc_node_new(struct imc_tu *tu, enum imc_kind kind,
			      const struct imc_type *type)
{
	struct imc_node *n = imc_tu_alloc(tu, sizeof(*n));

	n->kind = kind;
	n->type = type;
	return n;
}

void imc_node_add(struct imc_tu *tu, struct imc_node *parent,
		  struct imc_node *kid)
{
	parent->kids = grow(tu, parent->kids, parent->nkids, &parent->capkids,
			    sizeof(*parent->kids));
	parent->kids[parent->nkids++] = kid;
}

struct imc_func *imc_func_new(struct imc_tu *tu, const char *name)
{
	struct imc_func *fn = imc_tu_alloc(tu, sizeof(*fn));

	fn->name = imc_tu_intern(tu, name);
	if (tu->nfuncs == tu->capfuncs) {
		tu->capfuncs = tu->capfuncs ? tu->capfuncs * 2 : 16;
		tu->funcs = imc_xrealloc(tu->funcs,
					 tu->capfuncs * sizeof(*tu->funcs));
	}
	tu->funcs[tu->nfuncs++] = fn;
	return fn;
}

void imc_func_add_param(struct imc_tu *tu, struct imc_func *fn,
			struct imc_var *param)
{
	fn->params = grow(tu, fn->params, fn->nparams, &fn->capparams,
			  sizeof(*fn->params));
	fn->params[fn->nparams++] = param;
}

uint32_t imc_tu_nfuncs(const struct imc_tu *tu)
{
	return tu->nfuncs;
}

struct imc_func *imc_tu_func(const struct imc_tu *tu, uint32_t i)
{
	return i < tu->nfuncs ? tu->funcs[i] : NULL;
}

static int cmp_seq(const void *pa, const void *pb)
{
	const struct imc_func *const *a = pa, *const *b = pb;

	return (*a)->seq<(*b)->seq ? -1 : (*a)->seq>(*b)->seq;
}

void imc_tu_sort_funcs(struct imc_tu *tu)
{
	if (tu->nfuncs)
		qsort(tu->funcs, tu->nfuncs, sizeof(*tu->funcs), cmp_seq);
}

void imc_for_each_callee(const struct imc_node *n,
			 void (*visit)(const char *name, void *ctx), void *ctx)
{
	uint32_t i;

	if (!n)
		return;
	if (n->kind == IMC_CALL && n->name)
		visit(n->name, ctx);
	for (i = 0; i < n->nkids; i++)
		imc_for_each_callee(n->kids[i], visit, ctx);
}

/* ---- lowering on demand ---- */

/* name -> handle of a deferred definition, or one of: */
static char wanted_mark, lowered_mark;
#define WANTED	((void *)&wanted_mark) /* called, not defined yet */
#define LOWERED ((void *)&lowered_mark) /* handed to the front end */

struct imc_deferred {
	struct imc_ptrmap by_name;
	const struct imc_func **todo;
	size_t ntodo, captodo;
	imc_lower_fn lower;
	void *ctx;
};

struct imc_deferred *imc_deferred_new(void)
{
	return imc_xcalloc(1, sizeof(struct imc_deferred));
}

void imc_deferred_free(struct imc_deferred *d)
{
	if (!d)
		return;
	imc_ptrmap_free(&d->by_name);
	free(d->todo);
	free(d);
}

bool imc_defer(struct imc_deferred *d, const char *name, void *handle)
{
	void *was = imc_ptrmap_get(&d->by_name, (uintptr_t)name);

	if (was == WANTED) {
		imc_ptrmap_put(&d->by_name, (uintptr_t)name, LOWERED);
		return false;
	}
	if (!was) /* a second definition of a name keeps the first */
		imc_ptrmap_put(&d->by_name, (uintptr_t)name, handle);
	return true;
}

static void push_todo(struct imc_deferred *d, const struct imc_func *fn)
{
	if (d->ntodo == d->captodo) {
		d->captodo = d->captodo ? 2 * d->captodo : 16;
		d->todo = imc_xrealloc(d->todo, d->captodo * sizeof(*d->todo));
	}
	d->todo[d->ntodo++] = fn;
}

static void reach(const char *name, void *ctx)
{
	struct imc_deferred *d = ctx;
	void *h = imc_ptrmap_get(&d->by_name, (uintptr_t)name);
	const struct imc_func *fn;

	if (h == LOWERED || h == WANTED)
		return;
	imc_ptrmap_put(&d->by_name, (uintptr_t)name, h ? LOWERED : WANTED);
	if (h && (fn = d->lower(h, d->ctx)))
		push_todo(d, fn);
}

void imc_lower_callees(struct imc_deferred *d, const struct imc_func *fn,
		       imc_lower_fn lower, void *ctx)
{
	d->lower = lower;
	d->ctx = ctx;
	push_todo(d, fn);
	while (d->ntodo)
		imc_for_each_callee(d->todo[--d->ntodo]->body, reach, d);
}
