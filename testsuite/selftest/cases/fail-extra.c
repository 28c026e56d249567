/*
 * selftest: FAIL both: unexpected finding: fail-extra.c:
 * A finding on a line that expects none.
 *
 * fake checker:
 *	fail-extra.c:17:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-extra.c":{17:9-17:11}:"readl(p)"
 *	fail-extra.c:15:5: warning: load from I/O memory [iomem-deref]
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref fix: "readl(p)" */
}
