// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-forced-access: __force silences sparse, not the hardware.
 *
 * A `__force` cast turns an __iomem pointer into a plain one, but the
 * memory is still I/O memory: loads, stores and mem*() through the result,
 * or through a pointer initialised from it, are findings of their own rule
 * (no fix-it: the rewrite is to drop the cast and use the accessors on the
 * __iomem pointer). A cast that only adds __iomem, or a forced pointer that
 * is never dereferenced, is fine.
 */
#include <linux/io.h>
#include <linux/string.h>
#include <linux/types.h>

struct regs {
	u32 status;
	u32 ctrl;
};

u32 forced_read(u32 __iomem *p)
{
	return *(u32 __force *)p;	/* expect: iomem-forced-access */
}

u32 forced_field(struct regs __iomem *r)
{
	return ((struct regs __force *)r)->status;	/* expect: iomem-forced-access */
}

void forced_write(u32 __iomem *p, int i)
{
	*(u32 __force *)p = 1;	/* expect: iomem-forced-access */
	((u32 __force *)p)[i] = 2;	/* expect: iomem-forced-access */
}

void forced_local(struct regs __iomem *r)
{
	struct regs *plain = (struct regs __force *)r;

	plain->ctrl = 0;	/* expect: iomem-forced-access */
	plain->status++;	/* one cast, one finding: a note of line 41's */
}

void forced_memfn(void __iomem *fifo, const void *data, size_t n)
{
	memcpy((void __force *)fifo, data, n);	/* expect: iomem-forced-access */
	memset((__force void *)fifo, 0, n);	/* expect: iomem-forced-access */
}

/* Silent: the forced pointer is compared and handed back, never accessed. */
bool forced_compare(void __iomem *a, void *b)
{
	return (void __force *)a == b;
}

void __iomem *forced_back(void *cookie)
{
	return (void __force __iomem *)cookie;
}
