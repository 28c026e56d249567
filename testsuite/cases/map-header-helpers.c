/*
 * Helpers from headers: only those the file calls are analysed (their
 * loops as GCC's c_genericize leaves them, in the plugin), and what they do
 * to a map's .vaddr is reported at the call.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>
#include "include/loop-helpers.h"

static inline void late_clear(u8 *p, unsigned int n);

void clear_fb(struct iosys_map *map, unsigned int n)
{
	fill_words(map->vaddr, 0, n); /* expect: map-vaddr-unchecked */
	if (!map->is_iomem)
		fill_words(map->vaddr, 0, n);
}

void pick_fb(struct iosys_map *map, void *sys)
{
	u32 *p = pick(sys, map->vaddr, 1);

	p[0] = 1; /* expect: map-vaddr-unchecked */
}

void late_fb(struct iosys_map *map, unsigned int n)
{
	late_clear(map->vaddr, n); /* expect: map-vaddr-unchecked */
}

#include "include/late-helper.h"
