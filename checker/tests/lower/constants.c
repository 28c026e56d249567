// SPDX-License-Identifier: GPL-2.0-only
/* Integer constant expressions fold to IMC_CONST with the type of their
 * conversions; anything that reads a variable does not. */
typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long size_t;
struct s { u32 a; u8 b; u32 c; };
enum { FIRST = 5, SECOND };

size_t constants(int v)
{
	u32 x = 1 + 2 * 3;
	u8 y = 'A';
	size_t z = sizeof(struct s) + __builtin_offsetof(struct s, c);
	int w = SECOND + __builtin_constant_p(v) + __builtin_constant_p(4);
	int ch = __builtin_choose_expr(sizeof(int) == 4, v, 0.5);
	int tc = __builtin_types_compatible_p(u32, unsigned int);
	int gs = _Generic(x, u8: 1, u32: v + 2, default: 3);
	int nc = v + 1 - 1;

	if (0)
		return -1;
	return x + y + z + w + ch + tc + gs + nc;
}
