// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by "mtd: onenand: samsung: Fix iomem access with regular memcpy",
 * Krzysztof Kozlowski, merged for v5.5-rc6 (mtd fixes); commit id not
 * found, patch: https://lore.kernel.org/r/20200103164158.4265-1-krzk@kernel.org
 * File: drivers/mtd/nand/onenand/samsung_mtd.c, s5pc110_read_bufferram()
 * (the DMA path is reduced to a call).
 *
 * p points into the OneNAND BufferRAM (this->base, void __iomem *) but was
 * read with memcpy(), and for partial pages p was even re-pointed at the
 * kernel page_buf (an implicit plain -> __iomem conversion), so one memcpy
 * served both address spaces. Reported by sparse (kbuild robot). Fix:
 * memcpy_fromio() from the BufferRAM, plain memcpy() from page_buf.
 * Typed __iomem pointer: the tool should already find these.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

#define ONENAND_DATARAM	0x0200
struct onenand_chip {
	void __iomem *base;
	unsigned char *page_buf;
	unsigned int writesize;
	int bufferram_index;
};
struct mtd_info {
	struct onenand_chip *priv;
	unsigned int writesize;
	unsigned int oobsize;
};
#define ONENAND_CURRENT_BUFFERRAM(this)	((this)->bufferram_index)

int s5pc110_dma_read(struct mtd_info *mtd, void __iomem *p, void *buf, size_t count);

int s5pc110_read_bufferram(struct mtd_info *mtd, int area,
		unsigned char *buffer, int offset, size_t count)
{
	struct onenand_chip *this = mtd->priv;
	void __iomem *p;
	void *buf = (void *) buffer;

	p = this->base + area;
	if (ONENAND_CURRENT_BUFFERRAM(this)) {
		if (area == ONENAND_DATARAM)
			p += this->writesize;
		else
			p += mtd->oobsize;
	}

	if (offset & 3 || (size_t) buf & 3 || count != mtd->writesize)
		goto normal;

	if (!s5pc110_dma_read(mtd, p, buf, count))
		return 0;

normal:
	if (count != mtd->writesize) {
		/* Copy the bufferram to memory to prevent unaligned access */
		memcpy_fromio(this->page_buf, p, mtd->writesize);
		memcpy(buffer, this->page_buf + offset, count);
	} else {
		memcpy_fromio(buffer, p, count);
	}

	return 0;
}
