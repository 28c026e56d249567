// SPDX-License-Identifier: GPL-2.0-only
/*
 * The code of api-pre-5.10.c with the iosys-map generation selected
 * instead of the automatic choice: the pre-5.10 rules do not apply, so
 * nothing says drm_client_buffer_vmap() or buffer->vaddr is I/O memory,
 * and the file is silent. (The option exists for trees whose headers the
 * automatic choice misjudges; here it proves the choice is what decides.)
 */
/* check-options: api=iosys-map */
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
	memset(vaddr, 0, 64);
	return 0;
}

void blit(struct fb_helper *h, size_t offset, size_t len, unsigned int lines,
	  unsigned int pitch)
{
	void *src = h->screen_buffer + offset;
	void *dst = h->buffer->vaddr + offset;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, src, len);
		src += pitch;
		dst += pitch;
	}
}
