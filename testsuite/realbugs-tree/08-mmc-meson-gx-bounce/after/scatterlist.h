/* SPDX-License-Identifier: GPL-2.0 */
/* include/linux/scatterlist.h, reduced: the copy helpers of lib/scatterlist.c. */
#include <linux/types.h>

struct scatterlist {
	void *addr;
	unsigned int length;
};

size_t sg_copy_from_buffer(struct scatterlist *sgl, unsigned int nents,
			   const void *buf, size_t buflen);
size_t sg_copy_to_buffer(struct scatterlist *sgl, unsigned int nents,
			 void *buf, size_t buflen);
