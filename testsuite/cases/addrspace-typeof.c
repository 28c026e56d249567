/*
 * iomem-address-space through typeof() macros, reduced from
 * drivers/gpu/drm/i915/i915_vma.c (i915_vma_pin_iomap()) and i915_utils.h:
 * READ_ONCE() reads through `typeof(x) *`, page_pack_bits() and
 * page_mask_bits() round-trip the pointer through unsigned long and cast it
 * back to typeof(ptr). sparse keeps __iomem through typeof, so storing the
 * result in an __iomem pointer is fine; GCC's typeof has no annotations, so
 * the value must not be mistaken for a plain pointer. A plain pointer
 * through the same macros is still reported.
 */
#include <linux/io.h>
#include <linux/types.h>

#define __scalar_type_to_expr_cases(type)				\
		unsigned type:	(unsigned type)0,			\
		signed type:	(signed type)0
#define __unqual_scalar_typeof(x) typeof(				\
		_Generic((x),						\
			 char:	(char)0,				\
			 __scalar_type_to_expr_cases(char),		\
			 __scalar_type_to_expr_cases(short),		\
			 __scalar_type_to_expr_cases(int),		\
			 __scalar_type_to_expr_cases(long),		\
			 __scalar_type_to_expr_cases(long long),	\
			 default: (x)))
#define __READ_ONCE(x)	(*(const volatile __unqual_scalar_typeof(x) *)&(x))
#define READ_ONCE(x) ({ __READ_ONCE(x); })

#define BIT(nr)			(1UL << (nr))
#define ptr_mask_bits(ptr, n) ({					\
	unsigned long __v = (unsigned long)(ptr);			\
	(typeof(ptr))(__v & -BIT(n));					\
})
#define ptr_pack_bits(ptr, bits, n) ({					\
	unsigned long __bits = (bits);					\
	((typeof(ptr))((unsigned long)(ptr) | __bits));			\
})
#define page_mask_bits(ptr)		ptr_mask_bits(ptr, 12)
#define page_pack_bits(ptr, bits)	ptr_pack_bits(ptr, bits, 12)

struct vma {
	void __iomem *iomap;
	void *vaddr;
};

void __iomem *pin_iomap(struct vma *vma)
{
	void __iomem *ptr;

	ptr = READ_ONCE(vma->iomap);
	if (!ptr)
		return NULL;
	ptr = page_pack_bits(ptr, 1);
	return page_mask_bits(ptr);
}

void __iomem *pin_plain(struct vma *vma)
{
	void __iomem *ptr;

	ptr = READ_ONCE(vma->vaddr); /* expect: iomem-address-space */
	return ptr;
}
