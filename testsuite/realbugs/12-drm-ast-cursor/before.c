// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: "drm/ast: Support cursor buffers objects in I/O memory", Thomas
 * Zimmermann, posted 2025-11-26 to dri-devel, listed in a drm-misc pull
 * (commit id not found, patch thread on dri-devel, reviewed by Jocelyn
 * Falempe).
 * File: drivers/gpu/drm/ast/ast_cursor.c, ast_cursor_plane_get_argb4444().
 *
 * The ARGB4444 cursor framebuffer was used directly through
 * shadow_plane_state->data[0].vaddr. ast's own GEM objects are in system
 * memory, but an imported dma-buf may be in another device's I/O memory,
 * which the caller then reads as plain memory. Fix: if data[0].is_iomem,
 * drm_fb_memcpy() it into a system-memory buffer in the plane first.
 * Needs: map-vaddr-unchecked on a map held in a struct parameter (the
 * shadow-plane mapping is maybe-I/O).
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

const u8 *ast_cursor_plane_get_argb4444(struct ast_cursor_plane *ast_cursor_plane,
					struct drm_shadow_plane_state *shadow_plane_state,
					const struct drm_rect *clip)
{
	struct drm_plane_state *plane_state = &shadow_plane_state->base;
	struct drm_framebuffer *fb = plane_state->fb;
	u8 *argb4444 = NULL;

	switch (fb->format->format) {
	case DRM_FORMAT_ARGB4444:
		argb4444 = shadow_plane_state->data[0].vaddr; /* expect: map-vaddr-unchecked */
		break;
	}

	return argb4444;
}
