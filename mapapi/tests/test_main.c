// SPDX-License-Identifier: GPL-2.0
/* Usage: test_mapapi GROUP [sys|io]; exit status 0 on success. */
#include <stdio.h>
#include <string.h>

#include "test_mapapi.h"

int test_failures;

int main(int argc, char **argv)
{
	const char *group = argc > 1 ? argv[1] : "";
	int io = argc > 2 && !strcmp(argv[2], "io");

	if (!strcmp(group, "io"))
		test_io_accessors(io);
	else if (!strcmp(group, "iosys_map"))
		test_iosys_map(io);
	else if (!strcmp(group, "iosys_map_mixed"))
		test_iosys_map_mixed();
	else if (!strcmp(group, "dma_buf_map"))
		test_dma_buf_map(io);
	else if (!strcmp(group, "emu_regions"))
		test_emu_regions();
	else if (!strcmp(group, "emu_traps"))
		test_emu_traps();
	else {
		fprintf(stderr, "usage: %s GROUP [sys|io]\n", argv[0]);
		return 2;
	}
	if (test_failures)
		fprintf(stderr, "%d check(s) failed\n", test_failures);
	else
		printf("%s%s%s: ok\n", group, argc > 2 ? " " : "",
		       argc > 2 ? argv[2] : "");
	return test_failures ? 1 : 0;
}
