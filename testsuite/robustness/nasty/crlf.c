// SPDX-License-Identifier: GPL-2.0-only
/* CRLF line endings and a line continuation */
#include "../data/io.h"

void f(u32 __iomem *p)
{
	*p = \
1;
	*p = 2;
}
