/* SPDX-License-Identifier: GPL-2.0-only */
/* include/linux/remoteproc.h and remoteproc_internal.h, reduced. */
#include <linux/io.h>
#include <linux/types.h>
#include <linux/string.h>

#define PT_LOAD		1
#define EINVAL		22

struct device;
struct rproc;
struct rproc_ops {
	void *(*da_to_va)(struct rproc *rproc, u64 da, size_t len);
};
struct rproc {
	struct device *dev;
	const struct rproc_ops *ops;
	void *priv;
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

void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len);
void dev_err(struct device *dev, const char *fmt, ...);
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw,
			    const struct rproc_phdr *phdr, int phnum);
void rproc_copy_segment(struct rproc *rproc, void *dest,
			struct rproc_dump_segment *segment,
			size_t offset, size_t size);
