// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-forced-access / iomem-address-space: `(void __force *)io + off`.
 *
 * The cast is the author's; the sum is a plain pointer, so storing it in a
 * plain member is no address-space finding (sparse agrees). GCC folds the
 * cast into the pointer arithmetic, and the plugin used to type the sum
 * __iomem and report the assignment alone: the front ends disagreed on
 * qla2xxx (testsuite/realbugs/14). The memory is still I/O memory: the
 * store through the member in another function is iomem-forced-access.
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u32 ctrl[64];
};

struct ring {
	u32 *slot;
};

void ring_setup(struct ring *r, struct regs __iomem *base, u32 off)
{
	r->slot = (void __force *)base + off;
}

void ring_post(struct ring *r, u32 v)
{
	r->slot[0] = v;	/* expect: iomem-forced-access */
}
