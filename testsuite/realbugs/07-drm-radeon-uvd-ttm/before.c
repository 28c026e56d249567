// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: commit ab8363d3875a ("radeon: use memcpy_to/fromio for UVD fw
 * upload"), Chen Li.
 * Files: drivers/gpu/drm/radeon/radeon_uvd.c, radeon_uvd_init() and
 * radeon_uvd_resume(); radeon_object.c, radeon_bo_kmap() (reduced).
 *
 * The UVD VCPU buffer object lives in VRAM. radeon_bo_kmap() gets its
 * kernel address from ttm_kmap_obj_virtual(&bo->kmap, &is_iomem) and
 * drops is_iomem; radeon_uvd_init() stores it in the plain void * field
 * rdev->uvd.cpu_addr, and radeon_uvd_resume() later uploads the firmware
 * with memcpy() and clears the rest with memset(). On arm64/loongarch
 * machines with the card this crashed in memcpy/memset. Fix:
 * memcpy_toio()/memset_io() with explicit (void __iomem *) casts.
 *
 * Needs rules: io-source ttm_kmap_obj_virtual mem=maybe flag=2, plus
 * out-parameter summaries (radeon_bo_kmap stores it through void **ptr);
 * or directly io-field radeon_uvd.cpu_addr.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

struct ttm_bo_kmap_obj {
	void *virtual;
};
struct radeon_bo {
	struct ttm_bo_kmap_obj kmap;
	void *kptr;
	unsigned long size;
};
struct firmware {
	size_t size;
	const u8 *data;
};
struct radeon_uvd {
	struct radeon_bo *vcpu_bo;
	void *cpu_addr;
};
struct radeon_device {
	struct radeon_uvd uvd;
	const struct firmware *uvd_fw;
};

void *ttm_kmap_obj_virtual(struct ttm_bo_kmap_obj *map, bool *is_iomem);
int ttm_bo_kmap(struct radeon_bo *bo, struct ttm_bo_kmap_obj *map);

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

int radeon_uvd_init(struct radeon_device *rdev)
{
	return radeon_bo_kmap(rdev->uvd.vcpu_bo, &rdev->uvd.cpu_addr);
}

int radeon_uvd_resume(struct radeon_device *rdev)
{
	unsigned size;
	void *ptr;

	if (rdev->uvd.vcpu_bo == NULL)
		return -22;

	memcpy(rdev->uvd.cpu_addr, rdev->uvd_fw->data, rdev->uvd_fw->size); /* expect: iomem-memfn */

	size = rdev->uvd.vcpu_bo->size;
	size -= rdev->uvd_fw->size;

	ptr = rdev->uvd.cpu_addr;
	ptr += rdev->uvd_fw->size;

	memset(ptr, 0, size); /* expect: iomem-memfn */

	return 0;
}
