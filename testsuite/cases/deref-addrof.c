// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: taking an address or a size is not an access.
 *
 * `&r->f`, `&p[i]`, `p + n`, `sizeof(*p)` and the address arguments of
 * accessors compute addresses and sizes only: silent.
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u32 status;
	u32 ctrl;
};

u32 __iomem *status_reg(struct regs __iomem *r)
{
	return &r->status;
}

u32 __iomem *third(u32 __iomem *p)
{
	return &p[3];
}

u32 __iomem *next(u32 __iomem *p)
{
	return p + 1;
}

u32 read_status(struct regs __iomem *r)
{
	return readl(&r->status);
}

unsigned long sizes(u32 __iomem *p, struct regs __iomem *r)
{
	return sizeof(*p) + sizeof(r->ctrl) + sizeof(p[0]) + sizeof(*r);
}
