// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit 2a1658bf922f ("drm/drm_fb_helper: fix fbdev with sparc64"),
 * drivers/gpu/drm/drm_fb_helper.c as of v5.9: memcpy_toio() when the driver
 * set mode_config.fbdev_use_iomem (only bochs did).
 *
 * The explicit (void __iomem *) cast adds the address space: not a finding
 * (sparse only reports that with -Wcast-to-as).
 *
 * STILL A REAL BUG, marked: the plain memcpy() remains for every other
 * driver whose fbdev buffer is VRAM (ast, mgag200, hibmc, vboxvideo... all
 * use drm_gem_vram_vmap(), an ioremap of the BAR) and does not set the flag.
 * The commit message says so itself ("this only fixes bochs"); the flag is
 * per driver, not per mapping. Fixed for real by 222ec45f4c69 (case 02),
 * whose before.c is this file.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

struct drm_clip_rect {
	unsigned short x1, y1, x2, y2;
};
struct drm_format_info {
	u8 cpp[4];
};
struct drm_framebuffer {
	const struct drm_format_info *format;
	unsigned int pitches[4];
};
struct drm_client_buffer {
	void *vaddr;
};
struct fb_info {
	void *screen_buffer;
};
struct drm_mode_config {
	bool fbdev_use_iomem;
};
struct drm_device {
	struct drm_mode_config mode_config;
};
struct drm_fb_helper {
	struct drm_device *dev;
	struct drm_framebuffer *fb;
	struct fb_info *fbdev;
	struct drm_client_buffer *buffer;
	struct drm_clip_rect dirty_clip;
};

void *drm_client_buffer_vmap(struct drm_client_buffer *buffer);
void drm_client_buffer_vunmap(struct drm_client_buffer *buffer);

static void drm_fb_helper_dirty_blit_real(struct drm_fb_helper *fb_helper,
					  struct drm_clip_rect *clip)
{
	struct drm_framebuffer *fb = fb_helper->fb;
	unsigned int cpp = fb->format->cpp[0];
	size_t offset = clip->y1 * fb->pitches[0] + clip->x1 * cpp;
	void *src = fb_helper->fbdev->screen_buffer + offset;
	void *dst = fb_helper->buffer->vaddr + offset;
	size_t len = (clip->x2 - clip->x1) * cpp;
	unsigned int y;

	for (y = clip->y1; y < clip->y2; y++) {
		if (!fb_helper->dev->mode_config.fbdev_use_iomem)
			memcpy(dst, src, len); /* expect: iomem-memfn */
		else
			memcpy_toio((void __iomem *)dst, src, len);

		src += fb->pitches[0];
		dst += fb->pitches[0];
	}
}

/* drm_fb_helper_dirty_work(), reduced: the damage clip is taken as is. */
void drm_fb_helper_dirty_work(struct drm_fb_helper *helper)
{
	struct drm_clip_rect clip_copy = helper->dirty_clip;
	void *vaddr;

	if (clip_copy.x1 < clip_copy.x2 && clip_copy.y1 < clip_copy.y2) {
		/* Generic fbdev uses a shadow buffer */
		if (helper->buffer) {
			vaddr = drm_client_buffer_vmap(helper->buffer);
			if (!vaddr)
				return;
			drm_fb_helper_dirty_blit_real(helper, &clip_copy);
		}
		if (helper->buffer)
			drm_client_buffer_vunmap(helper->buffer);
	}
}
