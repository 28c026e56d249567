/* Header helpers with loops, a switch, break and continue: the GCC plugin
 * lowers header functions only when the checked file calls them, after
 * c_genericize has rewritten these statements (map-header-helpers.c). */
#include <linux/types.h>

static inline void fill_words(u32 *dst, u32 v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!dst)
			break;
		if (i == 7)
			continue;
		dst[i] = v;
	}
}

static inline void *pick(void *a, void *b, int which)
{
	switch (which) {
	case 0:
		return a;
	default:
		break;
	}
	while (which-- > 0)
		if (which == 3)
			continue;
	do {
		which++;
	} while (which < 2);
	return b;
}

/* Never called: not lowered, and nothing reported. */
static inline void unused_helper(u32 *p)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = 0;
}
