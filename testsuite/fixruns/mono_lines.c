// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reduced from drivers/gpu/drm/drm_format_helper.c (linux 6.1, written
 * anew, the shapes kept):
 *  - drm_fb_xrgb8888_to_mono(): a pointer into the source map, moved to
 *    the clip offset and then line by line by the pitch, each line read
 *    with `src32 = memcpy(src32, vaddr, len)` into a bounce buffer and
 *    converted (to gray8, then to 1 bit per pixel);
 *  - drm_fb_memcpy()'s loop: a pointer into the destination map stepped by
 *    the pitch, each line written with memcpy().
 * Plain access to I/O memory: traps under the mapapi emulator until
 * `iomemcheck --fix` makes both pointers offsets into their maps
 * (iosys_map_memcpy_from() / iosys_map_memcpy_to()); then the same output
 * on system and I/O memory.
 *
 *   mono_lines sys|io    prints the mono bitmap and a checksum of the copy
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ioemu.h>
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/types.h>

struct rect {
	unsigned int x1, y1, x2, y2;
};

struct framebuffer {
	unsigned int pitches[1];
	unsigned int cpp;
};

static unsigned int clip_offset(const struct rect *clip, unsigned int pitch,
				unsigned int cpp)
{
	return clip->y1 * pitch + clip->x1 * cpp;
}

static void xrgb8888_to_gray8_line(u8 *dst, const u32 *src,
				   unsigned int pixels)
{
	unsigned int x;

	for (x = 0; x < pixels; x++) {
		u8 r = (src[x] >> 16) & 0xff, g = (src[x] >> 8) & 0xff;
		u8 b = src[x] & 0xff;

		dst[x] = (3 * r + 6 * g + b) / 10;
	}
}

static void gray8_to_mono_line(u8 *dst, const u8 *src, unsigned int pixels)
{
	unsigned int x;

	for (x = 0; x < pixels; x++) {
		if (!(x % 8))
			dst[x / 8] = 0;
		if (src[x] >= 128)
			dst[x / 8] |= 0x80 >> (x % 8);
	}
}

static void to_mono(u8 *mono, unsigned int dst_pitch,
		    const struct iosys_map *src, const struct framebuffer *fb,
		    const struct rect *clip)
{
	unsigned int linepixels = clip->x2 - clip->x1;
	unsigned int lines = clip->y2 - clip->y1;
	unsigned int cpp = fb->cpp;
	unsigned int len_src32 = linepixels * cpp;
	void *vaddr = src[0].vaddr;
	unsigned int y;
	u8 *gray8;
	u32 *src32;

	src32 = malloc(len_src32 + linepixels);
	if (!src32)
		return;
	gray8 = (u8 *)src32 + len_src32;
	vaddr += clip_offset(clip, fb->pitches[0], cpp);
	for (y = 0; y < lines; y++) {
		src32 = memcpy(src32, vaddr, len_src32);
		xrgb8888_to_gray8_line(gray8, src32, linepixels);
		gray8_to_mono_line(mono, gray8, linepixels);
		vaddr += fb->pitches[0];
		mono += dst_pitch;
	}
	free(src32);
}

static void blit_lines(struct iosys_map *dst, unsigned int dst_pitch,
		       const u8 *src, unsigned int src_pitch,
		       const struct rect *clip)
{
	size_t len = (clip->x2 - clip->x1) * 4;
	u8 *line = dst->vaddr + clip_offset(clip, dst_pitch, 4);
	unsigned int y;

	for (y = clip->y1; y < clip->y2; y++, line += dst_pitch) {
		memcpy(line, src, len);
		src += src_pitch;
	}
}

int main(int argc, char **argv)
{
	bool io = argc > 1 && !strcmp(argv[1], "io");
	enum { W = 24, H = 6 };
	const struct framebuffer fb = { { W * 4 }, 4 };
	struct rect clip = { 3, 1, 19, 5 };
	u32 pixels[W * H], back[W * H];
	u8 mono[2 * H] = { 0 };
	struct iosys_map map;
	u32 sum = 2166136261u;
	size_t i;

	for (i = 0; i < W * H; i++)
		pixels[i] = (u32)(i * 0x9e3779b9u) >> 8;
	if (io)
		iosys_map_set_vaddr_iomem(&map, ioemu_map("fb", sizeof(pixels)));
	else
		iosys_map_set_vaddr(&map, calloc(1, sizeof(pixels)));
	iosys_map_memcpy_to(&map, 0, pixels, sizeof(pixels));
	to_mono(mono, 2, &map, &fb, &clip);
	for (i = 0; i < W * H; i++)
		pixels[i] = ~pixels[i];
	blit_lines(&map, fb.pitches[0], (const u8 *)pixels, fb.pitches[0],
		   &clip);
	iosys_map_memcpy_from(back, &map, 0, sizeof(back));
	for (i = 0; i < sizeof(back); i++)
		sum = (sum ^ ((u8 *)back)[i]) * 16777619u;
	for (i = 0; i < sizeof(mono); i++)
		printf("%02x", mono[i]);
	printf(" checksum=0x%08x\n", sum);
	if (io)
		ioemu_unmap(map.vaddr_iomem);
	else
		free(map.vaddr);
	return 0;
}
