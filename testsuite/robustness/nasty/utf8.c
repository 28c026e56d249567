// SPDX-License-Identifier: GPL-2.0-only
/* non-ASCII identifiers, strings and stray bytes */
#include "../data/io.h"

void fé(u32 __iomem *pé)
{
	*pé = 1;
	const char *s = "ünïcödé ✓";
	*pé = s[0] + '✓';
}
void ��(u32 __iomem *p) { *p = 2; }
