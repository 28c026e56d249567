/* SPDX-License-Identifier: GPL-2.0-only */
/* Just enough of the kernel's io.h for the robustness data: self-contained,
 * so that these tests do not depend on mapapi/ or the testsuite cases. */
#ifndef ROBUSTNESS_IO_H
#define ROBUSTNESS_IO_H

#ifdef __CHECKER__
# define __iomem	__attribute__((noderef, address_space(__iomem)))
# define __force	__attribute__((force))
#else
# define __iomem
# define __force
#endif

typedef unsigned int u32;

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 __force *)addr;
}

static inline void writel(u32 value, volatile void __iomem *addr)
{
	*(volatile u32 __force *)addr = value;
}

#endif
