// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref fix-its through a plain pointer that holds I/O memory,
 * reduced from drivers/gpu/drm/qxl/qxl_kms.c (linux 6.1):
 * qxl_check_device() and setup_hw_slot(), where an ioremap_wc() result is
 * kept in a field declared without __iomem. The accessor of the member's
 * width on its address, through a __force cast: it compiles with the
 * field as it is and sparse stays quiet; the message says that an __iomem
 * type on the field is the lasting fix. Offered inside a macro's
 * argument as anywhere else (fix-macro-arg.c); not for a struct copy.
 */
#include <linux/io.h> /* a fix-it per access: */ /* check-options: per-access */
#include <linux/types.h>

struct qxl_rom {
	u32 magic;
	u32 ram_header_offset;
	u8 slots_start;
};

struct qxl_memslot_hdr {
	u64 mem_start;
	u64 mem_end;
};

struct qxl_ram_header {
	struct qxl_memslot_hdr mem_slot;
};

struct qxl_device {
	struct qxl_rom *rom;
	struct qxl_ram_header *ram_header;
};

void report(const char *fmt, ...);
#define pr_info(fmt, ...) report(fmt, ##__VA_ARGS__)

void qxl_io_memslot_add(struct qxl_device *qdev, u8 id);

int qxl_check_device(struct qxl_device *qdev)
{
	struct qxl_rom *rom = qdev->rom;

	if (rom->magic != 0x4f525851) /* expect: iomem-deref fix: "readl((__force void __iomem *)&rom->magic)" */
		return 0;
	pr_info("RAM header offset: 0x%x\n", rom->ram_header_offset); /* expect: iomem-deref fix: "readl((__force void __iomem *)&rom->ram_header_offset)" */
	return 1;
}

void setup_hw_slot(struct qxl_device *qdev, u64 start, u64 size)
{
	qdev->ram_header->mem_slot.mem_start = start; /* expect: iomem-deref fix: "writeq(start, (__force void __iomem *)&qdev->ram_header->mem_slot.mem_start)" */
	qdev->ram_header->mem_slot.mem_end = start + size; /* expect: iomem-deref fix: "writeq(start + size, (__force void __iomem *)&qdev->ram_header->mem_slot.mem_end)" */
	qxl_io_memslot_add(qdev, qdev->rom->slots_start + 1); /* expect: iomem-deref fix: "readb((__force void __iomem *)&qdev->rom->slots_start)" */
}

struct qxl_memslot_hdr copy_slot(struct qxl_device *qdev)
{
	return qdev->ram_header->mem_slot; /* expect: iomem-deref fix: none */
}

int qxl_device_init(struct qxl_device *qdev, phys_addr_t base)
{
	qdev->rom = ioremap_wc(base, sizeof(*qdev->rom)); /* expect: iomem-address-space */
	qdev->ram_header = ioremap_wc(base + 4096, sizeof(*qdev->ram_header)); /* expect: iomem-address-space */
	return qxl_check_device(qdev);
}
