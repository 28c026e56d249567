/*
 * iomem-deref: stores whose value ends in a macro still get exact fix-its
 * (the statement's text is all in the file, up to its ';').
 */
#include <linux/io.h>
#include <linux/types.h>

#define CTRL_ON		0x1
#define BIT(n)		(1u << (n))

struct regs {
	u32 ctrl;
	u32 irq;
};

void enable(struct regs __iomem *r, u32 __iomem *p)
{
	writel(CTRL_ON, &r->ctrl); /* expect: iomem-deref fix: "writel(CTRL_ON, &r->ctrl)" */
	writel(readl(&r->irq) | BIT(3), &r->irq); /* expect: iomem-deref */
	writel(BIT(1) | CTRL_ON, p); /* expect: iomem-deref fix: "writel(BIT(1) | CTRL_ON, p)" */
}
