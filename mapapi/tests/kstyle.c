// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel-style code written against the kernel's names only.  Compiled
 * (never run) with -Wall -Wextra -Werror by gcc and clang, in normal and
 * checker mode, to prove the headers take kernel code unchanged.
 */
#include <linux/compiler_types.h>
#include <linux/dma-buf-map.h>
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/string.h>
#include <linux/types.h>

struct hw_regs {
	u32 ctrl;
	u32 status;
	u64 base;
};

struct cursor {
	u16 x, y;
	s32 hot;
	u8 visible;
};

static void __iomem *mmio;

int kstyle_probe(phys_addr_t phys);
u32 kstyle_poke(struct hw_regs __iomem *regs);
void kstyle_blit(struct iosys_map *dst, const void *src, size_t pitch,
		 unsigned int lines);
u64 kstyle_all(struct iosys_map *map, struct dma_buf_map *old);
void kstyle_remove(void);

int kstyle_probe(phys_addr_t phys)
{
	mmio = ioremap(phys, 0x1000);
	if (!mmio)
		return -1;
	writel(1, mmio + 0x10);
	return readl(mmio + 0x14) & 1;
}

u32 kstyle_poke(struct hw_regs __iomem *regs)
{
	u32 v = readl(&regs->ctrl);

	writel(v | 1, &regs->ctrl);
	writeq(0x1000, &regs->base);
	writel_relaxed(ioread32(&regs->status), &regs->status);
	iowrite16be(ioread16be(mmio), mmio);
	__raw_writeb(__raw_readb(mmio), mmio);
	return readl_relaxed(&regs->status);
}

void kstyle_blit(struct iosys_map *dst, const void *src, size_t pitch,
		 unsigned int lines)
{
	struct iosys_map line = IOSYS_MAP_INIT_OFFSET(dst, 0);
	unsigned int y;

	for (y = 0; y < lines; y++) {
		iosys_map_memcpy_to(&line, 0, src, pitch);
		iosys_map_incr(&line, pitch);
		src = (const u8 *)src + pitch;
	}
}

u64 kstyle_all(struct iosys_map *map, struct dma_buf_map *old)
{
	struct iosys_map sys = IOSYS_MAP_INIT_VADDR(NULL);
	struct iosys_map io = IOSYS_MAP_INIT_VADDR_IOMEM(mmio);
	struct dma_buf_map dmap = DMA_BUF_MAP_INIT_VADDR(NULL);
	u8 buf[16];
	u64 sum = 0;

	iosys_map_set_vaddr(&sys, buf);
	iosys_map_set_vaddr_iomem(&io, mmio);
	if (iosys_map_is_equal(map, &io) || iosys_map_is_null(map))
		return 0;
	if (!iosys_map_is_set(&sys))
		return 1;
	iosys_map_memset(map, 4, 0, 8);
	iosys_map_memcpy_from(buf, map, 0, sizeof(buf));
	iosys_map_wr(map, 0, u32, 0xdeadbeef);
	sum += iosys_map_rd(map, 0, u32);
	sum += iosys_map_rd(map, 8, u64);
	iosys_map_wr_field(map, 16, struct cursor, x, 3);
	iosys_map_wr_field(map, 16, struct cursor, hot, -1);
	sum += iosys_map_rd_field(map, 16, struct cursor, visible);
	sum += iosys_map_rd_field(map, 16, struct cursor, hot);
	iosys_map_clear(&sys);

	dma_buf_map_set_vaddr(&dmap, buf);
	if (dma_buf_map_is_equal(old, &dmap) || !dma_buf_map_is_set(old))
		return sum;
	dma_buf_map_memcpy_to(old, buf, sizeof(buf));
	dma_buf_map_incr(old, sizeof(buf));
	dma_buf_map_set_vaddr_iomem(&dmap, mmio);
	if (dma_buf_map_is_null(&dmap))
		dma_buf_map_clear(&dmap);
	memcpy_fromio(buf, mmio, sizeof(buf));
	memcpy_toio(mmio, buf, sizeof(buf));
	memset_io(mmio, 0, 16);
	readsl(mmio, buf, 4);
	writesw(mmio, buf, 8);
	return sum;
}

void kstyle_remove(void)
{
	iounmap(mmio);
	mmio = NULL;
}
