// SPDX-License-Identifier: GPL-2.0-only
/* Two findings, both with a fix-it: the --fix target of the robustness
 * tests (a store on line 8, a load on line 13). */
#include "io.h"

void poke(u32 __iomem *p, u32 v)
{
	*p = v;
}

u32 peek(u32 __iomem *p)
{
	return *p;
}
