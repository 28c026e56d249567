// SPDX-License-Identifier: GPL-2.0 or MIT
/* drivers/gpu/drm/drm_client.c, drm_client_buffer_vmap() (reduced), fixed:
 * the mapping comes back as a struct dma_buf_map, which says whether it is
 * I/O memory. */
#include "drm_client.h"

int drm_client_buffer_vmap(struct drm_client_buffer *buffer, struct dma_buf_map *map_copy)
{
	struct dma_buf_map *map = &buffer->map;
	int ret;

	if (dma_buf_map_is_set(map))
		goto out;

	ret = drm_gem_vmap(buffer->gem, map);
	if (ret)
		return ret;

out:
	*map_copy = *map;

	return 0;
}
