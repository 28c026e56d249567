// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit 94963138cce2 ("dmaengine: altera-msgdma: Use memcpy_toio
 * for descriptor FIFO writes"), Adrian Ng Ho Yin / Tze Yee Ng, 2026, as
 * listed in vkoul/dmaengine.git "next" (not yet in a Linus release when
 * found; patch v2 "[PATCH v2] dma: altera-msgdma: Use memcpy_toio for
 * descriptor FIFO writes" on dmaengine@vger.kernel.org, 2026-05-25).
 * File: drivers/dma/altera-msgdma.c, msgdma_copy_one().
 *
 * The descriptor FIFO is MMIO (mdev->desc, void __iomem *), but the body of
 * each descriptor was pushed with memcpy((void __force *)hw_desc, ...): the
 * __force silences sparse and the plain memcpy() gives no guarantee of
 * access width or order on MMIO. Fix: memcpy_toio() of everything but the
 * control word, which is still written last with iowrite32().
 *
 * The memcpy() call is joined onto one line here. Needs: forced-cast
 * provenance (the pointer is I/O memory that went through __force).
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

#define MSGDMA_CSR_STATUS		0x00
#define MSGDMA_CSR_STAT_DESC_BUF_FULL	(1 << 2)
#define wmb()	__asm__ __volatile__("" : : : "memory")

struct msgdma_extended_desc {
	u32 read_addr_lo;
	u32 write_addr_lo;
	u32 len;
	u32 burst_seq_num;
	u32 stride;
	u32 read_addr_hi;
	u32 write_addr_hi;
	u32 control;
};
struct msgdma_sw_desc {
	struct msgdma_extended_desc hw_desc;
};
struct msgdma_device {
	void __iomem *csr;
	void __iomem *desc;
	bool idle;
};

void mdelay(unsigned long ms);

static void msgdma_copy_one(struct msgdma_device *mdev,
			    struct msgdma_sw_desc *desc)
{
	void __iomem *hw_desc = mdev->desc;

	/*
	 * Check if the DESC FIFO it not full. If its full, we need to wait
	 * for at least one entry to become free again
	 */
	while (ioread32(mdev->csr + MSGDMA_CSR_STATUS) &
	       MSGDMA_CSR_STAT_DESC_BUF_FULL)
		mdelay(1);

	memcpy_toio(hw_desc, &desc->hw_desc,
		    offsetof(struct msgdma_extended_desc, control));

	/* Write control word last to flush this descriptor into the FIFO */
	mdev->idle = false;
	wmb();
	iowrite32(desc->hw_desc.control, hw_desc +
		  offsetof(struct msgdma_extended_desc, control));
	wmb();
}

void msgdma_start_transfer(struct msgdma_device *mdev, struct msgdma_sw_desc *desc)
{
	msgdma_copy_one(mdev, desc);
}
