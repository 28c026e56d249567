// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref: a __force cast silences it.
 *
 * `(T __force *)p` says "plain memory, I know what I do": nothing reached
 * through the cast pointer is reported, nor through a plain pointer that
 * was initialised from it.
 */
#include <linux/io.h>
#include <linux/types.h>

struct regs {
	u32 status;
	u32 ctrl;
};

u32 forced_read(u32 __iomem *p)
{
	return *(u32 __force *)p;
}

u32 forced_field(struct regs __iomem *r)
{
	return ((struct regs __force *)r)->status;
}

void forced_write(u32 __iomem *p, int i)
{
	*(u32 __force *)p = 1;
	((u32 __force *)p)[i] = 2;
}

void forced_local(struct regs __iomem *r)
{
	struct regs *plain = (struct regs __force *)r;

	plain->ctrl = 0;
	plain->status++;
}
