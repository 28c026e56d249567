// SPDX-License-Identifier: GPL-2.0-only
/* bit-fields and odd lvalues in I/O structs */
#include "../data/io.h"

struct regs { u32 a : 3; u32 b : 29; u32 c : 0; int : 4; };
void f(struct regs __iomem *r, u32 __iomem *p)
{
	r->a = 1;
	r->b++;
	&r->a;
	++*p = 3;
	p++ = 0;
	(*p, *p) = 1;
	(1 ? *p : *p) = 2;
}
