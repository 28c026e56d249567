// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: several findings in loops and branches, two on one line.
 *
 * `*a = *b` with both pointers __iomem is a store and a load: two findings.
 * Fix-its never overlap: when the value stored contains plain loads from I/O
 * memory, the store's fix-it rewrites them too (writel(readl(b), a)) and
 * those loads get no fix-it of their own.
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u32 status;
	u32 ctrl;
	u32 data;
};

void copy_reg(u32 __iomem *a, u32 __iomem *b)
{
	writel(readl(b), a);	/* expect: iomem-deref fix: "writel(readl(b), a)", expect: iomem-deref fix: none */
	writel(readl(b) + 1, a);	/* expect: iomem-deref fix: "writel(readl(b) + 1, a)", expect: iomem-deref fix: none */
}

void mirror(struct regs __iomem *r)
{
	writel(readl(&r->status), &r->ctrl);	/* expect: iomem-deref fix: "writel(readl(&r->status), &r->ctrl)" */ /* expect: iomem-deref fix: none */
}

int drain(struct regs __iomem *r, u32 *out, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		while (!(readl(&r->status) & 1))	/* expect: iomem-deref fix: "readl(&r->status)" */
			;
		out[i] = readl(&r->data);	/* expect: iomem-deref fix: "readl(&r->data)" */
	}
	if (n > 4)
		writel(0, &r->ctrl);	/* expect: iomem-deref fix: "writel(0, &r->ctrl)" */
	else
		writel(n, &r->ctrl);	/* expect: iomem-deref fix: "writel(n, &r->ctrl)" */
	switch (readl(&r->status)) {	/* expect: iomem-deref fix: "readl(&r->status)" */
	case 0:
		return 0;
	default:
		return -1;
	}
}
