// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: making __iomem and __force expand to the checker-mode
 * spelling in an ordinary compile.
 */
#include "internal.h"
#include "preprocessed.h"

/* ------------------------------------------------------------------------
 * Restoring __iomem and __force in an ordinary compile
 *
 * Without __CHECKER__ the headers `#define __iomem` and `#define __force`
 * empty. When libcpp reports such a definition, the macro's body is swapped
 * for one that expands to the checker-mode spelling (made at the start of
 * the unit from a helper definition). Before every later #define the empty
 * body is put back for the duration of the directive, so that a redefinition
 * is compared with what the header wrote (no new "redefined" warnings).
 * ------------------------------------------------------------------------ */

/* The macros restored, in the order of plugin()->macros.restored. */
static const struct {
	const char *name;
	const char *spelling;
} restored_spelling[IMC_RESTORED_MACROS] = {
	{"__iomem", "__attribute__((noderef, address_space(__iomem)))"},
	{"__force", "__attribute__((force))"},
};

#define RESTORED(i) (&imc_plugin_state.macros.restored[i])

/* Roots: the swapped-out bodies are reachable only from here (a static
 * table of addresses, hence the state object itself, not plugin()). */
const struct ggc_root_tab restore_roots[] = {
	{&RESTORED(0)->attr_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	{&RESTORED(0)->empty_macro, 1, sizeof(cpp_macro *),
	 &gt_ggc_mx_cpp_macro, &gt_pch_nx_cpp_macro},
	{&RESTORED(1)->attr_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	{&RESTORED(1)->empty_macro, 1, sizeof(cpp_macro *),
	 &gt_ggc_mx_cpp_macro, &gt_pch_nx_cpp_macro},
	LAST_GGC_ROOT_TAB};

static bool is_empty_object_macro(cpp_hashnode *node)
{
	return cpp_macro_p(node) && !cpp_builtin_macro_p(node) &&
	       node->value.macro && !node->value.macro->fun_like &&
	       node->value.macro->count == 0;
}

static void swap_in_attr(struct restored_macro *r)
{
	if (!r->attr_macro || !is_empty_object_macro(r->node))
		return;
	r->empty_macro = r->node->value.macro;
	r->node->value.macro = r->attr_macro;
	r->swapped_out = false;
}

static void restore_before_define(cpp_reader *pfile)
{
	size_t i;

	for (i = 0; i < IMC_RESTORED_MACROS; i++) {
		struct restored_macro *r = &plugin()->macros.restored[i];

		if (r->node && r->empty_macro && cpp_macro_p(r->node) &&
		    r->node->value.macro == r->attr_macro) {
			r->empty_macro->used |= r->attr_macro->used;
			r->node->value.macro = r->empty_macro;
			r->swapped_out = true;
		}
	}
	if (plugin()->gcc.cb_before_define)
		plugin()->gcc.cb_before_define(pfile);
}

/* After the directive that defined or undefined NODE: the attribute
 * bodies back in (NODE itself if it is one of them and empty again). */
static void swap_in_after(cpp_hashnode *node)
{
	size_t i;

	for (i = 0; i < IMC_RESTORED_MACROS; i++) {
		struct restored_macro *r = &plugin()->macros.restored[i];

		if (node == r->node || (r->swapped_out && r->node &&
					r->node->value.macro == r->empty_macro))
			swap_in_attr(r);
	}
}

static void restore_define(cpp_reader *pfile, location_t loc,
			   cpp_hashnode *node)
{
	if (plugin()->gcc.cb_define)
		plugin()->gcc.cb_define(pfile, loc, node);
	swap_in_after(node);
}

/* libcpp calls before_define for #undef too, but then undef, not define:
 * without this the empty bodies stayed in after any #undef (linux-6.1
 * ahci.c's `#undef ENCODE_BUSDEVFN`) and every later __iomem was lost. */
static void restore_undef(cpp_reader *pfile, location_t loc, cpp_hashnode *node)
{
	if (plugin()->gcc.cb_undef)
		plugin()->gcc.cb_undef(pfile, loc, node);
	swap_in_after(node);
}

/* A cpp_macro for SPELLING, made by defining and undefining a helper. */
static cpp_macro *make_macro(const char *name, const char *spelling)
{
	char *def = concat(name, "=", spelling, NULL);
	cpp_hashnode *node;
	cpp_macro *m = NULL;

	cpp_define(parse_in, def);
	free(def);
	node = cpp_lookup(parse_in, (const unsigned char *)name, strlen(name));
	if (node && cpp_macro_p(node))
		m = node->value.macro;
	if (node)
		cpp_undef(parse_in, name);
	return m;
}

void start_unit(void *event_data, void *data)
{
	cpp_callbacks *cb;
	void (*define)(cpp_reader *, location_t, cpp_hashnode *);
	void (*undef)(cpp_reader *, location_t, cpp_hashnode *);
	size_t i;

	(void)event_data;
	(void)data;
	/* preprocessed input: only a .i of -fdirectives-only has #defines
	 * to restore (preprocessed.cc) */
	if (!parse_in || plugin()->macros.started || !pp_restore_annotations())
		return;
	plugin()->macros.started = true;
	cb = cpp_get_callbacks(parse_in);
	/* the helpers must not reach -g3's macro debug info */
	define = cb->define;
	undef = cb->undef;
	cb->define = NULL;
	cb->undef = NULL;
	for (i = 0; i < IMC_RESTORED_MACROS; i++) {
		struct restored_macro *r = &plugin()->macros.restored[i];

		const char *name = restored_spelling[i].name;

		r->attr_macro = make_macro("__iomemcheck_restore_helper__",
					   restored_spelling[i].spelling);
		r->node = cpp_lookup(parse_in, (const unsigned char *)name,
				     strlen(name));
	}
	cb->define = define;
	cb->undef = undef;
	plugin()->gcc.cb_define = cb->define;
	plugin()->gcc.cb_before_define = cb->before_define;
	plugin()->gcc.cb_undef = cb->undef;
	cb->define = restore_define;
	cb->before_define = restore_before_define;
	cb->undef = restore_undef;
	/* defined before the unit started (-D__iomem= on the command line is
	 * processed later, through the callback) */
	for (i = 0; i < IMC_RESTORED_MACROS; i++)
		if (plugin()->macros.restored[i].node)
			swap_in_attr(&plugin()->macros.restored[i]);
}
