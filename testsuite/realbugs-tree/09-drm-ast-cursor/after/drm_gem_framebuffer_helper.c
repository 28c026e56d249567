// SPDX-License-Identifier: GPL-2.0-or-later
/* drivers/gpu/drm/drm_gem_framebuffer_helper.c, drm_gem_fb_vmap() (reduced:
 * the unwinding on error is dropped): each plane's GEM object mapped, the
 * data mapping offset to the plane's first byte. */
#include "drm_plane.h"

int drm_gem_fb_vmap(struct drm_framebuffer *fb, struct iosys_map *map,
		    struct iosys_map *data)
{
	unsigned int i;
	int ret;

	for (i = 0; i < fb->format->num_planes; ++i) {
		ret = drm_gem_vmap_unlocked(fb->obj[i], &map[i]);
		if (ret)
			return ret;
	}

	if (data) {
		for (i = 0; i < DRM_FORMAT_MAX_PLANES; ++i) {
			memcpy(&data[i], &map[i], sizeof(data[i]));
			if (iosys_map_is_null(&data[i]))
				continue;
			iosys_map_incr(&data[i], fb->offsets[i]);
		}
	}

	return 0;
}
