// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-memfn / iomem-deref: an I/O source whose `bool *is_iomem`
 * out-parameter says which kind of memory it returned (rules/remoteproc.rules:
 * `io-source rproc_da_to_va mem=maybe flag=4`, since v5.12).
 *
 * Testing the flag is path-sensitive exactly like a map's is_iomem: the
 * branch that uses the I/O accessors and the one that uses memcpy() are
 * both clean; using the pointer without testing the flag is a finding.
 * The message names the call the maybe-I/O pointer came from.
 */
#include <linux/io.h>
#include <linux/string.h>
#include <linux/types.h>

struct rproc;

void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem);

void upload(struct rproc *rproc, const void *fw, size_t size)
{
	bool is_iomem;
	void *virtual = rproc_da_to_va(rproc, 0x1000, size, &is_iomem);

	if (is_iomem)
		memcpy_toio((void __iomem *)virtual, fw, size);
	else
		memcpy(virtual, fw, size);
}

void clear(struct rproc *rproc, size_t size)
{
	bool is_iomem;
	u32 *virtual = rproc_da_to_va(rproc, 0x1000, size, &is_iomem);

	if (!is_iomem) {
		memset(virtual, 0, size);
		virtual[0] = 1;
	}
}

void unchecked(struct rproc *rproc, const void *fw, size_t size)
{
	bool is_iomem;
	u32 *virtual = rproc_da_to_va(rproc, 0x1000, size, &is_iomem);

	memcpy(virtual, fw, size);	/* expect: iomem-memfn */
	virtual[1] = 2;	/* expect: iomem-deref */
}
