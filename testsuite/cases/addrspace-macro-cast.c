// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space: a cast written inside a macro's definition.
 *
 * Reduced from linux-6.1 drivers/pci/pci.c devm_pci_remap_cfg_resource()
 * (also lib/devres.c __devm_ioremap_resource(), i915_vma.c): include/linux/io.h
 * has `#define IOMEM_ERR_PTR(err) (__force void __iomem *)ERR_PTR(err)`.
 * sparse reads the cast from the expansion: the value is __iomem, returning
 * or assigning it to an __iomem pointer is no finding. The plugin used to
 * read casts only from the text at the expansion point and reported a plain
 * pointer from ERR_PTR() there (4 findings on pci.c the checker did not).
 * A macro whose cast leaves the value plain is still reported, where it is
 * used. The same for a macro that casts a variable (`IO_TO_PLAIN(base)`):
 * a variable has no location, so its cast is found from the macro's name
 * where the operand starts, in the definition.
 */
#include <linux/io.h>
#include <linux/types.h>

#define EINVAL	22
#define ENOMEM	12

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

#define IOMEM_ERR_PTR(err) (__force void __iomem *)ERR_PTR(err)
#define PLAIN_ERR_PTR(err) (void *)ERR_PTR(err)
#define IO_TO_PLAIN(p) ((void __force *)(p))
#define IO_PLAIN(p) ((void *)(p))

void __iomem *remap(void __iomem *base, int fail)
{
	void __iomem *dest;

	if (fail == 1)
		return IOMEM_ERR_PTR(-EINVAL);
	if (fail == 2)
		return PLAIN_ERR_PTR(-EINVAL); /* expect: iomem-address-space */
	dest = base;
	if (fail == 3)
		dest = IOMEM_ERR_PTR(-ENOMEM);
	return dest;
}

void use(u32 v, void __iomem *base)
{
	writel(v, IOMEM_ERR_PTR(-ENOMEM));
	writel(v, PLAIN_ERR_PTR(-ENOMEM)); /* expect: iomem-address-space */
	writel(v, base);
}

extern void take(void *p);

void *unmap(void __iomem *base)
{
	void *q = IO_TO_PLAIN(base);
	void *r = IO_PLAIN(base); /* expect: iomem-address-space */

	take(IO_TO_PLAIN(base));
	take(IO_PLAIN(base)); /* expect: iomem-address-space */
	q = IO_TO_PLAIN(base);
	r = IO_PLAIN(base); /* expect: iomem-address-space */
	take(r);
	if (q)
		return IO_PLAIN(base); /* expect: iomem-address-space */
	return IO_TO_PLAIN(base);
}
