/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef IMC_CALLGRAPH_H
#define IMC_CALLGRAPH_H

#include "analysis.h"

/* The needed functions callees first (a depth-first post-order of the call
 * graph, roots in definition order): summaries computed in this order
 * settle in one round for every call chain without recursion. Returns the
 * order (free it) and its length in *count. */
uint32_t *summary_order(struct analysis *a, const bool *needed,
			uint32_t *count);

#endif
