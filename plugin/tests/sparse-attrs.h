/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sparse annotations beyond __iomem/__force, spelled as the kernel's
 * compiler_types.h spells them: the plugin accepts them in checker mode.
 */
#ifndef SPARSE_ATTRS_H
#define SPARSE_ATTRS_H

#ifdef __CHECKER__
# define __must_hold(x)	__attribute__((context(x, 1, 1)))
# define __acquires(x)	__attribute__((context(x, 0, 1)))
# define __nocast	__attribute__((nocast))
# define __safe		__attribute__((safe))
#else
# define __must_hold(x)
# define __acquires(x)
# define __nocast
# define __safe
#endif

typedef unsigned int __bitwise __le32_t;
typedef int __nocast nocast_t;

#endif
