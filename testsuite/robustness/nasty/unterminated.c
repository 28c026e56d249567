// SPDX-License-Identifier: GPL-2.0-only
/* an unterminated comment and string */
#include "../data/io.h"

void f(u32 __iomem *p)
{
	*p = 1; /* never closed
	const char *s = "never closed;
}
