// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit f2719b26ae27 ("video: fbdev: chipsfb: use memset_io()
 * instead of memset()"), Christophe Leroy (powerpc tree; the id is
 * the one in the powerpc merge listing, stable backports have others).
 * File: drivers/video/fbdev/chipsfb.c, init_chips().
 *
 * init_chips() cleared the ioremap_wc()ed framebuffer (fb_info.screen_base,
 * char __iomem *) with memset(). On a PowerBook 3400c powerpc's memset()
 * uses dcbz, which raises an alignment exception on non-cached I/O memory:
 * the machine locked up at boot. Fix: memset_io().
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

struct fb_fix_screeninfo {
	unsigned long smem_start;
};
struct fb_info {
	char __iomem *screen_base;
	struct fb_fix_screeninfo fix;
};

static const struct fb_fix_screeninfo chipsfb_fix;
static void chips_hw_init(void)
{
}

static void init_chips(struct fb_info *p, unsigned long addr)
{
	memset_io(p->screen_base, 0, 0x100000);

	p->fix = chipsfb_fix;
	p->fix.smem_start = addr;

	chips_hw_init();
}

int chipsfb_pci_init(struct fb_info *p, unsigned long addr)
{
	p->screen_base = ioremap_wc(addr, 0x200000);
	if (!p->screen_base)
		return -1;
	init_chips(p, addr);
	return 0;
}
