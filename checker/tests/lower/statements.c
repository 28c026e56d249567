// SPDX-License-Identifier: GPL-2.0-only
/* Statements: blocks, declarations, branches, loops, switch, labels. */
#define fallthrough __attribute__((__fallthrough__))

int stmts(int n)
{
	int a = 1, b;
	{ ; }
	if (n)
		a = 2;
	else if (n > 1) {
		a = 3;
	}
	while (n--)
		;
	do {
		a++;
	} while (0);
	for (b = 0; b < n; b++)
		continue;
	for (;;)
		break;
	for (int i = 0, j = 1; i < j; )
		i++;
	switch (n) {
	case 1:
	case 2 ... 4:
		a = 0;
		fallthrough;
	default:
		break;
	}
	goto out;
out:
	b = ({ int t = a; t + 1; });
	return a + b;
}
