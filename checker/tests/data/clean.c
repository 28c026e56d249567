// SPDX-License-Identifier: GPL-2.0-only
/* Correct accesses only: no findings. */
#include <linux/io.h>

u32 read_status(u32 __iomem *status)
{
	return readl(status);
}
