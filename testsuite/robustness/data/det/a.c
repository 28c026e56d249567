// SPDX-License-Identifier: GPL-2.0-only
/* Determinism input 1 of 3: map rules. */
#include "shared.h"

void a_clear(struct iosys_map *map, size_t len)
{
	memset(map->vaddr, 0, len);
}

void a_copy(struct iosys_map *map, const void *src, size_t len)
{
	if (map->is_iomem)
		memcpy_toio(map->vaddr_iomem, src, len);
	memcpy(map->vaddr, src, len);
}
