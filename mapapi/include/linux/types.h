/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel integer types for userspace builds of kernel-style code. */
#ifndef _IMC_LINUX_TYPES_H
#define _IMC_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/compiler_types.h>

__IMC_HDR_BEGIN

/* The kernel uses int-ll64 everywhere: u64 is unsigned long long. */
typedef unsigned char		u8;
typedef unsigned short		u16;
typedef unsigned int		u32;
typedef unsigned long long	u64;
typedef signed char		s8;
typedef signed short		s16;
typedef signed int		s32;
typedef signed long long	s64;

typedef u8	__u8;
typedef u16	__u16;
typedef u32	__u32;
typedef u64	__u64;
typedef s8	__s8;
typedef s16	__s16;
typedef s32	__s32;
typedef s64	__s64;

typedef u16 __bitwise	__le16;
typedef u16 __bitwise	__be16;
typedef u32 __bitwise	__le32;
typedef u32 __bitwise	__be32;
typedef u64 __bitwise	__le64;
typedef u64 __bitwise	__be64;

typedef u64	phys_addr_t;
typedef u64	dma_addr_t;
typedef phys_addr_t	resource_size_t;

__IMC_HDR_END

#endif /* _IMC_LINUX_TYPES_H */
