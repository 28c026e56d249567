// SPDX-License-Identifier: GPL-2.0-only
/* I/O accesses spelled through macros, nested and pasted */
#include "../data/io.h"

#define DEREF(p) (*(p))
#define STORE(p, v) DEREF(p) = (v)
#define CAT(a, b) a##b
#define STR(x) #x
void f(u32 __iomem *p, u32 __iomem *CAT(q, 1))
{
	STORE(p, DEREF(q1));
	STORE(CAT(p, ), STR(x)[0]);
	DEREF(p
	      ) = DEREF(
	      q1);
}
