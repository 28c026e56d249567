// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space: explicit `(void __iomem *)` casts inside macros, as
 * arm64 spells its accessors.
 *
 * Reduced from linux-6.1 drivers/remoteproc/remoteproc_elf_loader.c
 * rproc_elf_load_segments() and arch/arm64/include/asm/io.h:
 *   #define memcpy_toio(c,a,l)	__memcpy_toio((c),(a),(l))
 *   #define PCI_IOBASE		((void __iomem *)PCI_IO_START)
 * and include/asm-generic/io.h's port accessors (`PCI_IOBASE + addr`).
 * The loader casts what rproc_da_to_va() gave back to `void __iomem *` in
 * the argument of memcpy_toio(): sparse and the checker see an __iomem
 * argument; the plugin lost the cast inside the macro's parentheses and
 * reported "argument 1 of __memcpy_toio() gives plain pointer" (arm64 only:
 * x86's memcpy_toio() is a function). A plain pointer in the same macros
 * is still reported, at the macro's use.
 */
#include <linux/io.h>
#include <linux/string.h>
#include <linux/types.h>

extern void __memcpy_toio(volatile void __iomem *, const void *, size_t);
extern void __memset_io(volatile void __iomem *, int, size_t);
#define arm64_memcpy_toio(c, a, l) __memcpy_toio((c), (a), (l))
#define arm64_memset_io(c, v, l) __memset_io((c), (v), (l))

#define PCI_IO_START 0xfffffbfffe800000UL
#define PCI_IOBASE ((void __iomem *)PCI_IO_START)
#define PLAIN_IOBASE ((void *)PCI_IO_START)

extern void *rproc_da_to_va(void *rproc, u64 da, size_t len, bool *is_iomem);

int load_segment(void *rproc, u64 da, const u8 *elf_data, size_t offset,
		 size_t filesz, size_t memsz)
{
	bool is_iomem = false;
	void *ptr = rproc_da_to_va(rproc, da, memsz, &is_iomem);

	if (!ptr)
		return -22;
	if (filesz) {
		if (is_iomem)
			arm64_memcpy_toio((void __iomem *)ptr, elf_data + offset, filesz);
		else
			memcpy(ptr, elf_data + offset, filesz);
	}
	if (memsz > filesz) {
		if (is_iomem)
			arm64_memset_io((void __iomem *)(ptr + filesz), 0, memsz - filesz);
		else
			memset(ptr + filesz, 0, memsz - filesz);
	}
	return 0;
}

void load_plain(void *ptr, const u8 *elf_data, size_t filesz)
{
	arm64_memcpy_toio(ptr, elf_data, filesz); /* expect: iomem-address-space */
}

u8 port_inb(unsigned long addr)
{
	return readb(PCI_IOBASE + addr);
}

void port_outb(u8 value, unsigned long addr)
{
	writeb(value, PCI_IOBASE + addr);
	writeb(value, PLAIN_IOBASE + addr); /* expect: iomem-address-space */
}
