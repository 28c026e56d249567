// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/drm_fb_helper.c, drm_fb_helper_dirty_blit_real() and
 * drm_fb_helper_dirty_work() (reduced): the shadow buffer's damaged lines
 * are copied into the client buffer drm_client.c mapped. Fixed: dma_buf_map_memcpy_to() picks
 * memcpy_toio() per mapping. */
#include "drm_client.h"

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
