// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-memfn and iomem-forced-access about an argument of a call that
 * spans lines are reported at that argument's line, as sparse reports
 * "incorrect type in argument 2" and as iomem-address-space does
 * (addrspace-arg-loc.c); a call on one line is reported at the call.
 *
 * The shape of a FIFO read in linux-6.1 drivers, e.g. a mailbox driver
 * copying a message out of its SRAM window in a call kernel style wraps:
 *   memcpy(msg->data,
 *          mbox->sram + MBOX_DATA_OFF,
 *          msg->len);
 */
#include <linux/io.h>
#include <linux/string.h>
#include <linux/types.h>

#define MBOX_DATA_OFF 0x40

struct msg {
	u8 data[64];
	size_t len;
};

struct mbox {
	void __iomem *sram;
};

void mbox_read(struct mbox *mbox, struct msg *msg)
{
	memcpy(msg->data,
	       mbox->sram + MBOX_DATA_OFF, /* expect: iomem-memfn */
	       msg->len);
	memcpy(msg->data, mbox->sram, msg->len); /* expect: iomem-memfn */
}

void mbox_clear(struct mbox *mbox, size_t len)
{
	memset(
		(void __force *)mbox->sram, /* expect: iomem-forced-access */
		0, len);
}
