// SPDX-License-Identifier: GPL-2.0-only
/* drivers/remoteproc/remoteproc_core.c, rproc_da_to_va() (reduced): the
 * driver's da_to_va() operation, through a function pointer. */
#include "remoteproc_internal.h"

void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem)
{
	if (!rproc->ops->da_to_va)
		return NULL;
	return rproc->ops->da_to_va(rproc, da, len, is_iomem);
}
