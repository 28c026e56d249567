/* SPDX-License-Identifier: MIT */
/* drivers/gpu/drm/radeon/radeon.h and ttm_bo_api.h, reduced. */
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
int radeon_bo_kmap(struct radeon_bo *bo, void **ptr);
int radeon_uvd_init(struct radeon_device *rdev);
int radeon_uvd_resume(struct radeon_device *rdev);
