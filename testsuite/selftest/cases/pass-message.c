/*
 * selftest: PASS
 * The finding's message is exactly the expected one (C escapes allowed).
 *
 * fake checker:
 *	pass-message.c:15:9: warning: load from I/O memory "p" [iomem-deref]
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref message: "load from I/O memory \"p\"" */
}
