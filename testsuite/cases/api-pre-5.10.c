// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-memfn on pre-5.10 DRM: untyped I/O producers from the rules of the
 * API generation the code belongs to (rules/pre-5.10.rules).
 *
 * Before struct dma_buf_map, drm_client_buffer_vmap() returned a plain
 * `void *` that is I/O memory for VRAM buffers, kept in buffer->vaddr; the
 * fbdev helper memcpy()'d into it (the sparc64 panic). The file mentions
 * drm_client_buffer_vmap() and no map struct, so the pre-5.10 rules apply
 * by themselves (api-pre-5.10-off.c: the same code with another
 * generation selected is silent).
 */
#include <linux/string.h>
#include <linux/types.h>

struct drm_client_buffer {
	void *vaddr;
};

void *drm_client_buffer_vmap(struct drm_client_buffer *buffer);

struct fb_helper {
	struct drm_client_buffer *buffer;
	void *screen_buffer;
};

int setup(struct fb_helper *h)
{
	void *vaddr = drm_client_buffer_vmap(h->buffer);

	if (!vaddr)
		return -1;
	memset(vaddr, 0, 64);	/* expect: iomem-memfn */
	return 0;
}

void blit(struct fb_helper *h, size_t offset, size_t len, unsigned int lines,
	  unsigned int pitch)
{
	void *src = h->screen_buffer + offset;
	void *dst = h->buffer->vaddr + offset;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, src, len);	/* expect: iomem-memfn */
		src += pitch;
		dst += pitch;
	}
}
