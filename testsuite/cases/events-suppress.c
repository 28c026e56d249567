// SPDX-License-Identifier: GPL-2.0-only
/*
 * Suppressions and grouped findings (issue 14): the accesses of one
 * unchecked map in a function are one finding at the first access, and an
 * iomemcheck-ignore comment applies to that line only. Above the first
 * access it silences the whole group; above a later access (a note of the
 * finding) it silences nothing.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

void suppressed(struct iosys_map *map)
{
	u32 *p = map->vaddr;

	/* iomemcheck-ignore(map-vaddr-unchecked): the caller passes system memory */
	p[0] = 1;
	p[1] = 2;
}

void not_suppressed(struct iosys_map *map)
{
	u32 *p = map->vaddr;

	p[0] = 1; /* expect: map-vaddr-unchecked */
	/* iomemcheck-ignore(map-vaddr-unchecked): a note's line, not the finding's */
	p[1] = 2;
}
