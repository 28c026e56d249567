// SPDX-License-Identifier: GPL-2.0-only
/* drivers/scsi/qla2xxx/qla_init.c, qla2x00_init_rings() (reduced): the
 * producer pointer starts at the ring. */
#include "qla_def.h"

void qla2x00_init_rings(struct qla_hw_data *ha)
{
	struct req_que *req = ha->req_q_map[0];

	req->ring_ptr  = req->ring;
	req->ring_index    = 0;
	req->cnt      = req->length;
}
