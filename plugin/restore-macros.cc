// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: making __iomem and __force expand to the checker-mode
 * spelling in an ordinary compile.
 */
#include "internal.h"

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

struct restored_macro {
	const char *name;
	const char *spelling;
	cpp_hashnode *node;
	cpp_macro *attr_macro; /* the checker-mode body */
	cpp_macro *empty_macro; /* what the header defined */
	bool swapped_out; /* empty body in place during a directive */
};

static struct restored_macro restored[] = {
	{"__iomem", "__attribute__((noderef, address_space(__iomem)))", NULL,
	 NULL, NULL, false},
	{"__force", "__attribute__((force))", NULL, NULL, NULL, false},
};

/* Roots: the swapped-out bodies are reachable only from here. */
const struct ggc_root_tab restore_roots[] = {
	{&restored[0].attr_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	{&restored[0].empty_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	{&restored[1].attr_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	{&restored[1].empty_macro, 1, sizeof(cpp_macro *), &gt_ggc_mx_cpp_macro,
	 &gt_pch_nx_cpp_macro},
	LAST_GGC_ROOT_TAB};

static void (*gcc_cb_define)(cpp_reader *, location_t, cpp_hashnode *);
static void (*gcc_cb_before_define)(cpp_reader *);

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

	for (i = 0; i < ARRAY_SIZE(restored); i++) {
		struct restored_macro *r = &restored[i];

		if (r->node && r->empty_macro && cpp_macro_p(r->node) &&
		    r->node->value.macro == r->attr_macro) {
			r->empty_macro->used |= r->attr_macro->used;
			r->node->value.macro = r->empty_macro;
			r->swapped_out = true;
		}
	}
	if (gcc_cb_before_define)
		gcc_cb_before_define(pfile);
}

static void restore_define(cpp_reader *pfile, location_t loc,
			   cpp_hashnode *node)
{
	size_t i;

	if (gcc_cb_define)
		gcc_cb_define(pfile, loc, node);
	for (i = 0; i < ARRAY_SIZE(restored); i++) {
		struct restored_macro *r = &restored[i];

		if (node == r->node || (r->swapped_out && r->node &&
					r->node->value.macro == r->empty_macro))
			swap_in_attr(r);
	}
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

static bool restore_started;

void start_unit(void *event_data, void *data)
{
	cpp_callbacks *cb;
	void (*define)(cpp_reader *, location_t, cpp_hashnode *);
	void (*undef)(cpp_reader *, location_t, cpp_hashnode *);
	size_t i;

	(void)event_data;
	(void)data;
	/* preprocessed input: no #define to restore (the -E that made it
	 * spelled the annotations out), and a helper #define would be read
	 * as a line marker */
	if (!parse_in || restore_started ||
	    cpp_get_options(parse_in)->preprocessed)
		return;
	restore_started = true;
	cb = cpp_get_callbacks(parse_in);
	/* the helpers must not reach -g3's macro debug info */
	define = cb->define;
	undef = cb->undef;
	cb->define = NULL;
	cb->undef = NULL;
	for (i = 0; i < ARRAY_SIZE(restored); i++) {
		struct restored_macro *r = &restored[i];

		r->attr_macro = make_macro("__iomemcheck_restore_helper__",
					   r->spelling);
		r->node = cpp_lookup(parse_in, (const unsigned char *)r->name,
				     strlen(r->name));
	}
	cb->define = define;
	cb->undef = undef;
	gcc_cb_define = cb->define;
	gcc_cb_before_define = cb->before_define;
	cb->define = restore_define;
	cb->before_define = restore_before_define;
	/* defined before the unit started (-D__iomem= on the command line is
	 * processed later, through the callback) */
	for (i = 0; i < ARRAY_SIZE(restored); i++)
		if (restored[i].node)
			swap_in_attr(&restored[i]);
}
