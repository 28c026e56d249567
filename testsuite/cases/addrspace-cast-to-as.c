/*
 * iomem-address-space and explicit casts, as sparse sees them by default:
 * a cast that ADDS __iomem to a plain pointer is accepted (sparse reports
 * it only with -Wcast-to-as; upstream fixes are written exactly like
 * that), a cast that drops __iomem is reported, and so is every implicit
 * conversion either way. addrspace-cast-to-as-strict.c: the same code with
 * the option.
 */
#include <linux/io.h>
#include <linux/types.h>

void *phys_to_virt(unsigned long x);
void takes_io(void __iomem *p);

void __iomem *adds(void *dst, const void *src, size_t n, unsigned long phys)
{
	void __iomem *a = (void __iomem *)phys_to_virt(phys);

	memcpy_toio((void __iomem *)dst, src, n);
	takes_io((u32 __iomem *)dst);
	takes_io(dst); /* expect: iomem-address-space */
	(void)a;
	return (void __iomem *)dst;
}

void *drops(void __iomem *regs)
{
	void *p = (void *)regs; /* expect: iomem-address-space */
	void *q = (void __force *)regs;

	(void)q;
	return p;
}
