// SPDX-License-Identifier: GPL-2.0-only
/* redefinitions and conflicting types */
#include "../data/io.h"

void f(u32 __iomem *p) { *p = 1; }
void f(u32 __iomem *p) { *p = 2; }
int f;
typedef int f;
u32 readl(int x) { return x; }
void g(u32 __iomem *p) { readl(p); }
