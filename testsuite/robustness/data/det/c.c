// SPDX-License-Identifier: GPL-2.0-only
/* Determinism input 3 of 3: memory functions on I/O memory, and a file
 * name that sorts before the others' directory. */
#include "shared.h"

void c_fill(u8 __iomem *fb, const u8 *src, size_t n)
{
	memcpy(fb, src, n);
	memset(fb + n, 0, n);
}
