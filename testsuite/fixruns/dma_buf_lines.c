// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dma_buf_map generation (v5.10 .. v5.17, written anew): the fbdev
 * shadow buffer copied line by line into the framebuffer's map through a
 * pointer stepped by the pitch, the shape drm_fb_helper_damage_blit_real()
 * had before it used dma_buf_map_incr(). That generation's helpers take no
 * offset: `iomemcheck --fix` makes the pointer a copy of the map that
 * walks (dma_buf_map_incr(), dma_buf_map_memcpy_to()); then the same
 * output on system and I/O memory.
 *
 *   dma_buf_lines sys|io    prints a checksum of the framebuffer
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ioemu.h>
#include <linux/dma-buf-map.h>
#include <linux/io.h>
#include <linux/types.h>

static void damage_blit(struct dma_buf_map *map, const u8 *src,
			unsigned int lines, unsigned int pitch, size_t len)
{
	void *dst = map->vaddr;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, src, len);
		dst += pitch;
		src += pitch;
	}
}

int main(int argc, char **argv)
{
	bool io = argc > 1 && !strcmp(argv[1], "io");
	enum { PITCH = 40, LINES = 7 };
	u8 shadow[PITCH * LINES], back[PITCH * LINES];
	struct dma_buf_map map;
	u32 sum = 2166136261u;
	size_t i;

	for (i = 0; i < sizeof(shadow); i++)
		shadow[i] = (u8)(i * 13 + 5);
	if (io) {
		dma_buf_map_set_vaddr_iomem(&map,
					    ioemu_map("fb", sizeof(shadow)));
		memset_io(map.vaddr_iomem, 0, sizeof(shadow));
	} else {
		dma_buf_map_set_vaddr(&map, calloc(1, sizeof(shadow)));
	}
	/* the first 30 bytes of each of the first 6 lines */
	damage_blit(&map, shadow, LINES - 1, PITCH, 30);
	if (map.is_iomem)
		memcpy_fromio(back, map.vaddr_iomem, sizeof(back));
	else
		memcpy(back, map.vaddr, sizeof(back));
	for (i = 0; i < sizeof(back); i++)
		sum = (sum ^ back[i]) * 16777619u;
	printf("checksum=0x%08x\n", sum);
	if (map.is_iomem)
		ioemu_unmap(map.vaddr_iomem);
	else
		free(map.vaddr);
	return 0;
}
