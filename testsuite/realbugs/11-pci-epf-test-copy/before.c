// SPDX-License-Identifier: GPL-2.0-only
/*
 * Upstream: commit 829cc0e2ea2d ("PCI: endpoint: Fix alignment fault error in
 * copy tests"), Hou Zhiqiang (patch:
 * https://lore.kernel.org/r/20211217094708.28678-1-Zhiqiang.Hou@nxp.com).
 * File: drivers/pci/endpoint/functions/pci-epf-test.c, pci_epf_test_copy()
 * (reduced: the DMA branch is a call).
 *
 * The copy test copies between two outbound windows, both void __iomem *
 * from pci_epc_mem_alloc_addr(), with plain memcpy(): on LS1012A arm64's
 * memcpy() did an unaligned access on Device memory -> alignment fault.
 * Two years after case 10 fixed read/write in the same file, this one was
 * still there. Fix: bounce through a kzalloc()ed buffer with
 * memcpy_fromio() + memcpy_toio(). Typed __iomem: should already be found.
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

struct pci_epc;
struct pci_epf_test_reg {
	u32 size;
	u32 flags;
};
#define FLAG_USE_DMA	0x1

void __iomem *pci_epc_mem_alloc_addr(struct pci_epc *epc, phys_addr_t *phys_addr, size_t size);
void pci_epc_mem_free_addr(struct pci_epc *epc, phys_addr_t phys_addr, void __iomem *virt_addr, size_t size);
int pci_epf_test_data_transfer(phys_addr_t dst, phys_addr_t src, size_t len);
void *kzalloc(size_t size, int flags);
void kfree(const void *p);

int pci_epf_test_copy(struct pci_epc *epc, struct pci_epf_test_reg *reg)
{
	void __iomem *src_addr, *dst_addr;
	phys_addr_t src_phys_addr, dst_phys_addr;
	int ret = 0;

	src_addr = pci_epc_mem_alloc_addr(epc, &src_phys_addr, reg->size);
	if (!src_addr)
		return -12;
	dst_addr = pci_epc_mem_alloc_addr(epc, &dst_phys_addr, reg->size);
	if (!dst_addr) {
		ret = -12;
		goto err_src_addr;
	}

	if (reg->flags & FLAG_USE_DMA) {
		ret = pci_epf_test_data_transfer(dst_phys_addr, src_phys_addr, reg->size);
	} else {
		memcpy(dst_addr, src_addr, reg->size); /* expect: iomem-memfn */
	}

	pci_epc_mem_free_addr(epc, dst_phys_addr, dst_addr, reg->size);
err_src_addr:
	pci_epc_mem_free_addr(epc, src_phys_addr, src_addr, reg->size);
	return ret;
}
