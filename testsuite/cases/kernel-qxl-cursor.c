/*
 * Modelled on the cursor update in drivers/gpu/drm/qxl/qxl_display.c
 * (written anew): the cursor map is handled per is_iomem, but the user's
 * map is read through .vaddr in both branches without a test.
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

struct drm_gem_object;
int drm_gem_vmap(struct drm_gem_object *obj, struct iosys_map *map);
void drm_gem_vunmap(struct drm_gem_object *obj, struct iosys_map *map);

struct cursor {
	u32 width, height;
	u8 data[];
};

int update_cursor(struct drm_gem_object *user_bo, struct drm_gem_object *cursor_bo,
		  size_t size)
{
	struct iosys_map user_map, cursor_map;
	struct cursor *cursor;
	int ret;

	ret = drm_gem_vmap(user_bo, &user_map);
	if (ret)
		return ret;
	ret = drm_gem_vmap(cursor_bo, &cursor_map);
	if (ret)
		goto out_user;
	if (cursor_map.is_iomem) {
		memcpy_toio(cursor_map.vaddr_iomem, user_map.vaddr, size); /* expect: map-vaddr-unchecked */
	} else {
		cursor = cursor_map.vaddr;
		cursor->width = 64;
		cursor->height = 64;
		memcpy(cursor->data, user_map.vaddr, size); /* expect: map-vaddr-unchecked */
	}
	drm_gem_vunmap(cursor_bo, &cursor_map);
out_user:
	drm_gem_vunmap(user_bo, &user_map);
	return ret;
}
