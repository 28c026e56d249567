/*
 * Modelled on drivers/gpu/drm/drm_format_helper.c (written anew): the source
 * map's .vaddr goes to a conversion helper as a plain pointer ("TODO: handle
 * src in I/O memory here"); the helper reads it with plain loads.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

static void xrgb8888_to_rgb565_line(u16 *dst, const u32 *src, unsigned int pixels)
{
	unsigned int x;

	for (x = 0; x < pixels; x++) {
		u32 pix = src[x];

		dst[x] = ((pix & 0xf80000) >> 8) | ((pix & 0xfc00) >> 5) |
			 ((pix & 0xf8) >> 3);
	}
}

void xrgb8888_to_rgb565(u16 *dst, const struct iosys_map *src, unsigned int pitch,
			unsigned int lines, unsigned int pixels)
{
	unsigned int y;

	for (y = 0; y < lines; y++) {
		/* TODO: handle src in I/O memory here */
		const u32 *line = src->vaddr + y * pitch;

		xrgb8888_to_rgb565_line(dst + y * pixels, line, pixels); /* expect: map-vaddr-unchecked */
	}
}
