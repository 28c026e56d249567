// SPDX-License-Identifier: GPL-2.0
/*
 * fbdev console damage blit - BUGGY version.
 *
 * The DRM fbdev emulation draws the console into a shadow buffer in system
 * memory and copies damaged rectangles to the real framebuffer.  That
 * framebuffer may be I/O memory.  On x86 plain loads and stores to I/O
 * memory happen to work, so the bugs below went unnoticed until sparc64,
 * where they fault.  Every line marked BUG works on system memory only.
 *
 * sparse and clang stay silent: map->vaddr and map.vaddr are plain void
 * pointers, and regs->ctrl is only caught if sparse runs.
 */
#include <string.h>

#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/types.h>

#include "fbdev.h"

void fb_hw_enable(struct fb_info *info)
{
	struct fb_regs __iomem *regs = info->regs;

	/* BUG: plain read-modify-write of a device register */
	regs->ctrl |= FB_CTRL_ENABLE;
}

int fb_clear(struct fb_info *info)
{
	struct iosys_map map;
	int ret;

	ret = fb_vmap(info, &map);
	if (ret)
		return ret;
	/* BUG: the mapping may be I/O memory; map.is_iomem is ignored */
	memset(map.vaddr, 0, info->size);
	return 0;
}

void fb_damage_blit(struct fb_info *info, const u8 *shadow,
		    const struct fb_rect *clip)
{
	struct iosys_map *map = &info->screen;
	size_t offset = clip->y1 * info->pitch + clip->x1 * info->cpp;
	size_t len = (clip->x2 - clip->x1) * info->cpp;
	unsigned int y;

	for (y = clip->y1; y < clip->y2; y++) {
		/* BUG: the sparc64 fbdev panic - plain memcpy to the screen */
		memcpy(map->vaddr + offset, shadow + offset, len);
		offset += info->pitch;
	}
}
