// SPDX-License-Identifier: GPL-2.0-only
/* Reporting: findings at byte columns on lines with tabs, with fix-its. */
int use(int *p, int v)
{
		int x = *p;	/* café */ int y = v;

	return x + y;
}
