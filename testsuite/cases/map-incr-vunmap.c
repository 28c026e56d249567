/*
 * map-incr-before-vunmap: a map advanced in place and then released (the
 * drm fb-helper bug fixed by copying the map first).
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

struct dma_buf;
int dma_buf_vmap(struct dma_buf *dmabuf, struct iosys_map *map);
void dma_buf_vunmap(struct dma_buf *dmabuf, struct iosys_map *map);

int blit_in_place(struct dma_buf *buf, size_t off, const void *src, size_t len)
{
	struct iosys_map map;
	int ret = dma_buf_vmap(buf, &map);

	if (ret)
		return ret;
	iosys_map_incr(&map, off); /* expect: map-incr-before-vunmap */
	iosys_map_memcpy_to(&map, 0, src, len);
	dma_buf_vunmap(buf, &map);
	return 0;
}

int blit_on_copy(struct dma_buf *buf, size_t off, const void *src, size_t len)
{
	struct iosys_map map, dst;
	int ret = dma_buf_vmap(buf, &map);

	if (ret)
		return ret;
	dst = map;
	iosys_map_incr(&dst, off);
	iosys_map_memcpy_to(&dst, 0, src, len);
	dma_buf_vunmap(buf, &map);
	return 0;
}

int blit_init_offset(struct dma_buf *buf, size_t off, const void *src, size_t len)
{
	struct iosys_map map;
	int ret = dma_buf_vmap(buf, &map);

	if (ret)
		return ret;
	{
		struct iosys_map dst = IOSYS_MAP_INIT_OFFSET(&map, off);

		iosys_map_memcpy_to(&dst, 0, src, len);
	}
	dma_buf_vunmap(buf, &map);
	return 0;
}
