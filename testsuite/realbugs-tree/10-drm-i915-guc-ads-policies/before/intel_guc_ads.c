// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/i915/gt/uc/intel_guc_ads.c (v5.17, reduced): the ADS
 * blob is mapped through intel_guc.c into guc->ads_blob, and the global
 * scheduling policies are written and read through it plainly; on a
 * discrete GPU the blob is in lmem. */
#include "intel_guc.h"

static void guc_policies_init(struct intel_guc *guc, struct guc_policies *policies)
{
	policies->dpc_promote_time = GLOBAL_POLICY_DEFAULT_DPC_PROMOTE_TIME_US; /* expect: iomem-deref */
	policies->max_num_work_items = GLOBAL_POLICY_MAX_NUM_WI; /* expect: iomem-deref */

	policies->global_flags = 0; /* expect: iomem-deref */
	if (guc->reset_param < 2)
		policies->global_flags |= GLOBAL_POLICY_DISABLE_ENGINE_RESET; /* expect: iomem-deref */

	policies->is_valid = 1; /* expect: iomem-deref */
}

void intel_guc_ads_print_policy_info(struct intel_guc *guc,
				     struct drm_printer *dp)
{
	struct __guc_ads_blob *blob = guc->ads_blob;

	if (!blob)
		return;

	drm_printf(dp, "Global scheduling policies:\n");
	drm_printf(dp, "  DPC promote time   = %u\n", blob->policies.dpc_promote_time); /* expect: iomem-deref */
	drm_printf(dp, "  Max num work items = %u\n", blob->policies.max_num_work_items); /* expect: iomem-deref */
	drm_printf(dp, "  Flags              = %u\n", blob->policies.global_flags); /* expect: iomem-deref */
}

int intel_guc_global_policies_update(struct intel_guc *guc)
{
	struct __guc_ads_blob *blob = guc->ads_blob;

	if (!blob)
		return -EOPNOTSUPP;

	if (!blob->ads.scheduler_policies) /* expect: iomem-deref */
		return -22;

	guc_policies_init(guc, &blob->policies);

	if (!guc->ready)
		return 0;

	return guc_action_policies_update(guc, blob->ads.scheduler_policies); /* expect: iomem-deref */
}

static void __guc_ads_init(struct intel_guc *guc)
{
	struct __guc_ads_blob *blob = guc->ads_blob;

	/* GuC scheduling policies */
	guc_policies_init(guc, &blob->policies);
}

int intel_guc_ads_create(struct intel_guc *guc)
{
	const u32 size = sizeof(struct __guc_ads_blob);
	int ret;

	ret = intel_guc_allocate_and_map_vma(guc, size, &guc->ads_vma,
					     (void **)&guc->ads_blob);
	if (ret)
		return ret;

	__guc_ads_init(guc);
	return 0;
}
