// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/amd/amdgpu/amdgpu_object.c, amdgpu_bo_create_kernel()
 * (reduced): the kernel mapping of a new buffer object, in VRAM when the
 * domain asks for it, handed out through the cpu_addr out-parameter. */
#include "amdgpu.h"

int amdgpu_bo_create_reserved(struct amdgpu_device *adev, unsigned long size,
			      int align, u32 domain, struct amdgpu_bo **bo_ptr,
			      u64 *gpu_addr);

unsigned long amdgpu_bo_size(struct amdgpu_bo *bo)
{
	return bo->size;
}

int amdgpu_bo_create_kernel(struct amdgpu_device *adev, unsigned long size,
			    int align, u32 domain, struct amdgpu_bo **bo_ptr,
			    u64 *gpu_addr, void **cpu_addr)
{
	int r;

	r = amdgpu_bo_create_reserved(adev, size, align, domain, bo_ptr,
				      gpu_addr);
	if (r)
		return r;
	if (cpu_addr)
		r = amdgpu_bo_kmap(*bo_ptr, cpu_addr);
	return r;
}
