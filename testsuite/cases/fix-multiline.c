// SPDX-License-Identifier: GPL-2.0-only
/*
 * A rewrite of a call whose arguments continue on the next line, reduced
 * from drivers/gpu/drm/qxl/qxl_display.c (linux 6.1)
 * qxl_create_cursor(): GCC's fix-its are line-based, so the rewrite is one
 * edit per changed line, the old line breaks kept (both front ends give
 * the same edits). The memcpy_toio() branch copies from an unchecked map
 * into I/O memory: no single helper does that (there is no
 * iosys_map_memcpy() between two maps), so only the message.
 */
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/string.h>
#include <linux/types.h>

struct qxl_cursor {
	u32 unique, type;
};

int qxl_bo_vmap(void *bo, struct iosys_map *map);

void create_cursor(void *cursor_bo, void *user_bo, size_t size)
{
	struct iosys_map cursor_map;
	struct iosys_map user_map;
	struct qxl_cursor cursor = { 0, 1 };

	if (qxl_bo_vmap(cursor_bo, &cursor_map))
		return;
	if (qxl_bo_vmap(user_bo, &user_map))
		return;
	if (cursor_map.is_iomem) {
		memcpy_toio(cursor_map.vaddr_iomem,
			    &cursor, sizeof(cursor));
		memcpy_toio(cursor_map.vaddr_iomem + sizeof(cursor), /* expect: map-vaddr-unchecked */
			    user_map.vaddr, size);
	} else {
		memcpy(cursor_map.vaddr,
		       &cursor, sizeof(cursor));
		memcpy(cursor_map.vaddr + sizeof(cursor), /* expect: map-vaddr-unchecked */
		       user_map.vaddr, size);
	}
}
