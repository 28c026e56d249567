/*
 * selftest: FAIL both: wrong message: line
 * Both front ends agree on a message that is not the expected one.
 *
 * fake checker:
 *	fail-wrong-message.c:15:9: warning: load from I/O memory [iomem-deref]
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref message: "load from I/O memory through p" */
}
