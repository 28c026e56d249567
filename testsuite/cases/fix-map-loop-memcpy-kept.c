// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked on a pointer that walks a map through memcpy(),
 * where the offset rewrite of fix-map-loop-memcpy.c would not mean the
 * same: the pointer is also used otherwise (it escapes into `sbuf`, as
 * in drm_format_helper.c's __drm_fb_xfrm()), the map is reassigned in the
 * loop, a call in the loop is given the map and may move it, or the map is
 * at file scope and the loop calls a function with effects. No fix-it:
 * the message says to keep an offset into the map.
 */
#include <linux/iosys-map.h>
#include <linux/string.h>
#include <linux/types.h>

void xfrm_line(void *dst, const void *src, unsigned int pixels);
void next_buffer(const struct iosys_map *map);

void escapes(void *dst, const struct iosys_map *src, void *stmp,
	     unsigned int lines, unsigned int pitch, unsigned int len)
{
	const void *vaddr = src->vaddr;
	const void *sbuf;
	unsigned int i;

	for (i = 0; i < lines; ++i) {
		if (stmp)
			sbuf = memcpy(stmp, vaddr, len); /* expect: map-vaddr-unchecked fix: none */
		else
			sbuf = vaddr;
		xfrm_line(dst, sbuf, len);
		vaddr += pitch;
		dst += len;
	}
}

void reassigned(u8 *dst, struct iosys_map *map, const struct iosys_map *next,
		unsigned int lines, unsigned int pitch)
{
	const u8 *line = map->vaddr;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, line, pitch); /* expect: map-vaddr-unchecked fix: none */
		*map = *next;
		line += pitch;
		dst += pitch;
	}
}

void handed_on(u8 *dst, const struct iosys_map *src, unsigned int lines,
	       unsigned int pitch)
{
	const u8 *line = src->vaddr;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, line, pitch); /* expect: map-vaddr-unchecked fix: none */
		next_buffer(src);
		line += pitch;
		dst += pitch;
	}
}

/* A map at file scope: any call with effects may change it. */
struct iosys_map shadow;
void next_frame(void);

void from_global(u8 *dst, unsigned int lines, unsigned int pitch)
{
	const u8 *line = shadow.vaddr;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, line, pitch); /* expect: map-vaddr-unchecked fix: none */
		next_frame();
		line += pitch;
		dst += pitch;
	}
}
