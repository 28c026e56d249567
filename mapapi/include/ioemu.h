/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ioemu - I/O memory emulation for userspace.
 *
 * On sparc64 a plain load or store to I/O memory faults; only the accessors
 * (readl, memcpy_toio, ...) work.  x86 forgives the mistake, so bugs like
 * memcpy(map->vaddr, ...) on an I/O map go unnoticed.  ioemu brings the
 * sparc64 behaviour to any Linux host:
 *
 *  - ioemu_map() hands out an address inside a PROT_NONE "I/O" arena, so
 *    every plain access traps;
 *  - each region has a read-write shadow at a fixed distance in a second
 *    arena, and the accessors in <linux/io.h> redirect there;
 *  - a SIGSEGV handler names the region, offset and direction of a plain
 *    access, then exits with IOEMU_TRAP_EXIT instead of a bare segfault.
 *
 * Addresses outside the arena are system memory and the accessors touch
 * them directly, so readl(&ordinary_u32) works too.
 *
 * Sanitizers: the handler is installed on the first ioemu_map(), i.e.
 * after ASan installed its own, and ASan lets it (allow_user_segv_handler
 * defaults to 1).  Faults outside the arena are passed on to the previous
 * handler, so ASan still reports ordinary wild accesses.
 */
#ifndef _IMC_IOEMU_H
#define _IMC_IOEMU_H

#include <linux/types.h>

__IMC_HDR_BEGIN

/* Exit status of a process stopped by an ioemu trap. */
#define IOEMU_TRAP_EXIT		86

/* Create a zero-filled emulated I/O region; NULL if size is 0 or on error. */
void __iomem *ioemu_map(const char *name, size_t size);
/* Release a region; later access through any path traps. NULL is a no-op. */
void ioemu_unmap(volatile void __iomem *addr);
/*
 * The plain shadow of an emulated I/O address, for tests that need to
 * inspect device memory behind the driver's back; NULL for non-I/O memory.
 */
void *ioemu_shadow(const volatile void __iomem *addr);
/* Whether addr lies in a live emulated I/O region. */
bool ioemu_is_iomem(const volatile void *addr);
/* Install the trap handler now (ioemu_map() does it on first use). */
void ioemu_install_handler(void);

/* Internal: the arena, set once; zero span until the first ioemu_map(). */
extern uintptr_t __ioemu_arena_lo;
extern uintptr_t __ioemu_arena_span;
/* Internal: exact bounds check for bulk accessors; exits on overrun. */
void __ioemu_check_range(const char *what, uintptr_t addr, size_t len);

/*
 * Translate an address given to an accessor into one it may dereference.
 * The shadow arena follows the I/O arena, so this is a compare and an add.
 */
static inline void *__ioemu_xlate(const volatile void __iomem *addr)
{
	uintptr_t a = (__force uintptr_t)addr;

	if (a - __ioemu_arena_lo < __ioemu_arena_span)
		a += __ioemu_arena_span;
	return (void *)a;
}

/* Same, for a len-byte range; checks it stays inside its region. */
static inline void *__ioemu_xlate_range(const char *what,
					const volatile void __iomem *addr,
					size_t len)
{
	uintptr_t a = (__force uintptr_t)addr;

	if (a - __ioemu_arena_lo < __ioemu_arena_span) {
		__ioemu_check_range(what, a, len);
		a += __ioemu_arena_span;
	}
	return (void *)a;
}

__IMC_HDR_END

#endif /* _IMC_IOEMU_H */
