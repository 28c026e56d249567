/*
 * selftest: PASS
 * No expectations, no findings, exit status 0.
 *
 * fake checker (exit 0):
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return readl(p);
}
