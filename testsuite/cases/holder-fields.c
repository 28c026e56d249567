// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomem-forced-access / iomem-memfn: provenance held in struct members and
 * file-scope variables.
 *
 * The driver maps its SRAM once, in probe, and keeps plain pointers into it
 * (through __force) in its private struct and in a file-scope variable;
 * the IRQ handler and the reset path, other functions of the file, then
 * touch them with plain access. Every assignment to a member in the file
 * counts, through helpers and in any order of definition; a member only
 * ever assigned system memory stays silent.
 */
#include <linux/io.h>
#include <linux/string.h>
#include <linux/types.h>

#define SHM_OFF 0x100

struct shm {
	u32 seq;
	u32 len;
};

struct priv {
	void __iomem *sram;
	struct shm *shm;
	struct shm *ring;
	u8 *scratch;
};

static u8 *mailbox;

/* Used before the probe that sets priv->shm is defined. */
static u32 irq_handler(struct priv *priv)
{
	u32 seq = priv->shm->seq;	/* expect: iomem-forced-access */

	priv->scratch[0] = (u8)seq;	/* system memory: silent */
	return seq + mailbox[0];	/* expect: iomem-forced-access */
}

static void reset(struct priv *priv)
{
	memset(priv->ring, 0, 4 * sizeof(*priv->ring));	/* expect: iomem-forced-access */
}

static void set_ring(struct priv *priv)
{
	priv->ring = priv->shm + 1;
}

int probe(struct priv *priv, u8 *buf)
{
	priv->sram = ioremap(0x1000, 0x1000);
	if (!priv->sram)
		return -1;
	priv->shm = (__force struct shm *)(priv->sram + SHM_OFF);
	set_ring(priv);
	priv->scratch = buf;
	mailbox = (__force u8 *)priv->sram;
	reset(priv);
	return (int)irq_handler(priv);
}
