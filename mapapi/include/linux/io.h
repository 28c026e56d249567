/* SPDX-License-Identifier: GPL-2.0 */
/*
 * I/O memory accessors with the signatures of include/asm-generic/io.h.
 *
 * Each accessor first passes the address through __ioemu_xlate(): an
 * address handed out by the emulator (ioemu_map, ioremap) is redirected to
 * its read-write shadow, anything else is used as is.  The access itself is
 * a single volatile load or store, like the real thing.  Only the
 * translation casts away __iomem, so sparse stays quiet on this header.
 */
#ifndef _IMC_LINUX_IO_H
#define _IMC_LINUX_IO_H

#include <string.h>

#include <linux/types.h>
#include <ioemu.h>

__IMC_HDR_BEGIN

/*
 * Packed wrappers make a misaligned readl() on the emulator well defined
 * (and quiet under UBSan); on x86 they compile to a plain mov.
 */
struct __imc_una16 { u16 x; } __packed;
struct __imc_una32 { u32 x; } __packed;
struct __imc_una64 { u64 x; } __packed;

/* Ordering: the kernel's __io_br/__io_ar, reduced to compiler barriers. */
#define __imc_io_barrier()	__asm__ __volatile__("" : : : "memory")

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
# define __imc_le16(x)	__builtin_bswap16(x)
# define __imc_le32(x)	__builtin_bswap32(x)
# define __imc_le64(x)	__builtin_bswap64(x)
# define __imc_be16(x)	(x)
# define __imc_be32(x)	(x)
# define __imc_be64(x)	(x)
#else
# define __imc_le16(x)	(x)
# define __imc_le32(x)	(x)
# define __imc_le64(x)	(x)
# define __imc_be16(x)	__builtin_bswap16(x)
# define __imc_be32(x)	__builtin_bswap32(x)
# define __imc_be64(x)	__builtin_bswap64(x)
#endif

/* Native-endian, unordered. */

static inline u8 __raw_readb(const volatile void __iomem *addr)
{
	return *(const volatile u8 *)__ioemu_xlate(addr);
}

static inline u16 __raw_readw(const volatile void __iomem *addr)
{
	return ((const volatile struct __imc_una16 *)__ioemu_xlate(addr))->x;
}

static inline u32 __raw_readl(const volatile void __iomem *addr)
{
	return ((const volatile struct __imc_una32 *)__ioemu_xlate(addr))->x;
}

static inline u64 __raw_readq(const volatile void __iomem *addr)
{
	return ((const volatile struct __imc_una64 *)__ioemu_xlate(addr))->x;
}

static inline void __raw_writeb(u8 value, volatile void __iomem *addr)
{
	*(volatile u8 *)__ioemu_xlate(addr) = value;
}

static inline void __raw_writew(u16 value, volatile void __iomem *addr)
{
	((volatile struct __imc_una16 *)__ioemu_xlate(addr))->x = value;
}

static inline void __raw_writel(u32 value, volatile void __iomem *addr)
{
	((volatile struct __imc_una32 *)__ioemu_xlate(addr))->x = value;
}

static inline void __raw_writeq(u64 value, volatile void __iomem *addr)
{
	((volatile struct __imc_una64 *)__ioemu_xlate(addr))->x = value;
}

/* Little-endian, unordered. */

static inline u8 readb_relaxed(const volatile void __iomem *addr)
{
	return __raw_readb(addr);
}

static inline u16 readw_relaxed(const volatile void __iomem *addr)
{
	return __imc_le16(__raw_readw(addr));
}

static inline u32 readl_relaxed(const volatile void __iomem *addr)
{
	return __imc_le32(__raw_readl(addr));
}

static inline u64 readq_relaxed(const volatile void __iomem *addr)
{
	return __imc_le64(__raw_readq(addr));
}

static inline void writeb_relaxed(u8 value, volatile void __iomem *addr)
{
	__raw_writeb(value, addr);
}

static inline void writew_relaxed(u16 value, volatile void __iomem *addr)
{
	__raw_writew(__imc_le16(value), addr);
}

static inline void writel_relaxed(u32 value, volatile void __iomem *addr)
{
	__raw_writel(__imc_le32(value), addr);
}

static inline void writeq_relaxed(u64 value, volatile void __iomem *addr)
{
	__raw_writeq(__imc_le64(value), addr);
}

/* Little-endian, ordered: barriers around the access, as in asm-generic. */

#define __IMC_DEFINE_READ(name, type)					\
static inline type name(const volatile void __iomem *addr)		\
{									\
	type v;								\
									\
	__imc_io_barrier();						\
	v = name##_relaxed(addr);					\
	__imc_io_barrier();						\
	return v;							\
}

#define __IMC_DEFINE_WRITE(name, type)					\
static inline void name(type value, volatile void __iomem *addr)	\
{									\
	__imc_io_barrier();						\
	name##_relaxed(value, addr);					\
	__imc_io_barrier();						\
}

__IMC_DEFINE_READ(readb, u8)
__IMC_DEFINE_READ(readw, u16)
__IMC_DEFINE_READ(readl, u32)
__IMC_DEFINE_READ(readq, u64)
__IMC_DEFINE_WRITE(writeb, u8)
__IMC_DEFINE_WRITE(writew, u16)
__IMC_DEFINE_WRITE(writel, u32)
__IMC_DEFINE_WRITE(writeq, u64)

/* The iomap interface: same as readX/writeX for memory-mapped I/O. */

static inline u8 ioread8(const volatile void __iomem *addr)
{
	return readb(addr);
}

static inline u16 ioread16(const volatile void __iomem *addr)
{
	return readw(addr);
}

static inline u32 ioread32(const volatile void __iomem *addr)
{
	return readl(addr);
}

static inline u64 ioread64(const volatile void __iomem *addr)
{
	return readq(addr);
}

static inline u16 ioread16be(const volatile void __iomem *addr)
{
	return __imc_be16(__raw_readw(addr));
}

static inline u32 ioread32be(const volatile void __iomem *addr)
{
	return __imc_be32(__raw_readl(addr));
}

static inline u64 ioread64be(const volatile void __iomem *addr)
{
	return __imc_be64(__raw_readq(addr));
}

static inline void iowrite8(u8 value, volatile void __iomem *addr)
{
	writeb(value, addr);
}

static inline void iowrite16(u16 value, volatile void __iomem *addr)
{
	writew(value, addr);
}

static inline void iowrite32(u32 value, volatile void __iomem *addr)
{
	writel(value, addr);
}

static inline void iowrite64(u64 value, volatile void __iomem *addr)
{
	writeq(value, addr);
}

static inline void iowrite16be(u16 value, volatile void __iomem *addr)
{
	__raw_writew(__imc_be16(value), addr);
}

static inline void iowrite32be(u32 value, volatile void __iomem *addr)
{
	__raw_writel(__imc_be32(value), addr);
}

static inline void iowrite64be(u64 value, volatile void __iomem *addr)
{
	__raw_writeq(__imc_be64(value), addr);
}

/*
 * String accessors: count accesses to one (FIFO) address.  The buffer may
 * be unaligned, so elements go through memcpy.
 */

#define __IMC_DEFINE_READS(name, type, raw)				\
static inline void name(const volatile void __iomem *addr,		\
			void *buffer, unsigned int count)		\
{									\
	u8 *buf = buffer;						\
									\
	for (; count; count--, buf += sizeof(type)) {			\
		type v = raw(addr);					\
									\
		memcpy(buf, &v, sizeof(type));				\
	}								\
}

#define __IMC_DEFINE_WRITES(name, type, raw)				\
static inline void name(volatile void __iomem *addr,			\
			const void *buffer, unsigned int count)		\
{									\
	const u8 *buf = buffer;						\
									\
	for (; count; count--, buf += sizeof(type)) {			\
		type v;							\
									\
		memcpy(&v, buf, sizeof(type));				\
		raw(v, addr);						\
	}								\
}

__IMC_DEFINE_READS(readsb, u8, __raw_readb)
__IMC_DEFINE_READS(readsw, u16, __raw_readw)
__IMC_DEFINE_READS(readsl, u32, __raw_readl)
__IMC_DEFINE_READS(readsq, u64, __raw_readq)
__IMC_DEFINE_WRITES(writesb, u8, __raw_writeb)
__IMC_DEFINE_WRITES(writesw, u16, __raw_writew)
__IMC_DEFINE_WRITES(writesl, u32, __raw_writel)
__IMC_DEFINE_WRITES(writesq, u64, __raw_writeq)

#define ioread8_rep(addr, buf, n)	readsb(addr, buf, n)
#define ioread16_rep(addr, buf, n)	readsw(addr, buf, n)
#define ioread32_rep(addr, buf, n)	readsl(addr, buf, n)
#define iowrite8_rep(addr, buf, n)	writesb(addr, buf, n)
#define iowrite16_rep(addr, buf, n)	writesw(addr, buf, n)
#define iowrite32_rep(addr, buf, n)	writesl(addr, buf, n)

/*
 * Bulk transfers.  The emulator checks the whole range lies in one region
 * (a plain memcpy would only trap on the first page it leaves).
 */

static inline void memcpy_fromio(void *buffer,
				 const volatile void __iomem *addr,
				 size_t size)
{
	if (!size)
		return;
	memcpy(buffer, __ioemu_xlate_range("memcpy_fromio", addr, size), size);
}

static inline void memcpy_toio(volatile void __iomem *addr,
			       const void *buffer, size_t size)
{
	if (!size)
		return;
	memcpy(__ioemu_xlate_range("memcpy_toio", addr, size), buffer, size);
}

static inline void memset_io(volatile void __iomem *addr, int value,
			     size_t size)
{
	if (!size)
		return;
	memset(__ioemu_xlate_range("memset_io", addr, size), value, size);
}

/* Mapping: backed by the emulator, one fresh zero-filled region per call. */

void __iomem *ioremap(phys_addr_t offset, size_t size);
void iounmap(volatile void __iomem *addr);

static inline void __iomem *ioremap_wc(phys_addr_t offset, size_t size)
{
	return ioremap(offset, size);
}

static inline void __iomem *ioremap_uc(phys_addr_t offset, size_t size)
{
	return ioremap(offset, size);
}

__IMC_HDR_END

#endif /* _IMC_LINUX_IO_H */
