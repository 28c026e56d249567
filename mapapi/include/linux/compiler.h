/* SPDX-License-Identifier: GPL-2.0 */
/* READ_ONCE/WRITE_ONCE and friends, reduced to what userspace needs. */
#ifndef _IMC_LINUX_COMPILER_H
#define _IMC_LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define barrier()	__asm__ __volatile__("" : : : "memory")

/* A single volatile access, as the kernel's versions boil down to. */
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#endif /* _IMC_LINUX_COMPILER_H */
