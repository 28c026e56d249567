/*
 * selftest: PASS
 * selftest-args: --checker-fix
 * The fix round trip through `iomemcheck --fix` (runner option --checker-fix).
 *
 * fake checker:
 *	pass-checker-fix.c:17:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"pass-checker-fix.c":{17:9-17:11}:"readl(p)"
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return readl(p);	/* expect: iomem-deref fix: "readl(p)" */
}
