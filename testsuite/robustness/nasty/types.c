// SPDX-License-Identifier: GPL-2.0-only
/* types that do not exist or cannot be */
#include "../data/io.h"

typedef struct unknown unknown_t;
void f(unknown_t __iomem *p, int a[-1], int b[])
{
	unknown_t v = *p;
	int c[] = { 1, 2, ; };
	int x = sizeof(struct unknown);
	_Static_assert(0, "fails");
	__typeof__(nope) y = *p;
	int z = _Generic(p, int: 1);
	(void)v; (void)c; (void)x; (void)y; (void)z;
}
