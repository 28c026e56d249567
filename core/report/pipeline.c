// SPDX-License-Identifier: GPL-2.0-only
/*
 * What happens to findings after the analysis, once for both front ends:
 * sort -> inline suppressions -> the front end's filter (the checker's
 * --diff) -> baseline record/filter -> (the front end prints them) -> a JSON
 * or SARIF report written whole or not at all -> the exit policy (which
 * rules fail).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iomemcheck.h"
#include "util.h"

bool imc_rule_in_list(const char *list, const char *rule)
{
	size_t len = strlen(rule);
	const char *p;

	for (p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, rule, len) && (!p[len] || p[len] == ','))
			return true;
	return false;
}

/* Calls fn for each name of a comma list; the first unknown one: -1 +
 * err, before fn saw any. */
static int each_rule(const char *list, void (*fn)(int k, void *arg), void *arg,
		     char *err, size_t errlen)
{
	const char *p, *end;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (p = list; p; p = *end ? end + 1 : NULL) {
			size_t len;
			int k;

			end = p + strcspn(p, ",");
			len = (size_t)(end - p);
			k = imc_rule_index(p, len);
			if (k < 0) {
				snprintf(err, errlen, "unknown rule '%.*s'",
					 (int)len, p);
				return -1;
			}
			if (pass && fn)
				fn(k, arg);
		}
	return 0;
}

int imc_rule_list_check(const char *list, char *err, size_t errlen)
{
	return each_rule(list, NULL, NULL, err, errlen);
}

struct rule_switch {
	uint64_t *disabled;
	bool off;
};

static void switch_one(int k, void *arg)
{
	struct rule_switch *sw = arg;
	uint64_t bit = (uint64_t)1 << k;

	*sw->disabled = sw->off ? *sw->disabled | bit : *sw->disabled & ~bit;
}

int imc_rules_switch(uint64_t *disabled, const char *list, bool off, char *err,
		     size_t errlen)
{
	struct rule_switch sw = {disabled, off};

	return each_rule(list, switch_one, &sw, err, errlen);
}

/* -Wno-RULE: its findings go before anything else sees them. */
static void drop_disabled(struct imc_findings *f, uint64_t disabled)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++) {
		int k = imc_rule_index(f->v[i].rule, strlen(f->v[i].rule));

		if (k >= 0 && (disabled >> k & 1))
			imc_finding_release(&f->v[i]);
		else
			f->v[n++] = f->v[i];
	}
	f->n = n;
}

int imc_report_format(const char *path, const char *format)
{
	size_t n = strlen(path);

	if (format)
		return !strcmp(format, "json")	  ? IMC_REPORT_JSON
		       : !strcmp(format, "sarif") ? IMC_REPORT_SARIF
						  : -1;
	if (n > 5 && !strcmp(path + n - 5, ".json"))
		return IMC_REPORT_JSON;
	if (n > 6 && !strcmp(path + n - 6, ".sarif"))
		return IMC_REPORT_SARIF;
	return -1;
}

int imc_report_write(const char *path, int format, const struct imc_findings *f,
		     char *err, size_t errlen)
{
	char tmp[4096];
	FILE *out;
	int ret;

	snprintf(tmp, sizeof(tmp), "%s.tmp-%d", path, (int)getpid());
	out = fopen(tmp, "w");
	if (!out) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	errno = 0;
	ret = format == IMC_REPORT_SARIF ? imc_print_sarif(out, f)
					 : imc_print_json(out, f);
	if (fclose(out) || ret || rename(tmp, path)) {
		snprintf(err, errlen, "%s: %s", path,
			 errno ? strerror(errno) : "cannot write");
		remove(tmp);
		return -1;
	}
	return 0;
}

/* Creates and removes the file (or the directory) probe. */
static int probe(const char *probe_path, bool dir)
{
	int fd;

	if (dir)
		return mkdir(probe_path, 0700) ? -1 : rmdir(probe_path);
	fd = open(probe_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	close(fd);
	return unlink(probe_path);
}

/* The nearest ancestor of path that exists (path itself included), in a
 * heap string; "." for a relative path none of whose directories exist. */
static char *existing_ancestor(const char *path)
{
	char *p = imc_xstrdup(path), *slash;
	struct stat st;

	while (stat(p, &st)) {
		slash = strrchr(p, '/');
		while (slash && slash > p && slash[-1] == '/')
			slash--;
		if (!slash) {
			free(p);
			return imc_xstrdup(".");
		}
		slash[slash == p] = '\0'; /* "/x" -> "/" */
	}
	return p;
}

int imc_output_check(const char *path, bool dir, char *err, size_t errlen)
{
	struct stat st;
	char *where, *tmp;
	int ret = 0;

	if (!dir && !stat(path, &st) && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: %s", path, strerror(EISDIR));
		return -1;
	}
	/* a report: its temporary file; HTML: a directory in the deepest one
	 * that exists (the pages are made below it) */
	where = dir ? existing_ancestor(path) : imc_xstrdup(path);
	if (dir && (stat(where, &st) || !S_ISDIR(st.st_mode))) {
		errno = ENOTDIR;
		ret = -1;
	} else {
		tmp = dir ? imc_xasprintf("%s/.iomemcheck-probe-%d", where,
					  (int)getpid())
			  : imc_xasprintf("%s.tmp-%d", path, (int)getpid());
		ret = probe(tmp, dir);
		free(tmp);
	}
	if (ret)
		snprintf(err, errlen, "%s: %s",
			 dir && errno == ENOTDIR ? where : path,
			 strerror(errno));
	free(where);
	return ret;
}

void imc_findings_move(struct imc_findings *dst, struct imc_findings *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 16;
			dst->v = imc_xrealloc(dst->v,
					      dst->cap * sizeof(*dst->v));
		}
		dst->v[dst->n++] = src->v[i];
	}
	if (src->nlimits) {
		dst->limits = imc_xrealloc(dst->limits,
					   (dst->nlimits + src->nlimits) *
						   sizeof(*dst->limits));
		memcpy(dst->limits + dst->nlimits, src->limits,
		       src->nlimits * sizeof(*src->limits));
		dst->nlimits += src->nlimits;
	}
	free(src->v);
	free(src->limits);
	memset(src, 0, sizeof(*src));
}

bool imc_policy_fails(const struct imc_policy *p, const char *rule)
{
	size_t i;

	if (!p->nfail_on)
		return true;
	for (i = 0; i < p->nfail_on; i++)
		if (imc_rule_in_list(p->fail_on[i], rule))
			return true;
	return false;
}

static void drop_suffix(char *s, const char *suffix)
{
	char *p = strstr(s, suffix);

	if (p)
		memmove(p, p + strlen(suffix), strlen(p + strlen(suffix)) + 1);
}

/* write_baseline records every finding, baseline hides the known ones; with
 * both naming one file, the old file still decides what is new. */
static int record_and_filter(const struct imc_policy *p, struct imc_findings *f,
			     char *err, size_t errlen)
{
	char pending[4096];
	int ret = 0;

	if (p->write_baseline) {
		snprintf(pending, sizeof(pending), "%s.pending",
			 p->write_baseline);
		ret = imc_baseline_write(pending, f, err, errlen);
	}
	if (!ret && p->baseline &&
	    imc_baseline_filter(p->baseline, f, err, errlen) < 0)
		ret = -1;
	if (p->write_baseline && !ret && rename(pending, p->write_baseline)) {
		snprintf(err, errlen, "%s: %s", p->write_baseline,
			 strerror(errno));
		ret = -1;
	}
	if (p->write_baseline && ret) {
		remove(pending);
		drop_suffix(err, ".pending"); /* the user named the file */
	}
	return ret;
}

int imc_findings_finish(struct imc_findings *f, const struct imc_policy *p,
			char *err, size_t errlen)
{
	if (p->disabled)
		drop_disabled(f, p->disabled);
	imc_findings_sort(f);
	imc_findings_suppress(f);
	if (p->keep && p->keep(f, p->keep_arg, err, errlen) < 0)
		return -1;
	return record_and_filter(p, f, err, errlen);
}
