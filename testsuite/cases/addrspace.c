/*
 * iomem-address-space: __iomem dropped without __force.
 */
#include <linux/io.h>
#include <linux/types.h>

void takes_plain(void *p);

void *leaks(void __iomem *regs)
{
	void *a = regs; /* expect: iomem-address-space */
	void *b;

	b = regs; /* expect: iomem-address-space */
	takes_plain(regs); /* expect: iomem-address-space */
	(void)a;
	(void)b;
	return regs; /* expect: iomem-address-space */
}

void casts(void __iomem *regs)
{
	void *p = (void *)regs; /* expect: iomem-address-space */
	void *q = (void __force *)regs;
	void __iomem *r = regs;
	unsigned long addr = (unsigned long)regs;

	(void)p;
	(void)q;
	(void)r;
	(void)addr;
}
