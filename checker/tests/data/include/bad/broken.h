/* SPDX-License-Identifier: GPL-2.0-only */
/* A header with an error inside one inline function (as GCC-only code in a
 * kernel header would be for clang); the rest is usable. */
static inline int broken_helper(int x)
{
	return x + not_declared_anywhere;
}

static inline int fine_helper(int x)
{
	return x + 1;
}
