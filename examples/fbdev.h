/* SPDX-License-Identifier: GPL-2.0 */
/* The tiny fbdev "driver" interface shared by the example programs. */
#ifndef _EXAMPLE_FBDEV_H
#define _EXAMPLE_FBDEV_H

#include <linux/iosys-map.h>
#include <linux/types.h>

#define FB_CTRL_ENABLE	0x1

/* Device registers, as laid out in the register BAR. */
struct fb_regs {
	u32 ctrl;
	u32 status;
};

struct fb_info {
	struct iosys_map screen;	/* framebuffer; may be I/O memory */
	struct fb_regs __iomem *regs;
	unsigned int width, height, cpp;
	size_t pitch, size;
};

struct fb_rect {
	unsigned int x1, y1, x2, y2;
};

/* "DRM core" (run_blit.c): map the framebuffer, like drm_gem_vmap(). */
int fb_vmap(struct fb_info *info, struct iosys_map *map);

/* The driver (fbdev_blit.c or fbdev_blit_fixed.c). */
void fb_hw_enable(struct fb_info *info);
int fb_clear(struct fb_info *info);
void fb_damage_blit(struct fb_info *info, const u8 *shadow,
		    const struct fb_rect *clip);

#endif /* _EXAMPLE_FBDEV_H */
