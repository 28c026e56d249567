// SPDX-License-Identifier: GPL-2.0-only
/* broken initializers and compound literals */
#include "../data/io.h"

struct map { void *vaddr; void __iomem *vaddr_iomem; _Bool is_iomem; };
void f(u32 __iomem *p)
{
	struct map m = { .nope = 1, .vaddr = p, .is_iomem = };
	struct map n = (struct map){ .vaddr_iomem = p, .vaddr = };
	u32 arr[2] = { [5] = 1, [-1] = *p };
	struct map o = { { { 1 } } };
	*(u32 *)m.vaddr = *(u32 __iomem *)n.vaddr_iomem;
	(void)arr; (void)o;
}
