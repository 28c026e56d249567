/*
 * iomem-address-space in initializers: an __iomem pointer stored into a
 * plain member (tiny/simpledrm.c did IOSYS_MAP_INIT_VADDR(screen_base)).
 */
#include <linux/iosys-map.h>
#include <linux/types.h>

struct sdev {
	void __iomem *screen_base;
};

void init(struct sdev *sdev, struct iosys_map *out)
{
	struct iosys_map wrong = IOSYS_MAP_INIT_VADDR(sdev->screen_base); /* expect: iomem-address-space */
	struct iosys_map right = IOSYS_MAP_INIT_VADDR_IOMEM(sdev->screen_base);

	*out = wrong;
	*out = right;
}
