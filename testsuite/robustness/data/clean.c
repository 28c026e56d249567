// SPDX-License-Identifier: GPL-2.0-only
/* Correct accesses only: no findings. */
#include "io.h"

u32 status(u32 __iomem *p)
{
	return readl(p);
}
