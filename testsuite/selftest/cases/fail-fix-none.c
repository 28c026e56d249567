/*
 * selftest: FAIL both: wrong fix-it: line
 * `fix: none` expected, but the finding carries a fix-it.
 *
 * fake checker:
 *	fail-fix-none.c:16:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-fix-none.c":{16:9-16:11}:"readl(p)"
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref fix: none */
}
