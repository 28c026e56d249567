// SPDX-License-Identifier: GPL-2.0-only
/* no newline at the end, inside a function */
#include "../data/io.h"
void f(u32 __iomem *p) { *p = 1;