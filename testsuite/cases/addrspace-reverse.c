/*
 * iomem-address-space, the other way: a plain pointer where __iomem is
 * expected (sparse reports both directions). NULL is fine.
 */
#include <linux/io.h>
#include <linux/types.h>

void takes_io(void __iomem *p);

void __iomem *reverse(void *plain, u32 *q, size_t n)
{
	void __iomem *a = plain; /* expect: iomem-address-space */
	void __iomem *b = NULL;

	takes_io(plain); /* expect: iomem-address-space */
	iounmap(plain); /* expect: iomem-address-space */
	writel(1, q); /* expect: iomem-address-space */
	memcpy_toio(plain, q, n); /* expect: iomem-address-space */
	takes_io(a);
	takes_io(b);
	takes_io((void __force __iomem *)plain);
	return plain; /* expect: iomem-address-space */
}
