// SPDX-License-Identifier: GPL-2.0-only
/* member access on non-structs and wrong members */
#include "../data/io.h"

struct regs { u32 a; };
void f(u32 __iomem *p, struct regs __iomem *r, int x)
{
	p->a = 1;
	r->b = 2;
	x.y = 3;
	r.a = 4;
	(*r)->a = 5;
}
