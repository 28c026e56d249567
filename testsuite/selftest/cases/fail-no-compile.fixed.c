/*
 * selftest: FAIL fixed result does not compile
 * The fix-it calls readq(), which this file does not declare: gcc -Werror fails.
 *
 * fake checker:
 *	fail-no-compile.c:16:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-no-compile.c":{16:9-16:11}:"readq(p)"
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return readq(p);	/* expect: iomem-deref fix: "readq(p)" */
}
