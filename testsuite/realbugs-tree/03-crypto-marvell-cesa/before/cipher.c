// SPDX-License-Identifier: GPL-2.0-only
/* drivers/crypto/marvell/cesa/cipher.c, the standard (non-DMA) request
 * steps (reduced): the payload goes into and comes out of the engine's
 * SRAM through the scatterlist copy helpers of lib/scatterlist.c. */
#include "cesa.h"

void mv_cesa_skcipher_std_step(struct skcipher_request *req)
{
	struct mv_cesa_skcipher_req *creq = &req->creq;
	struct mv_cesa_skcipher_std_req *sreq = &creq->std;
	struct mv_cesa_engine *engine = creq->engine;
	size_t len = req->cryptlen - sreq->offset;

	if (len > CESA_SA_SRAM_PAYLOAD_SIZE)
		len = CESA_SA_SRAM_PAYLOAD_SIZE;

	memcpy_toio(engine->sram, &sreq->op, sizeof(sreq->op));

	len = sg_pcopy_to_buffer(req->src, creq->src_nents,
				 engine->sram + CESA_SA_DATA_SRAM_OFFSET, /* expect: iomem-memfn */
				 len, sreq->offset);

	sreq->size = len;
	memcpy_toio(engine->sram, &sreq->op, sizeof(sreq->op.desc));
}

int mv_cesa_skcipher_std_process(struct skcipher_request *req)
{
	struct mv_cesa_skcipher_req *creq = &req->creq;
	struct mv_cesa_skcipher_std_req *sreq = &creq->std;
	struct mv_cesa_engine *engine = creq->engine;
	size_t len;

	len = sg_pcopy_from_buffer(req->dst, creq->dst_nents,
				   engine->sram + CESA_SA_DATA_SRAM_OFFSET, /* expect: iomem-memfn */
				   sreq->size, sreq->offset);

	sreq->offset += len;
	if (sreq->offset < req->cryptlen)
		return -115;
	return 0;
}
