// SPDX-License-Identifier: GPL-2.0-only
/*
 * Constructs the lowering meets rarely: it must not crash on them, and the
 * object file must stay the same with and without the plugin.
 */
#include <stdarg.h>
#include <stddef.h>

#define __iomem
#define __force

struct bits {
	unsigned int a : 3, b : 5;
	int arr[];
};

union u {
	int i;
	float f;
};

typedef int v4si __attribute__((vector_size(16)));

static int table[4] = { [1] = 2, [2 ... 3] = 7 };

int varargs(int n, ...)
{
	va_list ap;
	int s = 0;

	va_start(ap, n);
	while (n-- > 0)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

int computed(int i)
{
	static void *labels[] = { &&one, &&two };

	goto *labels[i & 1];
one:
	return 1;
two:
	return 2;
}

int cases(int x)
{
	switch (x) {
	case 1 ... 3:
		return 1;
	case 4:
	case 5:
		x++;
		/* fall through */
	default:
		break;
	}
	return x;
}

int vla(int n, unsigned int __iomem *io)
{
	int a[n];
	int (*pa)[n] = &a;
	struct bits bf = { .a = 1 };
	union u uu = { .f = 1.5f };
	_Complex double c = 1.0;
	v4si v = { 1, 2, 3, 4 };
	_Atomic int at = 0;

	for (int i = 0; i < n; i++)
		(*pa)[i] = i;
	bf.b = bf.a + 1;
	at += 1;
	v = v + v;
	asm volatile("" : "+r"(n) : "m"(*(unsigned int __force *)io));
	return a[0] + bf.b + uu.i + (int)__real__ c + v[1] + at +
	       (int)sizeof(a) + (int)offsetof(struct bits, arr) +
	       __builtin_constant_p(n) + _Generic(n, int: 1, default: 2) +
	       __builtin_choose_expr(1, 3, 4) + table[n & 3];
}

int nested_exprs(int *p, int x)
{
	int r = ({
		int t = ({ int u = x; u * 2; });
		t ? t : -1;
	});

	r += (p[0] = 3, p[1]++);
	r = !p ? 0 : !!p[2];
	r = x < 0 ? -x : x;
	r = x > r ? x : r;
	r -= 5;
	return r << 2 | (x & 0x80 ? 1 : 0);
}

void noreturn_fn(void) __attribute__((noreturn));
void noreturn_fn(void)
{
	for (;;)
		;
}
