// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: commit 2a1658bf922f ("drm/drm_fb_helper: fix fbdev with sparc64"),
 * Sam Ravnborg (patch:
 * https://patchwork.freedesktop.org/patch/msgid/20200725191012.GA434957@ravnborg.org).
 * File: drivers/gpu/drm/drm_fb_helper.c, drm_fb_helper_dirty_blit_real().
 *
 * The generic fbdev emulation keeps a shadow buffer and copies damaged
 * lines into the real framebuffer. The destination is
 * fb_helper->buffer->vaddr, filled by drm_client_buffer_vmap(), which
 * returned a plain void *: for bochs (and every VRAM helper driver) that is
 * an ioremap() of the PCI BAR. qemu-system-sparc64 panicked in memcpy()
 * (bisected to "drm/bochs: switch to generic drm fbdev emulation"). The
 * fix added mode_config.fbdev_use_iomem, set by bochs, and uses
 * memcpy_toio() when it is set.
 *
 * Needs rules (pre-dma_buf_map era, auto-selected): drm_client_buffer_vmap()
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
struct drm_fb_helper {
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
