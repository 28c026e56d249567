/* SPDX-License-Identifier: GPL-2.0-only */
/* The part of the kernel's compiler_types.h that matters to checkers:
 * with __CHECKER__ the sparse annotations, else nothing. */
#ifndef _LINUX_COMPILER_TYPES_H
#define _LINUX_COMPILER_TYPES_H

#ifdef __CHECKER__
# define __kernel	__attribute__((address_space(0)))
# define __user		__attribute__((noderef, address_space(__user)))
# define __iomem	__attribute__((noderef, address_space(__iomem)))
# define __percpu	__attribute__((noderef, address_space(__percpu)))
# define __force	__attribute__((force))
# define __bitwise	__attribute__((bitwise))
# define __acquires(x)	__attribute__((context(x,0,1)))
# define __releases(x)	__attribute__((context(x,1,0)))
# define __acquire(x)	__context__(x,1)
# define __release(x)	__context__(x,-1)
# define __cond_lock(x,c)	((c) ? ({ __acquire(x); 1; }) : 0)
static inline void __chk_io_ptr(const volatile void __iomem *ptr) { }
#else
# define __kernel
# define __user
# define __iomem
# define __percpu
# define __force
# define __bitwise
# define __acquires(x)
# define __releases(x)
# define __acquire(x)	(void)0
# define __release(x)	(void)0
# define __cond_lock(x,c) (c)
#endif

#define fallthrough	__attribute__((__fallthrough__))
#define likely(x)	__builtin_expect(!!(x), 1)

#endif
