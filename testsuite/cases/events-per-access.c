// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-access option (checker --per-access, plugin
 * -fplugin-arg-iomemcheck-per-access): one finding per access of an
 * unchecked map, as before grouping, each with the notes of its own path
 * (events-map.c is the same shape grouped into one finding).
 */
/* check-options: per-access */
#include <linux/iosys-map.h>
#include <linux/types.h>

void clear(struct iosys_map *map) /* expect-note: "map 'map' comes from the caller of clear(): system or I/O memory" */ /* expect-note: "map 'map' comes from the caller of clear(): system or I/O memory" */
{
	u32 *p = map->vaddr; /* expect-note: "map 'map' is read here without a test of is_iomem" */ /* expect-note: "map 'map' is read here without a test of is_iomem" */

	p[0] = 1; /* expect: map-vaddr-unchecked */ /* expect-note: "plain store through 'p'" */
	p[1] = 2; /* expect: map-vaddr-unchecked */ /* expect-note: "plain store through 'p'" */
}
