// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/amd/amdgpu/amdgpu_uvd.c, amdgpu_uvd_sw_init(),
 * amdgpu_uvd_suspend(), amdgpu_uvd_resume() (reduced): the VCPU buffer
 * object is saved to and restored from system memory with memcpy(). */
#include "amdgpu.h"

int amdgpu_uvd_sw_init(struct amdgpu_device *adev, unsigned long bo_size)
{
	int j = 0;

	return amdgpu_bo_create_kernel(adev, bo_size, 4096,
				       AMDGPU_GEM_DOMAIN_VRAM |
				       AMDGPU_GEM_DOMAIN_GTT,
				       &adev->uvd.inst[j].vcpu_bo,
				       &adev->uvd.inst[j].gpu_addr,
				       &adev->uvd.inst[j].cpu_addr);
}

int amdgpu_uvd_suspend(struct amdgpu_device *adev)
{
	unsigned size;
	void *ptr;
	int j = 0;

	if (adev->uvd.inst[j].vcpu_bo == NULL)
		return 0;

	size = amdgpu_bo_size(adev->uvd.inst[j].vcpu_bo);
	ptr = adev->uvd.inst[j].cpu_addr;

	adev->uvd.inst[j].saved_bo = kvmalloc(size, 0);
	if (!adev->uvd.inst[j].saved_bo)
		return -12;

	memcpy(adev->uvd.inst[j].saved_bo, ptr, size); /* expect: iomem-memfn */
	return 0;
}

int amdgpu_uvd_resume(struct amdgpu_device *adev)
{
	unsigned size;
	void *ptr;
	int i = 0;

	if (adev->uvd.inst[i].vcpu_bo == NULL)
		return -22;

	size = amdgpu_bo_size(adev->uvd.inst[i].vcpu_bo);
	ptr = adev->uvd.inst[i].cpu_addr;

	if (adev->uvd.inst[i].saved_bo != NULL) {
		memcpy(ptr, adev->uvd.inst[i].saved_bo, size); /* expect: iomem-memfn */
		kvfree(adev->uvd.inst[i].saved_bo);
		adev->uvd.inst[i].saved_bo = NULL;
	}
	return 0;
}
