// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked fix-its through a derived pointer: a local set to
 * `map->vaddr + OFF` and used once becomes the map helper at that use with
 * OFF carried over (a call of this file that only computes, `y * pitch +
 * x * cpp`), and its declaration goes (it would be unused). Only where
 * nothing between the two changes what OFF or the map evaluate to.
 * Elsewhere the message says what to use.
 */
#include <linux/iosys-map.h>
#include <linux/string.h>
#include <linux/types.h>

static unsigned int clip_offset(unsigned int y, unsigned int pitch,
				unsigned int x, unsigned int cpp)
{
	return y * pitch + x * cpp;
}

void to_map(struct iosys_map *map, const void *src, size_t off, size_t len)
{


	iosys_map_memcpy_to(map, off, src, len); /* expect: map-vaddr-unchecked */
}

void blit_line(struct iosys_map *map, const u8 *src, unsigned int y,
	       unsigned int pitch, unsigned int x, size_t len)
{


	iosys_map_memcpy_to(map, y * pitch + x * 4, src, len); /* expect: map-vaddr-unchecked */
}

void clear_clip(struct iosys_map *map, unsigned int y, unsigned int pitch,
		unsigned int x, size_t len)
{


	iosys_map_memset(map, clip_offset(y, pitch, x, 4), 0,
			 len); /* expect: map-vaddr-unchecked */
}

void from_map(void *buf, struct iosys_map map, size_t off, size_t len)
{


	iosys_map_memcpy_from(buf, &map, off, len); /* expect: map-vaddr-unchecked */
}

u32 read_px(const struct iosys_map *map, unsigned int y, unsigned int pitch)
{


	return iosys_map_rd(map, y * pitch + 4, u32); /* expect: map-vaddr-unchecked */
}

void write_px(struct iosys_map *map, unsigned int off, u16 v)
{
	iosys_map_wr(map, off, u16, v); /* expect: map-vaddr-unchecked */
}

/* No fix-it: the offset's variable changes between, the map pointer is
 * another one at the use. */
void changed(struct iosys_map *map, const void *src, unsigned int y,
	     unsigned int pitch, size_t len)
{
	void *dst = map->vaddr + y * pitch;

	y++;
	memcpy(dst, src, len); /* expect: map-vaddr-unchecked fix: none */
}

/* Used twice: the local becomes the offset (fixstep.c, as for a pointer
 * that walks the map), both calls the helpers at it. */
void twice(struct iosys_map *map, const void *src, size_t len)
{
	size_t dst = 0;

	iosys_map_memcpy_to(map, dst, src, len); /* expect: map-vaddr-unchecked */
	iosys_map_memset(map, dst, 0, len); /* one map, one finding: a note of line 78's */
}

void other_map(struct iosys_map *map, struct iosys_map *next, const void *src,
	       size_t len)
{
	void *dst = map->vaddr;

	map = next;
	memcpy(dst, src, len); /* expect: map-vaddr-unchecked fix: none */
}

/* A pointer that only scales by 4: no byte offset to carry. */
void scaled(struct iosys_map *map, u32 v)
{
	*((u32 *)map->vaddr + 2) = v; /* expect: map-vaddr-unchecked fix: none */
}
