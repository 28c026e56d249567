/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal test harness shared by the mapapi unit tests. */
#ifndef _IMC_TEST_MAPAPI_H
#define _IMC_TEST_MAPAPI_H

#include <stdio.h>

extern int test_failures;

#define CHECK(cond)                                                      \
	do {                                                             \
		if (!(cond)) {                                           \
			fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", \
				__FILE__, __LINE__, __func__, #cond);    \
			test_failures++;                                 \
		}                                                        \
	} while (0)

#define CHECK_EQ(a, b)                                                         \
	do {                                                                   \
		unsigned long long a_ = (unsigned long long)(a);               \
		unsigned long long b_ = (unsigned long long)(b);               \
		if (a_ != b_) {                                                \
			fprintf(stderr,                                        \
				"%s:%d: %s: %s == %s: 0x%llx != 0x%llx\n",     \
				__FILE__, __LINE__, __func__, #a, #b, a_, b_); \
			test_failures++;                                       \
		}                                                              \
	} while (0)

/* Test groups, one ctest entry each; mode: 0 system memory, 1 emulated I/O. */
void test_io_accessors(int io);
void test_iosys_map(int io);
void test_iosys_map_mixed(void);
void test_dma_buf_map(int io);
void test_emu_regions(void);
void test_emu_traps(void);

#endif /* _IMC_TEST_MAPAPI_H */
