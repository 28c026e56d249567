// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked fix-its for members stored through a struct pointer
 * set once to a map's system pointer, reduced from
 * drivers/gpu/drm/qxl/qxl_draw.c (linux 6.1) drawable_set_clipping():
 * `dev_clips->chunk.next_chunk = 0` -> iosys_map_wr_field(&map, 0, struct
 * qxl_clip_rects, chunk.next_chunk, 0), loads -> iosys_map_rd_field().
 * The pointer stays (its address arithmetic is no access); where no use of
 * it would stay, no fix-it (it would be set but unused). Not offered
 * when something between the assignment and the access may change the
 * map (a call), or when the value names a variable `val` or `s` (the
 * macros declare their own and it would bind to theirs).
 */
#include <linux/iosys-map.h> /* a fix-it per access: */ /* check-options: per-access */
#include <linux/types.h>

struct qxl_data_chunk {
	u32 data_size;
	u64 prev_chunk;
	u64 next_chunk;
	u8 data[];
};

struct qxl_clip_rects {
	u32 num_rects;
	struct qxl_data_chunk chunk;
};

int qxl_bo_vmap_locked(void *bo, struct iosys_map *map);
void refresh(void *bo);

/* the member array is returned: a finding of its own */
void *set_clipping(void *clips_bo, unsigned int num_clips)
{
	struct iosys_map map;
	struct qxl_clip_rects *dev_clips;

	if (qxl_bo_vmap_locked(clips_bo, &map))
		return NULL;
	dev_clips = map.vaddr; /* expect: map-vaddr-unchecked */

	dev_clips->num_rects = num_clips; /* expect: map-vaddr-unchecked fix: "iosys_map_wr_field(&map, 0, struct qxl_clip_rects, num_rects, num_clips)" */
	dev_clips->chunk.next_chunk = 0; /* expect: map-vaddr-unchecked fix: "iosys_map_wr_field(&map, 0, struct qxl_clip_rects, chunk.next_chunk, 0)" */
	dev_clips->chunk.data_size = sizeof(u32) * num_clips; /* expect: map-vaddr-unchecked fix: "iosys_map_wr_field(&map, 0, struct qxl_clip_rects, chunk.data_size, sizeof(u32) * num_clips)" */
	return dev_clips->chunk.data;
}

u32 clip_count(struct iosys_map *map, size_t off, u8 **data)
{
	struct qxl_clip_rects *clips = map->vaddr + off;

	u32 n = clips->num_rects; /* expect: map-vaddr-unchecked fix: "iosys_map_rd_field(map, off, struct qxl_clip_rects, num_rects)" */

	*data = clips->chunk.data;
	return n;
}

/* the rewrite would leave `clips` set but unused */
u32 clip_count_only(struct iosys_map *map)
{
	struct qxl_clip_rects *clips = map->vaddr;

	return clips->num_rects; /* expect: map-vaddr-unchecked fix: none */
}

void set_after_call(void *clips_bo, struct iosys_map *map, u32 val)
{
	struct qxl_clip_rects *clips = map->vaddr;

	refresh(clips_bo);
	clips->num_rects = 1; /* expect: map-vaddr-unchecked fix: none */
	clips->chunk.data_size = val; /* expect: map-vaddr-unchecked fix: none */
}
