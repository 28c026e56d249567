// SPDX-License-Identifier: GPL-2.0-only
/* drivers/remoteproc/remoteproc_elf_loader.c, rproc_elf_load_segments()
 * (reduced: a stand-in program header array for the ELF accessors). The
 * segments are loaded where rproc_da_to_va() says, which is ioremapped
 * device memory for several drivers. */
#include "remoteproc_internal.h"

int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw,
			    const struct rproc_phdr *phdr, int phnum)
{
	struct device *dev = rproc->dev;
	const u8 *elf_data = fw->data;
	int i, ret = 0;

	/* go through the available ELF segments */
	for (i = 0; i < phnum; i++, phdr++) {
		u64 da = phdr->da;
		u64 memsz = phdr->memsz;
		u64 filesz = phdr->filesz;
		u64 offset = phdr->offset;
		u32 type = phdr->type;
		void *ptr;
		bool is_iomem;

		if (type != PT_LOAD)
			continue;

		if (offset + filesz > fw->size) {
			ret = -EINVAL;
			break;
		}

		/* grab the kernel address for this device address */
		ptr = rproc_da_to_va(rproc, da, memsz, &is_iomem);
		if (!ptr) {
			dev_err(dev, "bad phdr da 0x%llx mem 0x%llx\n", da,
				memsz);
			ret = -EINVAL;
			break;
		}

		/* put the segment where the remote processor expects it */
		if (filesz) {
			if (is_iomem)
				memcpy_fromio(ptr, (void __iomem *)(elf_data + offset), filesz); /* expect: iomem-memfn */
			else
				memcpy(ptr, elf_data + offset, filesz);
		}

		/*
		 * Zero out remaining memory for this segment.
		 */
		if (memsz > filesz) {
			if (is_iomem)
				memset_io((void __iomem *)(ptr + filesz), 0, memsz - filesz);
			else
				memset(ptr + filesz, 0, memsz - filesz);
		}
	}

	return ret;
}
