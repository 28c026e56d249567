// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-flag-mismatch in the dma_buf_map generation (v5.10 .. v5.17,
 * rules/dma-buf-map.rules): the advice names that generation's setters,
 * dma_buf_map_set_vaddr_iomem() and dma_buf_map_set_vaddr(), which its
 * kernels have, not iosys_map's.
 */
#include <linux/dma-buf-map.h>
#include <linux/types.h>

void sys_member_io_flag(struct dma_buf_map *map, void *p)
{
	map->vaddr = p;
	map->is_iomem = true; /* expect: map-flag-mismatch message: "map 'map' gets 'vaddr' but is_iomem = true: use dma_buf_map_set_vaddr_iomem()" */
}

void io_member_sys_flag(struct dma_buf_map *map, void __iomem *p)
{
	map->is_iomem = false;
	map->vaddr_iomem = p; /* expect: map-flag-mismatch message: "map 'map' gets 'vaddr_iomem' but is_iomem = false: use dma_buf_map_set_vaddr()" */
}

void consistent(struct dma_buf_map *map, void __iomem *io)
{
	map->vaddr_iomem = io;
	map->is_iomem = true;
}
