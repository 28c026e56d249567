/*
 * iomem-address-space about an argument is reported at that argument, as
 * sparse ("incorrect type in argument 3") and GCC do, not at the first line
 * of a call that spans several; inside a macro, at the macro's use.
 */
#include <linux/io.h>
#include <linux/types.h>

void takes_three(void *dst, u32 len, void *src);
void takes_io(void __iomem *p);

#define TAKE(x) takes_io(x)

void several_lines(void __iomem *regs, void *buf, u32 len)
{
	takes_three(buf,
		    len,
		    regs); /* expect: iomem-address-space */
	takes_three(regs, /* expect: iomem-address-space */
		    len, buf);
	takes_three(buf, len, /* a comment, (with parentheses) */ regs); /* expect: iomem-address-space */
	takes_three(buf, len, (void *)regs); /* expect: iomem-address-space */
	TAKE(buf); /* expect: iomem-address-space */
}
