// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/i915/gt/uc/intel_guc.c, intel_guc_allocate_and_map_vma()
 * (reduced: no error unwinding): a GuC object pinned and mapped, the
 * mapping handed back through an out-parameter. */
#include "intel_guc.h"

int intel_guc_allocate_and_map_vma(struct intel_guc *guc, u32 size,
				   struct i915_vma **out_vma, void **out_vaddr)
{
	struct i915_vma *vma;
	void *vaddr;

	vma = intel_guc_allocate_vma(guc, size);
	if (!vma)
		return -12;

	vaddr = i915_gem_object_pin_map_unlocked(vma->obj, 1);
	if (!vaddr)
		return -12;

	*out_vma = vma;
	*out_vaddr = vaddr;

	return 0;
}
