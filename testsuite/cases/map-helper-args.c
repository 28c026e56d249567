/*
 * The map helpers' plain side: iosys_map_memcpy_to()'s source and
 * iosys_map_memcpy_from()'s destination are system memory; a map's .vaddr
 * there is only right when that map is system memory
 * (drivers/gpu/drm/drm_format_helper.c, written anew).
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

void copy_maps(struct iosys_map *dst, const struct iosys_map *src, size_t len)
{
	iosys_map_memcpy_to(dst, 0, src->vaddr, len); /* expect: map-vaddr-unchecked */
	if (!src->is_iomem)
		iosys_map_memcpy_to(dst, 0, src->vaddr, len);
}

static u32 *line_of(struct iosys_map *map, unsigned int y, unsigned int pitch)
{
	return map->vaddr + y * pitch;
}

void poke(struct iosys_map *map, unsigned int pitch)
{
	u32 *line = line_of(map, 2, pitch);

	line[0] = 0; /* expect: map-vaddr-unchecked */
}
