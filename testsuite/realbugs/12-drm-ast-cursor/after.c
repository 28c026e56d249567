// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by "drm/ast: Support cursor buffers objects in I/O memory" (commit
 * id not found): ast_cursor_plane_get_argb4444() copies an I/O-memory
 * cursor into the plane's system-memory buffer with drm_fb_memcpy() and
 * uses .vaddr only when !is_iomem.
 */
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
};
struct drm_framebuffer {
	const struct drm_format_info *format;
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

void drm_fb_memcpy(struct iosys_map *dst, const unsigned int *dst_pitch,
		   const struct iosys_map *src, const struct drm_framebuffer *fb,
		   const struct drm_rect *clip);

const u8 *ast_cursor_plane_get_argb4444(struct ast_cursor_plane *ast_cursor_plane,
					struct drm_shadow_plane_state *shadow_plane_state,
					const struct drm_rect *clip)
{
	struct drm_plane_state *plane_state = &shadow_plane_state->base;
	struct drm_framebuffer *fb = plane_state->fb;
	u8 *argb4444 = NULL;

	switch (fb->format->format) {
	case DRM_FORMAT_ARGB4444:
		if (shadow_plane_state->data[0].is_iomem) {
			struct iosys_map argb4444_dst[DRM_FORMAT_MAX_PLANES] = {
				IOSYS_MAP_INIT_VADDR(ast_cursor_plane->argb4444),
			};
			unsigned int argb4444_dst_pitch[DRM_FORMAT_MAX_PLANES] = {
				AST_HWC_PITCH,
			};

			drm_fb_memcpy(argb4444_dst, argb4444_dst_pitch,
				      shadow_plane_state->data, fb, clip);
			argb4444 = argb4444_dst[0].vaddr;
		} else {
			argb4444 = shadow_plane_state->data[0].vaddr;
		}
		break;
	}

	return argb4444;
}
