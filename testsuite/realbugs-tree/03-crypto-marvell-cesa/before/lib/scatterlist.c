// SPDX-License-Identifier: GPL-2.0
/* lib/scatterlist.c, sg_pcopy_buffer() and its two wrappers (reduced: the
 * mapping iterator walks the entries directly). The helpers copy with
 * memcpy(): buf must be system memory. */
#include <linux/string.h>
#include "scatterlist.h"

static size_t sg_pcopy_buffer(struct scatterlist *sgl, unsigned int nents,
			      void *buf, size_t buflen, off_t skip,
			      bool to_buffer)
{
	unsigned int offset = 0;
	unsigned int i;

	for (i = 0; i < nents && offset < buflen; i++) {
		struct scatterlist *sg = &sgl[i];
		unsigned int len = sg->length;

		if (skip >= len) {
			skip -= len;
			continue;
		}
		len -= skip;
		if (len > buflen - offset)
			len = buflen - offset;
		if (to_buffer)
			memcpy(buf + offset, sg->addr + skip, len);
		else
			memcpy(sg->addr + skip, buf + offset, len);
		offset += len;
		skip = 0;
	}
	return offset;
}

size_t sg_pcopy_from_buffer(struct scatterlist *sgl, unsigned int nents,
			    const void *buf, size_t buflen, off_t skip)
{
	return sg_pcopy_buffer(sgl, nents, (void *)buf, buflen, skip, false);
}

size_t sg_pcopy_to_buffer(struct scatterlist *sgl, unsigned int nents,
			  void *buf, size_t buflen, off_t skip)
{
	return sg_pcopy_buffer(sgl, nents, buf, buflen, skip, true);
}
