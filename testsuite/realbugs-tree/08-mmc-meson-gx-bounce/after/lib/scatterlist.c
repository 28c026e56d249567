// SPDX-License-Identifier: GPL-2.0
/* lib/scatterlist.c, sg_copy_buffer() and its two wrappers (reduced: the
 * mapping iterator walks the entries directly). The copy is a memcpy():
 * buf must be system memory. */
#include <linux/string.h>
#include "scatterlist.h"

static size_t sg_copy_buffer(struct scatterlist *sgl, unsigned int nents,
			     void *buf, size_t buflen, bool to_buffer)
{
	unsigned int offset = 0;
	unsigned int i;

	for (i = 0; i < nents && offset < buflen; i++) {
		unsigned int len = sgl[i].length;

		if (len > buflen - offset)
			len = buflen - offset;
		if (to_buffer)
			memcpy(buf + offset, sgl[i].addr, len);
		else
			memcpy(sgl[i].addr, buf + offset, len);
		offset += len;
	}
	return offset;
}

size_t sg_copy_from_buffer(struct scatterlist *sgl, unsigned int nents,
			   const void *buf, size_t buflen)
{
	return sg_copy_buffer(sgl, nents, (void *)buf, buflen, false);
}

size_t sg_copy_to_buffer(struct scatterlist *sgl, unsigned int nents,
			 void *buf, size_t buflen)
{
	return sg_copy_buffer(sgl, nents, buf, buflen, true);
}
