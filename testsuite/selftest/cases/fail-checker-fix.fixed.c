/*
 * selftest: FAIL fixed result differs from fail-checker-fix.fixed.c
 * selftest-args: --checker-fix
 * `iomemcheck --fix` leaves the file unchanged.
 *
 * fake checker:
 *	fail-checker-fix.c:19:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-checker-fix.c":{19:9-19:11}:"readl(p)"
 * fake checker --fix:
 *	!no-op
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return readl(p);	/* expect: iomem-deref fix: "readl(p)" */
}
