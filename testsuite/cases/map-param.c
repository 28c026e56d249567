/*
 * map-vaddr-unchecked: a map parameter may be system or I/O memory until a
 * test of is_iomem says which, on every path (both polarities, early return,
 * ?:, a flag kept in a local, && chains).
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

void unchecked(struct iosys_map *map, const void *src, size_t len)
{
	memcpy(map->vaddr, src, len); /* expect: map-vaddr-unchecked fix: "iosys_map_memcpy_to(map, 0, src, len)" */
}

void branched(struct iosys_map *map, const void *src, size_t len)
{
	if (map->is_iomem)
		memcpy_toio(map->vaddr_iomem, src, len);
	else
		memcpy(map->vaddr, src, len);
}

void negated(struct iosys_map *map, const void *src, size_t len)
{
	if (!map->is_iomem)
		memcpy(map->vaddr, src, len);
	else
		memcpy(map->vaddr, src, len); /* expect: map-vaddr-unchecked */
}

int early_return(struct iosys_map *map, size_t off, const void *src, size_t len)
{
	if (map->is_iomem)
		return -1;
	memcpy(map->vaddr + off, src, len);
	return 0;
}

void ternary(struct iosys_map *map, const void *src, size_t len)
{
	map->is_iomem ? memcpy_toio(map->vaddr_iomem, src, len)
		      : (void)memcpy(map->vaddr, src, len);
}

void local_flag(struct iosys_map *map, const void *src, size_t len)
{
	bool io = map->is_iomem;

	if (len > 64)
		len = 64;
	if (!io)
		memset(map->vaddr, 0, len);
	if (io)
		memset(map->vaddr, 0, len); /* expect: map-vaddr-unchecked */
}

void and_chain(struct iosys_map *map, const void *src, size_t len)
{
	if (len && !map->is_iomem)
		memcpy(map->vaddr, src, len);
	if (len || !map->is_iomem)
		memcpy(map->vaddr, src, len); /* expect: map-vaddr-unchecked */
}

void compared(struct iosys_map *map, size_t off, const void *src, size_t len)
{
	if (map->is_iomem == false)
		memcpy(map->vaddr + off, src, len);
}
