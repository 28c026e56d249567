// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/i915/gt/uc/intel_guc_ads.c (reduced), fixed: the blob is
 * kept as an iosys_map, set I/O or not by the object's memory region, and
 * read and written with ads_blob_read()/ads_blob_write(). */
#include "intel_guc.h"

#define ads_blob_read(guc_, field_)					\
	iosys_map_rd_field(&(guc_)->ads_map, 0, struct __guc_ads_blob, field_)
#define ads_blob_write(guc_, field_, val_)				\
	iosys_map_wr_field(&(guc_)->ads_map, 0, struct __guc_ads_blob,	\
			   field_, val_)

static void guc_policies_init(struct intel_guc *guc)
{
	u32 global_flags = 0;

	ads_blob_write(guc, policies.dpc_promote_time,
		       GLOBAL_POLICY_DEFAULT_DPC_PROMOTE_TIME_US);
	ads_blob_write(guc, policies.max_num_work_items,
		       GLOBAL_POLICY_MAX_NUM_WI);

	if (guc->reset_param < 2)
		global_flags |= GLOBAL_POLICY_DISABLE_ENGINE_RESET;

	ads_blob_write(guc, policies.global_flags, global_flags);
	ads_blob_write(guc, policies.is_valid, 1);
}

void intel_guc_ads_print_policy_info(struct intel_guc *guc,
				     struct drm_printer *dp)
{
	if (iosys_map_is_null(&guc->ads_map))
		return;

	drm_printf(dp, "Global scheduling policies:\n");
	drm_printf(dp, "  DPC promote time   = %u\n",
		   ads_blob_read(guc, policies.dpc_promote_time));
	drm_printf(dp, "  Max num work items = %u\n",
		   ads_blob_read(guc, policies.max_num_work_items));
	drm_printf(dp, "  Flags              = %u\n",
		   ads_blob_read(guc, policies.global_flags));
}

int intel_guc_global_policies_update(struct intel_guc *guc)
{
	u32 scheduler_policies;

	if (iosys_map_is_null(&guc->ads_map))
		return -EOPNOTSUPP;

	scheduler_policies = ads_blob_read(guc, ads.scheduler_policies);
	if (!scheduler_policies)
		return -22;

	guc_policies_init(guc);

	if (!guc->ready)
		return 0;

	return guc_action_policies_update(guc, scheduler_policies);
}

static void __guc_ads_init(struct intel_guc *guc)
{
	/* GuC scheduling policies */
	guc_policies_init(guc);
}

int intel_guc_ads_create(struct intel_guc *guc)
{
	const u32 size = sizeof(struct __guc_ads_blob);
	void *ads_blob;
	int ret;

	ret = intel_guc_allocate_and_map_vma(guc, size, &guc->ads_vma, &ads_blob);
	if (ret)
		return ret;

	/* i915_gem_object_is_lmem(), here: no struct pages */
	if (!guc->ads_vma->obj->has_struct_page)
		iosys_map_set_vaddr_iomem(&guc->ads_map, (void __iomem *)ads_blob);
	else
		iosys_map_set_vaddr(&guc->ads_map, ads_blob);

	__guc_ads_init(guc);
	return 0;
}
