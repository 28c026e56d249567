/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The map API under its v5.10..v5.17 name, with the subset that existed
 * then.  Its own struct, same layout as struct iosys_map.
 */
#ifndef _IMC_LINUX_DMA_BUF_MAP_H
#define _IMC_LINUX_DMA_BUF_MAP_H

#include <string.h>

#include <linux/io.h>
#include <linux/types.h>

__IMC_HDR_BEGIN

struct dma_buf_map {
	union {
		void __iomem *vaddr_iomem;
		void *vaddr;
	};
	bool is_iomem;
};

#define DMA_BUF_MAP_INIT_VADDR(vaddr_)	\
	{				\
		.vaddr = (vaddr_),	\
		.is_iomem = false,	\
	}

static inline void dma_buf_map_set_vaddr(struct dma_buf_map *map,
					 void *vaddr)
{
	map->vaddr = vaddr;
	map->is_iomem = false;
}

static inline void dma_buf_map_set_vaddr_iomem(struct dma_buf_map *map,
					       void __iomem *vaddr_iomem)
{
	map->vaddr_iomem = vaddr_iomem;
	map->is_iomem = true;
}

static inline bool dma_buf_map_is_equal(const struct dma_buf_map *lhs,
					const struct dma_buf_map *rhs)
{
	if (lhs->is_iomem != rhs->is_iomem)
		return false;
	else if (lhs->is_iomem)
		return lhs->vaddr_iomem == rhs->vaddr_iomem;
	else
		return lhs->vaddr == rhs->vaddr;
}

static inline bool dma_buf_map_is_null(const struct dma_buf_map *map)
{
	if (map->is_iomem)
		return !map->vaddr_iomem;
	return !map->vaddr;
}

static inline bool dma_buf_map_is_set(const struct dma_buf_map *map)
{
	return !dma_buf_map_is_null(map);
}

static inline void dma_buf_map_clear(struct dma_buf_map *map)
{
	if (map->is_iomem) {
		map->vaddr_iomem = NULL;
		map->is_iomem = false;
	} else {
		map->vaddr = NULL;
	}
}

/* Copies to the start of the map; callers advance it with _incr. */
static inline void dma_buf_map_memcpy_to(struct dma_buf_map *dst,
					 const void *src, size_t len)
{
	if (dst->is_iomem)
		memcpy_toio(dst->vaddr_iomem, src, len);
	else
		memcpy(dst->vaddr, src, len);
}

static inline void dma_buf_map_incr(struct dma_buf_map *map, size_t incr)
{
	if (map->is_iomem)
		map->vaddr_iomem += incr;
	else
		map->vaddr += incr;
}

__IMC_HDR_END

#endif /* _IMC_LINUX_DMA_BUF_MAP_H */
