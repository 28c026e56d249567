// SPDX-License-Identifier: GPL-2.0-only
/* a nested function using an I/O pointer (GCC only) */
#include "../data/io.h"

void f(u32 __iomem *p)
{
	__label__ out;
	int nested(int x) { if (x) goto out; return x + *p; }
	*p = nested(*p);
out:
	*p = 0;
}
