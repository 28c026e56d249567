/* SPDX-License-Identifier: MIT */
/* drivers/gpu/drm/i915: gem/i915_gem_object.h, gt/uc/intel_guc.h,
 * intel_guc_ads.h and intel_guc_fwif.h, reduced. */
#include <linux/types.h>
#include <linux/string.h>
#include <linux/iosys-map.h>

#define EOPNOTSUPP				95
#define GLOBAL_POLICY_MAX_NUM_WI		15
#define GLOBAL_POLICY_DEFAULT_DPC_PROMOTE_TIME_US	500000
#define GLOBAL_POLICY_DISABLE_ENGINE_RESET	(1u << 0)

struct drm_i915_gem_object {
	bool has_struct_page;
	unsigned long n_pages;
	unsigned long *pfns;
	void *mapping;
};
struct i915_vma {
	struct drm_i915_gem_object *obj;
	u32 ggtt_offset;
};
struct guc_policies {
	u32 submission_queue_depth[4];
	u32 dpc_promote_time;
	u32 is_valid;
	u32 max_num_work_items;
	u32 global_flags;
};
struct guc_ads {
	u32 scheduler_policies;
};
struct __guc_ads_blob {
	struct guc_ads ads;
	struct guc_policies policies;
};
struct intel_guc {
	int reset_param;
	bool ready;
	struct i915_vma *ads_vma;
	struct iosys_map ads_map;
};
struct drm_printer;

void drm_printf(struct drm_printer *p, const char *f, ...);
void *vmap_pfn(unsigned long *pfns, unsigned int count, int prot);
void *vmap_pages(struct drm_i915_gem_object *obj);
struct i915_vma *intel_guc_allocate_vma(struct intel_guc *guc, u32 size);
void *i915_gem_object_pin_map(struct drm_i915_gem_object *obj, int type);
void *i915_gem_object_pin_map_unlocked(struct drm_i915_gem_object *obj, int type);
int intel_guc_allocate_and_map_vma(struct intel_guc *guc, u32 size,
				   struct i915_vma **out_vma, void **out_vaddr);
int guc_action_policies_update(struct intel_guc *guc, u32 policy_offset);
int intel_guc_ads_create(struct intel_guc *guc);
void intel_guc_ads_print_policy_info(struct intel_guc *guc,
				     struct drm_printer *dp);
int intel_guc_global_policies_update(struct intel_guc *guc);
