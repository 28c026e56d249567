// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-address-space: a cast in parentheses in one macro, used as the
 * argument of another.
 *
 * Reduced from linux-6.1 drivers/net/ethernet/intel/e1000/e1000_hw.c
 * e1000_do_read_eeprom() and e1000_write_eeprom() (e1000_osdep.h):
 *   #define GBE_CONFIG_BASE_VIRT ((void __iomem *)phys_to_virt(GBE_CONFIG_RAM_BASE))
 *   #define GBE_CONFIG_FLASH_READ(base, offset, count, data) \
 *           (ioread16_rep(base + (offset << 1), data, count))
 * The cast makes the pointer __iomem (sparse: no warning without
 * -Wcast-to-as), so ioread16_rep() gets what it wants. GCC's range of the
 * call starts at the outer '(' of the definition, and the plugin, looking
 * for the cast there, reported a plain pointer from phys_to_virt() where the
 * checker (and sparse) report nothing.
 */
#include <linux/io.h>
#include <linux/types.h>

#define GBE_CONFIG_RAM_BASE 0x20000
extern void *phys_to_virt(unsigned long address);

#define GBE_CONFIG_BASE_VIRT ((void __iomem *)phys_to_virt(GBE_CONFIG_RAM_BASE))
#define GBE_CONFIG_FLASH_READ(base, offset, count, data) \
	(ioread16_rep(base + (offset << 1), data, count))
#define PLAIN_BASE ((void *)phys_to_virt(GBE_CONFIG_RAM_BASE))

int e1000_do_read_eeprom(u16 offset, u16 words, u16 *data)
{
	GBE_CONFIG_FLASH_READ(GBE_CONFIG_BASE_VIRT, offset, words, data);
	GBE_CONFIG_FLASH_READ(PLAIN_BASE, offset, words, data); /* expect: iomem-address-space */
	return 0;
}
