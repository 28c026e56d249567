// SPDX-License-Identifier: GPL-2.0-only
/* drivers/remoteproc/remoteproc_coredump.c, rproc_copy_segment() (reduced):
 * a coredump copies the remote processor's memory out. */
#include "remoteproc_internal.h"

void rproc_copy_segment(struct rproc *rproc, void *dest,
			struct rproc_dump_segment *segment,
			size_t offset, size_t size)
{
	void *ptr;
	bool is_iomem;

	if (segment->dump) {
		segment->dump(rproc, segment, dest, offset, size);
	} else {
		ptr = rproc_da_to_va(rproc, segment->da + offset, size, &is_iomem);
		if (!ptr) {
			memset(dest, 0xff, size);
		} else {
			if (is_iomem)
				memcpy_fromio(dest, ptr, size); /* expect: iomem-address-space */
			else
				memcpy(dest, ptr, size);
		}
	}
}
