/* SPDX-License-Identifier: MIT */
/* drivers/gpu/drm/amd/amdgpu/amdgpu.h, amdgpu_uvd.h, reduced. */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

struct amdgpu_bo {
	unsigned long size;
	void *kptr;
};
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

#define AMDGPU_GEM_DOMAIN_GTT 0x2
#define AMDGPU_GEM_DOMAIN_VRAM 0x4

void *kvmalloc(size_t size, int flags);
void kvfree(const void *p);
unsigned long amdgpu_bo_size(struct amdgpu_bo *bo);
int amdgpu_bo_kmap(struct amdgpu_bo *bo, void **ptr);
int amdgpu_bo_create_kernel(struct amdgpu_device *adev, unsigned long size,
			    int align, u32 domain, struct amdgpu_bo **bo_ptr,
			    u64 *gpu_addr, void **cpu_addr);
