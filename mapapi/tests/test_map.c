// SPDX-License-Identifier: GPL-2.0
/*
 * Every iosys_map and dma_buf_map entry point, in system and I/O mode.
 * Results are checked through the plain view of the buffer.
 */
#include <string.h>

#include <linux/dma-buf-map.h>
#include <linux/iosys-map.h>

#include "test_mapapi.h"
#include "test_util.h"

#define BUF_SIZE 512

enum colour { RED = 1, GREEN = 0x7fffffff };

struct cursor {
	u8 visible;
	u16 x;
	s32 hot;
	u64 serial;
	s8 delta;
};

static struct iosys_map map_of(struct test_buf *b)
{
	struct iosys_map map;

	if (b->is_iomem)
		iosys_map_set_vaddr_iomem(&map, b->io);
	else
		iosys_map_set_vaddr(&map, test_buf_sys(b));
	return map;
}

/* INIT_VADDR(_IOMEM), set_vaddr(_iomem), is_equal, is_null, is_set, clear. */
static void test_init_set(struct test_buf *b)
{
	struct iosys_map sys = IOSYS_MAP_INIT_VADDR(test_buf_sys(b));
	struct iosys_map io = IOSYS_MAP_INIT_VADDR_IOMEM(b->io);
	struct iosys_map map = map_of(b);
	struct iosys_map *init = b->is_iomem ? &io : &sys;

	CHECK_EQ(sys.is_iomem, false);
	CHECK_EQ(io.is_iomem, true);
	CHECK_EQ(map.is_iomem, b->is_iomem);
	CHECK(iosys_map_is_equal(&map, init));
	CHECK(iosys_map_is_set(&map));
	CHECK(!iosys_map_is_null(&map));

	iosys_map_clear(&map);
	CHECK(iosys_map_is_null(&map));
	CHECK(!iosys_map_is_set(&map));
	CHECK_EQ(map.is_iomem, false); /* a cleared map is a system map */
	CHECK(!iosys_map_is_equal(&map, init));

	if (b->is_iomem)
		iosys_map_set_vaddr_iomem(&map, NULL);
	else
		iosys_map_set_vaddr(&map, NULL);
	CHECK(iosys_map_is_null(&map));
	CHECK_EQ(map.is_iomem, b->is_iomem);
}

static void test_memcpy_memset(struct test_buf *b)
{
	struct iosys_map map = map_of(b);
	u8 src[64], dst[64];

	test_fill(src, sizeof(src), 9);
	iosys_map_memcpy_to(&map, 0, src, 16);
	iosys_map_memcpy_to(&map, 35, src, 29); /* unaligned */
	iosys_map_memcpy_to(&map, BUF_SIZE - 8, src, 8); /* up to the end */
	CHECK(!memcmp(b->peek, src, 16));
	CHECK(!memcmp(b->peek + 35, src, 29));
	CHECK(!memcmp(b->peek + BUF_SIZE - 8, src, 8));

	memset(dst, 0, sizeof(dst));
	iosys_map_memcpy_from(dst, &map, 37, 27);
	CHECK(!memcmp(dst, src + 2, 27));
	iosys_map_memcpy_from(dst, &map, BUF_SIZE - 3, 3);
	CHECK(!memcmp(dst, src + 5, 3));

	iosys_map_memset(&map, 17, 0xc3, 5);
	CHECK(b->peek[16] == 0 && b->peek[17] == 0xc3);
	CHECK(b->peek[21] == 0xc3 && b->peek[22] == 0);
	iosys_map_memset(&map, 0, 0, BUF_SIZE);
	CHECK(b->peek[0] == 0 && b->peek[BUF_SIZE - 1] == 0);
}

/* incr moves the map in place; INIT_OFFSET leaves the original alone. */
static void test_incr_offset(struct test_buf *b)
{
	struct iosys_map map = map_of(b);
	struct iosys_map orig = map;
	struct iosys_map moved;

	iosys_map_wr(&map, 40, u32, 0xabcd0123);
	moved = IOSYS_MAP_INIT_OFFSET(&map, 40);
	CHECK(iosys_map_is_equal(&map, &orig));
	CHECK(!iosys_map_is_equal(&moved, &orig));
	CHECK_EQ(moved.is_iomem, b->is_iomem);
	CHECK_EQ(iosys_map_rd(&moved, 0, u32), 0xabcd0123);

	iosys_map_incr(&map, 24);
	iosys_map_incr(&map, 16);
	CHECK(iosys_map_is_equal(&map, &moved));
	CHECK_EQ((char *)map.vaddr - (char *)orig.vaddr, 40);
	iosys_map_incr(&map, 0);
	CHECK(iosys_map_is_equal(&map, &moved));

	/* nested: an offset copy of an offset copy */
	moved = IOSYS_MAP_INIT_OFFSET(&moved, 3);
	iosys_map_memcpy_to(&moved, 1, "xyz", 3);
	CHECK(!memcmp(b->peek + 44, "xyz", 3));
}

/* rd/wr at every width, signed and unsigned, and non-integer types. */
static void test_rd_wr(struct test_buf *b)
{
	struct iosys_map map = map_of(b);
	int dummy, wide = 0x1ff;

	iosys_map_wr(&map, 64, u8, wide); /* converted to u8 */
	iosys_map_wr(&map, 66, u16, 0xa1b2);
	iosys_map_wr(&map, 68, u32, 0xc1d2e3f4);
	iosys_map_wr(&map, 72, u64, 0x0102030405060708ULL);
	CHECK_EQ(iosys_map_rd(&map, 64, u8), 0xff);
	CHECK_EQ(iosys_map_rd(&map, 66, u16), 0xa1b2);
	CHECK_EQ(iosys_map_rd(&map, 68, u32), 0xc1d2e3f4);
	CHECK_EQ(iosys_map_rd(&map, 72, u64), 0x0102030405060708ULL);
	CHECK(b->peek[66] == 0xb2 && b->peek[72] == 0x08);

	iosys_map_wr(&map, 80, s8, -2);
	iosys_map_wr(&map, 82, s16, -300);
	iosys_map_wr(&map, 84, s32, -70000);
	iosys_map_wr(&map, 88, s64, -5000000000LL);
	CHECK(iosys_map_rd(&map, 80, s8) == -2);
	CHECK(iosys_map_rd(&map, 82, s16) == -300);
	CHECK(iosys_map_rd(&map, 84, s32) == -70000);
	CHECK(iosys_map_rd(&map, 88, s64) == -5000000000LL);
	CHECK(iosys_map_rd(&map, 84, u32) == (u32)-70000);

	iosys_map_wr(&map, 96, enum colour, GREEN);
	iosys_map_wr(&map, 104, void *, &dummy);
	iosys_map_wr(&map, 112, float, 1.5f);
	CHECK(iosys_map_rd(&map, 96, enum colour) == GREEN);
	CHECK(iosys_map_rd(&map, 104, void *) == &dummy);
	CHECK(iosys_map_rd(&map, 112, float) == 1.5f);

	/* offsets relative to an incremented map */
	iosys_map_incr(&map, 64);
	CHECK_EQ(iosys_map_rd(&map, 4, u32), 0xc1d2e3f4);
}

static void test_fields(struct test_buf *b)
{
	struct iosys_map map = map_of(b);
	const size_t at = 128 + sizeof(struct cursor); /* second element */

	iosys_map_memset(&map, 128, 0xee, 2 * sizeof(struct cursor));
	iosys_map_wr_field(&map, at, struct cursor, visible, 1);
	iosys_map_wr_field(&map, at, struct cursor, x, 640);
	iosys_map_wr_field(&map, at, struct cursor, hot, -7);
	iosys_map_wr_field(&map, at, struct cursor, serial, 1ULL << 40);
	iosys_map_wr_field(&map, at, struct cursor, delta, -1);
	CHECK_EQ(iosys_map_rd_field(&map, at, struct cursor, visible), 1);
	CHECK_EQ(iosys_map_rd_field(&map, at, struct cursor, x), 640);
	CHECK(iosys_map_rd_field(&map, at, struct cursor, hot) == -7);
	CHECK_EQ(iosys_map_rd_field(&map, at, struct cursor, serial),
		 1ULL << 40);
	CHECK(iosys_map_rd_field(&map, at, struct cursor, delta) == -1);

	/* the bytes landed where the struct layout says */
	CHECK_EQ(b->peek[at + offsetof(struct cursor, x)], 640 & 0xff);
	CHECK_EQ(b->peek[at + offsetof(struct cursor, hot)], 0xf9);
	CHECK_EQ(b->peek[at - 1], 0xee); /* first element untouched */
	CHECK_EQ(b->peek[at + 1], 0xee); /* padding untouched */
}

void test_iosys_map(int io)
{
	struct test_buf b;

	test_buf_init(&b, io, BUF_SIZE);
	test_init_set(&b);
	test_memcpy_memset(&b);
	test_incr_offset(&b);
	test_rd_wr(&b);
	test_fields(&b);
	test_buf_free(&b);
}

/* Maps of different kinds never compare equal, even on equal addresses. */
void test_iosys_map_mixed(void)
{
	struct test_buf sys, io;
	struct iosys_map s, i, alias;
	u8 out[4];

	test_buf_init(&sys, 0, 64);
	test_buf_init(&io, 1, 64);
	s = map_of(&sys);
	i = map_of(&io);
	CHECK(!iosys_map_is_equal(&s, &i));
	CHECK(!iosys_map_is_equal(&i, &s));

	/* same bits, different kind */
	iosys_map_set_vaddr_iomem(&alias, (__force void __iomem *)s.vaddr);
	CHECK(!iosys_map_is_equal(&alias, &s));
	iosys_map_set_vaddr(&alias, s.vaddr);
	CHECK(iosys_map_is_equal(&alias, &s));

	/* copying between the kinds through a bounce buffer */
	iosys_map_wr(&s, 8, u32, 0x01020304);
	iosys_map_memcpy_from(out, &s, 8, 4);
	iosys_map_memcpy_to(&i, 60, out, 4);
	CHECK_EQ(iosys_map_rd(&i, 60, u32), 0x01020304);

	/* two clears of different kinds compare equal: both NULL system */
	iosys_map_clear(&s);
	iosys_map_clear(&i);
	CHECK(iosys_map_is_equal(&s, &i));
	test_buf_free(&sys);
	test_buf_free(&io);
}

void test_dma_buf_map(int io)
{
	struct test_buf b;
	struct dma_buf_map map, start;
	struct dma_buf_map init = DMA_BUF_MAP_INIT_VADDR(NULL);
	u8 src[32];

	test_buf_init(&b, io, 128);
	CHECK(dma_buf_map_is_null(&init));
	CHECK(!dma_buf_map_is_set(&init));
	CHECK_EQ(init.is_iomem, false);

	if (io)
		dma_buf_map_set_vaddr_iomem(&map, b.io);
	else
		dma_buf_map_set_vaddr(&map, test_buf_sys(&b));
	CHECK_EQ(map.is_iomem, io);
	CHECK(dma_buf_map_is_set(&map));
	CHECK(!dma_buf_map_is_equal(&map, &init));
	start = map;

	/* the old API had no offsets: copy, then advance */
	test_fill(src, sizeof(src), 4);
	dma_buf_map_memcpy_to(&map, src, 10);
	dma_buf_map_incr(&map, 10);
	dma_buf_map_memcpy_to(&map, src + 10, 22);
	CHECK(!memcmp(b.peek, src, 32));
	CHECK(!dma_buf_map_is_equal(&map, &start));
	dma_buf_map_incr(&start, 10);
	CHECK(dma_buf_map_is_equal(&map, &start));

	dma_buf_map_clear(&map);
	CHECK(dma_buf_map_is_null(&map));
	CHECK_EQ(map.is_iomem, false);
	CHECK(dma_buf_map_is_equal(&map, &init));
	test_buf_free(&b);
}
