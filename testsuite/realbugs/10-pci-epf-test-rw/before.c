// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: commit 726dabfde6aa ("PCI: endpoint: functions: Use
 * memcpy_fromio()/memcpy_toio()"), Wen Yang.
 * File: drivers/pci/endpoint/functions/pci-epf-test.c,
 * pci_epf_test_read() and pci_epf_test_write() (reduced).
 *
 * The test function maps the host buffer through the endpoint controller's
 * outbound window, pci_epc_mem_alloc_addr() returns void __iomem *, and
 * then read/wrote it with plain memcpy(). Found with sparse. Fix:
 * memcpy_fromio()/memcpy_toio(). The same commit missed the copy test,
 * see case 11. Typed __iomem: the tool should already find these.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

struct pci_epc;
struct pci_epf_test_reg {
	u32 checksum;
	u32 size;
};

void __iomem *pci_epc_mem_alloc_addr(struct pci_epc *epc, phys_addr_t *phys_addr, size_t size);
void pci_epc_mem_free_addr(struct pci_epc *epc, phys_addr_t phys_addr, void __iomem *virt_addr, size_t size);
u32 crc32_le(u32 crc, const void *p, size_t len);

int pci_epf_test_read(struct pci_epc *epc, struct pci_epf_test_reg *reg, void *buf)
{
	void __iomem *src_addr;
	phys_addr_t phys_addr;
	u32 crc32;

	src_addr = pci_epc_mem_alloc_addr(epc, &phys_addr, reg->size);
	if (!src_addr)
		return -12;

	memcpy(buf, src_addr, reg->size); /* expect: iomem-memfn */

	crc32 = crc32_le(~0, buf, reg->size);
	pci_epc_mem_free_addr(epc, phys_addr, src_addr, reg->size);
	return crc32 != reg->checksum;
}

int pci_epf_test_write(struct pci_epc *epc, struct pci_epf_test_reg *reg, void *buf)
{
	void __iomem *dst_addr;
	phys_addr_t phys_addr;

	dst_addr = pci_epc_mem_alloc_addr(epc, &phys_addr, reg->size);
	if (!dst_addr)
		return -12;

	reg->checksum = crc32_le(~0, buf, reg->size);

	memcpy(dst_addr, buf, reg->size); /* expect: iomem-memfn */

	pci_epc_mem_free_addr(epc, phys_addr, dst_addr, reg->size);
	return 0;
}
