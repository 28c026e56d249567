/*
 * selftest: FAIL unknown check option 'no-such-option'
 * A check-options name the runner cannot spell for the front ends.
 *
 * fake checker (exit 0):
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
/* check-options: no-such-option */

u32 get(u32 __iomem *p)
{
	return readl(p);
}
