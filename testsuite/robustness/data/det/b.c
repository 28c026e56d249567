// SPDX-License-Identifier: GPL-2.0-only
/* Determinism input 2 of 3: plain accesses through __iomem pointers, two
 * on one line. */
#include "shared.h"

void b_poke(u32 __iomem *regs, u32 v)
{
	regs[0] = v; regs[1] = regs[0];
	*regs = shared_peek(regs);
}
