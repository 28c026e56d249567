/*
 * map-vaddr-iomem-on-system: vaddr_iomem read where the map is known to be
 * system memory.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

void wrong_branch(struct iosys_map *map, const void *src, size_t len)
{
	if (!map->is_iomem)
		memcpy_toio(map->vaddr_iomem, src, len); /* expect: map-vaddr-iomem-on-system */
	else
		memcpy_toio(map->vaddr_iomem, src, len);
}

void set_system(void *p, const void *src, size_t len)
{
	struct iosys_map map;

	iosys_map_set_vaddr(&map, p);
	memcpy_toio(map.vaddr_iomem, src, len); /* expect: map-vaddr-iomem-on-system */
}
