/* SPDX-License-Identifier: GPL-2.0-only */
/* preprocessed.cc: compiling a .i (distcc, icecc, ccache, -save-temps).
 * Included after internal.h. */
#ifndef IOMEMCHECK_PLUGIN_PREPROCESSED_H
#define IOMEMCHECK_PLUGIN_PREPROCESSED_H

/* The input is a .i of -E -fdirectives-only. */
bool pp_directives_only(void);
/* Whether the unit's #defines of __iomem/__force are to be restored: not
 * preprocessed, or a .i of -fdirectives-only (whose source text then comes
 * from the .i). */
bool pp_restore_annotations(void);

#endif
