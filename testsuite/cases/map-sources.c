/*
 * Where maps come from: producers that may give I/O memory (dma_buf_vmap),
 * producers known to give system memory (drm_gem_shmem_vmap,
 * iosys_map_set_vaddr), explicit I/O set-up, initializers and unknown
 * fillers.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

struct dma_buf;
struct drm_gem_shmem_object;
int dma_buf_vmap(struct dma_buf *dmabuf, struct iosys_map *map);
void dma_buf_vunmap(struct dma_buf *dmabuf, struct iosys_map *map);
int drm_gem_shmem_vmap(struct drm_gem_shmem_object *shmem, struct iosys_map *map);
void fill_somehow(struct iosys_map *map);

int from_dma_buf(struct dma_buf *buf, size_t len)
{
	struct iosys_map map;
	int ret = dma_buf_vmap(buf, &map);

	if (ret)
		return ret;
	memset(map.vaddr, 0, len); /* expect: map-vaddr-unchecked fix: "iosys_map_memset(&map, 0, 0, len)" */
	dma_buf_vunmap(buf, &map);
	return 0;
}

int from_shmem(struct drm_gem_shmem_object *shmem, size_t len)
{
	struct iosys_map map;
	int ret = drm_gem_shmem_vmap(shmem, &map);

	if (ret)
		return ret;
	memset(map.vaddr, 0, len);
	return 0;
}

void from_set_vaddr(void *p, size_t len)
{
	struct iosys_map map;

	iosys_map_set_vaddr(&map, p);
	memset(map.vaddr, 0, len);
}

void from_set_vaddr_iomem(void __iomem *p, size_t len)
{
	struct iosys_map map;

	iosys_map_set_vaddr_iomem(&map, p);
	memset(map.vaddr, 0, len); /* expect: map-vaddr-unchecked fix: "iosys_map_memset(&map, 0, 0, len)" */
}

void from_initializer(void __iomem *io, void *sys, size_t len)
{
	struct iosys_map a = IOSYS_MAP_INIT_VADDR_IOMEM(io);
	struct iosys_map b = IOSYS_MAP_INIT_VADDR(sys);

	memset(b.vaddr, 0, len);
	memset(a.vaddr, 0, len); /* expect: map-vaddr-unchecked fix: "iosys_map_memset(&a, 0, 0, len)" */
}

void from_unknown(size_t len)
{
	struct iosys_map map;

	fill_somehow(&map);
	memset(map.vaddr, 0, len); /* expect: map-vaddr-unchecked fix: "iosys_map_memset(&map, 0, 0, len)" */
}
