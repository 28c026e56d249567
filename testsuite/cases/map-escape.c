// SPDX-License-Identifier: GPL-2.0-only
/*
 * map-vaddr-unchecked: a map's system pointer handed out as a plain
 * pointer while the map may be I/O memory.
 *
 * The caller gets no is_iomem to test, so every use there is blind (ast's
 * cursor). Reported where the member is read, the line a fix changes;
 * returning it on a path where the map is known to be system memory, or
 * returning the I/O pointer, is fine; so is a static getter, whose callers
 * are in this file and are reported where they use the pointer
 * (map-helpers.c).
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

struct plane_state {
	struct iosys_map data[4];
	u8 shadow[64];
};

const u8 *cursor_pixels(struct plane_state *st, bool argb)
{
	u8 *px = NULL;

	if (argb)
		px = st->data[0].vaddr;	/* expect: map-vaddr-unchecked */
	return px;
}

const u8 *cursor_pixels_checked(struct plane_state *st)
{
	if (st->data[0].is_iomem)
		return st->shadow;
	return st->data[0].vaddr;
}

static u8 *pixels_of(struct plane_state *st)
{
	return st->data[1].vaddr;
}

u8 first_pixel(struct plane_state *st)
{
	return pixels_of(st)[0];	/* expect: map-vaddr-unchecked */
}

void __iomem *cursor_io(struct plane_state *st)
{
	return st->data[0].is_iomem ? st->data[0].vaddr_iomem : NULL;
}
