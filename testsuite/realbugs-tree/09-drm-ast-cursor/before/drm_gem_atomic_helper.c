// SPDX-License-Identifier: GPL-2.0-or-later
/* drivers/gpu/drm/drm_gem_atomic_helper.c, drm_gem_begin_shadow_fb_access()
 * (reduced): the shadow plane's mappings of the framebuffer, before the
 * plane's atomic update reads them; an imported buffer object may be in
 * another device's I/O memory. */
#include "drm_plane.h"

int drm_gem_begin_shadow_fb_access(struct drm_shadow_plane_state *shadow_plane_state)
{
	struct drm_framebuffer *fb = shadow_plane_state->base.fb;

	if (!fb)
		return 0;

	return drm_gem_fb_vmap(fb, shadow_plane_state->map, shadow_plane_state->data);
}
