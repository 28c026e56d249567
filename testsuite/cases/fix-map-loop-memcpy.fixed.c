// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked fix-its for a pointer that walks a map line by line
 * through memcpy(), reduced from drivers/gpu/drm/drm_format_helper.c
 * (linux 6.1): drm_fb_xrgb8888_to_mono() reads each line of the source
 * map into a bounce buffer (`src32 = memcpy(src32, vaddr, len_src32)`,
 * vaddr stepped by the clip offset and then by the pitch), and
 * drm_fb_memcpy()-style code writes lines into a destination map. The
 * pointer becomes a byte offset into the map (`size_t vaddr = 0;`, its
 * steps unchanged: they count bytes) and each memcpy() the map helper at
 * that offset; memcpy() returns its first argument and the helper
 * returns nothing, so `src32 = memcpy(src32, ...)` loses the assignment.
 * The calls in the loop are not given the map, so they do not change it.
 */
#include <linux/iosys-map.h> /* a fix-it per access: */ /* check-options: per-access */
#include <linux/string.h>
#include <linux/types.h>

struct rect {
	int x1, y1, x2, y2;
};

struct framebuffer {
	unsigned int pitches[4];
	unsigned int cpp;
};

void *kmalloc(size_t size, unsigned int flags);
void kfree(const void *p);
void gray8_line(u8 *dst, const u32 *src, unsigned int pixels);

static unsigned int clip_offset(const struct rect *clip, unsigned int pitch,
				unsigned int cpp)
{
	return clip->y1 * pitch + clip->x1 * cpp;
}

void to_gray8(u8 *gray8, unsigned int dst_pitch, const struct iosys_map *src,
	      const struct framebuffer *fb, const struct rect *clip)
{
	unsigned int linepixels = clip->x2 - clip->x1;
	unsigned int lines = clip->y2 - clip->y1;
	unsigned int len_src32 = linepixels * fb->cpp;
	size_t vaddr = 0;
	unsigned int y;
	u32 *src32;

	src32 = kmalloc(len_src32, 0);
	if (!src32)
		return;
	vaddr += clip_offset(clip, fb->pitches[0], fb->cpp);
	for (y = 0; y < lines; y++) {
		iosys_map_memcpy_from(src32, &src[0], vaddr,
				      len_src32); /* expect: map-vaddr-unchecked */
		gray8_line(gray8, src32, linepixels);
		vaddr += fb->pitches[0];
		gray8 += dst_pitch;
	}
	kfree(src32);
}

void blit(struct iosys_map *dst, unsigned int dst_pitch, const u8 *src,
	  unsigned int src_pitch, const struct rect *clip)
{
	size_t len = (clip->x2 - clip->x1) * 4;
	size_t line = clip_offset(clip, dst_pitch, 4);
	int y;

	for (y = clip->y1; y < clip->y2; y++, line += dst_pitch) {
		iosys_map_memcpy_to(dst, line, src, len); /* expect: map-vaddr-unchecked */
		src += src_pitch;
	}
}

/* the destination walked in 32-bit units: its steps count elements */
void fill_rows(struct iosys_map *dst, const u32 *pattern, unsigned int rows,
	       unsigned int words)
{
	size_t row = 0;

	while (rows--) {
		iosys_map_memcpy_to(dst, row, pattern,
				    words * sizeof(u32)); /* expect: map-vaddr-unchecked */
		row += words * sizeof(u32);
	}
}

struct frame {
	struct iosys_map map[1];
	struct rect clip;
	unsigned int pitch;
};

static int rect_width(const struct rect *r)
{
	return r->x2 - r->x1;
}

/* the width through the address of a member beside the map (vkms:
 * drm_rect_width(&frame_info->dst)): that is not the map's address */
void copy_out(u8 *out, const struct frame *frame, unsigned int lines)
{
	size_t line = 0;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		iosys_map_memcpy_from(out, &frame->map[0], line, rect_width(&frame->clip) * 4); /* expect: map-vaddr-unchecked */
		out += rect_width(&frame->clip) * 4;
		line += frame->pitch;
	}
}
