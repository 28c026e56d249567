// SPDX-License-Identifier: GPL-2.0-only
/* drivers/crypto/marvell/cesa/cesa.c, mv_cesa_get_sram() (reduced): the
 * engine's SRAM comes from a gen_pool (system-memory view) or, without
 * one, from the "sram" resource, ioremapped into the same member. */
#include "cesa.h"

struct gen_pool *of_gen_pool_get(struct mv_cesa_dev *cesa, int idx);
void *gen_pool_dma_alloc(struct gen_pool *pool, size_t size, dma_addr_t *dma);
void __iomem *devm_ioremap_resource(struct mv_cesa_dev *cesa, int idx);

int mv_cesa_get_sram(struct mv_cesa_dev *cesa, int idx)
{
	struct mv_cesa_engine *engine = &cesa->engines[idx];

	engine->pool = of_gen_pool_get(cesa, idx);
	if (engine->pool) {
		engine->sram_pool = gen_pool_dma_alloc(engine->pool,
						       cesa->sram_size,
						       &engine->sram_dma);
		if (engine->sram_pool)
			return 0;

		engine->pool = NULL;
	}

	engine->sram = devm_ioremap_resource(cesa, idx);
	if (!engine->sram)
		return -12;
	return 0;
}
