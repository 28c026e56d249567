/* SPDX-License-Identifier: MIT */
/* include/drm/drm_gem_atomic_helper.h, drm_framebuffer.h, drm_plane.h and
 * ast_drv.h, reduced. */
#include <linux/iosys-map.h>
#include <linux/types.h>

#define DRM_FORMAT_MAX_PLANES	4
#define DRM_FORMAT_ARGB4444	0x32315241
#define AST_HWC_PITCH		128

struct drm_rect {
	int x1, y1, x2, y2;
};
struct drm_format_info {
	u32 format;
	u8 num_planes;
};
struct drm_gem_object;
struct drm_framebuffer {
	const struct drm_format_info *format;
	unsigned int offsets[DRM_FORMAT_MAX_PLANES];
	struct drm_gem_object *obj[DRM_FORMAT_MAX_PLANES];
};
struct drm_plane_state {
	struct drm_framebuffer *fb;
};
struct drm_shadow_plane_state {
	struct drm_plane_state base;
	struct iosys_map map[DRM_FORMAT_MAX_PLANES];
	struct iosys_map data[DRM_FORMAT_MAX_PLANES];
};
struct ast_cursor_plane {
	u8 argb4444[AST_HWC_PITCH * 64];
};

int drm_gem_vmap_unlocked(struct drm_gem_object *obj, struct iosys_map *map);
int drm_gem_fb_vmap(struct drm_framebuffer *fb, struct iosys_map *map,
		    struct iosys_map *data);
int drm_gem_begin_shadow_fb_access(struct drm_shadow_plane_state *shadow_plane_state);
const u8 *ast_cursor_plane_get_argb4444(struct ast_cursor_plane *ast_cursor_plane,
					struct drm_shadow_plane_state *shadow_plane_state,
					const struct drm_rect *clip);
