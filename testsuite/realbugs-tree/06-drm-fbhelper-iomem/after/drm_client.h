/* SPDX-License-Identifier: MIT */
/* include/drm/drm_client.h, drm_fb_helper.h, drm_gem.h, drm_mode_config.h,
 * reduced. */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>
#include <linux/dma-buf-map.h>
struct drm_clip_rect {
	unsigned short x1, y1, x2, y2;
};
struct drm_format_info {
	u8 cpp[4];
};
struct drm_framebuffer {
	const struct drm_format_info *format;
	unsigned int pitches[4];
};
struct fb_info {
	void *screen_buffer;
};
struct drm_gem_object;
struct drm_client_buffer {
	struct drm_gem_object *gem;
	struct dma_buf_map map;
};
struct drm_fb_helper {
	struct drm_framebuffer *fb;
	struct fb_info *fbdev;
	struct drm_client_buffer *buffer;
	struct drm_clip_rect dirty_clip;
};

int drm_gem_vmap(struct drm_gem_object *obj, struct dma_buf_map *map);
int drm_client_buffer_vmap(struct drm_client_buffer *buffer, struct dma_buf_map *map);
void drm_client_buffer_vunmap(struct drm_client_buffer *buffer);
void drm_fb_helper_dirty_work(struct drm_fb_helper *helper);
