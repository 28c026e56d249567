/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A buffer in either mode: system memory, or an emulated I/O region whose
 * contents the test inspects through the shadow (behind the API's back).
 */
#ifndef _IMC_TEST_UTIL_H
#define _IMC_TEST_UTIL_H

#include <stdlib.h>

#include <ioemu.h>
#include <linux/types.h>

struct test_buf {
	void __iomem *io; /* what the code under test gets */
	u8 *peek; /* plain view of the same bytes */
	bool is_iomem;
};

static inline void test_buf_init(struct test_buf *b, int io, size_t size)
{
	b->is_iomem = io;
	if (io) {
		b->io = ioemu_map("test", size);
		b->peek = ioemu_shadow(b->io);
	} else {
		b->peek = calloc(1, size);
		b->io = (__force void __iomem *)b->peek;
	}
	if (!b->peek) {
		perror("test_buf_init");
		exit(2);
	}
}

static inline void test_buf_free(struct test_buf *b)
{
	if (b->is_iomem)
		ioemu_unmap(b->io);
	else
		free(b->peek);
}

/* The plain pointer for system mode, to build maps with set_vaddr. */
static inline void *test_buf_sys(struct test_buf *b)
{
	return b->peek;
}

static inline void test_fill(u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7);
}

#endif /* _IMC_TEST_UTIL_H */
