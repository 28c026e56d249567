/* Checker: sparse's context attribute names a parameter (or any expression)
 * after the parameter list, as compiler_types.h spells __releases() under
 * __CHECKER__.  Kernel: include/linux/writeback.h:305 __releases(&inode->i_lock),
 * drivers/gpu/drm/vmwgfx/ttm_object.c:348 __releases(tfile->lock) (tfile is not
 * even a parameter there).  sparse: silent, exit 0.  iomemcheck (20:00 build):
 * "error: use of undeclared identifier", exit 2; fixed in the 20:12 build. */
#ifdef __CHECKER__
# define __releases(x) __attribute__((context(x, 1, 0)))
#else
# define __releases(x)
#endif
struct s { int lock; };
static inline void unlock(struct s *p)
	__releases(&p->lock)
{
	p->lock = 0;
}
int g(struct s *p) { unlock(p); return p->lock; }
