// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/radeon/radeon_object.c, radeon_bo_kmap() (reduced):
 * the kernel address of a buffer object, VRAM (I/O memory) or not; the
 * is_iomem answer of TTM is dropped. */
#include "radeon.h"

int radeon_bo_kmap(struct radeon_bo *bo, void **ptr)
{
	bool is_iomem;
	int r;

	if (bo->kptr) {
		if (ptr)
			*ptr = bo->kptr;
		return 0;
	}
	r = ttm_bo_kmap(bo, &bo->kmap);
	if (r)
		return r;
	bo->kptr = ttm_kmap_obj_virtual(&bo->kmap, &is_iomem);
	if (ptr)
		*ptr = bo->kptr;
	return 0;
}
