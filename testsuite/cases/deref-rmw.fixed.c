// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: read-modify-write of I/O memory (++, --, op=).
 *
 * One finding per expression, not one for the load and one for the store.
 * As a statement of its own, `x++` and `++x` become
 * writel(readl(&x) + 1, &x), `x--` and `--x` the same with - 1, and `x op= e`
 * becomes writel(readl(&x) op e, &x), with e in parentheses unless it is a
 * primary, postfix or unary expression, so that the meaning is kept.
 *
 * When the value of the expression is used (`x = r->counter++`), no accessor
 * call has both its value and its effect: that finding has no fix-it.
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u32 ctrl;
	u32 counter;
};

void bump(struct regs __iomem *r, u32 mask)
{
	writel(readl(&r->counter) + 1, &r->counter);	/* expect: iomem-deref fix: "writel(readl(&r->counter) + 1, &r->counter)" */
	writel(readl(&r->counter) - 1, &r->counter);	/* expect: iomem-deref fix: "writel(readl(&r->counter) - 1, &r->counter)" */
	writel(readl(&r->counter) + 1, &r->counter);	/* expect: iomem-deref fix: "writel(readl(&r->counter) + 1, &r->counter)" */
	writel(readl(&r->counter) - 1, &r->counter);	/* expect: iomem-deref fix: "writel(readl(&r->counter) - 1, &r->counter)" */
	writel(readl(&r->ctrl) | 4, &r->ctrl);	/* expect: iomem-deref fix: "writel(readl(&r->ctrl) | 4, &r->ctrl)" */
	writel(readl(&r->ctrl) & ~mask, &r->ctrl);	/* expect: iomem-deref fix: "writel(readl(&r->ctrl) & ~mask, &r->ctrl)" */
	writel(readl(&r->ctrl) & (mask | 1), &r->ctrl);	/* expect: iomem-deref fix: "writel(readl(&r->ctrl) & (mask | 1), &r->ctrl)" */
}

void bump_ptr(u32 __iomem *p)
{
	writel(readl(p) + 1, p);	/* expect: iomem-deref fix: "writel(readl(p) + 1, p)" */
	writel(readl(p) + 2, p);	/* expect: iomem-deref fix: "writel(readl(p) + 2, p)" */
}

u32 bump_and_get(struct regs __iomem *r)
{
	u32 x;

	x = r->counter++;	/* expect: iomem-deref fix: none */
	return x;
}
