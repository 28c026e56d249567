// SPDX-License-Identifier: GPL-2.0-only
/* sparse attributes misused */
#include "../data/io.h"

int __attribute__((address_space)) *a;
int __attribute__((address_space(1, 2))) *b;
int __attribute__((address_space("__iomem"))) *c;
int __attribute__((address_space(__iomem))) d;
int __attribute__((noderef(1))) *e;
int __attribute__((force)) f(int __attribute__((address_space(__iomem))) x);
struct __attribute__((address_space(__iomem))) s { int a; };
void g(void)
{
	int __attribute__((address_space(__iomem))) *__attribute__((address_space(__iomem))) *pp = 0;
	**pp = 1;
	*(int __attribute__((address_space(__nope))) *)0 = 1;
	*(int __attribute__((address_space(__iomem), force)) *)0 = 1;
}
