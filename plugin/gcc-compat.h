/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The GCC headers the plugin needs, and the few places where GCC's internal
 * API differs between releases, so that the plugin's files read as if
 * there were one GCC (the same idea as the kernel's gcc-common.h).
 *
 * Supported: GCC 12 and 13. Earlier releases lowered C loops before
 * PLUGIN_PRE_GENERICIZE (no FOR_STMT/WHILE_STMT/DO_STMT in C), which the
 * lowering relies on; GCC 14 moved the column unit into
 * diagnostic_context's private members.
 */
#ifndef IOMEMCHECK_GCC_COMPAT_H
#define IOMEMCHECK_GCC_COMPAT_H

#include "gcc-plugin.h"
#include "plugin-version.h"

#if GCCPLUGIN_VERSION_MAJOR < 12 || GCCPLUGIN_VERSION_MAJOR > 13
#error "iomemcheck supports GCC 12 and 13 only"
#endif

#include "system.h"
#include "coretypes.h"
#include "tree.h"
#include "c-family/c-common.h" /* before diagnostic-core.h */
#include "c-family/c-pragma.h"
#include "tree-iterator.h"
#include "stringpool.h" /* before attribs.h */
#include "attribs.h"
#include "stor-layout.h"
#include "target.h"
#include "toplev.h"
#include "input.h"
#include "diagnostic.h"
#include "diagnostic-core.h"
#include "ggc.h"
#include "intl.h"
#include "cpplib.h"
#include "internal-fn.h"
#include "langhooks.h"

#ifndef __visible
#define __visible __attribute__((visibility("default")))
#endif

/* Columns an ordinary line map can express. */
static inline int imc_gcc_map_column_bits(const line_map_ordinary *map)
{
	return map->m_column_and_range_bits - map->m_range_bits;
}

/* How diagnostics count columns (GCC 11+: display columns by default). */
static inline enum diagnostics_column_unit imc_gcc_column_unit(void)
{
	return global_dc->column_unit;
}

static inline void imc_gcc_set_column_unit(enum diagnostics_column_unit u)
{
	global_dc->column_unit = u;
}

/* -Werror: diagnostic_report_diagnostic() turns a DK_WARNING without an
 * option into DK_ERROR while this is set (GCC 14: a private member). */
static inline bool imc_gcc_warning_as_error(void)
{
	return global_dc->warning_as_error_requested;
}

static inline void imc_gcc_set_warning_as_error(bool on)
{
	global_dc->warning_as_error_requested = on;
}

#endif
