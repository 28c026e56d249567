/* SPDX-License-Identifier: GPL-2.0-only */
/* drivers/scsi/qla2xxx/qla_def.h and qla_inline.h, reduced (as
 * testsuite/realbugs/14: qla_req_entry_size() written from its use, the
 * IS_*() macros test a stand-in flag). */
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

int qlafx00_config_queues(struct qla_hw_data *ha);
void qla2x00_init_rings(struct qla_hw_data *ha);
request_t *__qla2x00_alloc_iocbs(struct qla_qpair *qpair, uint32_t handle,
				 uint16_t req_cnt);
