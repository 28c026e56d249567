/*
 * iomem-address-space with the cast-to-as option (checker -Wcast-to-as,
 * plugin -fplugin-arg-iomemcheck-cast-to-as, as sparse's -Wcast-to-as):
 * casts that add __iomem to a plain pointer are reported too. A null
 * pointer constant and __force casts stay silent. addrspace-cast-to-as.c:
 * the default.
 */
#include <linux/io.h>
#include <linux/types.h>
/* check-options: cast-to-as */

void *phys_to_virt(unsigned long x);
void takes_io(void __iomem *p);

void __iomem *adds(void *dst, const void *src, size_t n, unsigned long phys)
{
	void __iomem *a = (void __iomem *)phys_to_virt(phys); /* expect: iomem-address-space */
	void __iomem *z = (void __iomem *)NULL;
	void __iomem *f = (void __force __iomem *)dst;

	memcpy_toio((void __iomem *)dst, src, n); /* expect: iomem-address-space */
	takes_io((u32 __iomem *)dst); /* expect: iomem-address-space */
	takes_io(dst); /* expect: iomem-address-space */
	(void)a;
	(void)z;
	(void)f;
	return (void __iomem *)dst; /* expect: iomem-address-space */
}

void *drops(void __iomem *regs)
{
	void *p = (void *)regs; /* expect: iomem-address-space */

	return p;
}
