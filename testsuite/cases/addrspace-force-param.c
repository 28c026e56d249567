/*
 * iomem-address-space and __force where sparse honours it: on a
 * parameter's type, a parameter accepts any address space silently. The
 * kernel's IS_ERR()/PTR_ERR() (include/linux/err.h) take `__force const
 * void *` and are called on __iomem pointers everywhere. sparse ignores
 * __force in a variable's or member's declared type, a return type and a
 * typedef: those conversions are still reported.
 */
#include <linux/io.h>
#include <linux/types.h>

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline long PTR_ERR(__force const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(__force const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

typedef void __force *forced_t;
struct holder {
	void __force *p;
};

void plain_after_star(void * __force p);
void typedef_param(forced_t p);

long map_regs(struct holder *h, phys_addr_t base)
{
	void __iomem *regs = ioremap(base, 4096);
	void __force *v = regs; /* expect: iomem-address-space */

	if (IS_ERR(regs))
		return PTR_ERR(regs);
	plain_after_star(regs);
	typedef_param(regs); /* expect: iomem-address-space */
	h->p = regs; /* expect: iomem-address-space */
	(void)v;
	return 0;
}
