// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit 423e85e97aaf ("ARM: rockchip: Use memcpy_toio instead
 * of memcpy on smp bring-up"), Ivan T. Ivanov, 2021 (id from the stable
 * backports' "Upstream commit" line; patch:
 * https://lore.kernel.org/r/20211116084616.24811-1-iivanov@suse.de).
 * File: arch/arm/mach-rockchip/platsmp.c, rockchip_smp_prepare_sram().
 *
 * The on-chip SRAM that secondary cores start from is mapped with
 * of_iomap() into the file-scope `static void __iomem *sram_base_addr` in
 * rockchip_smp_prepare_cpus(); rockchip_smp_prepare_sram() then copied the
 * trampoline into it with memcpy(), a potential boot panic with
 * FORTIFY_SOURCE and a plain access to I/O memory. Fix: memcpy_toio().
 * rockchip_boot_secondary() shows the right accesses to the same mapping
 * (writel()), which must stay silent.
 *
 * Reduced: the PMU/SCU handling, of_node_put() and error paths are
 * dropped, the trampoline symbols and cache calls are prototypes. Needs:
 * a typed __iomem file-scope variable (the tool should already find it,
 * no rules entry; sparse warns too).
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

#define EINVAL	22
#define ENXIO	6

struct device_node;
struct resource { phys_addr_t start, end; };
#define resource_size(r)	((r)->end - (r)->start + 1)

extern char rockchip_secondary_trampoline;
extern char rockchip_secondary_trampoline_end;
extern unsigned long rockchip_boot_fn;
extern char secondary_startup[];
#define __pa_symbol(x)	((unsigned long)(x))

void __iomem *of_iomap(struct device_node *node, int index);
int of_address_to_resource(struct device_node *dev, int index, struct resource *r);
struct device_node *of_find_compatible_node(struct device_node *from,
					    const char *type, const char *compat);
void flush_cache_all(void);
void outer_clean_range(phys_addr_t start, phys_addr_t end);
void dsb_sev(void);
int pr_err(const char *fmt, ...);

static void __iomem *sram_base_addr;

int rockchip_boot_secondary(unsigned int cpu)
{
	if (!sram_base_addr) {
		pr_err("%s: sram or pmu missing for cpu boot\n", __func__);
		return -ENXIO;
	}

	writel(__pa_symbol(secondary_startup), sram_base_addr + 8);
	writel(0xDEADBEAF, sram_base_addr + 4);
	dsb_sev();

	return 0;
}

static int rockchip_smp_prepare_sram(struct device_node *node)
{
	unsigned int trampoline_sz = &rockchip_secondary_trampoline_end -
					    &rockchip_secondary_trampoline;
	struct resource res;
	unsigned int rsize;
	int ret;

	ret = of_address_to_resource(node, 0, &res);
	if (ret < 0)
		return ret;

	rsize = resource_size(&res);
	if (rsize < trampoline_sz)
		return -EINVAL;

	/* set the boot function for the sram code */
	rockchip_boot_fn = __pa_symbol(secondary_startup);

	/* copy the trampoline to sram, that runs during startup of the core */
	memcpy_toio(sram_base_addr, &rockchip_secondary_trampoline, trampoline_sz);
	flush_cache_all();
	outer_clean_range(0, trampoline_sz);

	dsb_sev();

	return 0;
}

void rockchip_smp_prepare_cpus(unsigned int max_cpus)
{
	struct device_node *node;

	node = of_find_compatible_node(NULL, NULL, "rockchip,rk3066-smp-sram");
	if (!node) {
		pr_err("%s: could not find sram dt node\n", __func__);
		return;
	}

	sram_base_addr = of_iomap(node, 0);
	if (!sram_base_addr) {
		pr_err("%s: could not map sram registers\n", __func__);
		return;
	}

	rockchip_smp_prepare_sram(node);
}
