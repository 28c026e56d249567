// SPDX-License-Identifier: GPL-2.0-only
/* deeply nested expressions and statements */
#include "../data/io.h"

void f(u32 __iomem *p, int x)
{
	*p = ((((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))));
	if (x) if (x) if (x) if (x) if (x) if (x) if (x) if (x) if (x) if (x) if (x) if (x) if (x) if (x) if (x) *p = 1; else *p = 2;
	{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{ *p = *p; }}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
	*p = x ? x ? x ? x ? x ? x ? x ? x ? *p : *p : *p : *p : *p : *p : *p : *p : *p;
}
