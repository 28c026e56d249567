// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-memfn / iomem-deref: an I/O source whose `bool *is_iomem`
 * out-parameter says which kind of memory it returned, from an optional
 * rules file (rules/optional/ttm-kmap.rules: `io-source
 * ttm_kmap_obj_virtual mem=maybe flag=2`, loaded with --rules).
 *
 * Testing the flag is path-sensitive exactly like a map's is_iomem: the
 * branch that uses the I/O accessors and the one that uses memcpy() are
 * both clean; using the pointer without testing the flag is a finding.
 * The message names the call the maybe-I/O pointer came from.
 */
/* check-options: rules=optional/ttm-kmap.rules */
#include <linux/io.h>
#include <linux/string.h>
#include <linux/types.h>

struct ttm_bo_kmap_obj {
	void *virtual;
};

void *ttm_kmap_obj_virtual(struct ttm_bo_kmap_obj *map, bool *is_iomem);

void upload(struct ttm_bo_kmap_obj *map, const void *fw, size_t size)
{
	bool is_iomem;
	void *virtual = ttm_kmap_obj_virtual(map, &is_iomem);

	if (is_iomem)
		memcpy_toio((void __iomem *)virtual, fw, size);
	else
		memcpy(virtual, fw, size);
}

void clear(struct ttm_bo_kmap_obj *map, size_t size)
{
	bool is_iomem;
	u32 *virtual = ttm_kmap_obj_virtual(map, &is_iomem);

	if (!is_iomem) {
		memset(virtual, 0, size);
		virtual[0] = 1;
	}
}

void unchecked(struct ttm_bo_kmap_obj *map, const void *fw, size_t size)
{
	bool is_iomem;
	u32 *virtual = ttm_kmap_obj_virtual(map, &is_iomem);

	memcpy(virtual, fw, size);	/* expect: iomem-memfn */
	virtual[1] = 2;	/* expect: iomem-deref */
}
