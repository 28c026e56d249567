// SPDX-License-Identifier: GPL-2.0-only
/* preprocessor errors */
#include "../data/io.h"

#if
#endif
#include
#define M(x, x) x
#define N(
#if 1
void f(u32 __iomem *p) { *p = M(1, 2); }
