// SPDX-License-Identifier: GPL-2.0-only
/* drivers/crypto/marvell/cesa/hash.c, mv_cesa_ahash_std_step() (reduced),
 * fixed as cipher.c is. */
#include "cesa.h"

void mv_cesa_ahash_std_step(struct ahash_request *req)
{
	struct mv_cesa_ahash_req *creq = &req->creq;
	struct mv_cesa_engine *engine = creq->engine;
	size_t len;

	if (engine->pool)
		memcpy(engine->sram_pool, &creq->op_tmpl,
		       sizeof(creq->op_tmpl));
	else
		memcpy_toio(engine->sram, &creq->op_tmpl,
			    sizeof(creq->op_tmpl));

	if (creq->cache_ptr) {
		if (engine->pool)
			memcpy(engine->sram_pool + CESA_SA_DATA_SRAM_OFFSET,
			       creq->cache, creq->cache_ptr);
		else
			memcpy_toio(engine->sram + CESA_SA_DATA_SRAM_OFFSET,
				    creq->cache, creq->cache_ptr);
	}

	len = req->nbytes + creq->cache_ptr - creq->offset;
	if (len > CESA_SA_SRAM_PAYLOAD_SIZE)
		len = CESA_SA_SRAM_PAYLOAD_SIZE;

	if (len - creq->cache_ptr)
		creq->offset += mv_cesa_sg_copy_to_sram(
			engine, req->src, creq->src_nents,
			CESA_SA_DATA_SRAM_OFFSET + creq->cache_ptr,
			len - creq->cache_ptr, creq->offset);
}
