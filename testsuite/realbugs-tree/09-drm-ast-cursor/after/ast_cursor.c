// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/ast/ast_cursor.c, ast_cursor_plane_get_argb4444()
 * (reduced as testsuite/realbugs/12): fixed: an I/O-memory cursor is copied into
 * the plane's system-memory buffer with drm_fb_memcpy() first. */
#include "drm_plane.h"

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
