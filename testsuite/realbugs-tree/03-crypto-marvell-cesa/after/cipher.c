// SPDX-License-Identifier: GPL-2.0-only
/* drivers/crypto/marvell/cesa/cipher.c, the standard (non-DMA) request
 * steps (reduced), fixed: the SRAM is written through engine->sram_pool
 * (gen_pool memory) or with the I/O accessors, and the payload goes
 * through mv_cesa_sg_copy_{to,from}_sram(), which do the same. */
#include "cesa.h"

void mv_cesa_skcipher_std_step(struct skcipher_request *req)
{
	struct mv_cesa_skcipher_req *creq = &req->creq;
	struct mv_cesa_skcipher_std_req *sreq = &creq->std;
	struct mv_cesa_engine *engine = creq->engine;
	size_t len = req->cryptlen - sreq->offset;

	if (len > CESA_SA_SRAM_PAYLOAD_SIZE)
		len = CESA_SA_SRAM_PAYLOAD_SIZE;

	if (engine->pool)
		memcpy(engine->sram_pool, &sreq->op, sizeof(sreq->op));
	else
		memcpy_toio(engine->sram, &sreq->op, sizeof(sreq->op));

	len = mv_cesa_sg_copy_to_sram(engine, req->src, creq->src_nents,
				      CESA_SA_DATA_SRAM_OFFSET, len,
				      sreq->offset);

	sreq->size = len;
	if (engine->pool)
		memcpy(engine->sram_pool, &sreq->op, sizeof(sreq->op.desc));
	else
		memcpy_toio(engine->sram, &sreq->op, sizeof(sreq->op.desc));
}

int mv_cesa_skcipher_std_process(struct skcipher_request *req)
{
	struct mv_cesa_skcipher_req *creq = &req->creq;
	struct mv_cesa_skcipher_std_req *sreq = &creq->std;
	struct mv_cesa_engine *engine = creq->engine;
	size_t len;

	len = mv_cesa_sg_copy_from_sram(engine, req->dst, creq->dst_nents,
					CESA_SA_DATA_SRAM_OFFSET, sreq->size,
					sreq->offset);

	sreq->offset += len;
	if (sreq->offset < req->cryptlen)
		return -115;
	return 0;
}
