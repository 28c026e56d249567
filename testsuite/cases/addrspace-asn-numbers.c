/*
 * iomem-address-space with the address-space numbers older kernels (before
 * 5.9) use under __CHECKER__: address_space(2) is __iomem; 1 (__user),
 * 3 (__percpu) and 4 (__rcu) are not, and are not iomemcheck's business.
 * check-flags give the plugin __CHECKER__ too, so that both front ends
 * read the numbers (without it the plugin restores the empty __iomem).
 */
/* check-flags: -D__CHECKER__ */
#ifdef __CHECKER__
# define __user		__attribute__((noderef, address_space(1)))
# define __iomem	__attribute__((noderef, address_space(2)))
# define __percpu	__attribute__((noderef, address_space(3)))
# define __rcu		__attribute__((noderef, address_space(4)))
# define __force	__attribute__((force))
#else
# define __user
# define __iomem
# define __percpu
# define __rcu
# define __force
#endif

typedef unsigned int u32;

void takes_plain(void *p);
void takes_io(void __iomem *p);

void *old_kernel(void __iomem *io, void __user *u, u32 __percpu *pc,
		 void __rcu *r, void *plain)
{
	void *a = io; /* expect: iomem-address-space */
	void *b = (void __force *)io;

	takes_plain(u);
	takes_plain(pc);
	takes_plain(r);
	takes_plain(b);
	takes_io(plain); /* expect: iomem-address-space */
	takes_io(io);
	return a;
}
