/*
 * selftest: FAIL malformed expectation
 * An expectation whose fix text is not a C string.
 *
 * fake checker:
 *	fail-malformed.c:16:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-malformed.c":{16:9-16:11}:"readl(p)"
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref fix: readl(p) */
}
