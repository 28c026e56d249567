// SPDX-License-Identifier: GPL-2.0-only
/* The error is in an included header, not here: still checked. */
#include <linux/io.h>
#include "include/bad/broken.h"

u32 g(u32 __iomem *p)
{
	return readl(p) + (u32)fine_helper(1);
}
