// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/drm_fb_helper.c, drm_fb_helper_dirty_blit_real() and
 * drm_fb_helper_dirty_work() (reduced): the shadow buffer's damaged lines
 * are copied into the client buffer drm_client.c mapped. The copy is a plain memcpy(). */
#include "drm_client.h"

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
		memcpy(dst, src, len); /* expect: iomem-memfn */
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
