// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: plain pointers are not I/O memory.
 *
 * Loads, stores and increments through ordinary pointers are silent, also
 * when what they load or store is an __iomem pointer: `*pp` with
 * `u32 __iomem **pp` reads the pointer from ordinary memory.
 */
#include <linux/io.h>
#include <linux/types.h>

struct state {
	int x;
	u32 __iomem *base;
};

int plain(int *q, struct state *s, int i)
{
	int v = *q;

	s->x++;
	q[i] = 0;
	return v;
}

u32 __iomem *get_base(struct state *s)
{
	return s->base;
}

void set_base(struct state *s, u32 __iomem *base)
{
	s->base = base;
}

u32 __iomem *first(u32 __iomem **pp)
{
	return *pp;
}
