// SPDX-License-Identifier: GPL-2.0-only
/* Initializers: designated, nested, positional (named after the member,
 * as GCC's CONSTRUCTOR is), anonymous members, arrays, compound literals. */
#define __iomem __attribute__((noderef, address_space(__iomem)))
typedef _Bool bool;
struct iosys_map {
	union {
		void __iomem *vaddr_iomem;
		void *vaddr;
	};
	bool is_iomem;
};
struct inner { int a, b; };
struct outer { struct inner in; int arr[3]; int z; };
#define IOSYS_MAP_INIT_VADDR(vaddr_) { .vaddr = (vaddr_), .is_iomem = 0, }

void inits(void *p, void __iomem *io, struct iosys_map *out)
{
	struct iosys_map m1 = IOSYS_MAP_INIT_VADDR(p);
	struct iosys_map m2 = { { io }, 1 };
	struct outer o1 = { .in.b = 1, .arr[2] = 2, 3 };
	struct outer o2 = { { 1, 2 }, { 3 } };
	struct outer o3 = { 1, 2, 3 };
	int arr[] = { 1, [3] = 4 };

	*out = (struct iosys_map){ .vaddr_iomem = io, .is_iomem = 1 };
	(void)m1; (void)m2; (void)o1; (void)o2; (void)o3; (void)arr;
}
