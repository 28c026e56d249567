// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space: `(T *)integer + offset` assigned to an __iomem
 * pointer, the sparc64 fbdev idiom.
 *
 * Reduced from linux-6.1 drivers/video/fbdev/aty/atyfb_base.c
 * atyfb_setup_sparc() and drivers/video/fbdev/ffb.c ffb_probe():
 *   par->ati_regbase = (void *)addr + 0x7ffc00UL;
 *   info->screen_base = (char *) par->physbase + FFB_DFB24_POFF;
 * sparse: "incorrect type in assignment (different address spaces)"; the
 * checker reports it too. The plugin missed it: GCC folds the cast of the
 * integer and the sum into one constant-offset conversion, and the cast
 * recovered from the text was typed as the integer. With __iomem in the
 * cast (`(void __force __iomem *)`, as sparc64's sbus drivers write it)
 * the assignment is clean; the checker took such a sum for plain memory.
 */
#include <linux/io.h>
#include <linux/types.h>

#define FFB_DFB24_POFF 0x02000000UL

struct atyfb_par {
	void __iomem *ati_regbase;
};

struct ffb_par {
	unsigned long physbase;
};

struct fb_info {
	char __iomem *screen_base;
};

void atyfb_setup_sparc(struct atyfb_par *par, unsigned long addr)
{
	par->ati_regbase = (void *)addr + 0x7ffc00UL; /* expect: iomem-address-space */
	par->ati_regbase = (void __force __iomem *)addr + 0x7ffc00UL;
}

void ffb_probe(struct fb_info *info, struct ffb_par *par)
{
	info->screen_base = (char *) par->physbase + FFB_DFB24_POFF; /* expect: iomem-address-space */
	info->screen_base = (char __iomem *)par->physbase + FFB_DFB24_POFF;
}

void __iomem *aty_regs(unsigned long addr, unsigned long off)
{
	void __iomem *regs = (void *)addr + off; /* expect: iomem-address-space */
	u32 __iomem *words = (u32 *)addr + 4; /* expect: iomem-address-space */

	writel(0, words);
	words = (u32 __iomem *)addr + 4;
	writel(0, words);
	return regs;
}
