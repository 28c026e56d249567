// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked: a read-modify-write through a cast of map pointer
 * arithmetic, `*(u32 *)(map->vaddr + 8) |= 5`, becomes iosys_map_wr() of
 * iosys_map_rd() combined with the value, as a plain store does. GCC folds
 * a compound assignment's lvalue to `(u32 *)map->vaddr + 8`; the plugin
 * puts the cast back around the parenthesized sum of the source, so both
 * front ends offer the same rewrite.
 */
#include <linux/iosys-map.h> /* a fix-it per access: */ /* check-options: per-access */
#include <linux/types.h>

void set_bits(struct iosys_map *map)
{
	*(u32 *)(map->vaddr + 8) |= 5; /* expect: map-vaddr-unchecked fix: "iosys_map_wr(map, 8, u32, iosys_map_rd(map, 8, u32) | 5)" */
}

void toggle(struct iosys_map *map, size_t off, u16 v)
{
	*(u16 *)(map->vaddr + off) ^= v; /* expect: map-vaddr-unchecked fix: "iosys_map_wr(map, off, u16, iosys_map_rd(map, off, u16) ^ v)" */
}

void clear_low(struct iosys_map *map)
{
	*(u8 *)(map->vaddr + 2) &= 0xf0; /* expect: map-vaddr-unchecked fix: "iosys_map_wr(map, 2, u8, iosys_map_rd(map, 2, u8) & 0xf0)" */
}
