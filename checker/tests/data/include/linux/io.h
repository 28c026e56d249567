/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel-style accessors, as in include/asm-generic/io.h. */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long size_t;
typedef _Bool bool;
typedef unsigned int __bitwise __le32;

#define NULL ((void *)0)

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 __force *)addr;
}

static inline void writel(u32 value, volatile void __iomem *addr)
{
	*(volatile u32 __force *)addr = value;
}

void memcpy_toio(volatile void __iomem *dst, const void *src, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void __iomem *ioremap(unsigned long offset, size_t size);

struct spinlock { int v; };
int _raw_spin_trylock(struct spinlock *l);
static inline void spin_lock_irq(struct spinlock *l) __acquires(l->v)
{
	(void)_raw_spin_trylock(l);
}
#define spin_trylock(l)	__cond_lock(l, _raw_spin_trylock(l))

#endif
