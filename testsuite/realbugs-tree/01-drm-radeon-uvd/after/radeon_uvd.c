// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/radeon/radeon_uvd.c, radeon_uvd_init() and
 * radeon_uvd_resume() (reduced): the firmware upload into the VCPU buffer
 * object, which lives in VRAM. */
#include "radeon.h"

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

	memcpy_toio((void __iomem *)rdev->uvd.cpu_addr, rdev->uvd_fw->data,
		    rdev->uvd_fw->size);

	size = rdev->uvd.vcpu_bo->size;
	size -= rdev->uvd_fw->size;

	ptr = rdev->uvd.cpu_addr;
	ptr += rdev->uvd_fw->size;

	memset_io((void __iomem *)ptr, 0, size);

	return 0;
}
