// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref / iomem-address-space: which words of a cast's type name are
 * __iomem/__force marks. Both front ends read them with the core's
 * imc_cast_marks() (core/text/castmarks.h, unit test core.castmarks). They used
 * to read them each in its own way and disagreed: the plugin took a
 * __force inside a comment for a mark (line 21: iomem-forced-access, and
 * no address-space finding), the checker took the struct tag `force` for
 * one (line 26). As in sparse, a __force anywhere in the type name makes
 * the cast a forced one (double pointers, lines 33 and 40: no finding).
 */
#include <linux/io.h>
#include <linux/types.h>

struct force {
	u32 reg;
};

u32 comment_is_not_a_mark(void __iomem *io)
{
	return *(u32 /* __force */ *)io; /* expect: iomem-deref, expect: iomem-address-space */
}

u32 tag_is_not_a_mark(void __iomem *io)
{
	return ((struct force *)io)->reg; /* expect: iomem-deref, expect: iomem-address-space */
}

void *double_force(void __iomem **slots)
{
	void **plain;

	plain = (void __force * __force *)slots;
	return plain[0];
}

u32 forced_pointer_to_iomem(u32 __iomem **pp)
{
	u32 __iomem *p;

	p = ((u32 __iomem * __force *)pp)[0];
	return readl(p);
}
