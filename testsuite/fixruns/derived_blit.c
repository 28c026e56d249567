// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reduced from the shapes of drivers/gpu/drm/drm_format_helper.c and
 * drivers/gpu/drm/tiny/gm12u320.c (linux 6.1, written anew): a pointer
 * derived from map->vaddr plus a clip offset, a pixel read through a line
 * pointer, a register window cleared through a __force cast. Plain access
 * to I/O memory: traps under the mapapi emulator until `iomemcheck --fix`.
 *
 *   derived_blit sys|io    prints a checksum of the framebuffer
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

static unsigned int clip_offset(const struct rect *clip, unsigned int pitch,
				unsigned int cpp)
{
	return clip->y1 * pitch + clip->x1 * cpp;
}

/* drm_fb_memcpy()-style: one damaged line into the framebuffer map */
static void blit_line(struct iosys_map *dst_map, unsigned int pitch,
		      const struct rect *clip, const u8 *src)
{
	void *dst = dst_map->vaddr + clip_offset(clip, pitch, 4);

	memcpy(dst, src, (clip->x2 - clip->x1) * 4);
}

/* a pixel read back, as the conversion helpers do */
static u32 pixel_at(const struct iosys_map *map, unsigned int pitch,
		    unsigned int x, unsigned int y)
{
	const void *line = map->vaddr + y * pitch;

	return *(const u32 *)(line + x * 4);
}

static void clear_window(void __iomem *win, size_t len)
{
	memset((void __force *)win, 0, len);
}

int main(int argc, char **argv)
{
	bool io = argc > 1 && !strcmp(argv[1], "io");
	const unsigned int w = 16, h = 8, pitch = w * 4;
	struct rect clip = { 3, 2, 11, 3 };
	struct iosys_map fb;
	void __iomem *win;
	u8 src[64], out[16 * 8 * 4];
	u32 sum = 2166136261u, px;
	size_t i;

	if (io) {
		iosys_map_set_vaddr_iomem(&fb, ioemu_map("fb", pitch * h));
		win = ioemu_map("win", 32);
	} else {
		iosys_map_set_vaddr(&fb, calloc(1, pitch * h));
		win = (void __force __iomem *)calloc(1, 32);
	}
	for (i = 0; i < sizeof(src); i++)
		src[i] = (u8)(i * 7 + 1);
	clear_window(win, 32);
	for (; clip.y1 < 6; clip.y1++)
		blit_line(&fb, pitch, &clip, src);
	px = pixel_at(&fb, pitch, 4, 3);
	iosys_map_memcpy_from(out, &fb, 0, sizeof(out));
	for (i = 0; i < sizeof(out); i++)
		sum = (sum ^ out[i]) * 16777619u;
	printf("px=0x%08x checksum=0x%08x win=%u\n", px, sum, readl(win));
	if (io) {
		ioemu_unmap(fb.vaddr_iomem);
		ioemu_unmap(win);
	} else {
		free(fb.vaddr);
		free((void __force *)win);
	}
	return 0;
}
