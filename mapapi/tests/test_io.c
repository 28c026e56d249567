// SPDX-License-Identifier: GPL-2.0
/*
 * <linux/io.h> accessors, on system memory and on an emulated region.  In
 * I/O mode any plain access inside the header would trap and fail the test.
 */
#include <string.h>

#include <linux/io.h>

#include "test_mapapi.h"
#include "test_util.h"

#define BUF_SIZE 256

static void test_widths(struct test_buf *b)
{
	void __iomem *p = b->io;

	writeb(0x81, p + 0);
	writew(0x8382, p + 2);
	writel(0x87868584, p + 4);
	writeq(0x8f8e8d8c8b8a8988ULL, p + 8);
	CHECK_EQ(readb(p + 0), 0x81);
	CHECK_EQ(readw(p + 2), 0x8382);
	CHECK_EQ(readl(p + 4), 0x87868584);
	CHECK_EQ(readq(p + 8), 0x8f8e8d8c8b8a8988ULL);
	/* little-endian device memory */
	CHECK_EQ(b->peek[2], 0x82);
	CHECK_EQ(b->peek[4], 0x84);
	CHECK_EQ(b->peek[8], 0x88);
	CHECK_EQ(b->peek[15], 0x8f);
}

static void test_relaxed_raw(struct test_buf *b)
{
	void __iomem *p = b->io + 32;

	writeb_relaxed(0x11, p);
	writew_relaxed(0x2233, p + 2);
	writel_relaxed(0x44556677, p + 4);
	writeq_relaxed(0x0123456789abcdefULL, p + 8);
	CHECK_EQ(readb_relaxed(p), 0x11);
	CHECK_EQ(readw_relaxed(p + 2), 0x2233);
	CHECK_EQ(readl_relaxed(p + 4), 0x44556677);
	CHECK_EQ(readq_relaxed(p + 8), 0x0123456789abcdefULL);

	__raw_writeb(0x99, p + 16);
	__raw_writew(0xaabb, p + 18);
	__raw_writel(0xccddeeff, p + 20);
	__raw_writeq(0x1122334455667788ULL, p + 24);
	CHECK_EQ(__raw_readb(p + 16), 0x99);
	CHECK_EQ(__raw_readw(p + 18), 0xaabb);
	CHECK_EQ(__raw_readl(p + 20), 0xccddeeff);
	CHECK_EQ(__raw_readq(p + 24), 0x1122334455667788ULL);
}

static void test_iomap(struct test_buf *b)
{
	void __iomem *p = b->io + 64;

	iowrite8(0x5a, p);
	iowrite16(0x1234, p + 2);
	iowrite32(0xdeadbeef, p + 4);
	iowrite64(0xfeedfacecafef00dULL, p + 8);
	CHECK_EQ(ioread8(p), 0x5a);
	CHECK_EQ(ioread16(p + 2), 0x1234);
	CHECK_EQ(ioread32(p + 4), 0xdeadbeef);
	CHECK_EQ(ioread64(p + 8), 0xfeedfacecafef00dULL);

	iowrite16be(0x1234, p + 16);
	iowrite32be(0x11223344, p + 20);
	iowrite64be(0x0102030405060708ULL, p + 24);
	CHECK_EQ(b->peek[64 + 16], 0x12);
	CHECK_EQ(b->peek[64 + 20], 0x11);
	CHECK_EQ(b->peek[64 + 24], 0x01);
	CHECK_EQ(b->peek[64 + 31], 0x08);
	CHECK_EQ(ioread16be(p + 16), 0x1234);
	CHECK_EQ(ioread32be(p + 20), 0x11223344);
	CHECK_EQ(ioread64be(p + 24), 0x0102030405060708ULL);
	CHECK_EQ(readl(p + 20), 0x44332211);
}

/* Misaligned single accesses go through the packed path. */
static void test_unaligned(struct test_buf *b)
{
	void __iomem *p = b->io + 97;

	writel(0xa1b2c3d4, p);
	writeq(0x0102030405060708ULL, p + 5);
	writew(0xbeef, p + 14);
	CHECK_EQ(readl(p), 0xa1b2c3d4);
	CHECK_EQ(readq(p + 5), 0x0102030405060708ULL);
	CHECK_EQ(readw(p + 14), 0xbeef);
	CHECK_EQ(b->peek[97], 0xd4);
	CHECK_EQ(b->peek[97 + 5], 0x08);
}

/* readsX/writesX hit the same (FIFO) address count times. */
static void test_string(struct test_buf *b)
{
	void __iomem *fifo = b->io + 128;
	u8 in[17], out[17];
	u32 words[3] = {1, 2, 3};

	test_fill(in, sizeof(in), 3);
	writesb(fifo, in, sizeof(in));
	CHECK_EQ(readb(fifo), in[16]); /* last one wins */
	readsb(fifo, out, 4);
	CHECK(out[0] == in[16] && out[3] == in[16]);

	writesl(fifo, words, 3);
	CHECK_EQ(readl(fifo), 3);
	memset(words, 0, sizeof(words));
	readsl(fifo, words, 3);
	CHECK(words[0] == 3 && words[1] == 3 && words[2] == 3);

	writesw(fifo, in + 1, 2); /* unaligned source */
	readsw(fifo, out + 1, 1);
	CHECK(!memcmp(out + 1, in + 3, 2));
	writesq(fifo, in + 1, 1);
	readsq(fifo, out + 1, 1);
	CHECK(!memcmp(out + 1, in + 1, 8));
	iowrite32_rep(fifo, words, 1);
	ioread16_rep(fifo, out, 1);
	CHECK_EQ(out[0], 3);
	iowrite8_rep(fifo, in, 1);
	iowrite16_rep(fifo, in, 1);
	ioread8_rep(fifo, out, 1);
	ioread32_rep(fifo, out, 1);
	CHECK_EQ(out[0], in[0]);
}

static void test_bulk(struct test_buf *b)
{
	u8 src[BUF_SIZE], dst[BUF_SIZE];

	test_fill(src, sizeof(src), 1);
	memcpy_toio(b->io + 3, src, 61); /* odd offset and length */
	CHECK(!memcmp(b->peek + 3, src, 61));
	memset(dst, 0, sizeof(dst));
	memcpy_fromio(dst + 1, b->io + 5, 40);
	CHECK(!memcmp(dst + 1, src + 2, 40));

	memset_io(b->io + 7, 0xa5, 9);
	CHECK(b->peek[6] == src[3] && b->peek[7] == 0xa5);
	CHECK(b->peek[15] == 0xa5 && b->peek[16] == src[13]);

	/* zero length touches nothing, even at the very end */
	memcpy_toio(b->io + BUF_SIZE, src, 0);
	memcpy_fromio(dst, b->io + BUF_SIZE, 0);
	memset_io(b->io + BUF_SIZE, 0, 0);

	/* whole buffer, up to the last byte */
	memcpy_toio(b->io, src, BUF_SIZE);
	memcpy_fromio(dst, b->io, BUF_SIZE);
	CHECK(!memcmp(dst, src, BUF_SIZE));
}

void test_io_accessors(int io)
{
	struct test_buf b;

	test_buf_init(&b, io, BUF_SIZE);
	test_widths(&b);
	test_relaxed_raw(&b);
	test_iomap(&b);
	test_unaligned(&b);
	test_string(&b);
	test_bulk(&b);
	CHECK_EQ(ioemu_is_iomem((__force void *)b.io), io);
	test_buf_free(&b);
}
