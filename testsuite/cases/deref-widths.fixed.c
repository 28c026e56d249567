// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: the accessor follows the width of the access.
 *
 * 1, 2, 4, 8 bytes: readb/readw/readl/readq, writeb/writew/writel/writeq.
 * A struct (of any size, 3 bytes too) has no accessor: no fix-it, and the
 * message points to memcpy_fromio()/memcpy_toio() instead.
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u8 b;
	u16 w;
	u32 l;
	u64 q;
};

struct rgb {
	u8 r, g, b;	/* 3 bytes */
};

u64 loads(struct regs __iomem *r, u16 __iomem *pw)
{
	u8 b = readb(&r->b);	/* expect: iomem-deref fix: "readb(&r->b)" */
	u16 w = readw(pw);	/* expect: iomem-deref fix: "readw(pw)" */
	u32 l = readl(&r->l);	/* expect: iomem-deref fix: "readl(&r->l)" */
	u64 q = readq(&r->q);	/* expect: iomem-deref fix: "readq(&r->q)" */

	return b + w + l + q;
}

void stores(struct regs __iomem *r, u64 __iomem *pq, u32 v)
{
	writeb(v, &r->b);	/* expect: iomem-deref fix: "writeb(v, &r->b)" */
	writew(v, &r->w);	/* expect: iomem-deref fix: "writew(v, &r->w)" */
	writel(v, &r->l);	/* expect: iomem-deref fix: "writel(v, &r->l)" */
	writeq(v, pq);	/* expect: iomem-deref fix: "writeq(v, pq)" */
}

struct rgb copy_structs(struct regs __iomem *r, struct rgb __iomem *c)
{
	struct regs s = *r;	/* expect: iomem-deref fix: none */

	*r = s;	/* expect: iomem-deref fix: none */
	return *c;	/* expect: iomem-deref fix: none */
}
