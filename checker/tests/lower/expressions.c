// SPDX-License-Identifier: GPL-2.0-only
/* Expressions: fields, anonymous members, calls, operators, ?:. */
typedef unsigned int u32;
struct map {
	union {
		void __attribute__((noderef, address_space(__iomem))) *vaddr_iomem;
		void *vaddr;
	};
	_Bool is_iomem;
};
struct pair { u32 a[4]; struct map m; };
void sink(void *p, ...);
static void cb(u32 x) { (void)x; }

u32 exprs(struct map *map, struct pair p, u32 *q, int i)
{
	void (*fp)(u32) = cb;
	u32 x = q[i] + *q;

	sink(map->vaddr, p.m.vaddr, &p.a[1], "str");
	fp(x);
	(*fp)(x);
	fp = &cb;
	x += 2;
	x <<= i;
	++x, x--;
	x = !x || (x && -x) ? ~x : i ?: 7;
	return x;
}
