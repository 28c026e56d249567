// SPDX-License-Identifier: GPL-2.0-only
/* drivers/remoteproc/imx_rproc.c, imx_rproc_da_to_va() (reduced): the
 * remote processor's memories are ioremapped at probe; da_to_va() hands
 * out a __force'd pointer into them. */
#include "remoteproc_internal.h"

#define IMX_RPROC_MEM_MAX	8

struct imx_rproc_mem {
	void __iomem *cpu_addr;
	phys_addr_t sys_addr;
	size_t size;
};
struct imx_rproc {
	struct imx_rproc_mem mem[IMX_RPROC_MEM_MAX];
};

static void *imx_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem)
{
	struct imx_rproc *priv = rproc->priv;
	void *va = NULL;
	int i;

	for (i = 0; i < IMX_RPROC_MEM_MAX; i++) {
		if (da >= priv->mem[i].sys_addr && da + len <=
		    priv->mem[i].sys_addr + priv->mem[i].size) {
			unsigned int offset = da - priv->mem[i].sys_addr;
			/* __force to make sparse happy with type conversion */
			va = (__force void *)(priv->mem[i].cpu_addr + offset);
			if (is_iomem)
				*is_iomem = true;
			break;
		}
	}
	return va;
}

const struct rproc_ops imx_rproc_ops = {
	.da_to_va	= imx_rproc_da_to_va,
};
