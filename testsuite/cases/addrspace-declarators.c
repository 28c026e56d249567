/*
 * iomem-address-space and a declaration with several declarators, reduced
 * from drivers/gpu/drm/i915/gt/intel_ggtt.c (gen6_ggtt_clear_range()):
 * `gen6_pte_t scratch_pte, __iomem *gtt_base` makes gtt_base an __iomem
 * pointer (sparse and GCC give an annotation at the start of a later
 * declarator to that declarator's base type), so nothing here drops or adds
 * __iomem. In the decl-specifiers it applies to every declarator.
 */
#include <linux/io.h>
#include <linux/types.h>

typedef u32 gen6_pte_t;

struct ggtt {
	void __iomem *gsm;
	gen6_pte_t encode;
};

void clear_range(struct ggtt *ggtt, unsigned int first_entry,
		 unsigned int num_entries)
{
	gen6_pte_t scratch_pte, __iomem *gtt_base =
		(gen6_pte_t __iomem *)ggtt->gsm + first_entry;
	unsigned int i;

	scratch_pte = ggtt->encode;
	for (i = 0; i < num_entries; i++)
		iowrite32(scratch_pte, &gtt_base[i]);
}

void wrong_declarator(struct ggtt *ggtt)
{
	gen6_pte_t *plain = ggtt->gsm, __iomem *io = ggtt->gsm; /* expect: iomem-address-space */
	gen6_pte_t __iomem *both = ggtt->gsm, *too = ggtt->gsm;

	iowrite32(0, io);
	iowrite32(0, both);
	iowrite32(0, too);
	(void)plain;
}
