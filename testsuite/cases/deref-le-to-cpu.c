// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-deref fix-its of a load inside le32_to_cpu(), reduced from
 * drivers/soc/qcom/smem.c (linux 6.1): qcom_smem_alloc_global() tests
 * `WARN_ON(size > le32_to_cpu(header->available))` on the heap header,
 * which is devm_ioremap_wc()ed. readl() already converts from
 * little-endian, so the rewrite replaces the conversion with the accessor,
 * `readl(&header->available)`; wrapping the load,
 * `le32_to_cpu(readl(...))`, would swap twice on big-endian. The same for
 * le16_to_cpu() inside a printing macro's arguments, for le32_to_cpu()
 * alone, and for the __force'd accessor of a plain pointer that holds the
 * mapping (smem's ptable). A macro that is no conversion (TO_CPU) keeps
 * the load's rewrite inside it. The conversions are the rules' le-to-cpu
 * names (rules/kernel-io.rules); the macros are the kernel's
 * (include/linux/byteorder/generic.h, include/asm-generic/bug.h).
 */
#include <linux/io.h> /* a fix-it per access: */ /* check-options: per-access */
#include <linux/types.h>

#define __le16_to_cpu(x) ((__force __u16)(__le16)(x))
#define __le32_to_cpu(x) ((__force __u32)(__le32)(x))
#define le16_to_cpu __le16_to_cpu
#define le32_to_cpu __le32_to_cpu
#define WARN_ON(condition) ({					\
	int __ret_warn_on = !!(condition);			\
	if (__ret_warn_on)					\
		warn_slowpath();				\
	__ret_warn_on;						\
})
#define TO_CPU(x) ((u32)(x))

void warn_slowpath(void);
void printk_like(const char *fmt, ...);
#define dev_err(fmt, ...) printk_like(fmt, ##__VA_ARGS__)

struct smem_header {
	__le32 initialized;
	__le32 available;
	__le16 host0;
};

struct smem_ptable {
	__le32 version;
};

struct qcom_smem {
	struct smem_ptable *ptable;
};

int alloc_global(struct smem_header __iomem *header, size_t size)
{
	if (WARN_ON(size > le32_to_cpu(header->available))) /* expect: iomem-deref fix: "readl(&header->available)" */
		return -1;
	if (le32_to_cpu(header->initialized) != 1) /* expect: iomem-deref fix: "readl(&header->initialized)" */
		return -1;
	dev_err("bad host0 %hu\n", le16_to_cpu(header->host0)); /* expect: iomem-deref fix: "readw(&header->host0)" */
	return TO_CPU(header->available) > 1; /* expect: iomem-deref fix: "readl(&header->available)" */
}

u32 ptable_version(struct qcom_smem *smem, phys_addr_t base)
{
	struct smem_ptable *ptable;

	smem->ptable = ioremap_wc(base, sizeof(*ptable)); /* expect: iomem-address-space */
	ptable = smem->ptable;
	return le32_to_cpu(ptable->version); /* expect: iomem-deref fix: "readl((__force void __iomem *)&ptable->version)" */
}
