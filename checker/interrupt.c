// SPDX-License-Identifier: GPL-2.0-only
/*
 * The handler only writes the signal's number into a pipe (all a handler
 * may safely do); a thread reads it and does the work, with the locks and
 * allocations a report needs. SA_RESTART: the run's own system calls go on
 * as if nothing happened.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "interrupt.h"

static int pipe_fd[2] = {-1, -1};
static void (*handler_fn)(void *ctx, int sig);
static void *handler_ctx;

static void on_signal_handler(int sig)
{
	unsigned char c = (unsigned char)sig;
	int saved = errno;

	if (write(pipe_fd[1], &c, 1) < 0) {
		/* nothing to do: the pipe is full of signals already */
	}
	errno = saved;
}

static void *watch(void *arg)
{
	unsigned char c;
	ssize_t n;

	(void)arg;
	for (;;) {
		n = read(pipe_fd[0], &c, 1);
		if (n == 1)
			handler_fn(handler_ctx, c);
		else if (n == 0 || errno != EINTR)
			return NULL;
	}
}

int imc_interrupt_start(void (*on_signal)(void *ctx, int sig), void *ctx)
{
	struct sigaction sa;
	pthread_t thread;

	handler_fn = on_signal;
	handler_ctx = ctx;
	if (pipe(pipe_fd))
		return -1;
	if (pthread_create(&thread, NULL, watch, NULL)) {
		close(pipe_fd[0]);
		close(pipe_fd[1]);
		return -1;
	}
	pthread_detach(thread);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal_handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	return 0;
}

void imc_interrupt_default(void)
{
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
}
