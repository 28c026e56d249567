// SPDX-License-Identifier: GPL-2.0-only
/*
 * typeof() and __auto_type keep __iomem, as sparse's typeof does.
 *
 * The kernel's swap() (linux-6.1 include/linux/minmax.h):
 *   #define swap(a, b) \
 *	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
 * on two __iomem pointers (a double-buffered register window) is a move of
 * __iomem pointers: sparse is silent. The plugin reported two findings per
 * swap() (GCC's typeof has no annotations: __tmp was plain); the checker
 * none on this reduction (issue 19 saw one elsewhere). `typeof(&regs->ctrl)`
 * with an __iomem `regs` is `u32 __iomem *` in sparse (both front ends took
 * it for `u32 *`: two findings), and so are `typeof(q) w = q` and
 * `__auto_type v = q` (the plugin: four): writel() on them is right, a
 * plain store through them is a finding, as through q itself.
 */
#include <linux/io.h>
#include <linux/types.h>

#define swap(a, b) \
	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

struct win_regs {
	u32 status;
	u32 ctrl;
};

struct win {
	void __iomem *front;
	void __iomem *back;
};

void flip(struct win *w)
{
	swap(w->front, w->back);
	writel(1, w->front);
}

void flip_locals(void __iomem *a, void __iomem *b)
{
	swap(a, b);
	writel(1, a);
	writel(1, b);
}

void ctrl(struct win_regs __iomem *regs)
{
	typeof(&regs->ctrl) c = &regs->ctrl;

	writel(1, c);
	*c = 2; /* expect: iomem-deref */
}

void copies(u32 __iomem *q)
{
	typeof(q) w = q;
	__auto_type v = q;

	writel(1, w);
	writel(2, v);
	*w = 3; /* expect: iomem-deref */
	*v = 4; /* expect: iomem-deref */
}
