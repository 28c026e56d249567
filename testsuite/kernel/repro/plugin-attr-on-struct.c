/* Plugin regression: attributes restored by the plugin on a struct type
 * gave -Wattributes "ignoring attributes applied to struct after definition"
 * (an error under kbuild -Werror).  gcc -fplugin=iomemcheck.so -Wall -Werror -c */
#define __iomem
#define __force
struct s { int a; };
int f(struct s *p)
{
	return ((struct s __force *)p)->a;
}
struct regs { int ctrl; };
unsigned int rd(const volatile void __iomem *addr);
unsigned int g(struct regs __iomem *r)
{
	return rd(&r->ctrl);
}
