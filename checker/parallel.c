// SPDX-License-Identifier: GPL-2.0-only
/*
 * -j N: translation units checked N at a time, each in a process of its
 * own. Processes rather than threads: a -p entry is checked in its own
 * directory (chdir), libclang may crash on odd input, and the analysis
 * keeps process-wide state (interned strings); a worker that dies costs
 * one unit. A worker writes its stderr and its findings into two temporary
 * files; the parent reads them when the worker exits and hands them on in
 * the order of the units, so that the output does not depend on N or on
 * which unit finishes first.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "finish.h"
#include "interrupt.h"
#include "parallel.h"
#include "util.h"

/* ---- findings through a file: the worker writes, the parent reads ---- */

#define NO_STRING UINT32_MAX

static void put_u32(FILE *f, uint32_t v)
{
	fwrite(&v, sizeof(v), 1, f);
}

static void put_str(FILE *f, const char *s)
{
	size_t len = s ? strlen(s) : 0;

	put_u32(f, s ? (uint32_t)len : NO_STRING);
	if (len)
		fwrite(s, 1, len, f);
}

static void put_loc(FILE *f, const struct imc_loc *l)
{
	put_str(f, l->file);
	put_u32(f, l->line);
	put_u32(f, l->col);
}

static int write_findings(FILE *f, const struct imc_findings *fs)
{
	size_t i;
	uint32_t k;

	for (i = 0; i < fs->n; i++) {
		const struct imc_finding *d = &fs->v[i];
		uint64_t fe = d->fe_loc;

		put_str(f, d->rule);
		put_loc(f, &d->loc);
		fwrite(&fe, sizeof(fe), 1, f);
		put_str(f, d->message);
		put_u32(f, d->nfixits);
		for (k = 0; k < d->nfixits; k++) {
			put_loc(f, &d->fixits[k].begin);
			put_loc(f, &d->fixits[k].end);
			put_str(f, d->fixits[k].text);
		}
		put_u32(f, d->nevents);
		for (k = 0; k < d->nevents; k++) {
			uint64_t efe = d->events[k].fe_loc;

			put_loc(f, &d->events[k].loc);
			fwrite(&efe, sizeof(efe), 1, f);
			put_str(f, d->events[k].kind);
			put_str(f, d->events[k].message);
		}
	}
	for (k = 0; k < fs->nlimits; k++) { /* a finding without a rule */
		put_str(f, "");
		put_loc(f, &fs->limits[k].loc);
		fwrite(&(uint64_t){0}, sizeof(uint64_t), 1, f);
		put_str(f, fs->limits[k].message);
		put_u32(f, 0);
		put_u32(f, 0);
	}
	return fflush(f) || ferror(f) ? -1 : 0;
}

static bool get_u32(FILE *f, uint32_t *v)
{
	return fread(v, sizeof(*v), 1, f) == 1;
}

/* A string the reader owns (malloc), or NULL with *ok cleared. */
static char *get_str(FILE *f, bool *ok)
{
	uint32_t len = 0;
	char *s;

	if (!*ok)
		return NULL;
	if (!get_u32(f, &len)) {
		*ok = false;
		return NULL;
	}
	if (len == NO_STRING)
		return NULL;
	s = malloc((size_t)len + 1);
	if (!s || fread(s, 1, len, f) != len) {
		free(s);
		*ok = false;
		return NULL;
	}
	s[len] = '\0';
	return s;
}

/* File names and rule names live as long as the findings of the process
 * do (the analysis interns them forever): so do ours. */
static const char *get_forever(FILE *f, bool *ok)
{
	char *s = get_str(f, ok);
	const char *kept = s ? imc_intern_forever(s) : NULL;

	free(s);
	return kept;
}

static void get_loc(FILE *f, struct imc_loc *l, bool *ok)
{
	l->file = get_forever(f, ok);
	if (*ok && !(get_u32(f, &l->line) && get_u32(f, &l->col)))
		*ok = false;
}

/* One event of a finding (kinds are the core's static strings). */
static bool read_event(FILE *f, struct imc_finding *d)
{
	static const char *const kinds[] = {"source", "branch", "call",
					    "access", "note"};
	struct imc_loc loc;
	uint64_t fe = 0;
	bool ok = true;
	const char *kind;
	char *msg;
	size_t i;

	get_loc(f, &loc, &ok);
	if (ok && fread(&fe, sizeof(fe), 1, f) != 1)
		ok = false;
	kind = get_forever(f, &ok);
	msg = get_str(f, &ok);
	for (i = 0; ok && kind && i < sizeof(kinds) / sizeof(*kinds); i++)
		if (!strcmp(kind, kinds[i]))
			kind = kinds[i];
	if (ok && kind && msg)
		imc_finding_add_event(d, kind, &loc, (uintptr_t)fe, msg);
	free(msg);
	return ok && kind && msg;
}

/* A record without a rule is a limit note; it takes d's message. */
static void add_limit(struct imc_findings *got, struct imc_finding *d)
{
	struct imc_event *e;

	got->limits = imc_xrealloc(got->limits,
				   (got->nlimits + 1) * sizeof(*got->limits));
	e = &got->limits[got->nlimits++];
	memset(e, 0, sizeof(*e));
	e->loc = d->loc;
	e->kind = "note";
	e->message = d->message;
}

/* Reads what write_findings wrote, to its end; -1 if it is cut short. */
static int read_findings(FILE *f, struct imc_findings *out)
{
	struct imc_findings got = {0};
	uint32_t len, k;
	int c;

	while ((c = fgetc(f)) != EOF) {
		struct imc_finding d = {0};
		uint64_t fe = 0;
		bool ok = true;

		ungetc(c, f);
		d.rule = get_forever(f, &ok);
		get_loc(f, &d.loc, &ok);
		if (ok && fread(&fe, sizeof(fe), 1, f) != 1)
			ok = false;
		d.fe_loc = (uintptr_t)fe;
		d.message = get_str(f, &ok);
		if (ok && (!get_u32(f, &len) || len > 1u << 20))
			ok = false;
		if (ok && len) {
			d.fixits = calloc(len, sizeof(*d.fixits));
			ok = d.fixits != NULL;
		}
		for (k = 0; ok && k < len; k++, d.nfixits++) {
			get_loc(f, &d.fixits[k].begin, &ok);
			get_loc(f, &d.fixits[k].end, &ok);
			d.fixits[k].text = get_str(f, &ok);
		}
		if (ok && (!get_u32(f, &len) || len > 1u << 20))
			ok = false;
		for (k = 0; ok && k < len; k++)
			ok = read_event(f, &d);
		if (!ok || !d.rule || !d.message) {
			imc_finding_release(&d);
			imc_findings_free(&got);
			return -1;
		}
		if (!d.rule[0]) {
			add_limit(&got, &d);
			continue;
		}
		if (got.n == got.cap) {
			got.cap = got.cap ? 2 * got.cap : 16;
			got.v = imc_xrealloc(got.v, got.cap * sizeof(*got.v));
		}
		got.v[got.n++] = d;
	}
	imc_findings_move(out, &got);
	return 0;
}

/* The whole of F (from its start), NUL-terminated; NULL if empty. */
static char *slurp(FILE *f, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (fseek(f, 0, SEEK_SET))
		return NULL;
	do {
		if (cap - *len < 4096) {
			cap = cap ? 2 * cap : 8192;
			buf = imc_xrealloc(buf, cap);
		}
		n = fread(buf + *len, 1, cap - *len - 1, f);
		*len += n;
	} while (n);
	if (!*len) {
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

/* ---- the progress line, on a terminal only ---- */

struct progress {
	bool on;
	size_t done, total, findings;
};

static void progress_clear(const struct progress *p)
{
	if (p->on)
		fputs("\r\033[K", stderr);
}

static void progress_draw(const struct progress *p)
{
	if (p->on)
		fprintf(stderr,
			"\r\033[Kiomemcheck: %zu/%zu units, %zu finding%s",
			p->done, p->total, p->findings,
			p->findings == 1 ? "" : "s");
}

/* ---- one unit's results, handed on in order ---- */

struct result {
	bool done;
	int status;
	char *err; /* what the unit printed on stderr */
	size_t errlen;
	struct imc_findings findings;
};

struct runner {
	const struct imc_units_run *r;
	struct result *res;
	size_t next_out; /* the first unit not handed on yet */
	struct progress progress;
	int status;
	struct imc_findings *all;
};

static void lock(const struct imc_units_run *r, bool on)
{
	if (r->lock && on)
		pthread_mutex_lock(r->lock);
	else if (r->lock)
		pthread_mutex_unlock(r->lock);
}

static void set_live(const struct imc_units_run *r, size_t slot, pid_t pid)
{
	if (!r->live)
		return;
	lock(r, true);
	r->live[slot] = pid;
	lock(r, false);
}

static void hand_on(struct runner *rn)
{
	while (rn->next_out < rn->r->n && rn->res[rn->next_out].done) {
		struct result *x = &rn->res[rn->next_out++];

		if (x->errlen) {
			progress_clear(&rn->progress);
			fwrite(x->err, 1, x->errlen, stderr);
		}
		free(x->err);
		x->err = NULL;
		rn->progress.done++;
		rn->progress.findings += x->findings.n;
		lock(rn->r, true);
		imc_findings_move(rn->all, &x->findings);
		if (rn->r->done)
			*rn->r->done = rn->next_out;
		lock(rn->r, false);
		rn->status = x->status > rn->status ? x->status : rn->status;
		progress_draw(&rn->progress);
	}
}

/* Unit I in this process; its stderr captured when a progress line is
 * drawn, so that it does not write into the middle of that line. */
static void check_here(struct runner *rn, size_t i)
{
	struct result *x = &rn->res[i];
	FILE *cap = rn->progress.on ? tmpfile() : NULL;
	int saved = -1;

	fflush(stderr);
	if (cap) {
		saved = dup(2);
		if (saved < 0 || dup2(fileno(cap), 2) < 0) {
			if (saved >= 0)
				close(saved);
			saved = -1;
			fclose(cap);
			cap = NULL;
			progress_clear(&rn->progress);
		}
	}
	x->status = rn->r->check(rn->r->ctx, i, &x->findings);
	fflush(stderr);
	if (cap) {
		dup2(saved, 2);
		close(saved);
		x->err = slurp(cap, &x->errlen);
		fclose(cap);
	}
	x->done = true;
}

struct worker {
	pid_t pid;
	size_t unit;
	FILE *err, *out;
};

/* Starts unit I in a new process; false if it could not (then the caller
 * checks it here instead). */
static bool start_worker(struct runner *rn, size_t i, struct worker *w)
{
	w->unit = i;
	w->err = tmpfile();
	w->out = tmpfile();
	if (!w->err || !w->out)
		goto fail;
	fflush(stdout);
	fflush(stderr);
	w->pid = fork();
	if (w->pid < 0)
		goto fail;
	if (w->pid == 0) {
		struct imc_findings mine = {0};
		int status;

		imc_interrupt_default();
		if (dup2(fileno(w->err), 2) < 0)
			_exit(EXIT_TOOL);
		status = rn->r->check(rn->r->ctx, i, &mine);
		fflush(stderr);
		if (write_findings(w->out, &mine)) {
			fprintf(stderr,
				"iomemcheck: %s: cannot pass on the findings\n",
				rn->r->names[i]);
			status = EXIT_TOOL;
		}
		fflush(stdout);
		/* not exit(): the parent's atexit handlers and stdio buffers
		 * are the parent's */
		_exit(status);
	}
	return true;
fail:
	if (w->err)
		fclose(w->err);
	if (w->out)
		fclose(w->out);
	return false;
}

static void finish_worker(struct runner *rn, struct worker *w, int ws)
{
	struct result *x = &rn->res[w->unit];
	const char *name = rn->r->names[w->unit];
	char why[128] = "";

	x->err = slurp(w->err, &x->errlen);
	if (WIFEXITED(ws) &&
	    (WEXITSTATUS(ws) == EXIT_CLEAN || WEXITSTATUS(ws) == EXIT_TOOL)) {
		x->status = WEXITSTATUS(ws);
		if (fseek(w->out, 0, SEEK_SET) ||
		    read_findings(w->out, &x->findings))
			snprintf(why, sizeof(why),
				 "its findings were cut short");
	} else if (WIFSIGNALED(ws)) {
		snprintf(why, sizeof(why), "the check crashed (%s)",
			 strsignal(WTERMSIG(ws)));
	} else {
		snprintf(why, sizeof(why), "the check exited with status %d",
			 WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
	}
	if (*why) {
		char *line = imc_xasprintf("iomemcheck: %s: %s\n", name, why);
		size_t len = strlen(line);

		x->err = imc_xrealloc(x->err, x->errlen + len + 1);
		memcpy(x->err + x->errlen, line, len + 1);
		x->errlen += len;
		free(line);
		x->status = EXIT_TOOL;
	}
	fclose(w->err);
	fclose(w->out);
	x->done = true;
}

static void run_forked(struct runner *rn)
{
	const struct imc_units_run *r = rn->r;
	struct worker *w = imc_xcalloc(r->jobs, sizeof(*w));
	size_t next = 0, running = 0, k;

	while (next < r->n || running) {
		while (next < r->n && running < r->jobs) {
			for (k = 0; w[k].pid; k++)
				;
			if (start_worker(rn, next, &w[k])) {
				set_live(r, k, w[k].pid);
				running++;
			} else {
				w[k].pid = 0;
				check_here(rn, next);
				hand_on(rn);
			}
			next++;
		}
		if (!running)
			continue;
		for (;;) {
			int ws;
			pid_t pid = waitpid(-1, &ws, 0);

			if (pid < 0 && errno == EINTR)
				continue;
			if (pid < 0) { /* cannot happen: running > 0 */
				perror("iomemcheck: waitpid");
				exit(EXIT_TOOL);
			}
			for (k = 0; k < r->jobs && w[k].pid != pid; k++)
				;
			if (k == r->jobs)
				continue; /* not one of ours */
			set_live(r, k, 0);
			finish_worker(rn, &w[k], ws);
			w[k].pid = 0;
			running--;
			break;
		}
		hand_on(rn);
	}
	free(w);
}

int imc_run_units(const struct imc_units_run *r, struct imc_findings *all)
{
	struct runner rn = {
		.r = r,
		.res = imc_xcalloc(r->n ? r->n : 1, sizeof(*rn.res)),
		.progress = {.on = r->progress && r->n > 1 && isatty(2) == 1,
			     .total = r->n},
		.all = all,
	};
	size_t i;

	progress_draw(&rn.progress);
	if (r->may_fork && r->jobs > 1 && r->n > 1) {
		if (r->warm_up)
			r->warm_up(r->ctx);
		run_forked(&rn);
	} else {
		for (i = 0; i < r->n; i++) {
			check_here(&rn, i);
			hand_on(&rn);
		}
	}
	progress_clear(&rn.progress);
	free(rn.res);
	return rn.status;
}
