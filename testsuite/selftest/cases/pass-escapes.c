/*
 * selftest: PASS
 * Fix-it text with quotes, a tab and a newline: the checker escapes them
 * like clang (\", \t, \n), the plugin like GCC (octal); both mean the same.
 *
 * fake checker:
 *	pass-escapes.c:20:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"pass-escapes.c":{20:9-20:11}:"f(\"a\tb\")\n"
 * fake plugin (exit 0):
 *	pass-escapes.c:20:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"pass-escapes.c":{20:9-20:11}:"f(\042a\011b\042)\012"
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref fix: "f(\"a\tb\")\n" */
}
