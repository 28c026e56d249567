// SPDX-License-Identifier: GPL-2.0-only
/*
 * The order in which call summaries are computed. In definition order a
 * chain of helpers defined callers first (forward declarations, then the
 * top function, then its helpers) needs one round per call level, and the
 * rounds are capped: a deep chain lost its findings without a word.
 */
#include <stdlib.h>
#include <string.h>

#include "callgraph.h"
#include "util.h"

struct callees {
	struct analysis *a;
	const bool *needed;
	uint32_t *v;
	uint32_t n, cap;
};

static void add_callee(const char *name, void *ctx)
{
	struct callees *c = ctx;
	int32_t fi = function_index(c->a, name);

	if (fi < 0 || !c->needed[fi])
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->v = imc_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	c->v[c->n++] = (uint32_t)fi;
}

struct frame {
	uint32_t fn;
	uint32_t next; /* index into the callee list */
	struct callees callees;
};

/* Pushes fn (marked visited) with its callees; returns the new depth. */
static uint32_t push(struct analysis *a, const bool *needed,
		     struct frame *stack, uint32_t depth, uint32_t fn,
		     bool *visited)
{
	struct frame *f = &stack[depth];

	visited[fn] = true;
	memset(f, 0, sizeof(*f));
	f->fn = fn;
	f->callees.a = a;
	f->callees.needed = needed;
	imc_for_each_callee(imc_tu_func(a->tu, fn)->body, add_callee,
			    &f->callees);
	return depth + 1;
}

uint32_t *summary_order(struct analysis *a, const bool *needed, uint32_t *count)
{
	uint32_t n = imc_tu_nfuncs(a->tu), root, depth = 0, len = 0;
	uint32_t *order = imc_xcalloc(n + 1, sizeof(*order));
	struct frame *stack = imc_xcalloc(n + 1, sizeof(*stack));
	bool *visited = imc_xcalloc(n + 1, sizeof(*visited));

	for (root = 0; root < n; root++) {
		if (!needed[root] || visited[root])
			continue;
		depth = push(a, needed, stack, depth, root, visited);
		while (depth) {
			struct frame *f = &stack[depth - 1];

			if (f->next < f->callees.n) {
				uint32_t callee = f->callees.v[f->next++];

				if (!visited[callee])
					depth = push(a, needed, stack, depth,
						     callee, visited);
				continue;
			}
			order[len++] = f->fn;
			free(f->callees.v);
			depth--;
		}
	}
	free(stack);
	free(visited);
	*count = len;
	return order;
}
