// SPDX-License-Identifier: MIT
/* drivers/gpu/drm/ast/ast_cursor.c, ast_cursor_plane_get_argb4444()
 * (reduced as testsuite/realbugs/12): the ARGB4444 cursor is used directly
 * through the shadow plane's data[0].vaddr, I/O memory or not. */
#include "drm_plane.h"

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
