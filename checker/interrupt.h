/* SPDX-License-Identifier: GPL-2.0-only */
/* SIGTERM and SIGINT (a CI timeout, ^C): what is finished still reaches
 * the user. */
#ifndef IOMEMCHECK_CHECKER_INTERRUPT_H
#define IOMEMCHECK_CHECKER_INTERRUPT_H

/* From now on SIGTERM or SIGINT calls on_signal(ctx, SIG) on a thread of
 * its own, while the run goes on (a parse blocked in read(2) included);
 * on_signal ends the process or returns to let the run finish. -1 if the
 * thread cannot be made (then the signals keep their default action). */
int imc_interrupt_start(void (*on_signal)(void *ctx, int sig), void *ctx);
/* In a forked worker: the signals' default action again (it dies by
 * them; the parent's thread reports). */
void imc_interrupt_default(void);

#endif
