// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: commit 103a5348c22c ("mmc: meson-gx: use memcpy_to/fromio for
 * dram-access-quirk"), Neil Armstrong (MMC fixes for v5.13-rc8).
 * File: drivers/mmc/host/meson-gx-mmc.c, meson_mmc_probe(),
 * meson_mmc_start_cmd(), meson_mmc_irq_thread().
 *
 * With dram-access-quirk (G12A SDIO) the bounce buffer is the controller's
 * internal SRAM: probe stores host->regs + SD_EMMC_SRAM_DATA_BUF_OFF (I/O)
 * into the plain void * field host->bounce_buf (sparse: different address
 * spaces), and the request paths later copy into and out of it with
 * sg_copy_to_buffer()/sg_copy_from_buffer(), i.e. memcpy(). The arm64
 * memcpy rewrite made that abort. Fix: a separate __iomem field and
 * memcpy_toio()/memcpy_fromio() per sg entry (meson_mmc_copy_buffer()).
 * (A follow-up, "mmc: meson-gx: do not use memcpy_to/fromio for
 * dram-access-quirk", replaced them by 32-bit writel/readl loops because
 * the SRAM only takes 32-bit accesses.)
 *
 * The two sg_copy_*() calls are joined onto one line each here.
 * Needs: field provenance (bounce_buf is assigned I/O in probe, DMA memory
 * otherwise: maybe-I/O), and rules: memfn sg_copy_to_buffer dst=3,
 * memfn sg_copy_from_buffer src=3.
 */
#include <linux/io.h>
#include <linux/types.h>

#define SD_EMMC_SRAM_DATA_BUF_LEN 1536
#define SD_EMMC_SRAM_DATA_BUF_OFF 0x200

struct scatterlist;
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

size_t sg_copy_to_buffer(struct scatterlist *sgl, unsigned int nents, void *buf, size_t buflen);
size_t sg_copy_from_buffer(struct scatterlist *sgl, unsigned int nents, const void *buf, size_t buflen);
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
