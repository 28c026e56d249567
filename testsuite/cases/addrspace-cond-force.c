// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space / iomem-forced-access: __force casts in the arms of ?:.
 *
 * Reduced from linux-6.1 drivers/gpu/drm/drm_cache.c drm_memcpy_from_wc():
 *   __drm_memcpy_from_wc(dst->is_iomem ? (void __force *)dst->vaddr_iomem :
 *                        dst->vaddr, ...);
 * The __force cast makes the arm a plain pointer on purpose: no
 * address-space finding (sparse has none). GCC drops a cast that changes
 * only the annotation, and the plugin recovered such casts where an
 * operand's text starts (arguments, initializers, assignments) but not in
 * the arms of ?:, so it reported argument 1 as dropping __iomem where the
 * checker reports the forced access (the memory reaches memcpy() in the
 * callee: the review of this kernel finding is in
 * testsuite/kernel/expected-beyond-sparse.txt). The `const` arm always
 * worked: that cast changes the type, GCC keeps it.
 */
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/string.h>
#include <linux/types.h>

static void copy_from_wc(void *dst, const void *src, unsigned long len)
{
	memcpy(dst, src, len);
}

void drm_memcpy_from_wc(struct iosys_map *dst, const struct iosys_map *src,
			unsigned long len)
{
	copy_from_wc(dst->is_iomem ? /* expect: iomem-forced-access, expect: iomem-forced-access */
		     (void __force *)dst->vaddr_iomem :
		     dst->vaddr,
		     src->is_iomem ?
		     (void const __force *)src->vaddr_iomem :
		     src->vaddr,
		     len);
}

void *pick(struct iosys_map *map)
{
	return map->is_iomem ? map->vaddr_iomem : map->vaddr; /* expect: iomem-address-space */
}
