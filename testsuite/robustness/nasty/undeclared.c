// SPDX-License-Identifier: GPL-2.0-only
/* undeclared identifiers in I/O accesses */
#include "../data/io.h"

void f(u32 __iomem *p)
{
	*p = not_declared;
	*q = 1;
	writel(*p, nowhere);
	memcpy(p, undeclared_buf, 4);
}
