// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every construct the GCC front end lowers, kernel style, with __iomem and
 * __force defined empty as an ordinary build defines them: the plugin
 * restores them. lowering.ir is the expected -fplugin-arg-iomemcheck-dump-ir.
 */
#define __iomem
#define __force
#define NULL ((void *)0)
#define ADD_ONE(x) ((x) + 1)

typedef unsigned int u32;
typedef unsigned char u8;
typedef void __iomem *io_ptr;

struct iosys_map {
	union {
		void __iomem *vaddr_iomem;
		void *vaddr;
	};
	_Bool is_iomem;
};

struct regs {
	u32 ctrl;
	u32 data[4];
};

struct dev {
	struct regs __iomem *regs;
	u32 __iomem *base;
	int count;
	void (*notify)(struct dev *d, u32 __iomem *at);
};

void __iomem *ioremap(unsigned long phys, unsigned long size);
void memcpy_toio(volatile void __iomem *dst, const void *src, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);
u32 readl(const volatile void __iomem *addr);

static inline void writel(u32 v, volatile void __iomem *addr)
{
	*(volatile u32 __force *)addr = v;
}

int fields(struct dev *d, struct iosys_map *map, const void *src)
{
	struct regs __iomem *r = d->regs;
	io_ptr io = ioremap(0x1000, 64);

	d->count++;
	r->ctrl = 3;
	d->base[2] |= 4;
	*d->base = r->data[1];
	if (map->is_iomem)
		memcpy_toio(map->vaddr_iomem, src, 16);
	else
		memcpy(map->vaddr, src, 16);
	d->notify(d, d->base + 1);
	return io != NULL;
}

u32 casts(u32 __iomem *p, struct iosys_map *map)
{
	void *v = (void __force *)map->vaddr_iomem;
	u32 *q = (u32 __force *)p;
	u8 __iomem *b = (u8 __iomem *)p;
	long l = (long)*q;

	writel((u32)l, (void __iomem *)v);
	(void)b;
	return *(u32 __force *)p + readl(&p[1]);
}

int control(int *a, int n)
{
	int i, sum = 0;

	for (i = 0; i < n; i++) {
		if (a[i] < 0)
			continue;
		sum += a[i];
		if (sum > 100)
			break;
	}
	for (int j = n - 1; j >= 0; j--)
		*(a + j) = ADD_ONE(j);
	while (n--)
		sum -= 2;
	do {
		sum <<= 1;
	} while (0);
	switch (sum) {
	case 1:
		sum = 2;
		break;
	default:
		goto out;
	}
out:
	return sum ? : -1;
}

struct iosys_map exprs(void __iomem *io, int x)
{
	struct iosys_map m = { .vaddr_iomem = io, .is_iomem = 1 };
	int y = ({ int t = x * 2; t + 1; });

	m = (struct iosys_map){ .vaddr = &y, .is_iomem = 0 };
	x = x > 3 ? x : y, x++;
	if (!m.is_iomem && x != 0)
		return m;
	return (struct iosys_map){ 0 };
}
