// SPDX-License-Identifier: GPL-2.0-only
/* K&R definitions and implicit int */
#include "../data/io.h"

f(p, v)
	u32 __iomem *p;
{
	*p = v;
	return *p;
}
g(a) { return a; }
static h();
