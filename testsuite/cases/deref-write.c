// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: stores through an __iomem pointer.
 *
 * The fix-it replaces the whole assignment expression (not the `;`) by the
 * write accessor of the store's width, value first, keeping the value's
 * source text: `*p = v` -> writel(v, p), `r->f = v` -> writel(v, &r->f),
 * `p[i] = v` -> writel(v, &p[i]).
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u32 status;
	u32 ctrl;
};

void write_ptr(u32 __iomem *p, u32 v)
{
	*p = v;	/* expect: iomem-deref fix: "writel(v, p)" */
}

void write_field(struct regs __iomem *r, u32 v)
{
	r->ctrl = 1;	/* expect: iomem-deref fix: "writel(1, &r->ctrl)" */
	r->ctrl = v | 0x80;	/* expect: iomem-deref fix: "writel(v | 0x80, &r->ctrl)" */
}

void write_index(u32 __iomem *p, u32 x)
{
	p[2] = x;	/* expect: iomem-deref fix: "writel(x, &p[2])" */
}

void write_loop(u32 __iomem *p, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = 0;	/* expect: iomem-deref fix: "writel(0, &p[i])" */
}
