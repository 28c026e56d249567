/*
 * selftest: FAIL both: unexpected finding: linux/io.h:
 * A finding in a header is not silently dropped.
 *
 * fake checker:
 *	fail-header-finding.c:17:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-header-finding.c":{17:9-17:11}:"readl(p)"
 *	linux/io.h:12:9: warning: load from I/O memory [iomem-deref]
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref fix: "readl(p)" */
}
