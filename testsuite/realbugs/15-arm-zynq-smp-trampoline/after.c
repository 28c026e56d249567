// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit b7005d4ef4f3 ("ARM: zynq: Use memcpy_toio instead of
 * memcpy on smp bring-up"), Luis Araneda, 2019 (id from the stable
 * backports' "commit ... upstream" line; patch v2 on linux-arm-kernel,
 * Cc stable, Fixes: aa7eb2bb4e4a "arm: zynq: Add smp support").
 * File: arch/arm/mach-zynq/platsmp.c, zynq_cpun_start().
 *
 * To start a secondary CPU the trampoline is copied to physical address 0,
 * mapped with ioremap() into `static u8 __iomem *zero`. The copy was a
 * memcpy() on (__force void *)zero: it silenced sparse, and with
 * FORTIFY_SOURCE (v4.20+ on ARM) the fortified memcpy() panicked at boot
 * (destination object size unknown, source object size 1). The memory is
 * __iomem, so memcpy_toio(). The writel() of the jump address next to it
 * was already right.
 *
 * Reduced: the trampoline symbols, SLCR and cache calls are prototypes,
 * __pa(PAGE_OFFSET) is a stand-in; the function body is rebuilt from an
 * older platsmp.c and the fix's hunk (the copy sits under `if (address)`)
 * (before.c joins the marked call onto one line). Needs: forced-cast provenance
 * of a typed __iomem local (no rules entry). The explicit
 * (__force u8 __iomem *)PAGE_OFFSET adds __iomem: not a finding.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

#define PAGE_OFFSET	0xC0000000UL
#define __pa(x)		((unsigned long)(x) - PAGE_OFFSET + zynq_phys_offset)
#define smp_wmb()	__asm__ __volatile__("" : : : "memory")

extern unsigned long zynq_phys_offset;
extern char zynq_secondary_trampoline;
extern char zynq_secondary_trampoline_jump;
extern char zynq_secondary_trampoline_end;

void zynq_slcr_cpu_stop(int cpu);
void zynq_slcr_cpu_start(int cpu);
void flush_cache_all(void);
void outer_flush_range(phys_addr_t start, phys_addr_t end);
int pr_warn(const char *fmt, ...);

int zynq_cpun_start(u32 address, int cpu)
{
	u32 trampoline_code_size = &zynq_secondary_trampoline_end -
						&zynq_secondary_trampoline;

	/* MS: Expectation that SLCR are directly map and accessible */
	/* Not possible to jump to non aligned address */
	if (!(address & 3) && (!address || (address >= trampoline_code_size))) {
		/* Store pointer to ioremap area which points to address 0x0 */
		static u8 __iomem *zero;
		u32 trampoline_size = &zynq_secondary_trampoline_jump -
						&zynq_secondary_trampoline;

		zynq_slcr_cpu_stop(cpu);
		if (address) {
			if (__pa(PAGE_OFFSET)) {
				zero = ioremap(0, trampoline_code_size);
				if (!zero) {
					pr_warn("BOOTUP jump vectors not accessible\n");
					return -1;
				}
			} else {
				zero = (__force u8 __iomem *)PAGE_OFFSET;
			}

			/*
			* This is elegant way how to jump to any address
			* 0x0: Load address at 0x8 to r0
			* 0x4: Jump by mov instruction
			* 0x8: Jumping address
			*/
			memcpy_toio(zero, &zynq_secondary_trampoline,
							trampoline_size);
			writel(address, zero + trampoline_size);

			flush_cache_all();
			outer_flush_range(0, trampoline_code_size);
			smp_wmb();

			if (__pa(PAGE_OFFSET))
				iounmap(zero);
		}
		zynq_slcr_cpu_start(cpu);

		return 0;
	}

	pr_warn("Can't start CPU%d: Wrong starting address %x\n", cpu, address);

	return -1;
}
