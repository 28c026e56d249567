// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/i915/gem/i915_gem_pages.c, i915_gem_object_pin_map() and
 * i915_gem_object_map_pfn() (reduced: no pin counting, no map types): an
 * object in device-local memory (lmem, no struct pages) is mapped by its
 * PFNs in the BAR, write-combined: I/O memory, as a plain void *. */
#include "intel_guc.h"

static void *i915_gem_object_map_pfn(struct drm_i915_gem_object *obj)
{
	return vmap_pfn(obj->pfns, obj->n_pages, 0);
}

void *i915_gem_object_pin_map(struct drm_i915_gem_object *obj, int type)
{
	void *ptr = obj->mapping;

	if (!ptr) {
		if (obj->has_struct_page)
			ptr = vmap_pages(obj);
		else
			ptr = i915_gem_object_map_pfn(obj);
		obj->mapping = ptr;
	}
	return ptr;
}

void *i915_gem_object_pin_map_unlocked(struct drm_i915_gem_object *obj, int type)
{
	return i915_gem_object_pin_map(obj, type);
}
