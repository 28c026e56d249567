// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel-style driver code on the mapapi headers: compiled in checker mode
 * (-D__CHECKER__, the sparse attribute spelling) and in an ordinary build
 * (__iomem/__force empty, restored by the plugin). Both must give the same
 * IR, compile cleanly, and produce the same object file as without the
 * plugin.
 */
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/types.h>

#include "sparse-attrs.h"

struct regs {
	u32 status;
	u32 ctrl;
	u32 fifo[4];
};

struct drv {
	struct regs __iomem *regs;
	struct iosys_map fb;
	int lock;
};

int drv_lock;

static void drv_sync(struct drv *d) __must_hold(&drv_lock);

static void drv_sync(struct drv *d)
{
	writel(readl(&d->regs->status) | 1, &d->regs->ctrl);
}

u32 drv_read(struct drv *d, int i)
{
	u32 __iomem *fifo = d->regs->fifo;
	u32 v = fifo[i];		/* plain load */

	d->regs->ctrl = v;		/* plain store */
	drv_sync(d);
	return v + *(u32 __force *)fifo;
}

void drv_blit(struct drv *d, const void *src, size_t len)
{
	if (d->fb.is_iomem)
		memcpy_toio(d->fb.vaddr_iomem, src, len);
	else
		memcpy(d->fb.vaddr, src, len);
	iosys_map_memcpy_to(&d->fb, 0, src, len);
}

void *drv_shadow(struct drv *d)
{
	return (void __force *)d->fb.vaddr_iomem;
}
