// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reduced from the linux 6.1 functions whose findings the fix-its of issue
 * 13 rewrite (written anew, the shapes kept):
 *  - drivers/gpu/drm/vkms/vkms_formats.c argb_u16_to_XRGB8888(),
 *    argb_u16_to_ARGB16161616() and packed_pixels_addr(): a pointer into a
 *    map that steps through a line (becomes an offset, iosys_map_wr());
 *  - drivers/gpu/drm/qxl/qxl_draw.c drawable_set_clipping(): members stored
 *    through a struct pointer set to map.vaddr (iosys_map_wr_field());
 *  - drivers/gpu/drm/qxl/qxl_kms.c qxl_check_device() and setup_hw_slot():
 *    an ioremap_wc() kept in a field declared without __iomem (readl() /
 *    writeq() through a __force cast).
 * Plain access to I/O memory: traps under the mapapi emulator until
 * `iomemcheck --fix`; then the same output on system and I/O memory.
 *
 *   map_pointers sys|io    prints checksums of what was written
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ioemu.h>
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/types.h>

struct frame_info {
	struct iosys_map map[1];
	unsigned int pitch, cpp;
};

struct pixel_argb_u16 {
	u16 a, r, g, b;
};

static size_t pixel_offset(const struct frame_info *frame_info, int x, int y)
{
	return frame_info->pitch * y + frame_info->cpp * x;
}

static void *packed_pixels_addr(const struct frame_info *frame_info, int x,
				int y)
{
	size_t offset = pixel_offset(frame_info, x, y);

	return (u8 *)frame_info->map[0].vaddr + offset;
}

/* another use of the helper, so that it stays used once the rewrites
 * have inlined it (vkms: get_packed_src_addr()) */
size_t src_offset(const struct frame_info *frame_info, int y)
{
	return (u8 *)packed_pixels_addr(frame_info, 0, y) -
	       (u8 *)frame_info->map[0].vaddr;
}

static void to_xrgb8888(struct frame_info *frame_info,
			const struct pixel_argb_u16 *in_pixels, int y, int n)
{
	u8 *dst_pixels = packed_pixels_addr(frame_info, 1, y);

	for (int x = 0; x < n; x++, dst_pixels += 4) {
		dst_pixels[3] = 0xff;
		dst_pixels[2] = in_pixels[x].r / 257;
		dst_pixels[1] = in_pixels[x].g / 257;
		dst_pixels[0] = in_pixels[x].b / 257;
	}
}

static void to_argb16161616(struct frame_info *frame_info,
			    const struct pixel_argb_u16 *in_pixels, int y, int n)
{
	u16 *dst_pixels = packed_pixels_addr(frame_info, 0, y);

	for (int x = 0; x < n; x++, dst_pixels += 4) {
		dst_pixels[3] = in_pixels[x].a;
		dst_pixels[2] = in_pixels[x].r;
		dst_pixels[1] = in_pixels[x].g;
		dst_pixels[0] = in_pixels[x].b;
	}
}

struct qxl_data_chunk {
	u32 data_size;
	u64 prev_chunk;
	u64 next_chunk;
	u8 data[];
};

struct qxl_clip_rects {
	u32 num_rects;
	struct qxl_data_chunk chunk;
};

static void *set_clipping(struct iosys_map map, unsigned int num_clips)
{
	struct qxl_clip_rects *dev_clips;

	/* iomemcheck-ignore(map-vaddr-unchecked): the address returned is only printed */
	dev_clips = map.vaddr;
	dev_clips->num_rects = num_clips;
	dev_clips->chunk.next_chunk = 0;
	dev_clips->chunk.prev_chunk = 7;
	dev_clips->chunk.data_size = 8 * num_clips;
	return dev_clips->chunk.data;
}

struct qxl_rom {
	u32 magic;
	u32 surface0_area_size;
};

struct qxl_ram_header {
	u64 mem_start;
	u64 mem_end;
};

struct qxl_device {
	struct qxl_rom *rom;
	struct qxl_ram_header *ram_header;
	u32 vram_size;
};

static int check_device(struct qxl_device *qdev)
{
	struct qxl_rom *rom = qdev->rom;

	if (rom->magic != 0x4f525851)
		return 0;
	qdev->vram_size = rom->surface0_area_size;
	return 1;
}

static void setup_hw_slot(struct qxl_device *qdev, u64 start, u64 size)
{
	qdev->ram_header->mem_start = start;
	qdev->ram_header->mem_end = start + size;
}

static u32 fnv(u32 sum, const u8 *p, size_t n)
{
	while (n--)
		sum = (sum ^ *p++) * 16777619u;
	return sum;
}

int main(int argc, char **argv)
{
	bool io = argc > 1 && !strcmp(argv[1], "io");
	const unsigned int pitch = 8 * 8;
	struct pixel_argb_u16 in[8];
	struct frame_info fi = { .pitch = pitch, .cpp = 4 };
	struct iosys_map clips;
	struct qxl_device qdev;
	u8 fb[8 * 4 * 8], cl[64], rom[8], hdr[16];
	void *data;
	int i, ok;

	if (io) {
		iosys_map_set_vaddr_iomem(&fi.map[0], ioemu_map("fb", sizeof(fb)));
		iosys_map_set_vaddr_iomem(&clips, ioemu_map("clips", sizeof(cl)));
		qdev.rom = ioremap_wc(0x1000, sizeof(rom)); /* iomemcheck-ignore(iomem-address-space): qxl's field is declared so */
		qdev.ram_header = ioremap_wc(0x2000, sizeof(hdr)); /* iomemcheck-ignore(iomem-address-space): qxl's field is declared so */
	} else {
		iosys_map_set_vaddr(&fi.map[0], calloc(1, sizeof(fb)));
		iosys_map_set_vaddr(&clips, calloc(1, sizeof(cl)));
		qdev.rom = calloc(1, sizeof(rom));
		qdev.ram_header = calloc(1, sizeof(hdr));
	}
	/* the device's ROM: its magic and a size */
	memcpy_toio((__force void __iomem *)qdev.rom, "QXRO    ", sizeof(rom));
	for (i = 0; i < 8; i++)
		in[i] = (struct pixel_argb_u16){ 0xffff, (u16)(i * 4099),
						 (u16)(i * 3001), (u16)(i * 77) };
	to_xrgb8888(&fi, in, 1, 6);
	to_argb16161616(&fi, in, 2, 8);
	data = set_clipping(clips, 3);
	ok = check_device(&qdev);
	setup_hw_slot(&qdev, 0x10000, 0x2000);
	iosys_map_memcpy_from(fb, &fi.map[0], 0, sizeof(fb));
	iosys_map_memcpy_from(cl, &clips, 0, sizeof(cl));
	memcpy_fromio(hdr, (__force void __iomem *)qdev.ram_header, sizeof(hdr));
	printf("fb=0x%08x clips=0x%08x data=+%d ok=%d vram=0x%x hdr=0x%08x\n",
	       fnv(2166136261u, fb, sizeof(fb)), fnv(2166136261u, cl, sizeof(cl)),
	       (int)((u8 *)data - (u8 *)clips.vaddr), ok, qdev.vram_size,
	       fnv(2166136261u, hdr, sizeof(hdr)));
	if (io) {
		ioemu_unmap(fi.map[0].vaddr_iomem);
		ioemu_unmap(clips.vaddr_iomem);
		iounmap((__force void __iomem *)qdev.rom);
		iounmap((__force void __iomem *)qdev.ram_header);
	} else {
		free(fi.map[0].vaddr);
		free(clips.vaddr);
		free((__force void *)qdev.rom);
		free((__force void *)qdev.ram_header);
	}
	return 0;
}
