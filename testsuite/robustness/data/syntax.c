// SPDX-License-Identifier: GPL-2.0-only
/* A syntax error on line 7 (a missing ')'), in a function with a finding. */
#include "io.h"

u32 broken(u32 __iomem *p)
{
	return *p + (1;
}
