// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed by commit 40df0a91b2a5 ("remoteproc: add is_iomem to da_to_va"),
 * Peng Fan, v5.12 (id from the Fixes: tags of 24acbd9dc934 and of the
 * coredump follow-up; patch V10 04/10,
 * <1612774571-6134-5-git-send-email-peng.fan@oss.nxp.com>).
 * Files: drivers/remoteproc/remoteproc_elf_loader.c,
 * rproc_elf_load_segments(); remoteproc_coredump.c, rproc_copy_segment().
 *
 * rproc_da_to_va() returns a plain void * that, for several drivers, is
 * ioremapped device memory (imx_rproc: `(__force void *)(priv->mem[i].
 * cpu_addr + offset)`, TCM/SRAM carveouts). The core loaded firmware
 * segments into it with memcpy()/memset() and copied coredumps out of it
 * with memcpy(). Fix: da_to_va() gets a `bool *is_iomem` out-parameter
 * (argument 4) and the core uses memcpy_toio()/memset_io()/memcpy_fromio()
 * when it is set.
 *
 * Still a bug here (marked): the loader's is_iomem branch copies in the
 * wrong direction, memcpy_fromio(ptr, (void __iomem *)(elf_data + offset),
 * ...): the I/O pointer is the destination of memcpy_fromio(), whose
 * destination is plain memory, and the firmware image is cast to __iomem
 * (an explicit cast that adds __iomem: not a finding). Fixed by 24acbd9dc934
 * ("remoteproc: elf_loader: Fix loading segment when is_iomem true"),
 * v5.16, which calls memcpy_toio((void __iomem *)ptr, elf_data + offset,
 * filesz). (Also left by this commit: is_iomem is not initialised when a
 * driver's da_to_va() does not set it; a later fix initialises it to false.
 * Not an access to I/O memory, not marked.) Also marked: the coredump's
 * memcpy_fromio(dest, ptr, size) passes the plain `void *ptr` where a
 * `void __iomem *` is expected, an implicit conversion that sparse reports
 * (noise left by the fix, as in 13; the access itself is right).
 *
 * Reduced: the ELF class accessors are replaced by a stand-in program
 * header array, dev_err() and the remaining remoteproc types are
 * prototypes/stand-ins; the statements around the marked lines are
 * upstream's (v5.12). The I/O memory comes from an API the tool does not
 * know. Rules entry needed:
 *     io-source  rproc_da_to_va  mem=maybe flag=4
 * (the 3-argument pre-5.12 rproc_da_to_va() has no flag argument: always
 * maybe-I/O).
 */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

#define PT_LOAD		1
#define EINVAL		22

struct device;
struct rproc {
	struct device *dev;
};
struct firmware {
	size_t size;
	const u8 *data;
};
struct rproc_phdr {	/* stand-in for elf_phdr_get_p_*() */
	u32 type;
	u64 da, memsz, filesz, offset;
};
struct rproc_dump_segment {
	dma_addr_t da;
	void (*dump)(struct rproc *rproc, struct rproc_dump_segment *segment,
		     void *dest, size_t offset, size_t size);
};

void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem);
void dev_err(struct device *dev, const char *fmt, ...);

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

void rproc_copy_segment(struct rproc *rproc, void *dest,
			struct rproc_dump_segment *segment,
			size_t offset, size_t size)
{
	void *ptr;
	bool is_iomem;

	if (segment->dump) {
		segment->dump(rproc, segment, dest, offset, size);
	} else {
		ptr = rproc_da_to_va(rproc, segment->da + offset, size, &is_iomem);
		if (!ptr) {
			memset(dest, 0xff, size);
		} else {
			if (is_iomem)
				memcpy_fromio(dest, ptr, size); /* expect: iomem-address-space */
			else
				memcpy(dest, ptr, size);
		}
	}
}
