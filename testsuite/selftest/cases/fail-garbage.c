/*
 * selftest: FAIL plugin: unrecognized output
 * The plugin prints something that is not a finding (an ICE).
 *
 * fake checker:
 *	fail-garbage.c:20:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-garbage.c":{20:9-20:11}:"readl(p)"
 * fake plugin:
 *	fail-garbage.c:20:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"fail-garbage.c":{20:9-20:11}:"readl(p)"
 *	fail-garbage.c:20:1: internal compiler error: Segmentation fault
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref fix: "readl(p)" */
}
