// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: commit 222ec45f4c69 ("drm/fb_helper: Support framebuffers in I/O
 * memory"), Thomas Zimmermann, merged for v5.10 (patch:
 * https://patchwork.freedesktop.org/patch/msgid/20201103093015.1063-11-tzimmermann@suse.de),
 * with the series' "drm/gem: ... struct dma_buf_map" changes before it.
 * File: drivers/gpu/drm/drm_fb_helper.c, drm_fb_helper_dirty_blit_real()
 * and drm_fb_helper_dirty_work(); this before.c is the v5.9 code.
 *
 * The seed story. On v5.9 the shadow-buffer blit writes through
 * fb_helper->buffer->vaddr, a plain void * from drm_client_buffer_vmap():
 * whether it is I/O memory is decided per driver by a mode_config flag
 * (only bochs sets it), so on sparc64 every other VRAM driver's fbdev
 * console still does a plain memcpy() into I/O memory. The fix introduced
 * struct dma_buf_map: drm_client_buffer_vmap() returns the mapping with its
 * is_iomem flag and the blit uses dma_buf_map_incr()/dma_buf_map_memcpy_to(),
 * which pick memcpy_toio() per mapping. The bochs flag was removed.
 *
 * Needs rules (pre-dma_buf_map era, auto-selected because the file declares
 * void *drm_client_buffer_vmap() and no map struct): drm_client_buffer_vmap()
 * returns maybe-I/O void *, io-field drm_client_buffer.vaddr.
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
