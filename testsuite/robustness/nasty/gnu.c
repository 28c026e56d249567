// SPDX-License-Identifier: GPL-2.0-only
/* GNU extensions around I/O pointers (valid C for both front ends) */
#include "../data/io.h"

void f(u32 __iomem *p, int n)
{
	u32 vla[n];
	u32 s = ({ u32 t = *p; t + 1; });
	void *l = n ? &&out : &&other;
	goto *l;
other:
	__asm__ volatile("" : "=m"(*p) : "r"(*p));
	__builtin_memcpy((void *)p, vla, sizeof(vla));
	__builtin_memset((void *)p, 0, n);
	s += __builtin_expect(*p, 0);
	s += __builtin_choose_expr(1, *p, 0);
	s += __builtin_offsetof(struct { u32 a, b; }, b);
	s += sizeof(*p) + _Alignof(u32);
	s = s ?: *p;
	switch (*p) { case 1 ... 5: s++; break; default: break; }
out:
	vla[0] = s;
	*p = vla[0];
}
