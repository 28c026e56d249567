/*
 * selftest: FAIL both: missing finding: line
 * Two findings expected on one line (two comments), the front ends report one.
 *
 * fake checker:
 *	fail-missing.c:15:2: warning: store to I/O memory [iomem-deref]
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

void copy(u32 __iomem *a, u32 __iomem *b)
{
	*a = *b;	/* expect: iomem-deref */ /* expect: iomem-deref */
}
