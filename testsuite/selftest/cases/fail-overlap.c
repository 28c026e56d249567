/*
 * selftest: FAIL fix round trip: overlapping fix-its
 * Two fix-its that rewrite overlapping code are refused.
 *
 * fake checker:
 *	fail-overlap.c:18:2: warning: store to I/O memory [iomem-deref]
 *	fix-it:"fail-overlap.c":{18:2-18:9}:"writel(readl(b), a)"
 *	fail-overlap.c:18:7: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-overlap.c":{18:7-18:9}:"readl(b)"
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

void copy(u32 __iomem *a, u32 __iomem *b)
{
	*a = *b;	/* expect: iomem-deref, expect: iomem-deref */
}
