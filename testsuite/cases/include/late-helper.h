/* Included after its caller (map-header-helpers.c): defined once the
 * caller is lowered already. */
static inline void late_clear(u8 *p, unsigned int n)
{
	while (n--)
		*p++ = 0;
}
