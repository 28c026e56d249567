// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked fix-its for a pointer that steps through a map,
 * reduced from drivers/gpu/drm/vkms/vkms_formats.c (linux 6.1):
 * argb_u16_to_XRGB8888(), argb_u16_to_ARGB16161616(), argb_u16_to_RGB565()
 * and the helper packed_pixels_addr(). The pointer becomes a byte offset
 * into the map: its declaration `size_t p = OFF;` (the helper's offset in
 * the caller's terms), its steps scaled by the element size, and every
 * access iosys_map_wr(&map, p + i * sizeof(T), T, v). Each finding carries
 * all the pointer's edits, so any one of them alone compiles. Where the
 * loop calls a function that might change the map (convert() below), the
 * message says what to use instead; a static helper is inlined only if
 * another use keeps it (else it would be defined but not used).
 */
#include <linux/iosys-map.h> /* a fix-it per access: */ /* check-options: per-access */
#include <linux/types.h>

struct frame_info {
	struct iosys_map map[4];
	unsigned int pitch, cpp;
};

struct pixel_argb_u16 {
	u16 a, r, g, b;
};

static size_t pixel_offset(const struct frame_info *frame_info, int x, int y)
{
	return frame_info->pitch * y + frame_info->cpp * x;
}

static void *packed_pixels_addr(const struct frame_info *frame_info, int x,
				int y)
{
	size_t offset = pixel_offset(frame_info, x, y);

	return (u8 *)frame_info->map[0].vaddr + offset;
}

/* another use of the helper, so that it stays used once the rewrites
 * have inlined it (vkms: get_packed_src_addr()) */
size_t src_offset(const struct frame_info *frame_info, int y)
{
	return (u8 *)packed_pixels_addr(frame_info, 0, y) -
	       (u8 *)frame_info->map[0].vaddr;
}

void to_xrgb8888(struct frame_info *frame_info,
		 const struct pixel_argb_u16 *in_pixels, int y, int x_limit)
{
	int x_dst = 0;
	size_t dst_pixels = pixel_offset(frame_info, x_dst, y);

	for (int x = 0; x < x_limit; x++, dst_pixels += 4) {
		iosys_map_wr(&frame_info->map[0], dst_pixels + 3, u8,
			     0xff); /* expect: map-vaddr-unchecked */
		iosys_map_wr(&frame_info->map[0], dst_pixels + 2, u8,
			     in_pixels[x].r / 257); /* expect: map-vaddr-unchecked */
		iosys_map_wr(&frame_info->map[0], dst_pixels, u8,
			     in_pixels[x].b / 257); /* expect: map-vaddr-unchecked */
	}
}

void to_argb16161616(struct frame_info *frame_info,
		     const struct pixel_argb_u16 *in_pixels, int y, int x_limit)
{
	size_t dst_pixels = pixel_offset(frame_info, 0, y);

	for (int x = 0; x < x_limit; x++, dst_pixels += 4 * sizeof(u16)) {
		iosys_map_wr(&frame_info->map[0], dst_pixels + 3 * sizeof(u16), u16,
			     in_pixels[x].a); /* expect: map-vaddr-unchecked */
		iosys_map_wr(&frame_info->map[0], dst_pixels, u16,
			     in_pixels[x].b); /* expect: map-vaddr-unchecked */
	}
}

void to_rgb565(struct frame_info *frame_info,
	       const struct pixel_argb_u16 *in_pixels, int y, int x_limit)
{
	size_t dst_pixels = pixel_offset(frame_info, 0, y);

	for (int x = 0; x < x_limit; x++, dst_pixels += sizeof(u16))
		iosys_map_wr(&frame_info->map[0], dst_pixels, u16,
			     in_pixels[x].r >> 11); /* expect: map-vaddr-unchecked */
}

void convert(struct frame_info *frame_info);

void to_rgb565_calls(struct frame_info *frame_info,
		     const struct pixel_argb_u16 *in_pixels, int y, int x_limit)
{
	u16 *dst_pixels = packed_pixels_addr(frame_info, 0, y);

	for (int x = 0; x < x_limit; x++, dst_pixels++) {
		convert(frame_info);
		*dst_pixels = in_pixels[x].r >> 11; /* expect: map-vaddr-unchecked fix: none */
	}
}
