/* SPDX-License-Identifier: GPL-2.0-only */
/* Included by all three files: its finding (reported with --headers) is
 * seen once per file and must come out once, in the same place. */
#ifndef DET_SHARED_H
#define DET_SHARED_H
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/types.h>

static inline u32 shared_peek(u32 __iomem *reg)
{
	return *reg;
}
#endif
