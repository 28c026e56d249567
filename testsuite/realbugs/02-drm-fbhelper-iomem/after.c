// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit 222ec45f4c69 ("drm/fb_helper: Support framebuffers in I/O
 * memory"): drivers/gpu/drm/drm_fb_helper.c as of v5.10,
 * drm_fb_helper_dirty_blit_real() and drm_fb_helper_dirty_work(). The
 * mapping carries is_iomem; the copy goes through dma_buf_map_memcpy_to().
 */
#include <linux/dma-buf-map.h>
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
	struct dma_buf_map map;
};
struct fb_info {
	void *screen_buffer;
};
struct drm_fb_helper {
	struct drm_framebuffer *fb;
	struct fb_info *fbdev;
	struct drm_client_buffer *buffer;
	struct drm_clip_rect dirty_clip;
};

int drm_client_buffer_vmap(struct drm_client_buffer *buffer, struct dma_buf_map *map);
void drm_client_buffer_vunmap(struct drm_client_buffer *buffer);

static void drm_fb_helper_dirty_blit_real(struct drm_fb_helper *fb_helper,
					  struct drm_clip_rect *clip,
					  struct dma_buf_map *dst)
{
	struct drm_framebuffer *fb = fb_helper->fb;
	unsigned int cpp = fb->format->cpp[0];
	size_t offset = clip->y1 * fb->pitches[0] + clip->x1 * cpp;
	void *src = fb_helper->fbdev->screen_buffer + offset;
	size_t len = (clip->x2 - clip->x1) * cpp;
	unsigned int y;

	dma_buf_map_incr(dst, offset); /* go to first pixel within clip rect */

	for (y = clip->y1; y < clip->y2; y++) {
		dma_buf_map_memcpy_to(dst, src, len);
		dma_buf_map_incr(dst, fb->pitches[0]);
		src += fb->pitches[0];
	}
}

/* drm_fb_helper_dirty_work(), reduced: the damage clip is taken as is. */
void drm_fb_helper_dirty_work(struct drm_fb_helper *helper)
{
	struct drm_clip_rect clip_copy = helper->dirty_clip;
	struct dma_buf_map map;
	int ret;

	if (clip_copy.x1 < clip_copy.x2 && clip_copy.y1 < clip_copy.y2) {
		/* Generic fbdev uses a shadow buffer */
		if (helper->buffer) {
			ret = drm_client_buffer_vmap(helper->buffer, &map);
			if (ret)
				return;
			drm_fb_helper_dirty_blit_real(helper, &clip_copy, &map);
		}
		if (helper->buffer)
			drm_client_buffer_vunmap(helper->buffer);
	}
}
