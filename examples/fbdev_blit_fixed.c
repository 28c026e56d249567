// SPDX-License-Identifier: GPL-2.0
/*
 * fbdev console damage blit - FIXED version of fbdev_blit.c.
 *
 * Registers go through readl/writel; the framebuffer only through the
 * iosys_map helpers, which pick memcpy or memcpy_toio from map->is_iomem.
 * This is the shape of the upstream fix ("drm/fb-helper: Support
 * framebuffers in I/O memory").
 */
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/types.h>

#include "fbdev.h"

void fb_hw_enable(struct fb_info *info)
{
	struct fb_regs __iomem *regs = info->regs;

	writel(readl(&regs->ctrl) | FB_CTRL_ENABLE, &regs->ctrl);
}

int fb_clear(struct fb_info *info)
{
	struct iosys_map map;
	int ret;

	ret = fb_vmap(info, &map);
	if (ret)
		return ret;
	iosys_map_memset(&map, 0, 0, info->size);
	return 0;
}

void fb_damage_blit(struct fb_info *info, const u8 *shadow,
		    const struct fb_rect *clip)
{
	size_t offset = clip->y1 * info->pitch + clip->x1 * info->cpp;
	size_t len = (clip->x2 - clip->x1) * info->cpp;
	/*
	 * Walk a copy: incrementing info->screen in place would corrupt the
	 * map later used to unmap it (the follow-up fix 7d4d269c0973).
	 */
	struct iosys_map dst = IOSYS_MAP_INIT_OFFSET(&info->screen, offset);
	unsigned int y;

	shadow += offset;
	for (y = clip->y1; y < clip->y2; y++) {
		iosys_map_memcpy_to(&dst, 0, shadow, len);
		iosys_map_incr(&dst, info->pitch);
		shadow += info->pitch;
	}
}
