// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref fix-its inside a macro's arguments, reduced from
 * drivers/gpu/drm/qxl/qxl_kms.c (linux 6.1): qxl_check_device() prints the
 * ROM's members, ioremap()ed into a field declared without __iomem, with
 * DRM_INFO(), whose arguments pass through two more macros. An expression
 * spelled whole in one argument is rewritten there as anywhere else: the
 * argument reaches the expansion once and as it is (`, ##__VA_ARGS__` only
 * drops a comma). Two loads at one expansion point are one finding with
 * both fix-its; so are expressions in a call or in another macro's
 * argument that reaches its expansion once. No fix-it where an edit of the argument would not be an
 * edit of that one expression: the expression comes (partly) from a
 * macro's body, spans two arguments, or its argument is stringified or
 * used twice (DUP: by the macro it passes it to).
 */
#include <linux/io.h> /* a fix-it per access: */ /* check-options: per-access */
#include <linux/types.h>

struct qxl_rom {
	u32 magic;
	u32 id;
	u32 update_id;
	u32 log_level;
	u8 slots_start;
};

struct qxl_device {
	struct qxl_rom *rom;
};

void printk_like(const char *fmt, ...);
#define print_wrap(fmt, ...) printk_like(fmt, ##__VA_ARGS__)
#define _DRM_PRINTK(level, fmt, ...) print_wrap(level "[drm] " fmt, ##__VA_ARGS__)
#define DRM_INFO(fmt, ...) _DRM_PRINTK("<6>", fmt, ##__VA_ARGS__)
#define SHOW(x) printk_like(#x " = %u\n", x)
#define TWICE(x) printk_like("%u %u\n", x, x)
#define DUP(x) TWICE(x)
#define ROM_ID(r) ((r)->id)
#define ROM_FIELD(r, f) r->f
#define ROM_LEVEL qdev->rom->log_level
#define TO_CPU(x) ((u32)(x))

u32 swab_id(u32 id);

int qxl_check_device(struct qxl_device *qdev)
{
	struct qxl_rom *rom = qdev->rom;

	DRM_INFO("Device Version %d.%d\n", rom->id, rom->update_id); /* expect: iomem-deref */
	DRM_INFO("log level %d\n", /* expect: iomem-deref fix: "readl((__force void __iomem *)&rom->log_level)" */
		 rom->log_level);
	DRM_INFO("slots start %d\n", rom->slots_start + 1); /* expect: iomem-deref fix: "readb((__force void __iomem *)&rom->slots_start)" */
	DRM_INFO("id %d\n", swab_id(rom->id)); /* expect: iomem-deref fix: "readl((__force void __iomem *)&rom->id)" */
	DRM_INFO("id %d\n", TO_CPU(rom->update_id)); /* expect: iomem-deref fix: "readl((__force void __iomem *)&rom->update_id)" */
	SHOW(rom->magic); /* expect: iomem-deref fix: none */
	TWICE(rom->magic); /* expect: iomem-deref fix: none */
	DUP(rom->magic); /* expect: iomem-deref fix: none */
	DRM_INFO("%d\n", ROM_ID(rom)); /* expect: iomem-deref fix: none */
	DRM_INFO("%d\n", ROM_FIELD(rom, id)); /* expect: iomem-deref fix: none */
	DRM_INFO("%d\n", ROM_LEVEL); /* expect: iomem-deref fix: none */
	return 1;
}

int qxl_device_init(struct qxl_device *qdev, phys_addr_t base)
{
	qdev->rom = ioremap_wc(base, sizeof(*qdev->rom)); /* expect: iomem-address-space */
	return qxl_check_device(qdev);
}
