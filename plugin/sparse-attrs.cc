// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: sparse's attributes and the annotation side tables (which
 * declarations are __iomem/__force, by DECL_UID).
 */
#include "internal.h"

/* ------------------------------------------------------------------------
 * Annotations
 *
 * The plugin never changes a type: an attribute on a type makes a new GCC
 * type, and a new type changes generated code (the C front end converts
 * between `u32 __iomem` and u32, which changes what -O0 emits) and debug
 * information. Instead the attribute handler records, per declaration, at
 * which pointer depths the declared type is __iomem, and the lowering puts
 * that into the IR's types. Depth 0 is the declared type itself, 1 what it
 * points to (its element, a function's return type), and so on: sparse's
 * `void __iomem *p` is depth 1 of p, `void __iomem *ioremap()` depth 2 of
 * ioremap (function -> return type -> pointee).
 * ------------------------------------------------------------------------ */

/* The depth of the base type of a declared TYPE: the pointer, array and
 * function layers its declarator built (unnamed), down to a typedef name. */
static int declarator_depth(tree type)
{
	int d = 0;

	while (type && type != error_mark_node && d < 31 && !TYPE_NAME(type) &&
	       (TREE_CODE(type) == POINTER_TYPE ||
		TREE_CODE(type) == ARRAY_TYPE ||
		TREE_CODE(type) == FUNCTION_TYPE)) {
		type = TREE_TYPE(type);
		d++;
	}
	return d;
}

static bool keyed_by_name(tree decl, bool at_file_scope)
{
	return DECL_NAME(decl) && (TREE_CODE(decl) == FUNCTION_DECL ||
				   (VAR_P(decl) && at_file_scope));
}

static void record_iomem(tree decl, int depth)
{
	uint32_t bit = 1u << depth;
	struct annot *a = plugin()->annots.by_decl->get(decl);

	if (a && a->uid == DECL_UID(decl)) {
		a->iomem |= bit;
	} else {
		struct annot n = {DECL_UID(decl), bit, 0};

		plugin()->annots.by_decl->put(decl, n);
	}
	if (keyed_by_name(decl, !current_function_decl))
		plugin()->annots.by_name->get_or_insert(DECL_NAME(decl)) |= bit;
}

/* __force on a parameter: sparse accepts any address space for it
 * (IS_ERR() takes `__force const void *`); elsewhere in a declaration
 * sparse ignores it, and so does iomemcheck. */
static void record_force(tree decl, int depth)
{
	uint32_t bit = 1u << depth;
	struct annot *a = plugin()->annots.by_decl->get(decl);

	if (a && a->uid == DECL_UID(decl)) {
		a->force |= bit;
	} else {
		struct annot n = {DECL_UID(decl), 0, bit};

		plugin()->annots.by_decl->put(decl, n);
	}
}

uint32_t decl_force(tree decl)
{
	struct annot *a = plugin()->annots.by_decl->get(decl);

	return a && a->uid == DECL_UID(decl) ? a->force : 0;
}

uint32_t decl_iomem(tree decl)
{
	struct annot *a = plugin()->annots.by_decl->get(decl);
	uint32_t m = a && a->uid == DECL_UID(decl) ? a->iomem : 0;

	if (keyed_by_name(decl,
			  DECL_FILE_SCOPE_P(decl) || DECL_EXTERNAL(decl))) {
		uint32_t *n = plugin()->annots.by_name->get(DECL_NAME(decl));

		if (n)
			m |= *n;
	}
	return m;
}

static void note_fnptr_params(tree decl)
{
	struct fnptr_annot a = {};
	tree t = TREE_TYPE(decl), arg;
	bool any = false;
	uint32_t i;

	while (t && t != error_mark_node && a.depth < 31 &&
	       (TREE_CODE(t) == POINTER_TYPE || TREE_CODE(t) == ARRAY_TYPE)) {
		t = TREE_TYPE(t);
		a.depth++;
	}
	if (!t || TREE_CODE(t) != FUNCTION_TYPE)
		return;
	for (arg = TYPE_ARG_TYPES(t); arg && arg != void_list_node;
	     arg = TREE_CHAIN(arg))
		a.nparams++;
	if (a.nparams != plugin()->annots.pending_parms.length() ||
	    a.nparams > MAX_FNPTR_PARAMS)
		return;
	for (i = 0; i < a.nparams; i++) {
		a.iomem[i] = decl_iomem(plugin()->annots.pending_parms[i]);
		any |= a.iomem[i] != 0;
	}
	if (!any)
		return;
	a.uid = DECL_UID(decl);
	plugin()->annots.fnptr_params->put(decl, a);
}

void finish_decl(void *event_data, void *data)
{
	tree decl = (tree)event_data;

	(void)data;
	if (!decl || !DECL_P(decl))
		return;
	if (TREE_CODE(decl) == PARM_DECL) {
		tree t = TREE_TYPE(decl);
		int d;

		for (d = 0; plugin()->annots.pending_force_type && t &&
			    t != error_mark_node && d < 31 &&
			    d <= declarator_depth(TREE_TYPE(decl));
		     d++, t = TREE_TYPE(t)) {
			if (t == plugin()->annots.pending_force_type) {
				record_force(decl, d);
				break;
			}
			if (TREE_CODE(t) != POINTER_TYPE)
				break;
		}
		plugin()->annots.pending_force_type = NULL_TREE;
		plugin()->annots.pending_parms.safe_push(decl);
		return;
	}
	plugin()->annots.pending_force_type = NULL_TREE;
	if (TREE_CODE(decl) != FUNCTION_DECL && TREE_TYPE(decl))
		note_fnptr_params(decl);
	plugin()->annots.pending_parms.truncate(0);
}

void start_parse_function(void *event_data, void *data)
{
	(void)event_data;
	(void)data;
	plugin()->annots.pending_parms.truncate(0);
	plugin()->annots.pending_force_type = NULL_TREE;
}

/* ------------------------------------------------------------------------
 * Attributes
 *
 * GCC would apply a GNU attribute in the declaration specifiers to the
 * declared entity (`void __iomem *p`: p's type `void *`); sparse means the
 * base type. The handler (which gets the DECL, as no spec requires a type)
 * records the base type's depth as __iomem for that declaration and adds
 * nothing to GCC's trees (see "Annotations"). Attributes in a type name
 * (casts) reach the handler as a type and are read from the cast's text
 * instead; after a '*' (`void * __iomem p`) they are ignored.
 * ------------------------------------------------------------------------ */

static tree handle_sparse_attr(tree *node, tree name, tree args, int flags,
			       bool *no_add_attrs)
{
	tree arg = args ? TREE_VALUE(args) : NULL_TREE;

	(void)flags;
	*no_add_attrs = true;
	if (node && *node && *node != error_mark_node && TYPE_P(*node) &&
	    TREE_CODE(*node) == POINTER_TYPE && is_attribute_p("force", name)) {
		plugin()->annots.pending_force_type = *node;
		return NULL_TREE;
	}
	if (node && *node && *node != error_mark_node && DECL_P(*node) &&
	    TREE_CODE(*node) == PARM_DECL && is_attribute_p("force", name) &&
	    TREE_TYPE(*node) && TREE_TYPE(*node) != error_mark_node) {
		record_force(*node, declarator_depth(TREE_TYPE(*node)));
		return NULL_TREE;
	}
	if (!node || !*node || *node == error_mark_node || !DECL_P(*node) ||
	    !is_attribute_p("address_space", name) || !is_iomem_space(arg))
		return NULL_TREE;
	if (TREE_TYPE(*node) && TREE_TYPE(*node) != error_mark_node)
		record_iomem(*node, declarator_depth(TREE_TYPE(*node)));
	return NULL_TREE;
}

/* sparse-only attributes that iomemcheck does not read: accepted silently
 * so that checker-mode headers compile. */
static tree handle_ignored_attr(tree *node, tree name, tree args, int flags,
				bool *no_add_attrs)
{
	(void)node;
	(void)name;
	(void)args;
	(void)flags;
	*no_add_attrs = true;
	return NULL_TREE;
}

static struct attribute_spec sparse_attrs[] = {
	/* name, min, max, decl, type, fn type, identity, handler, exclude */
	{"noderef", 0, 0, false, false, false, false, handle_sparse_attr, NULL},
	{"address_space", 1, 1, false, false, false, false, handle_sparse_attr,
	 NULL},
	{"force", 0, 0, false, false, false, false, handle_sparse_attr, NULL},
	{"safe", 0, 0, false, false, false, false, handle_ignored_attr, NULL},
	{"nocast", 0, 0, false, false, false, false, handle_ignored_attr, NULL},
	{"bitwise", 0, 0, false, false, false, false, handle_ignored_attr,
	 NULL},
	{"context", 0, 3, false, false, false, false, handle_ignored_attr,
	 NULL},
};

bool imc_attribute_takes_identifier_p(const_tree id)
{
	if (is_attribute_p("address_space", id))
		return true;
	return plugin()->gcc.attribute_takes_identifier_p &&
	       plugin()->gcc.attribute_takes_identifier_p(id);
}

void register_attributes(void *event_data, void *data)
{
	size_t i;

	(void)event_data;
	(void)data;
	for (i = 0; i < ARRAY_SIZE(sparse_attrs); i++) {
		/* never twice: GCC asserts on duplicates */
		if (lookup_attribute_spec(get_identifier(sparse_attrs[i].name)))
			continue;
		register_attribute(&sparse_attrs[i]);
	}
}
