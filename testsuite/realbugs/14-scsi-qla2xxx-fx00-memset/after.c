// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by "scsi: qla2xxx: Use memset_io() to clear QLAFX00 request ring
 * slot", Nilesh Javali, patch v3 66/88 of the 2026 qla2xxx series
 * (<20260707055435.2680300-67-njavali@marvell.com>, linux-scsi). In
 * mkp/scsi.git for-next as 626e44f3d8a9 at the 2026-08-07 push; the branch
 * was rebased several times (other ids for the same patch: 6ee6dfd922fa,
 * 1734944782b4, ...), no Linus-tree id found.
 * Files: drivers/scsi/qla2xxx/qla_iocb.c, __qla2x00_alloc_iocbs();
 * qla_mr.c, qlafx00_config_queues(); qla_init.c, qla2x00_init_rings().
 *
 * For ISPFx00 the request ring is not DMA memory but device memory:
 * qlafx00_config_queues() points req->ring at ha->iobase + req_que_off and
 * launders the __iomem away with (void __force *); the producer pointer
 * req->ring_ptr walks that ring. __qla2x00_alloc_iocbs() cleared the slot
 * with a plain memset() for every adapter (DC ZVA / unaligned stores on
 * Device memory: synchronous external abort on arm64), while the FX00
 * header fields were already written with wrt_reg_*() on __force casts.
 * Fix: memset_io() on the FX00 branch, plain memset() on the others.
 *
 * Reduced: the handle/queue-space bookkeeping of __qla2x00_alloc_iocbs()
 * is dropped, wrt_reg_*() are prototypes, qla_req_entry_size() is written
 * from its use (64 or 128 bytes), the IS_*() macros test a stand-in flag.
 * Needs: forced-cast provenance through a struct member (req->ring,
 * assigned in qlafx00_config_queues(), copied to req->ring_ptr in
 * qla2x00_init_rings()) and through the return of a static inline helper
 * (qla_req_ring_slot()). No rules entry: the I/O pointer is a typed
 * __iomem member (ha->iobase).
 *
 * No markers. The memset() and plain stores on the else branch run only
 * for adapters whose ring is dma_alloc_coherent() memory; a
 * path-insensitive member summary cannot tell, so the tool may report them
 * (false positives). Upstream review (Sashiko) notes that qla_mr.c's
 * qlafx00_tm_iocb() etc. still memcpy() into the same ring; those
 * functions are not part of this reduction.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

#define REQUEST_ENTRY_SIZE	64
#define REQUEST_ENTRY_SIZE_EXT	128
#define QLA_SUCCESS		0
#define QLA_FUNCTION_FAILED	0x102

typedef union { u32 isp24[64]; } device_reg_t;	/* stand-in */
typedef struct {
	uint8_t entry_type;
	uint8_t entry_count;
	uint8_t sys_define;
	uint8_t entry_status;
	uint32_t handle;
	uint8_t data[52];
	uint32_t signature;
} request_t;
struct req_que {
	request_t *ring;
	request_t *ring_ptr;
	void *ring_ext_ptr;
	uint16_t ring_index;
	uint16_t length;
	uint16_t cnt;
};
struct qla_hw_data {
	device_reg_t __iomem *iobase;
	uint32_t req_que_off;
	uint32_t req_que_len;
	bool fx00, isp29xx;
	struct req_que *req_q_map[1];
};
struct qla_qpair { struct qla_hw_data *hw; struct req_que *req; };
#define IS_QLAFX00(ha)	((ha)->fx00)
#define IS_QLA29XX(ha)	((ha)->isp29xx)

void wrt_reg_byte(volatile u8 __iomem *addr, u8 data);
void wrt_reg_dword(volatile __le32 __iomem *addr, u32 data);

static inline void *
qla_req_ring_slot(struct qla_hw_data *ha, struct req_que *req)
{
	return IS_QLA29XX(ha) ? (void *)req->ring_ext_ptr
			      : (void *)req->ring_ptr;
}

static inline size_t qla_req_entry_size(struct qla_hw_data *ha)
{
	return IS_QLA29XX(ha) ? REQUEST_ENTRY_SIZE_EXT : REQUEST_ENTRY_SIZE;
}

int qlafx00_config_queues(struct qla_hw_data *ha)
{
	struct req_que *req = ha->req_q_map[0];

	req->length = ha->req_que_len;
	req->ring = (void __force *)ha->iobase + ha->req_que_off;
	if ((!req->ring) || (req->length == 0))
		return QLA_FUNCTION_FAILED;
	return QLA_SUCCESS;
}

void qla2x00_init_rings(struct qla_hw_data *ha)
{
	struct req_que *req = ha->req_q_map[0];

	req->ring_ptr  = req->ring;
	req->ring_index    = 0;
	req->cnt      = req->length;
}

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
