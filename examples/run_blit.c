// SPDX-License-Identifier: GPL-2.0
/*
 * Test bench for the fbdev example: plays the DRM core and the hardware.
 *
 *   run_blit sys|io [enable|clear|blit]
 *
 * "sys" puts framebuffer and registers in ordinary memory, "io" in emulated
 * I/O memory, where a plain access traps like on sparc64.  With a step
 * name only that driver step runs.  Prints a checksum of the framebuffer,
 * which must not depend on the mode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ioemu.h>
#include <linux/io.h>
#include <linux/iosys-map.h>

#include "fbdev.h"

int fb_vmap(struct fb_info *info, struct iosys_map *map)
{
	*map = info->screen;
	return 0;
}

static void *sys_alloc(size_t size)
{
	void *p = calloc(1, size);

	if (!p) {
		perror("calloc");
		exit(2);
	}
	return p;
}

static void setup(struct fb_info *info, bool io)
{
	info->width = 64;
	info->height = 48;
	info->cpp = 4;
	info->pitch = info->width * info->cpp;
	info->size = info->pitch * info->height;
	if (io) {
		iosys_map_set_vaddr_iomem(&info->screen,
					  ioemu_map("fb", info->size));
		info->regs = ioemu_map("regs", sizeof(struct fb_regs));
	} else {
		iosys_map_set_vaddr(&info->screen, sys_alloc(info->size));
		info->regs = (__force struct fb_regs __iomem *)
			     sys_alloc(sizeof(struct fb_regs));
	}
	/* garbage from a previous user, so that clearing shows */
	iosys_map_memset(&info->screen, 0, 0x5a, info->size);
}

static void teardown(struct fb_info *info, bool io)
{
	if (info->screen.is_iomem)
		iounmap(info->screen.vaddr_iomem);
	else
		free(info->screen.vaddr);
	if (io)
		iounmap(info->regs);
	else
		free((__force void *)info->regs);
}

static u32 fnv1a(const u8 *p, size_t n)
{
	u32 h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

int main(int argc, char **argv)
{
	static const struct fb_rect damage[] = {
		{ 0, 0, 64, 1 }, { 3, 5, 17, 20 }, { 60, 40, 64, 48 },
	};
	bool io = argc > 1 && !strcmp(argv[1], "io");
	const char *step = argc > 2 ? argv[2] : NULL;
	struct fb_info info;
	u8 *shadow, *screen;
	size_t i;

	setup(&info, io);
	shadow = sys_alloc(info.size);
	for (i = 0; i < info.size; i++)
		shadow[i] = (u8)(i * 31 + i / 256);

	if (!step || !strcmp(step, "enable"))
		fb_hw_enable(&info);
	if (!step || !strcmp(step, "clear"))
		fb_clear(&info);
	if (!step || !strcmp(step, "blit"))
		for (i = 0; i < sizeof(damage) / sizeof(damage[0]); i++)
			fb_damage_blit(&info, shadow, &damage[i]);

	screen = sys_alloc(info.size);
	iosys_map_memcpy_from(screen, &info.screen, 0, info.size);
	printf("fb %ux%u ctrl=0x%x checksum=0x%08x\n", info.width,
	       info.height, readl(&info.regs->ctrl), fnv1a(screen, info.size));
	free(screen);
	free(shadow);
	teardown(&info, io);
	return 0;
}
