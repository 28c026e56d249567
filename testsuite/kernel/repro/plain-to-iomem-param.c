/* sparse: "incorrect type in argument 1 (different address spaces)" at
 * line 13; iomemcheck has no rule for a plain pointer passed as __iomem
 * (qxl_kms.c:271 iounmap(qdev->ram_header) and five more in drivers/gpu/drm). */
#ifdef __CHECKER__
# define __iomem __attribute__((noderef, address_space(__iomem)))
#else
# define __iomem
#endif
void iounmap(volatile void __iomem *addr);
struct dev { void *regs; };	/* holds an ioremap() result, __iomem forgotten */
void fini(struct dev *d)
{
	iounmap(d->regs);
}
