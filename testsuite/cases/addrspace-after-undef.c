// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space: __iomem declarations after an #undef.
 *
 * Reduced from linux-6.1 drivers/ata/ahci.c: ahci_broken_online() ends its
 * table with `#undef ENCODE_BUSDEVFN`; ahci_mv_irq_handler() below it
 * declares `void __iomem *mmio = hpriv->mmio;`. In an ordinary compile the
 * plugin gives the headers' empty __iomem its attribute body back after
 * every directive; it did so after #define only, so after any #undef every
 * __iomem of the unit was empty: three findings on ahci.c (the
 * initialization and the readl()/writel() of mmio) that neither the checker
 * nor sparse reports. The plain local at the end is reported by both.
 */
#include <linux/io.h>
#include <linux/types.h>

struct ahci_host_priv {
	unsigned int flags;
	void __iomem *mmio;
	u32 port_map;
};

#define ENCODE_BUSDEVFN(bus, slot, func) ((bus) << 8 | (slot) << 3 | (func))
static const unsigned long busdevfn[] = { ENCODE_BUSDEVFN(0x0a, 0x00, 0) };
#undef ENCODE_BUSDEVFN

u32 ahci_mv_irq_handler(struct ahci_host_priv *hpriv)
{
	void __iomem *mmio = hpriv->mmio;
	u32 irq_stat;

	irq_stat = readl(mmio + 8);
	if (!irq_stat)
		return 0;
	writel(irq_stat, mmio + 8);
	return irq_stat & hpriv->port_map & busdevfn[0];
}

u32 plain_after_undef(struct ahci_host_priv *hpriv)
{
	u32 *plain = hpriv->mmio; /* expect: iomem-address-space */

	return plain != 0;
}
