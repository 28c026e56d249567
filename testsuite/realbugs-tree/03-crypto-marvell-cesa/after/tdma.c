// SPDX-License-Identifier: GPL-2.0-only
/* drivers/crypto/marvell/cesa/tdma.c, mv_cesa_sg_copy(), added by the fix
 * (reduced: the mapping iterator walks the entries directly): the copy
 * into or out of SRAM picks memcpy() or the I/O accessors by engine->pool. */
#include "cesa.h"

static void mv_cesa_sram_copy(struct mv_cesa_engine *engine,
			      unsigned int off, void *addr, unsigned int len,
			      bool to_sram)
{
	if (to_sram) {
		if (engine->pool)
			memcpy(engine->sram_pool + off, addr, len);
		else
			memcpy_toio(engine->sram + off, addr, len);
	} else {
		if (engine->pool)
			memcpy(addr, engine->sram_pool + off, len);
		else
			memcpy_fromio(addr, engine->sram + off, len);
	}
}

size_t mv_cesa_sg_copy(struct mv_cesa_engine *engine,
		       struct scatterlist *sgl, unsigned int nents,
		       unsigned int sram_off, size_t buflen, off_t skip,
		       bool to_sram)
{
	unsigned int offset = 0;
	unsigned int i;

	for (i = 0; i < nents && offset < buflen; i++) {
		unsigned int len = sgl[i].length;

		if (skip >= len) {
			skip -= len;
			continue;
		}
		len -= skip;
		if (len > buflen - offset)
			len = buflen - offset;
		mv_cesa_sram_copy(engine, sram_off + offset,
				  sgl[i].addr + skip, len, to_sram);
		offset += len;
		skip = 0;
	}
	return offset;
}
