// SPDX-License-Identifier: GPL-2.0-only
/* drivers/scsi/qla2xxx/qla_mr.c, qlafx00_config_queues() (reduced): on
 * ISPFx00 the request ring is device memory, ha->iobase + an offset, with
 * the __iomem cast away. */
#include "qla_def.h"

int qlafx00_config_queues(struct qla_hw_data *ha)
{
	struct req_que *req = ha->req_q_map[0];

	req->length = ha->req_que_len;
	req->ring = (void __force *)ha->iobase + ha->req_que_off;
	if ((!req->ring) || (req->length == 0))
		return QLA_FUNCTION_FAILED;
	return QLA_SUCCESS;
}
