// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit 02a258ac3ebf ("platform/x86/amd/hsmp: Fix iomem
 * handling"), Armin Wolf (id from the pdx86 review-ilpo apply note;
 * patch: https://lore.kernel.org/r/20231019135122.21774-1-W_Armin@gmx.de).
 * File: drivers/platform/x86/amd/hsmp.c, hsmp_metric_tbl_read().
 *
 * The metrics table is ioremapped at probe time into the __iomem field
 * sock->metric_tbl_addr; the sysfs read handler copied it out with plain
 * memcpy(). Fix: memcpy_fromio(). Struct-field provenance of a typed
 * __iomem field: the tool should already find it.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

struct hsmp_socket {
	void __iomem *metric_tbl_addr;
	u16 sock_ind;
};
struct hsmp_message {
	u32 msg_id;
	u16 sock_ind;
};
struct bin_attribute {
	size_t size;
	void *private;
};

int hsmp_send_message(struct hsmp_message *msg);

int hsmp_get_tbl_dram_base(struct hsmp_socket *sock, phys_addr_t dram_addr, size_t size)
{
	sock->metric_tbl_addr = ioremap(dram_addr, size);
	if (!sock->metric_tbl_addr)
		return -1;
	return 0;
}

ssize_t hsmp_metric_tbl_read(struct bin_attribute *bin_attr, char *buf)
{
	struct hsmp_socket *sock = bin_attr->private;
	struct hsmp_message msg = { 0 };
	int ret;

	msg.msg_id	= 0x1d;
	msg.sock_ind	= sock->sock_ind;
	ret = hsmp_send_message(&msg);
	if (ret)
		return ret;
	memcpy_fromio(buf, sock->metric_tbl_addr, bin_attr->size);

	return bin_attr->size;
}
