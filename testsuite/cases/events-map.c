// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path events of map findings (issue 14), as notes after the warning: where
 * the map comes from ("source"), where its system pointer is read without
 * an is_iomem test ("branch"), the helper it is passed to ("call") and what
 * the helper does with it, the accesses ("access"). One unchecked map is
 * one finding per function, at its first access; the other accesses of the
 * same map are "access" notes of it (one root cause, one finding).
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

struct dma_buf;
int dma_buf_vmap(struct dma_buf *dmabuf, struct iosys_map *map);

static void fill(u32 *dst, unsigned int n)
{
	while (n--)
		*dst++ = 0; /* expect-note: "fill() uses parameter 1 as system memory: dereference" */ /* expect-note: "fill() uses parameter 1 as system memory: dereference" */
}

void clear(struct iosys_map *map, unsigned int n) /* expect-note: "map 'map' comes from the caller of clear(): system or I/O memory" */
{
	u32 *p = map->vaddr; /* expect-note: "map 'map' is read here without a test of is_iomem" */

	p[0] = 1; /* expect: map-vaddr-unchecked */ /* expect-note: "plain store through 'p'" */
	p[1] = 2; /* expect-note: "plain store through 'p'" */
	fill(p, n); /* expect-note: "'p' is passed to fill() as argument 1" */
}

int vmapped(struct dma_buf *buf, unsigned int n)
{
	struct iosys_map map;
	int ret = dma_buf_vmap(buf, &map); /* expect-note: "map 'map' is set up by dma_buf_vmap()" */

	if (ret)
		return ret;
	fill(map.vaddr, n); /* expect: map-vaddr-unchecked */ /* expect-note: "map 'map' is read here without a test of is_iomem" */ /* expect-note: "'map.vaddr' is passed to fill() as argument 1" */
	return 0;
}
