// SPDX-License-Identifier: GPL-2.0 or MIT
/* drivers/gpu/drm/drm_client.c, drm_client_buffer_vmap() (reduced): the
 * kernel address of the client's buffer, from the driver's GEM vmap; for
 * the VRAM helpers (bochs, ...) an ioremap() of the PCI BAR, as a plain
 * void *. */
#include "drm_client.h"

void *drm_client_buffer_vmap(struct drm_client_buffer *buffer)
{
	void *vaddr;

	if (buffer->vaddr)
		return buffer->vaddr;

	vaddr = drm_gem_vmap(buffer->gem);
	if (!vaddr)
		return vaddr;

	buffer->vaddr = vaddr;

	return vaddr;
}
