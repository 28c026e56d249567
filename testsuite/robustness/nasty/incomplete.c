// SPDX-License-Identifier: GPL-2.0-only
/* accesses through incomplete and unknown struct types */
#include "../data/io.h"

struct nope;
void f(struct nope __iomem *r, struct never_declared *m)
{
	r->field = 1;
	*r = *r;
	m->vaddr = 0;
	memcpy(m->vaddr, r, sizeof(*r));
}
