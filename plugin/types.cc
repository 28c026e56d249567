// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: GCC types and declarations to IR types and variables, and
 * the refinement of expression types from their operands.
 */
#include "internal.h"

/* ------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------ */

/* address_space(__iomem), or the number older kernels (before 5.9) give
 * it: address_space(2) (1 is __user, 3 __percpu, 4 __rcu). */
bool is_iomem_space(tree arg)
{
	if (!arg)
		return false;
	if (TREE_CODE(arg) == IDENTIFIER_NODE)
		return !strcmp(IDENTIFIER_POINTER(arg), "__iomem");
	return TREE_CODE(arg) == INTEGER_CST && tree_fits_shwi_p(arg) &&
	       tree_to_shwi(arg) == 2;
}

static bool attr_list_is_iomem(tree a)
{
	for (a = lookup_attribute("address_space", a); a;
	     a = lookup_attribute("address_space", TREE_CHAIN(a))) {
		tree args = TREE_VALUE(a);

		if (is_iomem_space(args ? TREE_VALUE(args) : NULL_TREE))
			return true;
	}
	return false;
}

bool type_is_force(tree t)
{
	return t && t != error_mark_node && TYPE_P(t) &&
	       lookup_attribute("force", TYPE_ATTRIBUTES(t));
}

static const char *type_tag(tree t)
{
	tree n, canon = TYPE_CANONICAL(t);
	int guard = 8;

	if (canon && canon != error_mark_node)
		t = canon;
	n = TYPE_NAME(TYPE_MAIN_VARIANT(t));
	while (n && guard-- > 0) {
		if (TREE_CODE(n) == IDENTIFIER_NODE)
			return IDENTIFIER_POINTER(n);
		if (TREE_CODE(n) != TYPE_DECL)
			return NULL;
		if (DECL_ORIGINAL_TYPE(n))
			n = TYPE_NAME(DECL_ORIGINAL_TYPE(n));
		else
			n = DECL_NAME(n);
	}
	return NULL;
}

uint32_t type_size(tree t)
{
	tree s;

	if (!t || t == error_mark_node || !TYPE_P(t))
		return 0;
	s = TYPE_SIZE_UNIT(t);

	if (!s || TREE_CODE(s) != INTEGER_CST || !tree_fits_uhwi_p(s) ||
	    tree_to_uhwi(s) > UINT32_MAX)
		return 0;
	return (uint32_t)tree_to_uhwi(s);
}

struct imc_type *copy_type(const struct imc_type *t)
{
	struct imc_type *c = imc_type_new(plugin()->unit.tu, t->kind);

	*c = *t;
	return c;
}

/* T with MARK set at the depths in MASK (bit N: depth N); copies only the
 * layers that change. */
const struct imc_type *mark_type(const struct imc_type *t, uint32_t mask,
				 enum type_mark mark)
{
	const struct imc_type *sub = NULL, *inner = NULL;
	struct imc_type *c;
	bool here, set;

	if (!t || !mask)
		return t;
	here = mask & 1;
	set = mark == MARK_IOMEM ? t->iomem : t->force;
	if (mask >> 1) {
		sub = t->kind == IMC_T_PTR || t->kind == IMC_T_ARRAY
			      ? t->pointee
		      : t->kind == IMC_T_FUNC ? t->ret
					      : NULL;
		inner = mark_type(sub, mask >> 1, mark);
	}
	if ((!here || set) && inner == sub)
		return t;
	c = copy_type(t);
	if (here && mark == MARK_IOMEM)
		c->iomem = true;
	if (here && mark == MARK_FORCE)
		c->force = true;
	if (inner != sub) {
		if (t->kind == IMC_T_FUNC)
			c->ret = inner;
		else
			c->pointee = inner;
	}
	return c;
}

/* T with the parameter annotations of DECL's function pointer type. */
static const struct imc_type *mark_fnptr_params(const struct imc_type *t,
						tree decl)
{
	struct fnptr_annot *a = plugin()->annots.fnptr_params->get(decl);
	const struct imc_type *path[32];
	struct imc_type *c;
	int i;
	uint32_t k;

	if (!t || !a || a->uid != DECL_UID(decl))
		return t;
	path[0] = t;
	for (i = 0; i < a->depth; i++) {
		if ((path[i]->kind != IMC_T_PTR &&
		     path[i]->kind != IMC_T_ARRAY) ||
		    !path[i]->pointee)
			return t;
		path[i + 1] = path[i]->pointee;
	}
	if (path[i]->kind != IMC_T_FUNC || path[i]->nparams != a->nparams)
		return t;
	c = copy_type(path[i]);
	c->params = NULL;
	c->nparams = c->capparams = 0;
	for (k = 0; k < a->nparams; k++)
		imc_type_add_param(
			plugin()->unit.tu, c,
			mark_type(path[i]->params[k], a->iomem[k], MARK_IOMEM));
	while (--i >= 0) {
		struct imc_type *up = copy_type(path[i]);

		up->pointee = c;
		c = up;
	}
	return c;
}

/* Annotations of the typedefs T is named by (a typedef of a typedef ...). */
static uint32_t typedef_iomem(tree t)
{
	tree n = TYPE_NAME(t);
	uint32_t m = 0;
	int guard = 16;

	while (n && TREE_CODE(n) == TYPE_DECL && DECL_ORIGINAL_TYPE(n) &&
	       guard-- > 0) {
		m |= decl_iomem(n);
		n = TYPE_NAME(DECL_ORIGINAL_TYPE(n));
	}
	return m;
}

/* Types are lowered once per tree type. */
const struct imc_type *lower_type(tree t)
{
	struct imc_type *it, **slot;
	const struct imc_type *marked;
	enum imc_tkind kind;

	if (!t || t == error_mark_node || !TYPE_P(t))
		return NULL;
	slot = plugin()->unit.type_cache->get(t);
	if (slot)
		return *slot;
	switch (TREE_CODE(t)) {
	case VOID_TYPE:
		kind = IMC_T_VOID;
		break;
	case BOOLEAN_TYPE:
		kind = IMC_T_BOOL;
		break;
	case INTEGER_TYPE:
	case ENUMERAL_TYPE:
		kind = IMC_T_INT;
		break;
	case REAL_TYPE:
		kind = IMC_T_FLOAT;
		break;
	case POINTER_TYPE:
	case REFERENCE_TYPE:
		kind = IMC_T_PTR;
		break;
	case ARRAY_TYPE:
		kind = IMC_T_ARRAY;
		break;
	case RECORD_TYPE:
		kind = IMC_T_STRUCT;
		break;
	case UNION_TYPE:
	case QUAL_UNION_TYPE:
		kind = IMC_T_UNION;
		break;
	case FUNCTION_TYPE:
		kind = IMC_T_FUNC;
		break;
	default:
		kind = IMC_T_OTHER;
		break;
	}
	it = imc_type_new(plugin()->unit.tu, kind);
	plugin()->unit.type_cache->put(
		t, it); /* before the parts: types may be recursive */
	if (kind != IMC_T_VOID && kind != IMC_T_FUNC)
		it->size = type_size(t);
	/* checker-mode types never carry the attributes (the handler records
	 * them elsewhere), but another plugin's might */
	it->iomem = attr_list_is_iomem(TYPE_ATTRIBUTES(t));
	if (kind == IMC_T_STRUCT || kind == IMC_T_UNION) {
		const char *tag = type_tag(t);

		it->tag = tag ? imc_tu_intern(plugin()->unit.tu, tag) : NULL;
	}
	if (kind == IMC_T_PTR || kind == IMC_T_ARRAY)
		it->pointee = lower_type(TREE_TYPE(t));
	if (kind == IMC_T_FUNC) {
		tree a, args = TYPE_ARG_TYPES(t);

		it->ret = lower_type(TREE_TYPE(t));
		for (a = args; a && a != void_list_node; a = TREE_CHAIN(a))
			imc_type_add_param(plugin()->unit.tu, it,
					   lower_type(TREE_VALUE(a)));
		it->variadic = args && stdarg_p(t);
	}
	marked = mark_type(it, typedef_iomem(t), MARK_IOMEM);
	if (TYPE_NAME(t) && TREE_CODE(TYPE_NAME(t)) == TYPE_DECL)
		marked = mark_fnptr_params(marked, TYPE_NAME(t));
	if (marked != it)
		plugin()->unit.type_cache->put(t, (struct imc_type *)marked);
	return marked;
}

const char *decl_name(tree decl)
{
	return DECL_NAME(decl) ? IDENTIFIER_POINTER(DECL_NAME(decl)) : NULL;
}

/* c_genericize's labels (loop exits, continues) have no name. */
const char *label_name(tree label)
{
	char buf[32];

	if (DECL_NAME(label))
		return imc_tu_intern(plugin()->unit.tu, decl_name(label));
	snprintf(buf, sizeof(buf), "<L%u>", (unsigned)DECL_UID(label));
	return imc_tu_intern(plugin()->unit.tu, buf);
}

/* The type of a declaration with its annotations. For a function, the
 * parameter types come from its PARM_DECLs (GCC keeps them for prototypes
 * too), which carry the parameters' annotations. */
const struct imc_type *decl_type(tree decl)
{
	const struct imc_type *t, **slot;
	struct imc_type *fn;
	tree parm;
	uint32_t i, n = 0;

	slot = plugin()->unit.decl_type_cache->get(decl);
	if (slot)
		return *slot;
	t = mark_type(lower_type(TREE_TYPE(decl)), decl_iomem(decl),
		      MARK_IOMEM);
	t = mark_fnptr_params(t, decl);
	if (TREE_CODE(decl) == FUNCTION_DECL && t && t->kind == IMC_T_FUNC) {
		for (parm = DECL_ARGUMENTS(decl); parm; parm = DECL_CHAIN(parm))
			n++;
		if (n == t->nparams) {
			fn = copy_type(t);
			fn->params = NULL;
			fn->nparams = fn->capparams = 0;
			i = 0;
			for (parm = DECL_ARGUMENTS(decl); parm;
			     parm = DECL_CHAIN(parm), i++)
				imc_type_add_param(
					plugin()->unit.tu, fn,
					mark_type(mark_type(t->params[i],
							    decl_iomem(parm),
							    MARK_IOMEM),
						  decl_force(parm),
						  MARK_FORCE));
			t = fn;
		}
	}
	plugin()->unit.decl_type_cache->put(decl, t);
	return t;
}

/* ------------------------------------------------------------------------
 * Variables
 * ------------------------------------------------------------------------ */

void set_decl_loc(struct imc_loc *l, tree decl)
{
	location_t loc = DECL_SOURCE_LOCATION(decl);
	expanded_location x;

	if (loc <= BUILTINS_LOCATION)
		return;
	x = expand_location(expansion_point(loc));
	if (x.file)
		set_loc(l, x);
}

struct imc_var *lower_var(tree decl)
{
	struct imc_var *v = imc_tu_find_var(plugin()->unit.tu, (uintptr_t)decl);
	enum imc_scope scope;

	if (v)
		return v;
	if (TREE_CODE(decl) == PARM_DECL)
		scope = IMC_PARAM;
	else if (TREE_CODE(decl) == FUNCTION_DECL || DECL_FILE_SCOPE_P(decl) ||
		 DECL_EXTERNAL(decl))
		scope = IMC_GLOBAL;
	else
		scope = IMC_LOCAL;
	v = imc_var_new(plugin()->unit.tu, decl_name(decl), decl_type(decl),
			scope);
	v->is_static = scope == IMC_GLOBAL && !TREE_PUBLIC(decl);
	set_decl_loc(&v->loc, decl);
	imc_tu_bind_var(plugin()->unit.tu, (uintptr_t)decl, v);
	return v;
}

static const struct imc_type *expr_result(const struct imc_node *blk)
{
	const struct imc_node *last;

	if (!blk || blk->kind != IMC_BLOCK || !blk->nkids)
		return NULL;
	last = blk->kids[blk->nkids - 1];
	return last && last->kind < IMC_BLOCK ? last->type : NULL;
}

static bool has_iomem(const struct imc_type *t)
{
	int guard = 8;

	for (; t && guard-- > 0; t = t->pointee)
		if (t->iomem)
			return true;
	return false;
}

/*
 * The types of the IR come from GCC's trees, which carry no annotations
 * (see "Annotations"): derive them from the operands, as C does.
 */
/* Pointer type T without __force on what it points to. */
static const struct imc_type *unforced_ptr(const struct imc_type *t)
{
	struct imc_type *c, *p;

	if (!t || t->kind != IMC_T_PTR || !t->pointee || !t->pointee->force)
		return t;
	p = copy_type(t->pointee);
	p->force = false;
	c = copy_type(t);
	c->pointee = p;
	return c;
}

void refine_type(struct imc_node *n)
{
	struct imc_node *k0 = imc_kid(n, 0), *k1 = imc_kid(n, 1),
			*k2 = imc_kid(n, 2);
	const struct imc_type *t0 = k0 ? k0->type : NULL;

	switch (n->kind) {
	case IMC_DEREF:
	case IMC_INDEX:
		/* __force marks casts, not the values read through them */
		if (t0 && (t0->kind == IMC_T_PTR || t0->kind == IMC_T_ARRAY) &&
		    t0->pointee) {
			const struct imc_type *pt = t0->pointee;

			if (pt->force) {
				struct imc_type *c = copy_type(pt);

				c->force = false;
				pt = c;
			}
			use_type(n, pt);
		}
		break;
	case IMC_ADDR:
		if (t0 && n->type && n->type->kind == IMC_T_PTR &&
		    n->type->pointee != t0 &&
		    same_shape(n->type->pointee, t0)) {
			struct imc_type *p = copy_type(n->type);

			p->pointee = t0;
			n->type = p;
		}
		break;
	case IMC_ASSIGN:
	case IMC_INCDEC:
		use_type(n, t0);
		break;
	case IMC_BINARY:
		/* `(void __force *)io + off` is a plain void *, as for the
		 * checker: __force marks the cast, not the sum */
		if (n->type && n->type->kind == IMC_T_PTR)
			use_type(n,
				 unforced_ptr(t0 && t0->kind == IMC_T_PTR ? t0
					      : k1 ? k1->type
						   : NULL));
		break;
	case IMC_COND:
		if (n->type && n->type->kind == IMC_T_PTR) {
			const struct imc_type *a = k1 ? k1->type : t0;
			const struct imc_type *b = k2 ? k2->type : NULL;

			use_type(n, b && has_iomem(b) && !has_iomem(a) ? b : a);
		}
		break;
	case IMC_COMMA:
		use_type(n, k1 ? k1->type : NULL);
		break;
	case IMC_STMTEXPR:
		use_type(n, expr_result(k0));
		break;
	default:
		break;
	}
}
