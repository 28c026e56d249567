/*
 * selftest: PASS
 * The front ends spell the case's path differently (./NAME.c, NAME.c):
 * the same file, so they agree.
 *
 * fake checker:
 *	./pass-paths.c:20:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"./pass-paths.c":{20:9-20:11}:"readl(p)"
 * fake plugin (exit 0):
 *	pass-paths.c:20:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"pass-paths.c":{20:9-20:11}:"readl(p)"
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref fix: "readl(p)" */
}
