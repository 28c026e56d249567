/*
 * selftest: FAIL checker: exit status 1, expected 0
 * Nothing expected, nothing reported, but the checker exits 1.
 *
 * fake checker (exit 1):
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return readl(p);
}
