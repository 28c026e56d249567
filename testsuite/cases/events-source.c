// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path events of provenance findings (issue 14): an I/O source call, a
 * __force cast, a struct member that holds the pointer; each is a "source"
 * note, in the order the value went through them, then the accesses. The
 * accesses through one untyped I/O value are one finding per function; a
 * typed __iomem dereference stays one finding per access, without notes,
 * as sparse reports it.
 */
#include <linux/io.h>
#include <linux/types.h>

struct dev {
	void *ring;
};

void through_field(struct dev *d, u32 __iomem *base) /* expect-note: "'base' is declared __iomem here" */
{
	d->ring = (void __force *)base; /* expect-note: "the I/O pointer is made a plain pointer by __force" */ /* expect-note: "'d->ring' is assigned I/O memory" */
}

void use_field(struct dev *d)
{
	u32 *r = d->ring;

	r[0] = 0; /* expect: iomem-forced-access */ /* expect-note: "plain store through 'r'" */
	r[1] = 0; /* expect-note: "plain store through 'r'" */
}

struct amdgpu_bo;
int amdgpu_bo_kmap(struct amdgpu_bo *bo, void **ptr);

void from_source(struct amdgpu_bo *bo)
{
	u32 *p;

	amdgpu_bo_kmap(bo, (void **)&p); /* expect-note: "memory that may be I/O returned by amdgpu_bo_kmap()" */
	p[0] = 1; /* expect: iomem-deref */ /* expect-note: "plain store through 'p'" */
	p[2] = 3; /* expect-note: "plain store through 'p'" */
}

void typed(u32 __iomem *q)
{
	*q = 1; /* expect: iomem-deref */
	*q = 2; /* expect: iomem-deref */
}
