// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space: casts in the arguments of a call that is itself the
 * argument of a macro.
 *
 * Reduced from linux-6.1 lib/devres.c devm_iounmap() / devm_ioport_unmap():
 *   WARN_ON(devres_destroy(dev, devm_ioremap_release, devm_ioremap_match,
 *                          (__force void *)addr));
 * The __force cast makes addr a plain pointer on purpose (sparse: nothing).
 * GCC drops the cast (void * to void *); the plugin recovers such casts from
 * the text of the argument list, which it looked for only outside macros,
 * and reported argument 4 as dropping __iomem (2 findings on devres.c the
 * checker does not report). A plain cast is still reported, at the macro.
 */
#include <linux/io.h>
#include <linux/types.h>

#define WARN_ON(condition) ({ int __ret_warn_on = !!(condition); __ret_warn_on; })

typedef void (*dr_release_t)(int dev, void *res);
extern int devres_destroy(int dev, dr_release_t release, void *match_data, void *data);
extern void devm_ioremap_release(int dev, void *res);

void devm_iounmap(int dev, void __iomem *addr)
{
	WARN_ON(devres_destroy(dev, devm_ioremap_release, NULL,
			       (__force void *)addr));
	WARN_ON(devres_destroy(dev, devm_ioremap_release, NULL, /* expect: iomem-address-space */
			       (void *)addr));
}
