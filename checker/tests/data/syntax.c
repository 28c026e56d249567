// SPDX-License-Identifier: GPL-2.0-only
int f(int x)
{
	return x +;
}
