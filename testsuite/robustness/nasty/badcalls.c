// SPDX-License-Identifier: GPL-2.0-only
/* calls of non-functions and with wrong arities */
#include "../data/io.h"

void f(u32 __iomem *p)
{
	p();
	(*p)(1, 2);
	readl();
	readl(p, p, p);
	writel(1);
	((void (*)(void))0)(1);
}
