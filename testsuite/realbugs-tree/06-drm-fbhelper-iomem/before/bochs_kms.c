// SPDX-License-Identifier: GPL-2.0-or-later
/* drivers/gpu/drm/bochs/bochs_kms.c, bochs_kms_init() (reduced): the fix
 * has bochs, whose VRAM is the PCI BAR, ask for I/O accessors. */
#include "drm_client.h"

void bochs_kms_init(struct drm_device *dev)
{
	dev->mode_config.fbdev_use_iomem = true;
}
