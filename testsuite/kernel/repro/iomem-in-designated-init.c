/* Both front ends miss line 21: an __iomem pointer stored into the map's
 * plain .vaddr by a designated initializer (drivers/gpu/drm/tiny/simpledrm.c:494,
 * IOSYS_MAP_INIT_VADDR(sdev->screen_base)).  sparse warns at 21 and 26. */
#ifdef __CHECKER__
# define __iomem __attribute__((noderef, address_space(__iomem)))
#else
# define __iomem
#endif
struct iosys_map {
	union {
		void __iomem *vaddr_iomem;
		void *vaddr;
	};
	_Bool is_iomem;
};
#define IOSYS_MAP_INIT_VADDR(vaddr_) { .vaddr = (vaddr_), .is_iomem = 0, }
void use(struct iosys_map *map);
struct dev { void __iomem *screen_base; };
void f(struct dev *d)
{
	struct iosys_map dst = IOSYS_MAP_INIT_VADDR(d->screen_base);
	use(&dst);
}
void g(void __iomem *base)
{
	void *p = base;
	use((struct iosys_map *)p);
}
