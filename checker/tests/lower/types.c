// SPDX-License-Identifier: GPL-2.0-only
/* Types: __iomem through typedefs, typeof and __auto_type; decayed
 * parameters; function types. */
#define __iomem __attribute__((noderef, address_space(__iomem)))
#define __user __attribute__((noderef, address_space(__user)))
typedef unsigned int u32;
struct regs { u32 ctrl; u32 data[3]; };
typedef struct regs __iomem regs_io_t;
typedef void __iomem *io_ptr_t;
typedef struct { int x; } anon_t;
enum color { RED, GREEN };

void types(regs_io_t *r, io_ptr_t p, void __iomem **pp, u32 arr[4],
	   void __user *u, anon_t *a, enum color c, _Atomic int at,
	   void (*fn)(void __iomem *, int))
{
	typeof(p) t1 = p;
	__typeof__(r->ctrl) __iomem *t2 = &r->ctrl;
	__auto_type t3 = *pp;
	const void __iomem *const t4 = p;

	fn(t1, c);
	fn((void __iomem *)t2, at);
	fn((void __iomem *)t3, a->x);
	fn((void __iomem *)t4, (int)arr[0] + (u != 0));
}
