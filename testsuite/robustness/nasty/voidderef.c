// SPDX-License-Identifier: GPL-2.0-only
/* void and function dereferences */
#include "../data/io.h"

void f(void __iomem *p, void (*fn)(void))
{
	*p = 1;
	u32 v = *p;
	*fn = 0;
	p[3] = v;
}
