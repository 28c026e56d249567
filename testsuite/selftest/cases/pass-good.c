/*
 * selftest: PASS
 * Both front ends agree and meet every expectation (the plugin's output has
 * GCC's "In function" lines around its findings); the fixed result equals
 * pass-good.fixed.c, compiles, and only the finding without a fix-it is left
 * (the load in copy() has none, but the store's fix-it rewrites it).
 *
 * fake checker (exit 1):
 *	pass-good.c:41:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"pass-good.c":{41:9-41:11}:"readl(p)"
 *	pass-good.c:46:2: warning: store to I/O memory [iomem-deref]
 *	fix-it:"pass-good.c":{46:2-46:8}:"writel(v, p)"
 *	pass-good.c:51:2: warning: store to I/O memory [iomem-deref]
 *	fix-it:"pass-good.c":{51:2-51:9}:"writel(readl(b), a)"
 *	pass-good.c:51:7: warning: load from I/O memory [iomem-deref]
 *	pass-good.c:56:9: warning: struct load from I/O memory, use memcpy_fromio() [iomem-deref]
 * fake plugin (exit 0):
 *	pass-good.c: In function 'get':
 *	pass-good.c:41:9: warning: load from I/O memory [iomem-deref]
 *	fix-it:"pass-good.c":{41:9-41:11}:"readl(p)"
 *	pass-good.c: In function 'put':
 *	pass-good.c:46:2: warning: store to I/O memory [iomem-deref]
 *	fix-it:"pass-good.c":{46:2-46:8}:"writel(v, p)"
 *	pass-good.c: In function 'copy':
 *	pass-good.c:51:2: warning: store to I/O memory [iomem-deref]
 *	fix-it:"pass-good.c":{51:2-51:9}:"writel(readl(b), a)"
 *	pass-good.c:51:7: warning: load from I/O memory [iomem-deref]
 *	pass-good.c: In function 'get_struct':
 *	pass-good.c:56:9: warning: struct load from I/O memory, use memcpy_fromio() [iomem-deref]
 * fake checker on fixed result (exit 1):
 *	pass-good.c:56:9: warning: struct load from I/O memory, use memcpy_fromio() [iomem-deref]
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writel(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }
struct pair { u32 a, b; };

u32 get(u32 __iomem *p)
{
	return *p;	/* expect: iomem-deref fix: "readl(p)" */
}

void put(u32 __iomem *p, u32 v)
{
	*p = v;	/* expect: iomem-deref fix: "writel(v, p)" */
}

void copy(u32 __iomem *a, u32 __iomem *b)
{
	*a = *b;	/* expect: iomem-deref fix: none, expect: iomem-deref fix: "writel(readl(b), a)" */
}

void get_struct(struct pair __iomem *r, struct pair *out)
{
	*out = *r;	/* expect: iomem-deref */
}
