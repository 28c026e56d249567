// SPDX-License-Identifier: GPL-2.0-only
/* Unit test of imc_cast_marks(): each type name and the masks it gives. */
#include <stdio.h>
#include <string.h>

#include "castmarks.h"

static const struct {
	const char *text;
	uint32_t iomem, force;
	int marks;
} cases[] = {
	{"void *", 0, 0, 0},
	{"(void __iomem *)", 1u << 1, 0, 1},
	{"u32 __iomem", 1u << 0, 0, 1},
	{"(u32 __force *)", 0, 1u << 1, 1},
	{"(__force u32)", 0, 1u << 0, 1},
	{"__force void __iomem *", 1u << 1, 1u << 1, 2},
	/* every mark at its own depth (the checker kept the last __force) */
	{"(void __iomem * __force *)", 1u << 2, 1u << 1, 2},
	{"(void __force * __force *)", 0, (1u << 2) | (1u << 1), 2},
	{"(void __iomem **)", 1u << 2, 0, 1},
	{"(void * __iomem *)", 1u << 1, 0, 1},
	/* the checker-mode spelling; no '*' counts inside the attribute */
	{"(void __attribute__((noderef, address_space(__iomem))) *)", 1u << 1,
	 0, 1},
	{"(__attribute__((force)) unsigned long)", 0, 1u << 0, 1},
	{"(void __attribute__((force)) * __attribute__((force)) *)", 0,
	 (1u << 2) | (1u << 1), 2},
	/* a word "force" outside an attribute, comments: not marks */
	{"(struct force *)", 0, 0, 0},
	{"(void /* __iomem */ *)", 0, 0, 0},
	{"(u8 __iomem\n\t *)", 1u << 1, 0, 1},
	{"(__iomem_t *)", 0, 0, 0},
	{"", 0, 0, 0},
	{"(void __iomem ********************************)", 0, 0, 1},
};

int main(void)
{
	unsigned i, failed = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t io = ~0u, fo = ~0u;
		int n = imc_cast_marks(cases[i].text, strlen(cases[i].text),
				       &io, &fo);

		if (io != cases[i].iomem || fo != cases[i].force ||
		    n != cases[i].marks) {
			printf("FAIL %s: iomem %#x force %#x marks %d, "
			       "expected %#x %#x %d\n",
			       cases[i].text, io, fo, n, cases[i].iomem,
			       cases[i].force, cases[i].marks);
			failed++;
		}
	}
	/* LEN bounds the text: nothing after it is read */
	{
		uint32_t io, fo;

		imc_cast_marks("(void *) __iomem", 8, &io, &fo);
		if (io || fo) {
			printf("FAIL: read past LEN\n");
			failed++;
		}
	}
	/* from '(' on, the matching ')' ends the type name */
	{
		static const char text[] =
			"(void (*)(int) __force *)p, __iomem";
		uint32_t io, fo;

		imc_cast_marks(text, strlen(text), &io, &fo);
		if (io || fo != 1u << 1) {
			printf("FAIL: read past the cast's ')'\n");
			failed++;
		}
	}
	printf("%s: %u cases\n", failed ? "FAIL" : "PASS", i + 2);
	return failed != 0;
}
