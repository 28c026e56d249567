// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: commit e6599adfad30 ("media: mtk-vpu: avoid unaligned access to
 * DTCM buffer."), Hsin-Yi Wang (id from the Fixes: tag of a
 * later mtk-vpu fix; patch v3: <20200225172437.106679-1-hsinyi@chromium.org>,
 * the merged v4 is what after.c reduces).
 * File: drivers/media/platform/mtk-vpu/mtk_vpu.c: vpu_ipi_init(),
 * vpu_ipi_handler(), vpu_ipi_send().
 *
 * The IPC buffers live in the VPU's DTCM, ioremapped into vpu->reg.tcm
 * (void __iomem *). vpu_ipi_init() laundered that through
 * (__force struct share_obj *) into the plain fields recv_buf/send_buf and
 * cleared them with memset(); the IRQ path read rcv_obj->id/len with plain
 * loads and the send path wrote with memcpy() and plain stores. DTCM does
 * not take unaligned accesses: strscpy()'s word reads crashed the kernel.
 * Fix: the fields become struct share_obj __iomem *, every access uses
 * readl()/writel()/memcpy_fromio()/memcpy_toio()/memset_io(), and the
 * handlers get a copy in system memory.
 *
 * Needs: forced-cast provenance and struct-field provenance (assigned in
 * vpu_ipi_init(), used in two other functions; send_buf = recv_buf + 1).
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

#define SHARE_BUF_SIZE	48
#define IPI_MAX		16
#define IPI_VPU_INIT	0
#define VPU_DTCM_OFFSET	0x18000UL

struct device;
struct share_obj {
	s32 id;
	u32 len;
	unsigned char share_buf[SHARE_BUF_SIZE];
};
typedef void (*ipi_handler_t) (void *data, unsigned int len, void *priv);
struct vpu_ipi_desc {
	ipi_handler_t handler;
	void *priv;
};
struct vpu_regs {
	void __iomem *tcm;
	void __iomem *cfg;
};
struct mtk_vpu {
	struct vpu_regs reg;
	struct vpu_ipi_desc ipi_desc[IPI_MAX];
	struct share_obj *recv_buf;
	struct share_obj *send_buf;
	struct device *dev;
	bool ipi_id_ack[IPI_MAX];
};

void dev_err(struct device *dev, const char *fmt, ...);
void wake_up_ack(struct mtk_vpu *vpu);

static void vpu_ipi_handler(struct mtk_vpu *vpu)
{
	struct share_obj *rcv_obj = vpu->recv_buf;
	struct vpu_ipi_desc *ipi_desc = vpu->ipi_desc;

	if (rcv_obj->id < IPI_MAX && ipi_desc[rcv_obj->id].handler) { /* expect: iomem-forced-access, expect: iomem-forced-access */
		ipi_desc[rcv_obj->id].handler(rcv_obj->share_buf, /* expect: iomem-forced-access */
					      rcv_obj->len, /* expect: iomem-forced-access */
					      ipi_desc[rcv_obj->id].priv); /* expect: iomem-forced-access */
		if (rcv_obj->id > IPI_VPU_INIT) { /* expect: iomem-forced-access */
			vpu->ipi_id_ack[rcv_obj->id] = true; /* expect: iomem-forced-access */
			wake_up_ack(vpu);
		}
	} else {
		dev_err(vpu->dev, "No such ipi id = %d\n", rcv_obj->id); /* expect: iomem-forced-access */
	}
}

static int vpu_ipi_init(struct mtk_vpu *vpu)
{
	/* shared buffer initialization */
	vpu->recv_buf = (__force struct share_obj *)(vpu->reg.tcm +
						     VPU_DTCM_OFFSET);
	vpu->send_buf = vpu->recv_buf + 1;
	memset(vpu->recv_buf, 0, sizeof(struct share_obj)); /* expect: iomem-forced-access */
	memset(vpu->send_buf, 0, sizeof(struct share_obj)); /* expect: iomem-forced-access */

	return 0;
}

int vpu_ipi_send(struct mtk_vpu *vpu, int id, void *buf, unsigned int len)
{
	struct share_obj *send_obj = vpu->send_buf;

	memcpy((void *)send_obj->share_buf, buf, len); /* expect: iomem-forced-access */
	send_obj->len = len; /* expect: iomem-forced-access */
	send_obj->id = id; /* expect: iomem-forced-access */

	vpu->ipi_id_ack[id] = false;
	return 0;
}

int mtk_vpu_probe(struct mtk_vpu *vpu, phys_addr_t tcm, phys_addr_t cfg)
{
	vpu->reg.tcm = ioremap(tcm, 0x20000);
	vpu->reg.cfg = ioremap(cfg, 0x1000);
	return vpu_ipi_init(vpu);
}

void vpu_irq_handler(struct mtk_vpu *vpu)
{
	vpu_ipi_handler(vpu);
}
