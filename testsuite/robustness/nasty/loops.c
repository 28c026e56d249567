// SPDX-License-Identifier: GPL-2.0-only
/* loops with I/O accesses in every part, and unreachable code */
#include "../data/io.h"

void f(u32 __iomem *p, struct iosys_map *m)
{
	for (*p = 0; *p < 10; (*p)++)
		for (;;) { if (*p) break; else continue; }
	do { *p = 1; } while (*p);
	while (1) ;
	*p = 2;
	return;
	*p = 3;
}
