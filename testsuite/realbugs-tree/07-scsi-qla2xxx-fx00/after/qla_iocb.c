// SPDX-License-Identifier: GPL-2.0-only
/* drivers/scsi/qla2xxx/qla_iocb.c, __qla2x00_alloc_iocbs() (reduced: the
 * handle and queue-space bookkeeping is dropped): the next slot is cleared
 * and its header written. */
#include "qla_def.h"

request_t *
__qla2x00_alloc_iocbs(struct qla_qpair *qpair, uint32_t handle, uint16_t req_cnt)
{
	struct qla_hw_data *ha = qpair->hw;
	struct req_que *req = qpair->req;
	request_t *pkt;

	req->cnt -= req_cnt;
	pkt = qla_req_ring_slot(ha, req);
	if (IS_QLAFX00(ha)) {
		memset_io((void __iomem __force *)pkt, 0,
			  qla_req_entry_size(ha));
		wrt_reg_byte((u8 __force __iomem *)&pkt->entry_count, req_cnt);
		wrt_reg_dword((__le32 __force __iomem *)&pkt->handle, handle);
	} else {
		memset(pkt, 0, qla_req_entry_size(ha));
		pkt->entry_count = req_cnt;
		pkt->handle = handle;
	}
	return pkt;
}
