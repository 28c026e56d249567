/*
 * Helpers in the same file: what they do with the pointer they receive
 * (summaries) is reported at the call that hands them possibly-I/O memory.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

static void fill(void *p, size_t n)
{
	memset(p, 0xff, n);
}

static void fill_io(void __iomem *p, size_t n)
{
	memset_io(p, 0xff, n);
}

static void *base_of(struct iosys_map *map)
{
	return map->vaddr;
}

void clear_unchecked(struct iosys_map *map, size_t n)
{
	fill(map->vaddr, n); /* expect: map-vaddr-unchecked */
}

void clear_checked(struct iosys_map *map, size_t n)
{
	if (map->is_iomem)
		fill_io(map->vaddr_iomem, n);
	else
		fill(map->vaddr, n);
}

void clear_via_getter(struct iosys_map *map, size_t n)
{
	memset(base_of(map), 0, n); /* expect: map-vaddr-unchecked */
}
