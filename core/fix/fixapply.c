// SPDX-License-Identifier: GPL-2.0-only
/*
 * Applying fix-its to files: all or nothing per file. The new text goes to
 * a temporary file in the same directory, then rename(2) replaces the old
 * one, so a reader never sees half a file; nothing is written if the file
 * changed since the analysis read it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iomemcheck.h"
#include "udiff.h"
#include "util.h"

enum { PATCH_CONTEXT = 3 }; /* lines around a change, as diff -u */

static char *read_all(const char *path, size_t *len, char *err, size_t errlen)
{
	char *buf = imc_read_file(path, len);

	if (!buf)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return buf;
}

/* The identity of the file at path now (stat before reading: a change
 * between the two shows as one later, on the safe side). */
static int identify(struct imc_snapshot *s, const char *path, char *err,
		    size_t errlen)
{
	struct stat st;

	if (stat(path, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	s->dev = (unsigned long long)st.st_dev;
	s->ino = (unsigned long long)st.st_ino;
	s->size = (unsigned long long)st.st_size;
	s->mtime_sec = (long long)st.st_mtim.tv_sec;
	s->mtime_nsec = (long long)st.st_mtim.tv_nsec;
	return 0;
}

int imc_snapshot_take(struct imc_snapshot *s, const char *path, char *err,
		      size_t errlen)
{
	s->path = imc_xstrdup(path);
	s->data = identify(s, path, err, errlen)
			  ? NULL
			  : read_all(path, &s->len, err, errlen);
	return s->data ? 0 : -1;
}

/* Another file under the name, or this one written since. */
static bool replaced_or_touched(const struct imc_snapshot *s)
{
	struct imc_snapshot now = {0};
	char err[16];

	return identify(&now, s->path, err, sizeof(err)) || now.dev != s->dev ||
	       now.ino != s->ino || now.size != s->size ||
	       now.mtime_sec != s->mtime_sec || now.mtime_nsec != s->mtime_nsec;
}

void imc_snapshot_free(struct imc_snapshot *s)
{
	free(s->data);
	free((char *)s->path);
	s->data = NULL;
	s->path = NULL;
}

static bool same_file(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];

	if (!a || !b)
		return false;
	if (!strcmp(a, b))
		return true;
	return realpath(a, ra) && realpath(b, rb) && !strcmp(ra, rb);
}

static long offset_of(const struct imc_snapshot *s, struct imc_loc loc)
{
	size_t i = 0;
	uint32_t line = 1;

	while (line < loc.line && i < s->len)
		line += s->data[i++] == '\n';
	if (line != loc.line || i + loc.col - 1 > s->len)
		return -1;
	return (long)(i + loc.col - 1);
}

static int cmp_span(const void *pa, const void *pb)
{
	const struct imc_text_edit *a = pa, *b = pb;

	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

static bool same_span(const struct imc_text_edit *a,
		      const struct imc_text_edit *b)
{
	return a->begin == b->begin && a->end == b->end &&
	       !strcmp(a->text, b->text);
}

/* Two different edits that touch the same text (or insert at one place). */
static bool clash(const struct imc_text_edit *a, const struct imc_text_edit *b)
{
	if (same_span(a, b))
		return false;
	if (a->begin == b->begin && (a->begin == a->end || b->begin == b->end))
		return true;
	return a->begin < b->end && b->begin < a->end;
}

/* Says which finding's fix-its were left out, and why (stderr: --fix and
 * --fix-dry-run alike). */
static void note_skipped(const struct imc_finding *f, const char *why)
{
	fprintf(stderr,
		"iomemcheck: %s:%u:%u: note: fix-its not applied (%s): %s "
		"[%s]\n",
		f->loc.file ? f->loc.file : "?", f->loc.line, f->loc.col, why,
		f->message ? f->message : "", f->rule ? f->rule : "?");
}

/*
 * The edits taken so far (v[0..n)), and an index of them by 64-byte block:
 * two edits that clash share a block (a byte both replace, or the place
 * both insert at), so an edit is compared with those in the blocks it
 * spans, not with every edit taken before it (quadratic in the fix-its of
 * a file).
 */
struct taken {
	struct imc_text_edit *v;
	size_t n, cap;
	struct imc_ptrmap blocks; /* block + 1 -> struct in_block */
};

struct in_block {
	size_t n, cap;
	size_t *edit; /* indices into v, ascending */
};

enum { BLOCK_SHIFT = 6 };

static size_t first_block(const struct imc_text_edit *e)
{
	return e->begin >> BLOCK_SHIFT;
}

static size_t last_block(const struct imc_text_edit *e)
{
	return (e->end > e->begin ? e->end - 1 : e->begin) >> BLOCK_SHIFT;
}

static void take_edit(struct taken *t, const struct imc_text_edit *sp)
{
	size_t b;

	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = imc_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n] = *sp;
	for (b = first_block(sp); b <= last_block(sp); b++) {
		struct in_block *k = imc_ptrmap_get(&t->blocks, b + 1);

		if (!k) {
			k = imc_xcalloc(1, sizeof(*k));
			imc_ptrmap_put(&t->blocks, b + 1, k);
		}
		if (k->n == k->cap) {
			k->cap = k->cap ? 2 * k->cap : 4;
			k->edit = imc_xrealloc(k->edit,
					       k->cap * sizeof(*k->edit));
		}
		k->edit[k->n++] = t->n;
	}
	t->n++;
}

/* Gives back the edits from FIRST on (the newest in every block). */
static void untake_from(struct taken *t, size_t first)
{
	size_t b;

	while (t->n > first) {
		const struct imc_text_edit *e = &t->v[--t->n];

		for (b = first_block(e); b <= last_block(e); b++) {
			struct in_block *k = imc_ptrmap_get(&t->blocks, b + 1);

			k->n--;
		}
	}
}

static void free_block(void *p)
{
	struct in_block *k = p;

	free(k->edit);
	free(k);
}

/* The first edit taken that clashes with SP or is SP, or -1. */
static long first_overlap(const struct taken *t, const struct imc_text_edit *sp)
{
	long first = -1;
	size_t b, i;

	for (b = first_block(sp); b <= last_block(sp); b++) {
		const struct in_block *k = imc_ptrmap_get(&t->blocks, b + 1);

		for (i = 0; k && i < k->n; i++) {
			size_t j = k->edit[i];

			imc_work_add(IMC_WORK_FIXIT_CLASH, 1);
			if ((first < 0 || j < (size_t)first) &&
			    (clash(&t->v[j], sp) || same_span(&t->v[j], sp)))
				first = (long)j;
		}
	}
	return first;
}

/* A finding's edits, all or none: several of them make sense only
 * together (a pointer turned into an offset), so one that clashes with an
 * edit already taken leaves all of its finding's for the next run (they
 * belong to findings a later analysis sees anew), with a note. The same
 * edit carried by several findings is made once. */
static void take_finding(const struct imc_snapshot *s,
			 const struct imc_finding *f, struct taken *t)
{
	size_t first = t->n;
	uint32_t k;

	for (k = 0; k < f->nfixits; k++) {
		const struct imc_fixit *x = &f->fixits[k];
		long b = offset_of(s, x->begin), e = offset_of(s, x->end), o;
		struct imc_text_edit sp;

		if (!same_file(x->begin.file, s->path))
			continue;
		if (b < 0 || e < b) {
			note_skipped(f, "outside the file as it is");
			untake_from(t, first);
			return;
		}
		sp = (struct imc_text_edit){(size_t)b, (size_t)e, x->text};
		o = first_overlap(t, &sp);
		if (o >= 0 && clash(&t->v[o], &sp)) {
			note_skipped(f, "they overlap another "
					"finding's, applied first");
			untake_from(t, first);
			return;
		}
		if (o < 0)
			take_edit(t, &sp);
	}
}

/* The edits for this file in source order. */
static size_t collect_spans(const struct imc_snapshot *s,
			    const struct imc_findings *f,
			    struct imc_text_edit **out)
{
	struct taken t = {0};
	size_t i;

	for (i = 0; i < f->n; i++)
		take_finding(s, &f->v[i], &t);
	imc_ptrmap_free_with(&t.blocks, free_block);
	if (t.n)
		qsort(t.v, t.n, sizeof(*t.v), cmp_span);
	*out = t.v;
	return t.n;
}

static int write_temp_beside(const char *path, const char *data, size_t len,
			     char *tmp, size_t tmplen, char *err, size_t errlen)
{
	struct stat st;
	int fd;

	snprintf(tmp, tmplen, "%s.iomemcheck-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create a temporary file: %s",
			 path, strerror(errno));
		return -1;
	}
	if (!stat(path, &st)) {
		fchmod(fd, st.st_mode & 07777);
		/* The owner too, when allowed (root fixing a user's tree);
		 * otherwise the fixed file is the fixer's, as with an editor. */
		if (fchown(fd, st.st_uid, st.st_gid))
			errno = 0;
	}
	if (write(fd, data, len) != (ssize_t)len || fsync(fd) || close(fd)) {
		snprintf(err, errlen, "%s: writing failed: %s", tmp,
			 strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static bool through_symlink(const char *path)
{
	char *copy = imc_xstrdup(path), *p;
	struct stat st;
	bool link = false;

	for (p = strchr(copy + 1, '/'); p && !link; p = strchr(p + 1, '/')) {
		*p = '\0';
		link = !lstat(copy, &st) && S_ISLNK(st.st_mode);
		*p = '/';
	}
	free(copy);
	return link;
}

/* A path through a symlinked directory may lead anywhere: allow it only
 * when the file really lies inside the current directory's tree. */
static int check_real_place(const char *path, char *err, size_t errlen)
{
	char real[PATH_MAX], cwd[PATH_MAX];
	size_t n;

	if (!through_symlink(path) || !realpath(path, real) ||
	    !getcwd(cwd, sizeof(cwd)))
		return 0;
	if (!strncmp(real, cwd, (n = strlen(cwd))) && real[n] == '/')
		return 0;
	snprintf(err, errlen,
		 "%s: refusing to fix through a symlink that leaves the source "
		 "tree",
		 path);
	return -1;
}

/* Where --fix may write: a regular file that is writable and, if reached
 * through a symlink, inside the current directory tree. */
static int check_target(const char *path, char *err, size_t errlen)
{
	char real[PATH_MAX], cwd[PATH_MAX];
	struct stat st;
	size_t n;

	if (lstat(path, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		if (!realpath(path, real) || !getcwd(cwd, sizeof(cwd)) ||
		    strncmp(real, cwd, (n = strlen(cwd))) ||
		    (real[n] != '/' && real[n])) {
			snprintf(err, errlen,
				 "%s: refusing to fix through a symlink that "
				 "leaves the source tree",
				 path);
			return -1;
		}
		snprintf(err, errlen,
			 "%s: is a symlink; run --fix on its target '%s'", path,
			 real);
		return -1;
	}
	/* The mode bits, not access(2): root may write anything, but a
	 * read-only source file says "do not edit". */
	if (!S_ISREG(st.st_mode) || !(st.st_mode & 0222) ||
	    access(path, W_OK)) {
		snprintf(err, errlen, "%s: not a writable regular file", path);
		return -1;
	}
	/* The fixed file replaces the old one by rename(2): the other names
	 * would keep the old text. */
	if (st.st_nlink > 1) {
		snprintf(err, errlen,
			 "%s: has %lu hard links; --fix would split them (fix "
			 "a copy)",
			 path, (unsigned long)st.st_nlink);
		return -1;
	}
	return check_real_place(path, err, errlen);
}

/* The file's name in a patch header: without "./" in front, which
 * git apply refuses after a/ and b/. */
static const char *patch_name(const char *path)
{
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (*path == '/')
			path++;
	}
	return path;
}

int imc_fix_apply(const struct imc_snapshot *s, const struct imc_findings *f,
		  FILE *diff_out, char *err, size_t errlen)
{
	struct imc_text_edit *spans;
	size_t n = collect_spans(s, f, &spans), len, nowlen;
	char tmp[PATH_MAX + 32], *now = NULL, *fixed = NULL;
	int ret = -1;

	if (!n) {
		free(spans);
		return 0;
	}
	if (!diff_out && check_target(s->path, err, errlen))
		goto out;
	now = read_all(s->path, &nowlen, err, errlen);
	if (!now)
		goto out;
	if (nowlen != s->len || memcmp(now, s->data, nowlen) ||
	    replaced_or_touched(s)) {
		snprintf(err, errlen,
			 "%s: changed since it was analysed; not fixed",
			 s->path);
		goto out;
	}
	if (diff_out) {
		imc_udiff_print(diff_out,
				patch_name(imc_path_below(f->root, s->path)),
				s->data, s->len, spans, n, PATCH_CONTEXT);
		ret = (int)n;
		goto out;
	}
	fixed = imc_edits_apply(s->data, s->len, spans, n, &len);
	if (write_temp_beside(s->path, fixed, len, tmp, sizeof(tmp), err,
			      errlen))
		goto out;
	if (rename(tmp, s->path)) {
		snprintf(err, errlen, "%s: %s", s->path, strerror(errno));
		unlink(tmp);
	} else {
		ret = (int)n;
	}
out:
	free(spans);
	free(now);
	free(fixed);
	return ret;
}

/* The snapshot of file, or NULL: it is not one being fixed. */
static const struct imc_snapshot *snapshot_of(const struct imc_snapshot *snaps,
					      size_t n, const char *file)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (file && !strcmp(snaps[i].path, file))
			return &snaps[i];
	for (i = 0; i < n; i++)
		if (same_file(snaps[i].path, file))
			return &snaps[i];
	return NULL;
}

/* Why finding d gets no edit from this run, or NULL if it may get one. */
static const char *why_no_fixit(const struct imc_snapshot *snaps, size_t n,
				const struct imc_finding *d)
{
	uint32_t k;

	if (!d->nfixits)
		return "no exact rewrite";
	for (k = 0; k < d->nfixits; k++)
		if (snapshot_of(snaps, n, d->fixits[k].begin.file))
			return NULL;
	return "it is in a file not being fixed";
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void imc_fix_report(FILE *out, const struct imc_snapshot *snaps, size_t n,
		    const struct imc_findings *f, const struct imc_fix_tally *t,
		    bool dry_run)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		const struct imc_finding *d = &f->v[i];
		const char *why = why_no_fixit(snaps, n, d);

		if (why)
			fprintf(out,
				"iomemcheck: %s:%u:%u: note: no fix-it (%s) "
				"[%s]\n",
				d->loc.file ? d->loc.file : "?", d->loc.line,
				d->loc.col, why, d->rule ? d->rule : "?");
	}
	if (!f->n && !t->edits)
		return;
	if (!t->edits)
		fprintf(out, "iomemcheck: no fix-its %s\n",
			dry_run ? "to apply" : "applied");
	else if (dry_run)
		fprintf(out,
			"iomemcheck: %zu %s for %zu %s in the patch (nothing "
			"written)\n",
			t->edits, plural(t->edits, "fix-it", "fix-its"),
			t->files, plural(t->files, "file", "files"));
	else
		fprintf(out, "iomemcheck: %zu %s applied in %zu %s\n", t->edits,
			plural(t->edits, "fix-it", "fix-its"), t->files,
			plural(t->files, "file", "files"));
}
