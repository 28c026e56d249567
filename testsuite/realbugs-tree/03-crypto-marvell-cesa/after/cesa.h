/* SPDX-License-Identifier: GPL-2.0-only */
/* drivers/crypto/marvell/cesa/cesa.h, reduced. */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>
#include "scatterlist.h"

#define CESA_SA_DATA_SRAM_OFFSET	0x80
#define CESA_SA_CRYPT_IV_SRAM_OFFSET	0x60
#define CESA_SA_SRAM_PAYLOAD_SIZE	(2048 - CESA_SA_DATA_SRAM_OFFSET)

struct gen_pool;
struct mv_cesa_op_ctx {
	u32 desc[8];
};
struct mv_cesa_engine {
	int id;
	void __iomem *regs;
	union {
		void __iomem *sram;
		void *sram_pool;
	};
	dma_addr_t sram_dma;
	struct gen_pool *pool;
};
struct mv_cesa_dev {
	struct mv_cesa_engine *engines;
	size_t sram_size;
};
struct mv_cesa_skcipher_std_req {
	struct mv_cesa_op_ctx op;
	unsigned int offset;
	unsigned int size;
};
struct mv_cesa_skcipher_req {
	struct mv_cesa_engine *engine;
	struct mv_cesa_skcipher_std_req std;
	int src_nents;
	int dst_nents;
};
struct skcipher_request {
	struct scatterlist *src;
	struct scatterlist *dst;
	unsigned int cryptlen;
	struct mv_cesa_skcipher_req creq;
};
struct mv_cesa_ahash_req {
	struct mv_cesa_engine *engine;
	struct mv_cesa_op_ctx op_tmpl;
	unsigned int offset;
	unsigned int cache_ptr;
	u8 cache[64];
	int src_nents;
};
struct ahash_request {
	struct scatterlist *src;
	unsigned int nbytes;
	struct mv_cesa_ahash_req creq;
};

size_t mv_cesa_sg_copy(struct mv_cesa_engine *engine,
		       struct scatterlist *sgl, unsigned int nents,
		       unsigned int sram_off, size_t buflen, off_t skip,
		       bool to_sram);

static inline size_t mv_cesa_sg_copy_to_sram(struct mv_cesa_engine *engine,
					     struct scatterlist *sgl,
					     unsigned int nents,
					     unsigned int sram_off,
					     size_t buflen, off_t skip)
{
	return mv_cesa_sg_copy(engine, sgl, nents, sram_off, buflen, skip,
			       true);
}

static inline size_t mv_cesa_sg_copy_from_sram(struct mv_cesa_engine *engine,
					       struct scatterlist *sgl,
					       unsigned int nents,
					       unsigned int sram_off,
					       size_t buflen, off_t skip)
{
	return mv_cesa_sg_copy(engine, sgl, nents, sram_off, buflen, skip,
			       false);
}

int mv_cesa_get_sram(struct mv_cesa_dev *cesa, int idx);
void mv_cesa_skcipher_std_step(struct skcipher_request *req);
int mv_cesa_skcipher_std_process(struct skcipher_request *req);
void mv_cesa_ahash_std_step(struct ahash_request *req);
