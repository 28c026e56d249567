// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked fix-its for a pointer that walks a map, in the
 * dma_buf_map generation (v5.10 .. v5.17, rules/dma-buf-map.rules): its
 * helpers take no offset, so a copy of the map walks instead, as upstream
 * drm_fb_helper_damage_blit_real() (v5.11) does with dma_buf_map_incr():
 * the pointer's declaration becomes `struct dma_buf_map dst = *map;`, its
 * steps dma_buf_map_incr(&dst, n) and memcpy(dst, ...)
 * dma_buf_map_memcpy_to(&dst, ...). The map itself is never incremented
 * (it may go to vunmap later). Only from offset 0: the increment to the
 * clip offset would be a statement among the declarations; and no helper
 * copies from a map in this generation: there the message says so.
 */
#include <linux/dma-buf-map.h>
#include <linux/string.h>
#include <linux/types.h>

void damage_blit(struct dma_buf_map *map, const u8 *src, unsigned int lines,
		 unsigned int pitch, size_t len)
{
	void *dst = map->vaddr;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, src, len); /* expect: map-vaddr-unchecked */
		dst += pitch;
		src += pitch;
	}
}

void clipped(struct dma_buf_map *map, const u8 *src, unsigned int lines,
	     unsigned int pitch, size_t off, size_t len)
{
	void *dst = map->vaddr + off;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, src, len); /* expect: map-vaddr-unchecked fix: none */
		dst += pitch;
		src += pitch;
	}
}

void read_back(u8 *dst, const struct dma_buf_map *map, unsigned int lines,
	       unsigned int pitch)
{
	const void *line = map->vaddr;
	unsigned int y;

	for (y = 0; y < lines; y++) {
		memcpy(dst, line, pitch); /* expect: map-vaddr-unchecked fix: none */
		line += pitch;
		dst += pitch;
	}
}
