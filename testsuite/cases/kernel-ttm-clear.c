/*
 * Modelled on the clear path of drivers/gpu/drm/ttm/ttm_bo_util.c (written
 * anew): the branch on is_iomem picks memset_io or memset. Correct; silent.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

struct ttm_buffer_object;
int ttm_bo_vmap(struct ttm_buffer_object *bo, struct iosys_map *map);
void ttm_bo_vunmap(struct ttm_buffer_object *bo, struct iosys_map *map);

int clear_bo(struct ttm_buffer_object *bo, size_t size)
{
	struct iosys_map dst_map;
	int ret;

	ret = ttm_bo_vmap(bo, &dst_map);
	if (ret)
		return ret;
	if (dst_map.is_iomem)
		memset_io(dst_map.vaddr_iomem, 0, size);
	else
		memset(dst_map.vaddr, 0, size);
	ttm_bo_vunmap(bo, &dst_map);
	return 0;
}
