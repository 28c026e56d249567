/*
 * selftest: PASS
 * check-options are spelled for each front end: the checker gets
 * -Wcast-to-as and --headers, the plugin -fplugin-arg-PLUGIN-cast-to-as
 * and -fplugin-arg-PLUGIN-headers (PLUGIN: the plugin's base name); the
 * other front end's spelling reaches neither.
 *
 * fake checker (exit 0):
 *	!need-arg -Wcast-to-as
 *	!need-arg --headers
 *	!refuse-arg -fplugin-arg-no-such-plugin-cast-to-as
 * fake plugin (exit 0):
 *	!need-arg -fplugin-arg-no-such-plugin-cast-to-as
 *	!need-arg -fplugin-arg-no-such-plugin-headers
 *	!refuse-arg -Wcast-to-as
 *	!refuse-arg --headers
 */
#define __iomem
typedef unsigned int u32;
static inline u32 readl(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
/* check-options: cast-to-as headers */

u32 get(u32 __iomem *p)
{
	return readl(p);
}
