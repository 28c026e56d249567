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
	r->ctrl = CTRL_ON; /* expect: iomem-deref fix: "writel(CTRL_ON, &r->ctrl)" */
	r->irq |= BIT(3); /* expect: iomem-deref */
	*p = BIT(1) | CTRL_ON; /* expect: iomem-deref fix: "writel(BIT(1) | CTRL_ON, p)" */
}
