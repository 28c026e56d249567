// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit e6599adfad30 ("media: mtk-vpu: avoid unaligned access to
 * DTCM buffer."): recv_buf/send_buf are struct share_obj __iomem *, all
 * accesses use I/O accessors, handlers get a system-memory copy (and the
 * handler type takes const void *).
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
typedef void (*ipi_handler_t) (const void *data, unsigned int len, void *priv);
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
	struct share_obj __iomem *recv_buf;
	struct share_obj __iomem *send_buf;
	struct device *dev;
	bool ipi_id_ack[IPI_MAX];
};

void dev_err(struct device *dev, const char *fmt, ...);
void wake_up_ack(struct mtk_vpu *vpu);

static void vpu_ipi_handler(struct mtk_vpu *vpu)
{
	struct share_obj __iomem *rcv_obj = vpu->recv_buf;
	struct vpu_ipi_desc *ipi_desc = vpu->ipi_desc;
	unsigned char data[SHARE_BUF_SIZE];
	s32 id = readl(&rcv_obj->id);

	memcpy_fromio(data, rcv_obj->share_buf, sizeof(data));
	if (id < IPI_MAX && ipi_desc[id].handler) {
		ipi_desc[id].handler(data, readl(&rcv_obj->len),
				     ipi_desc[id].priv);
		if (id > IPI_VPU_INIT) {
			vpu->ipi_id_ack[id] = true;
			wake_up_ack(vpu);
		}
	} else {
		dev_err(vpu->dev, "No such ipi id = %d\n", id);
	}
}

static int vpu_ipi_init(struct mtk_vpu *vpu)
{
	/* shared buffer initialization */
	vpu->recv_buf = vpu->reg.tcm + VPU_DTCM_OFFSET;
	vpu->send_buf = vpu->recv_buf + 1;
	memset_io(vpu->recv_buf, 0, sizeof(struct share_obj));
	memset_io(vpu->send_buf, 0, sizeof(struct share_obj));

	return 0;
}

int vpu_ipi_send(struct mtk_vpu *vpu, int id, void *buf, unsigned int len)
{
	struct share_obj __iomem *send_obj = vpu->send_buf;

	memcpy_toio(send_obj->share_buf, buf, len);
	writel(len, &send_obj->len);
	writel(id, &send_obj->id);

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
