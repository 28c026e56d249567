// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: loads through an __iomem pointer.
 *
 * `*p`, `r->f` and `p[i]` read I/O memory with a plain load.  The fix-it
 * replaces the load expression by the read accessor of its width, applied to
 * the address: `*p` -> readl(p), `r->f` -> readl(&r->f), `p[i]` -> readl(&p[i]).
 * Parentheses around the pointer are dropped: `*(p + 1)` -> readl(p + 1).
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u32 status;
	u32 ctrl;
};

struct dev {
	u32 __iomem *base;
};

u32 read_ptr(u32 __iomem *p)
{
	u32 v = readl(p);	/* expect: iomem-deref fix: "readl(p)" */

	return v;
}

u32 read_field(struct regs __iomem *r)
{
	if (readl(&r->status) & 1)	/* expect: iomem-deref fix: "readl(&r->status)" */
		return 0;
	return readl(&r->status);	/* expect: iomem-deref fix: "readl(&r->status)" */
}

u32 read_index(u32 __iomem *p, int i)
{
	return readl(&p[i]);	/* expect: iomem-deref fix: "readl(&p[i])" */
}

u32 read_offset(u32 __iomem *p)
{
	return readl(p + 1);	/* expect: iomem-deref fix: "readl(p + 1)" */
}

u32 read_through_struct(struct dev *d)
{
	return readl(&d->base[4]);	/* expect: iomem-deref fix: "readl(&d->base[4])" */
}
