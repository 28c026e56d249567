/*
 * Provenance through loops, struct copies, locals and pointer arithmetic.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

void loop_copy(struct iosys_map *map, const u8 *src, size_t pitch, int lines)
{
	int y;

	for (y = 0; y < lines; y++) {
		void *dst = map->vaddr + y * pitch;

		memcpy(dst, src + y * pitch, pitch); /* expect: map-vaddr-unchecked */
	}
}

void loop_checked(struct iosys_map *map, const u8 *src, size_t pitch, int lines)
{
	int y;

	if (map->is_iomem)
		return;
	for (y = 0; y < lines; y++)
		memcpy(map->vaddr + y * pitch, src + y * pitch, pitch);
}

void struct_copy(const struct iosys_map *map, void *dst, size_t len)
{
	struct iosys_map local = *map;

	memcpy(dst, local.vaddr, len); /* expect: map-vaddr-unchecked fix: "iosys_map_memcpy_from(dst, &local, 0, len)" */
}

void struct_copy_checked(const struct iosys_map *map, void *dst, size_t len)
{
	struct iosys_map local = *map;

	if (!local.is_iomem)
		memcpy(dst, local.vaddr, len);
}

void while_loop(struct iosys_map *map, size_t len)
{
	u8 *p = map->vaddr;

	while (len--)
		*p++ = 0; /* expect: map-vaddr-unchecked */
}
