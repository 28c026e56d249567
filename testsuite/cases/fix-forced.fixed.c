// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-forced-access fix-its: where the __force cast's operand is the
 * __iomem pointer itself, the accessor takes that operand and the cast
 * goes: memcpy() -> memcpy_toio()/memcpy_fromio(), memset() -> memset_io(),
 * a load or store -> readX()/writeX() of the access's width, a member of a
 * forced struct pointer -> the accessor on `&p->member`. A forced pointer
 * kept in a local or a member has no fix-it (the cast and the declaration
 * would have to change too): the message names the accessor.
 */
#include <linux/io.h>
#include <linux/string.h>
#include <linux/types.h>

struct regs {
	u32 status;
	u16 ctrl;
};

void to_fifo(void __iomem *fifo, const void *data, size_t n)
{
	memcpy_toio(fifo, data, n); /* expect: iomem-forced-access fix: "memcpy_toio(fifo, data, n)" */
}

void from_fifo(void *data, void __iomem *fifo, size_t n)
{
	memcpy_fromio(data, fifo, n); /* expect: iomem-forced-access fix: "memcpy_fromio(data, fifo, n)" */
}

void clear(u8 __iomem *sram, size_t n)
{
	memset_io(sram + 16, 0, n); /* expect: iomem-forced-access fix: "memset_io(sram + 16, 0, n)" */
}

u32 rd(u32 __iomem *p)
{
	return readl(p); /* expect: iomem-forced-access fix: "readl(p)" */
}

void wr(void __iomem *p, u8 v)
{
	writeb(v, p); /* expect: iomem-forced-access fix: "writeb(v, p)" */
	writel(readl(p) | 1, p); /* expect: iomem-forced-access fix: "writel(readl(p) | 1, p)" */
}

u32 member(struct regs __iomem *r)
{
	writew(3, &r->ctrl); /* expect: iomem-forced-access fix: "writew(3, &r->ctrl)" */
	return readl(&r->status); /* expect: iomem-forced-access fix: "readl(&r->status)" */
}

/* Kept in a local: no fix-it, the message says what to use. */
void kept(struct regs __iomem *r, void __iomem *fifo, size_t n)
{
	struct regs *plain = (struct regs __force *)r;
	void *buf = (void __force *)fifo;

	plain->ctrl = 0; /* expect: iomem-forced-access fix: none */
	memset(buf, 0, n); /* expect: iomem-forced-access fix: none */
}
