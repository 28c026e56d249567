/*
 * -Wno-RULE (plugin: disable=RULE) switches a rule off, -WRULE (enable=)
 * on again, and the last one wins, as GCC's -W flags: iomem-address-space
 * is off here (sparse reports those casts itself), iomem-deref is on again
 * after its -Wno-. The other rules are untouched.
 */
/* check-options: no-iomem-deref no-iomem-address-space iomem-deref */
#include <linux/io.h>
#include <linux/types.h>

void takes_plain(void *p);

u32 leaks(u32 __iomem *regs)
{
	void *a = regs;
	u32 v = *regs; /* expect: iomem-deref */

	takes_plain(regs);
	memset((void *)regs, 0, 4); /* expect: iomem-memfn */
	(void)a;
	return v;
}
