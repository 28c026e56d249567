/*
 * selftest: PASS
 * check-flags reach both front ends, with the runner's own flags;
 * the plugin runs without -D__CHECKER__.
 *
 * fake checker (exit 0):
 *	!need-arg -DFOO=1
 *	!need-arg -Wno-unused
 *	!need-arg -Wall
 *	!need-arg -fdiagnostics-parseable-fixits
 *	!need-arg -I
 * fake plugin (exit 0):
 *	!need-arg -DFOO=1
 *	!need-arg -Wno-unused
 *	!need-arg -Wall
 *	!need-arg -fdiagnostics-parseable-fixits
 *	!need-arg -fdiagnostics-column-unit=byte
 *	!need-arg -c
 *	!refuse-arg -D__CHECKER__
 *	!need-arg -I
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }
/* check-flags: -DFOO=1 -Wno-unused */

u32 get(u32 __iomem *p)
{
	return readl(p);
}
