/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pointer to system or I/O memory, with the semantics of the kernel's
 * include/linux/iosys-map.h (v5.18+; dma_buf_map before that).
 *
 * A map carries the address and whether it is I/O memory.  Open-coding
 * access to the fields is bad style: use the helpers, which pick the plain
 * or the accessor path.  Every helper branches on is_iomem and touches
 * vaddr_iomem only with accessors and vaddr only on the system path, so a
 * path-sensitive checker can prove this header clean.
 */
#ifndef _IMC_LINUX_IOSYS_MAP_H
#define _IMC_LINUX_IOSYS_MAP_H

#include <stddef.h>
#include <string.h>

#include <linux/compiler.h>
#include <linux/io.h>
#include <linux/types.h>

__IMC_HDR_BEGIN

struct iosys_map {
	union {
		void __iomem *vaddr_iomem;
		void *vaddr;
	};
	bool is_iomem;
};

#define IOSYS_MAP_INIT_VADDR_IOMEM(vaddr_iomem_)	\
	{						\
		.vaddr_iomem = (vaddr_iomem_),		\
		.is_iomem = true,			\
	}

#define IOSYS_MAP_INIT_VADDR(vaddr_)	\
	{				\
		.vaddr = (vaddr_),	\
		.is_iomem = false,	\
	}

/*
 * A copy of *map_ advanced by offset_, leaving the original untouched:
 * the original may still be needed to unmap the buffer.
 */
#define IOSYS_MAP_INIT_OFFSET(map_, offset_) ({		\
	struct iosys_map copy_ = *(map_);		\
	iosys_map_incr(&copy_, (offset_));		\
	copy_;						\
})

static inline void iosys_map_set_vaddr(struct iosys_map *map, void *vaddr)
{
	map->vaddr = vaddr;
	map->is_iomem = false;
}

static inline void iosys_map_set_vaddr_iomem(struct iosys_map *map,
					     void __iomem *vaddr_iomem)
{
	map->vaddr_iomem = vaddr_iomem;
	map->is_iomem = true;
}

static inline bool iosys_map_is_equal(const struct iosys_map *lhs,
				      const struct iosys_map *rhs)
{
	if (lhs->is_iomem != rhs->is_iomem)
		return false;
	else if (lhs->is_iomem)
		return lhs->vaddr_iomem == rhs->vaddr_iomem;
	else
		return lhs->vaddr == rhs->vaddr;
}

static inline bool iosys_map_is_null(const struct iosys_map *map)
{
	if (map->is_iomem)
		return !map->vaddr_iomem;
	return !map->vaddr;
}

static inline bool iosys_map_is_set(const struct iosys_map *map)
{
	return !iosys_map_is_null(map);
}

static inline void iosys_map_clear(struct iosys_map *map)
{
	if (map->is_iomem) {
		map->vaddr_iomem = NULL;
		map->is_iomem = false;
	} else {
		map->vaddr = NULL;
	}
}

static inline void iosys_map_memcpy_to(struct iosys_map *dst,
				       size_t dst_offset,
				       const void *src, size_t len)
{
	if (dst->is_iomem)
		memcpy_toio(dst->vaddr_iomem + dst_offset, src, len);
	else
		memcpy(dst->vaddr + dst_offset, src, len);
}

static inline void iosys_map_memcpy_from(void *dst,
					 const struct iosys_map *src,
					 size_t src_offset, size_t len)
{
	if (src->is_iomem)
		memcpy_fromio(dst, src->vaddr_iomem + src_offset, len);
	else
		memcpy(dst, src->vaddr + src_offset, len);
}

static inline void iosys_map_incr(struct iosys_map *map, size_t incr)
{
	if (map->is_iomem)
		map->vaddr_iomem += incr;
	else
		map->vaddr += incr;
}

static inline void iosys_map_memset(struct iosys_map *dst, size_t offset,
				    int value, size_t len)
{
	if (dst->is_iomem)
		memset_io(dst->vaddr_iomem + offset, value, len);
	else
		memset(dst->vaddr + offset, value, len);
}

/*
 * iosys_map_rd/wr move one value of type__ (1, 2, 4 or 8 bytes).  The
 * kernel dispatches with _Generic on u8..u64; dispatching on the size lets
 * signed, enum and pointer fields through as well.  The union moves the
 * bits between type__ and the accessor's unsigned type without a cast,
 * which would not compile for every type__.
 */
#define __iosys_map_check_size(type__)					\
	_Static_assert(sizeof(type__) == 1 || sizeof(type__) == 2 ||	\
		       sizeof(type__) == 4 || sizeof(type__) == 8,	\
		       "iosys_map_rd/wr: type must be 1, 2, 4 or 8 bytes")

#define __iosys_map_rd_io(val__, vaddr_iomem__, type__) do {		\
	union { type__ v; u8 b; u16 w; u32 l; u64 q; } u_rd_;		\
									\
	switch (sizeof(type__)) {					\
	case 1: u_rd_.b = readb(vaddr_iomem__); break;			\
	case 2: u_rd_.w = readw(vaddr_iomem__); break;			\
	case 4: u_rd_.l = readl(vaddr_iomem__); break;			\
	default: u_rd_.q = readq(vaddr_iomem__); break;			\
	}								\
	val__ = u_rd_.v;						\
} while (0)

#define __iosys_map_wr_io(val__, vaddr_iomem__, type__) do {		\
	union { type__ v; u8 b; u16 w; u32 l; u64 q; } u_wr_;		\
									\
	u_wr_.v = (val__);						\
	switch (sizeof(type__)) {					\
	case 1: writeb(u_wr_.b, vaddr_iomem__); break;			\
	case 2: writew(u_wr_.w, vaddr_iomem__); break;			\
	case 4: writel(u_wr_.l, vaddr_iomem__); break;			\
	default: writeq(u_wr_.q, vaddr_iomem__); break;			\
	}								\
} while (0)

#define __iosys_map_rd_sys(val__, vaddr__, type__)			\
	val__ = READ_ONCE(*(type__ *)(vaddr__))

#define __iosys_map_wr_sys(val__, vaddr__, type__)			\
	WRITE_ONCE(*(type__ *)(vaddr__), val__)

/*
 * Read a type__ at offset__ into the map.  The locals of _rd and _wr have
 * different names so that iosys_map_wr(m, o, t, iosys_map_rd(...)) stays
 * quiet under -Wshadow; nesting a read in a read's offset still shadows,
 * as with the kernel's macros.
 */
#define iosys_map_rd(map__, offset__, type__) ({			\
	type__ val_rd_;							\
	__iosys_map_check_size(type__);					\
	if ((map__)->is_iomem) {					\
		__iosys_map_rd_io(val_rd_,				\
				  (map__)->vaddr_iomem + (offset__),	\
				  type__);				\
	} else {							\
		__iosys_map_rd_sys(val_rd_,				\
				   (map__)->vaddr + (offset__), type__); \
	}								\
	val_rd_;							\
})

/* Write val__, converted to type__, at offset__ into the map. */
#define iosys_map_wr(map__, offset__, type__, val__) ({			\
	type__ val_wr_ = (val__);					\
	__iosys_map_check_size(type__);					\
	if ((map__)->is_iomem) {					\
		__iosys_map_wr_io(val_wr_,				\
				  (map__)->vaddr_iomem + (offset__),	\
				  type__);				\
	} else {							\
		__iosys_map_wr_sys(val_wr_,				\
				   (map__)->vaddr + (offset__), type__); \
	}								\
})

/* Read field__ of a struct_type__ that starts at struct_offset__. */
#define iosys_map_rd_field(map__, struct_offset__, struct_type__, field__)	\
	iosys_map_rd(map__, (struct_offset__) +					\
		     offsetof(struct_type__, field__),				\
		     __typeof__(((struct_type__ *)0)->field__))

/* Write field__ of a struct_type__ that starts at struct_offset__. */
#define iosys_map_wr_field(map__, struct_offset__, struct_type__, field__, val__) \
	iosys_map_wr(map__, (struct_offset__) +					\
		     offsetof(struct_type__, field__),				\
		     __typeof__(((struct_type__ *)0)->field__), val__)

__IMC_HDR_END

#endif /* _IMC_LINUX_IOSYS_MAP_H */
