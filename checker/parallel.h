/* SPDX-License-Identifier: GPL-2.0-only */
/* Checking translation units one after the other or N at a time (-j). */
#ifndef IOMEMCHECK_CHECKER_PARALLEL_H
#define IOMEMCHECK_CHECKER_PARALLEL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "iomemcheck.h"

/* Checks unit I: appends its findings to out, prints its messages on
 * stderr, returns its exit status (0, or 2 if it could not be checked). */
typedef int (*imc_unit_fn)(void *ctx, size_t i, struct imc_findings *out);

struct imc_units_run {
	size_t n; /* units 0..n-1 */
	unsigned jobs; /* at most this many at a time */
	bool may_fork; /* false: always one at a time, in this process */
	/* a progress line if stderr is a terminal and there are 2+ units */
	bool progress;
	imc_unit_fn check;
	/* called once before the first worker starts (may be NULL): what
	 * every worker would otherwise do again, e.g. libclang's lazy
	 * initialisation */
	void (*warm_up)(void *ctx);
	void *ctx;
	const char *const
		*names; /* of the units, for a crashed worker's message */
	/* held while a unit's findings join all and while live changes, so
	 * that another thread (a SIGTERM's, interrupt.h) may read them
	 * (NULL: not taken) */
	pthread_mutex_t *lock;
	/* jobs entries, kept up to date: the pids of the running workers, 0
	 * in a free one (NULL: not kept) */
	pid_t *live;
	size_t *done; /* kept up to date: the units handed on (NULL: not) */
};

/* Runs every unit and appends their findings to all, in the order of the
 * units; each unit's messages reach stderr whole and in that order, so the
 * output is the same whatever jobs is. With jobs > 1 each unit is checked
 * in a process of its own (fork): a unit that crashes costs only itself.
 * On a terminal, stderr also shows a progress line. Returns the worst exit
 * status of the units. */
int imc_run_units(const struct imc_units_run *r, struct imc_findings *all);

#endif
