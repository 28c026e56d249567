// SPDX-License-Identifier: GPL-2.0-only
/* drivers/mmc/host/meson-gx-mmc.c, meson_mmc_probe(), meson_mmc_start_cmd(),
 * meson_mmc_irq_thread() (reduced as testsuite/realbugs/04, the sg_copy_*()
 * calls joined onto one line each): the bounce buffer is the
 * controller's SRAM with dram-access-quirk (I/O, stored in a plain void *
 * member) and goes to
 * sg_copy_to_buffer()/sg_copy_from_buffer(), which memcpy() in
 * lib/scatterlist.c. */
#include <linux/io.h>
#include <linux/types.h>
#include "scatterlist.h"

#define SD_EMMC_SRAM_DATA_BUF_LEN 1536
#define SD_EMMC_SRAM_DATA_BUF_OFF 0x200

struct mmc_data {
	struct scatterlist *sg;
	unsigned int sg_len;
};
struct meson_host {
	void __iomem *regs;
	bool dram_access_quirk;
	void *bounce_buf;
	dma_addr_t bounce_dma_addr;
	unsigned int bounce_buf_size;
};

void *dma_alloc_coherent(void *dev, size_t size, dma_addr_t *handle, int gfp);

int meson_mmc_probe(struct meson_host *host, phys_addr_t res_start, void *dev)
{
	if (host->dram_access_quirk) {
		host->bounce_buf_size = SD_EMMC_SRAM_DATA_BUF_LEN;
		host->bounce_buf = host->regs + SD_EMMC_SRAM_DATA_BUF_OFF; /* expect: iomem-address-space */
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

void meson_mmc_start_cmd(struct meson_host *host, struct mmc_data *data, size_t xfer_bytes)
{
	sg_copy_to_buffer(data->sg, data->sg_len, host->bounce_buf, xfer_bytes); /* expect: iomem-memfn */
}

void meson_mmc_irq_thread(struct meson_host *host, struct mmc_data *data, size_t xfer_bytes)
{
	sg_copy_from_buffer(data->sg, data->sg_len, host->bounce_buf, xfer_bytes); /* expect: iomem-memfn */
}
