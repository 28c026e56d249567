// SPDX-License-Identifier: GPL-2.0-only
/* iosys_map-like structs used wrongly */
#include "../data/io.h"

struct iosys_map { union { void __iomem *vaddr_iomem; void *vaddr; }; _Bool is_iomem; };
void iosys_map_memcpy_to(struct iosys_map *dst, unsigned long off, const void *src, unsigned long len);
void *memcpy(void *d, const void *s, unsigned long n);
void f(struct iosys_map *map, struct iosys_map maps[], int i)
{
	memcpy(map->vaddr, map, sizeof(*map));
	memcpy(maps[i].vaddr, map->vaddr_iomem, 4);
	memcpy(map, map->vaddr);
	iosys_map_memcpy_to(map->vaddr, 0, 0, 0);
	iosys_map_memcpy_to();
	map->is_iomem = map->vaddr;
	memcpy(map->nope, map->vaddr, 1);
	*(int *)map = *(int *)map->vaddr;
	struct iosys_map m = *map;
	if (m.is_iomem) memcpy(m.vaddr, 0, 1); else memcpy(m.vaddr_iomem, 0, 1);
}
