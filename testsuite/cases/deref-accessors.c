// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: code that uses the accessors is silent.
 *
 * readl, writel, readb, writeq, memcpy_toio, memcpy_fromio, memset_io,
 * ioread32 and iowrite32 on __iomem pointers.
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u32 status;
	u32 ctrl;
};

void accessors(struct regs __iomem *r, u8 __iomem *p8, u64 __iomem *p64,
	       void __iomem *buf, void *tmp, size_t n)
{
	u32 v = readl(&r->status);

	writel(v | 1, &r->ctrl);
	if (readb(p8) & 0x80)
		writeq(0, p64);
	memcpy_toio(buf, tmp, n);
	memcpy_fromio(tmp, buf, n);
	memset_io(buf, 0, n);
	v = ioread32(&r->status);
	iowrite32(v, &r->ctrl);
}
