// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space: `(u8 *)io + off` assigned to an __iomem pointer.
 *
 * Reduced from linux-6.1 drivers/gpu/drm/ast/ast_mode.c
 * ast_update_cursor_image(u8 __iomem *dst, ...):
 *   dstxor = (u8 *)dst + last_alpha_dst_delta + (AST_MAX_HWC_HEIGHT - height) * alpha_dst_delta;
 * sparse: "cast removes address space" and "incorrect type in assignment
 * (different address spaces)". The cast only drops __iomem, so GCC drops
 * it; the plugin put it back above dst but typed the sum before that, from
 * dst itself (__iomem), and missed the assignment where the checker (and
 * sparse) report it.
 */
#include <linux/io.h>
#include <linux/types.h>

void ast_update_cursor_image(u8 __iomem *dst, int width, int height)
{
	u8 __iomem *dstxor;
	s32 alpha_dst_delta = 128, last = alpha_dst_delta - (width << 1);

	dstxor = (u8 *)dst + last + (64 - height) * alpha_dst_delta; /* expect: iomem-address-space, expect: iomem-address-space */
	writeb(0, dstxor);
	dstxor = (u8 *)dst + last; /* expect: iomem-address-space, expect: iomem-address-space */
	writeb(0, dstxor);
	dstxor = (u8 __force *)dst + last; /* expect: iomem-address-space */
	writeb(0, dstxor);
	dstxor = dst + last;
	writeb(0, dstxor);
}
