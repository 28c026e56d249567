// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: commit ba0b2275a678 ("drm/amdgpu: use memcpy_to/fromio for UVD
 * fw upload") (id and subject as cited by the radeon twin, case 07).
 * File: drivers/gpu/drm/amd/amdgpu/amdgpu_uvd.c, amdgpu_uvd_suspend() and
 * amdgpu_uvd_resume(), reduced to one instance and the saved-bo paths.
 *
 * adev->uvd.inst[].cpu_addr is the kernel address of the VCPU BO in VRAM,
 * set by amdgpu_bo_create_kernel() (ttm_kmap_obj_virtual() underneath, the
 * is_iomem flag dropped) into a plain void * field. Suspend saved it with
 * memcpy(), resume restored it with memcpy(). Fix: memcpy_fromio() /
 * memcpy_toio() on the same plain void *ptr, without casts.
 *
 * amdgpu_uvd_sw_init() is kept (reduced to its BO creation) because that
 * is where the pointer comes from: rules/drm-bo.rules says
 * amdgpu_bo_create_kernel() stores a maybe-I/O pointer through argument 7.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

struct amdgpu_bo;
struct amdgpu_uvd_inst {
	struct amdgpu_bo *vcpu_bo;
	void *cpu_addr;
	u64 gpu_addr;
	void *saved_bo;
};
struct amdgpu_uvd {
	struct amdgpu_uvd_inst inst[1];
};
struct amdgpu_device {
	struct amdgpu_uvd uvd;
};

unsigned long amdgpu_bo_size(struct amdgpu_bo *bo);
void *kvmalloc(size_t size, int flags);
void kvfree(const void *p);

int amdgpu_bo_create_kernel(struct amdgpu_device *adev, unsigned long size,
			    int align, u32 domain, struct amdgpu_bo **bo_ptr,
			    u64 *gpu_addr, void **cpu_addr);

#define AMDGPU_GEM_DOMAIN_GTT 0x2
#define AMDGPU_GEM_DOMAIN_VRAM 0x4

int amdgpu_uvd_sw_init(struct amdgpu_device *adev, unsigned long bo_size)
{
	int j = 0, r;

	r = amdgpu_bo_create_kernel(adev, bo_size, 4096,
				    AMDGPU_GEM_DOMAIN_VRAM |
				    AMDGPU_GEM_DOMAIN_GTT,
				    &adev->uvd.inst[j].vcpu_bo,
				    &adev->uvd.inst[j].gpu_addr,
				    &adev->uvd.inst[j].cpu_addr);
	return r;
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
