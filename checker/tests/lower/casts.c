// SPDX-License-Identifier: GPL-2.0-only
/* Casts: __force at each pointer depth, casts written in macros, and
 * casts of constants (folded, as GCC does). */
#define __iomem __attribute__((noderef, address_space(__iomem)))
#define __force __attribute__((force))
#define IO_ADDR(x) ((void __force __iomem *)(x))
typedef unsigned int u32;
typedef u32 __attribute__((bitwise)) __le32;

void casts(void __iomem *io, unsigned long addr, u32 v)
{
	void *a = (void __force *)io;
	void __iomem *b = IO_ADDR(addr);
	__le32 c = (__force __le32)v;
	void **d = (void __force **)&io;
	u32 *e = (u32 *)io;
	void __iomem *f = (void __iomem *)0x1000;
	unsigned char g = (unsigned char)300;
	(void)0;
	(void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g;
}
