/*
 * iomem-memfn: mem*()/str*() on __iomem pointers and on plain pointers that
 * hold I/O memory.
 */
#include <linux/io.h>
#include <linux/types.h>

void to_io(void __iomem *dst, const void *src, size_t n)
{
	memcpy(dst, src, n); /* expect: iomem-memfn fix: "memcpy_toio(dst, src, n)" */
}

void from_io(void *dst, const void __iomem *src, size_t n)
{
	memcpy(dst, src, n); /* expect: iomem-memfn fix: "memcpy_fromio(dst, src, n)" */
}

void clear_io(void __iomem *dst, size_t n)
{
	memset(dst, 0, n); /* expect: iomem-memfn fix: "memset_io(dst, 0, n)" */
}

void io_to_io(void __iomem *dst, const void __iomem *src, size_t n)
{
	memcpy(dst, src, n); /* expect: iomem-memfn fix: none */
}

void via_local(unsigned long phys, size_t n)
{
	void *p = ioremap(phys, n); /* expect: iomem-address-space */

	memset(p, 0, n); /* expect: iomem-memfn fix: none */
}

void offset_into_io(u8 __iomem *regs, const void *src, size_t n)
{
	memcpy(regs + 0x100, src, n); /* expect: iomem-memfn */
}

void accessors_are_fine(void __iomem *dst, void *buf, size_t n)
{
	memcpy_toio(dst, buf, n);
	memcpy_fromio(buf, dst, n);
	memset_io(dst, 0, n);
	memset(buf, 0, n);
}

/* The helper's I/O memory reaches the caller through its summary: the
 * caller itself mentions neither __iomem nor an I/O source. */
static void *map_regs(unsigned long phys, size_t n)
{
	return ioremap(phys, n); /* expect: iomem-address-space */
}

void via_helper(unsigned long phys, size_t n)
{
	void *p = map_regs(phys, n);

	memset(p, 0, n); /* expect: iomem-memfn fix: none */
}
