// SPDX-License-Identifier: GPL-2.0-only
/* Locations: 1-based byte columns, end exclusive; ranges only outside
 * macro expansions; VAR and CONST without any location. */
#define __iomem __attribute__((noderef, address_space(__iomem)))
#define REG(r) ((r)->ctrl)
#define VALUE 5
#define STORE(p, v) (*(p) = (v))
struct regs { unsigned int ctrl; };

int locs(struct regs __iomem *r, unsigned int __iomem *p)
{
	r->ctrl = 1;
	REG(r) = 2;
	r->ctrl = VALUE;
	STORE(p, 3);
	*p = REG(r) +
	     r->ctrl;
	/* é */ r->ctrl = 4;
	return r->ctrl;
}
