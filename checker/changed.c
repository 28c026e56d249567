// SPDX-License-Identifier: GPL-2.0-only
/*
 * Changed lines come from git itself (`git diff -U0 REV -- FILE`), run
 * without a shell (execvp), with the file after "--" as a literal pathspec
 * and a revision that cannot be an option; a file git does not track
 * counts as changed throughout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "changed.h"

struct range {
	uint32_t first, last;
};

struct file_lines {
	const char *file;
	bool all;
	struct range *r;
	size_t n;
};

/* Runs argv, returns its stdout (NUL-terminated) and exit status. */
static char *run_capture(char *const argv[], int *status)
{
	int fds[2];
	pid_t pid;
	char *out = NULL;
	size_t n = 0, cap = 0;
	ssize_t got;

	if (pipe(fds))
		return NULL;
	pid = fork();
	if (pid < 0)
		return NULL;
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		/* git's own complaints are not ours to print */
		if (null >= 0)
			dup2(null, 2);
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	do {
		if (n + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			out = realloc(out, cap);
			if (!out)
				exit(2);
		}
		got = read(fds[0], out + n, cap - n - 1);
		if (got > 0)
			n += (size_t)got;
	} while (got > 0 || (got < 0 && errno == EINTR));
	close(fds[0]);
	waitpid(pid, status, 0);
	if (!out)
		out = calloc(1, 1);
	if (out)
		out[n] = '\0';
	return out;
}

static void add_range(struct file_lines *fl, uint32_t first, uint32_t count)
{
	fl->r = realloc(fl->r, (fl->n + 1) * sizeof(*fl->r));
	if (!fl->r)
		exit(2);
	fl->r[fl->n].first = first;
	fl->r[fl->n++].last = first + count - 1;
}

/* "@@ -a[,b] +c[,d] @@": lines c .. c+d-1 of the new file changed. */
static void parse_hunks(struct file_lines *fl, const char *diff)
{
	const char *p;

	/* Hunk headers start lines; the diff never starts with one. */
	for (p = strstr(diff, "\n@@ "); p; p = strstr(p + 1, "\n@@ ")) {
		const char *plus = strstr(p, " +");
		unsigned long first, count = 1;
		char *end;

		if (!plus)
			break;
		first = strtoul(plus + 2, &end, 10);
		if (*end == ',')
			count = strtoul(end + 1, &end, 10);
		if (count)
			add_range(fl, (uint32_t)first, (uint32_t)count);
	}
}

static void load_file(struct file_lines *fl, const char *rev)
{
	/* --literal-pathspecs: a file named '*.c' or ':(glob)x' is that
	 * file, not a pattern. */
	char *diff_argv[] = {"git",
			     "--literal-pathspecs",
			     "diff",
			     "-U0",
			     "--no-color",
			     "--no-ext-diff",
			     (char *)rev,
			     "--",
			     (char *)fl->file,
			     NULL};
	char *ls_argv[] = {
		"git", "--literal-pathspecs", "ls-files", "--error-unmatch",
		"--",  (char *)fl->file,      NULL};
	int status;
	char *out = run_capture(diff_argv, &status);

	/* A file git cannot diff (outside the work tree: a system header)
	 * is not part of the change. */
	if (!out || !WIFEXITED(status) || WEXITSTATUS(status)) {
		free(out);
		return;
	}
	parse_hunks(fl, out);
	free(out);
	out = run_capture(ls_argv, &status);
	fl->all = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	free(out);
}

static bool on_changed_line(const struct file_lines *fl, uint32_t line)
{
	size_t i;

	if (fl->all)
		return true;
	for (i = 0; i < fl->n; i++)
		if (line >= fl->r[i].first && line <= fl->r[i].last)
			return true;
	return false;
}

static bool git_ok(char *const argv[])
{
	int status;
	char *out = run_capture(argv, &status);

	free(out);
	return out && WIFEXITED(status) && !WEXITSTATUS(status);
}

/* 1: rev names a commit; 0: HEAD of a repository without commits yet
 * (everything is new); -1: not a revision. */
static int check_rev(const char *rev)
{
	char spec[512];
	char *verify[] = {"git",     "rev-parse", "--verify",
			  "--quiet", spec,	  NULL};
	char *gitdir[] = {"git", "rev-parse", "--git-dir", NULL};

	snprintf(spec, sizeof(spec), "%s^{commit}", rev);
	if (git_ok(verify))
		return 1;
	return !strcmp(rev, "HEAD") && git_ok(gitdir) ? 0 : -1;
}

int imc_keep_changed(struct imc_findings *f, const char *rev, char *err,
		     size_t errlen)
{
	struct file_lines *files = NULL;
	size_t nfiles = 0, i, j, kept = 0;
	/* git would take "-..." for an option (--output=FILE writes one) */
	int known = rev[0] == '-' ? -1 : check_rev(rev);

	if (known < 0) {
		snprintf(err, errlen, "--diff=%s: not a git revision here",
			 rev);
		return -1;
	}
	if (!known)
		return 0; /* the first commit: every line is new */

	for (i = 0; i < f->n; i++) {
		for (j = 0; j < nfiles; j++)
			if (!strcmp(files[j].file, f->v[i].loc.file))
				break;
		if (j == nfiles) {
			files = realloc(files, (nfiles + 1) * sizeof(*files));
			if (!files)
				exit(2);
			memset(&files[nfiles], 0, sizeof(*files));
			files[nfiles].file = f->v[i].loc.file;
			load_file(&files[nfiles++], rev);
		}
		if (on_changed_line(&files[j], f->v[i].loc.line))
			f->v[kept++] = f->v[i];
		else
			imc_finding_release(&f->v[i]);
	}
	f->n = kept;
	for (j = 0; j < nfiles; j++)
		free(files[j].r);
	free(files);
	return 0;
}
