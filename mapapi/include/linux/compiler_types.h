/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address-space annotations, spelled exactly as the kernel spells them.
 *
 * Under __CHECKER__ (sparse, or the iomemcheck libclang front end, which
 * additionally passes -D'address_space(x)=btf_type_tag(#x)') the
 * annotations are real attributes.  In an ordinary compile they are empty,
 * again as in the kernel: the iomemcheck GCC plugin watches the object-like
 * definitions below and restores the annotation itself, so keep them as
 * plain one-line #defines.
 */
#ifndef _IMC_LINUX_COMPILER_TYPES_H
#define _IMC_LINUX_COMPILER_TYPES_H

#ifdef __CHECKER__
# define __user __attribute__((noderef, address_space(__user)))
# define __iomem __attribute__((noderef, address_space(__iomem)))
# define __force __attribute__((force))
# define __bitwise __attribute__((bitwise))
#else
# define __user
# define __iomem
# define __force
# define __bitwise
#endif

#ifndef __always_inline
# define __always_inline	inline __attribute__((__always_inline__))
#endif
#define __maybe_unused		__attribute__((__unused__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __packed		__attribute__((__packed__))

/*
 * clang knows neither 'force' nor 'bitwise'.  The mapapi headers wrap their
 * bodies in these so that the libclang checker can parse them with
 * -Wall -Werror; code outside the headers is not affected.
 */
#if defined(__clang__) && defined(__CHECKER__)
# define __IMC_HDR_BEGIN \
	_Pragma("clang diagnostic push") \
	_Pragma("clang diagnostic ignored \"-Wunknown-attributes\"")
# define __IMC_HDR_END	_Pragma("clang diagnostic pop")
#else
# define __IMC_HDR_BEGIN
# define __IMC_HDR_END
#endif

#endif /* _IMC_LINUX_COMPILER_TYPES_H */
