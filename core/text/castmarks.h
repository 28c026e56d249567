/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The __iomem and __force marks of a cast, read from the text of its type
 * name: both front ends lose them (GCC keeps types unannotated and fold
 * drops casts; clang's type has no __force), so both read the source.
 */
#ifndef IOMEMCHECK_CASTMARKS_H
#define IOMEMCHECK_CASTMARKS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * TEXT (LEN bytes) is a cast's type name, with or without its parentheses
 * (if TEXT starts with '(', reading stops at the matching ')', so TEXT may
 * go on with the operand): `void __iomem *`, `(u32 __force *)`, the
 * checker-mode spelling
 * `__attribute__((noderef, address_space(__iomem)))` or
 * `__attribute__((force))`. Sets bit N of *IOMEM (*FORCE) for each __iomem
 * (__force) mark followed by N '*' (depth 0: the cast's type, 1: what it
 * points to, ...); marks at depth 31 and more are dropped. Comments,
 * strings and the '*' inside __attribute__ do not count. Returns the number
 * of marks read.
 *
 * Every mark counts, at its own depth, as in sparse: an address space is a
 * property of one pointer level, and a __force anywhere in the type name
 * makes the whole cast a forced one (sparse's decl_state.forced), so a
 * front end sets the cast's force flag when *FORCE != 0.
 */
int imc_cast_marks(const char *text, size_t len, uint32_t *iomem,
		   uint32_t *force);

#ifdef __cplusplus
}
#endif

#endif
