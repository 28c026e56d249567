// SPDX-License-Identifier: GPL-2.0-only
/* broken control flow */
#include "../data/io.h"

void f(u32 __iomem *p, int x)
{
	goto nowhere;
	break;
	continue;
	case 1: *p = 1;
	default: ;
	switch (x) { case 1: case 1: *p = 2; default: default: ; }
	switch (p) { case 0: ; }
	while (*p) { here: ; }
	goto here;
}
