/*
 * map-flag-mismatch: open-coded set-up whose member and flag disagree.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

void sys_member_io_flag(struct iosys_map *map, void *p)
{
	map->vaddr = p;
	map->is_iomem = true; /* expect: map-flag-mismatch message: "map 'map' gets 'vaddr' but is_iomem = true: use iosys_map_set_vaddr_iomem()" */
}

void io_member_sys_flag(struct iosys_map *map, void __iomem *p)
{
	map->is_iomem = false;
	map->vaddr_iomem = p; /* expect: map-flag-mismatch message: "map 'map' gets 'vaddr_iomem' but is_iomem = false: use iosys_map_set_vaddr()" */
}

void consistent(struct iosys_map *map, void __iomem *io, void *sys)
{
	map->vaddr_iomem = io;
	map->is_iomem = true;
	map->vaddr = sys;
	map->is_iomem = false;
}

void cleared(struct iosys_map *map)
{
	map->vaddr_iomem = NULL;
	map->is_iomem = false;
}
