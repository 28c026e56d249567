// SPDX-License-Identifier: GPL-2.0-only
/* drivers/mmc/host/meson-gx-mmc.c, meson_mmc_probe(), meson_mmc_start_cmd(),
 * meson_mmc_irq_thread() (reduced as testsuite/realbugs/04, the sg_copy_*()
 * calls joined onto one line each), fixed: an __iomem member for the
 * SRAM and memcpy_toio()/memcpy_fromio() per entry in meson_mmc_copy_buffer(). */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>
#include "scatterlist.h"

#define SD_EMMC_SRAM_DATA_BUF_LEN 1536
#define SD_EMMC_SRAM_DATA_BUF_OFF 0x200

struct mmc_data {
	void *addr;	/* stand-in for the sg_mapping_iter of one segment */
};
struct meson_host {
	void __iomem *regs;
	bool dram_access_quirk;
	void *bounce_buf;
	void __iomem *bounce_iomem_buf;
	dma_addr_t bounce_dma_addr;
	unsigned int bounce_buf_size;
};

void *dma_alloc_coherent(void *dev, size_t size, dma_addr_t *handle, int gfp);

int meson_mmc_probe(struct meson_host *host, phys_addr_t res_start, void *dev)
{
	if (host->dram_access_quirk) {
		host->bounce_buf_size = SD_EMMC_SRAM_DATA_BUF_LEN;
		host->bounce_iomem_buf = host->regs + SD_EMMC_SRAM_DATA_BUF_OFF;
		host->bounce_dma_addr = res_start + SD_EMMC_SRAM_DATA_BUF_OFF;
	} else {
		/* data bounce buffer */
		host->bounce_buf_size = 0x10000;
		host->bounce_buf =
			dma_alloc_coherent(dev, host->bounce_buf_size,
					   &host->bounce_dma_addr, 0);
		if (host->bounce_buf == NULL)
			return -1;
	}
	return 0;
}

/* local sg copy to buffer version with _to/fromio usage for dram_access_quirk */
static void meson_mmc_copy_buffer(struct meson_host *host, struct mmc_data *data,
				  size_t buflen, bool to_buffer)
{
	unsigned int offset = 0;
	unsigned int len = buflen;

	/* When dram_access_quirk, the bounce buffer is a iomem mapping */
	if (host->dram_access_quirk) {
		if (to_buffer)
			memcpy_toio(host->bounce_iomem_buf + offset, data->addr, len);
		else
			memcpy_fromio(data->addr, host->bounce_iomem_buf + offset, len);
	} else {
		if (to_buffer)
			memcpy(host->bounce_buf + offset, data->addr, len);
		else
			memcpy(data->addr, host->bounce_buf + offset, len);
	}
}

void meson_mmc_start_cmd(struct meson_host *host, struct mmc_data *data, size_t xfer_bytes)
{
	meson_mmc_copy_buffer(host, data, xfer_bytes, true);
}

void meson_mmc_irq_thread(struct meson_host *host, struct mmc_data *data, size_t xfer_bytes)
{
	meson_mmc_copy_buffer(host, data, xfer_bytes, false);
}
