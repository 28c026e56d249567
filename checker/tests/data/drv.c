// SPDX-License-Identifier: GPL-2.0-only
/* A kernel-style driver: one plain store to I/O memory (line 17). */
#include <linux/io.h>

struct regs {
	u32 ctrl;
	u32 status;
};

static struct spinlock lock;

int probe(unsigned long base)
{
	struct regs __iomem *r = ioremap(base, sizeof(*r));

	writel(1, &r->ctrl);
	r->status = 0;
	if (spin_trylock(&lock))
		return (int)readl(&r->status);
	return 0;
}
