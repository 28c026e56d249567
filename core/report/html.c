// SPDX-License-Identifier: GPL-2.0-only
/*
 * The HTML report, the way scan-build presents the clang static analyzer:
 * DIR/index.html (counts per rule, then every finding sorted by rule, file
 * and line, each linking to its page) and one page per finding
 * (html-page.c). Both front ends' JSON reports are the input: the
 * checker's own findings go through imc_print_json() first, so a report
 * rendered later (--merge --format=html) looks the same.
 *
 * Page names are made of the rule, the file's base name and the line
 * (a counter for repeats), so that the same findings give the same files.
 */
#define _GNU_SOURCE /* open_memstream */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "html-internal.h"
#include "html.h"
#include "util.h"

struct report {
	cJSON **docs;
	size_t ndocs;
	struct imc_html_finding *v;
	size_t n;
};

static void report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].page);
	free(r->v);
	for (i = 0; i < r->ndocs; i++)
		cJSON_Delete(r->docs[i]);
	free(r->docs);
}

static const char *str_member(const cJSON *o, const char *key)
{
	const char *s =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));

	return s ? s : "";
}

unsigned imc_html_uint(const cJSON *o, const char *key)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(n) || n->valuedouble < 1 || n->valuedouble > 1e9)
		return 0;
	return (unsigned)n->valuedouble;
}

/* Takes doc (a parsed report) and its findings; -1 if it is not an
 * iomemcheck JSON report. */
static int add_doc(struct report *r, cJSON *doc)
{
	const cJSON *findings =
		cJSON_GetObjectItemCaseSensitive(doc, "findings");
	const char *root = str_member(doc, "root");
	const cJSON *x;

	r->docs = imc_xrealloc(r->docs, (r->ndocs + 1) * sizeof(*r->docs));
	r->docs[r->ndocs++] = doc;
	if (strcmp(str_member(doc, "tool"), "iomemcheck") ||
	    !cJSON_IsArray(findings))
		return -1;
	cJSON_ArrayForEach(x, findings)
	{
		struct imc_html_finding *f;

		if (!cJSON_IsObject(x))
			return -1;
		r->v = imc_xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
		f = &r->v[r->n++];
		memset(f, 0, sizeof(*f));
		f->json = x;
		f->rule = str_member(x, "rule");
		f->file = str_member(x, "file");
		f->shown = imc_path_below(*root ? root : NULL, f->file);
		f->message = str_member(x, "message");
		f->line = imc_html_uint(x, "line");
		f->col = imc_html_uint(x, "column");
	}
	return 0;
}

static int load_report(struct report *r, const char *path, char *err,
		       size_t errlen)
{
	size_t len;
	char *text =
		imc_read_input(path, IMC_JSON_INPUT_MAX, &len, err, errlen);
	cJSON *doc;

	if (!text)
		return -1;
	doc = cJSON_ParseWithLength(text, len);
	free(text);
	if (!doc || add_doc(r, doc)) { /* r owns doc now */
		snprintf(err, errlen, "%s: not an iomemcheck JSON report",
			 path);
		return -1;
	}
	return 0;
}

/* ---- order and page names ---- */

static int cmp_finding(const void *pa, const void *pb)
{
	const struct imc_html_finding *a = pa, *b = pb;
	int d = strcmp(a->rule, b->rule);

	if (!d)
		d = strcmp(a->file, b->file);
	if (!d && a->line != b->line)
		d = a->line < b->line ? -1 : 1;
	if (!d && a->col != b->col)
		d = a->col < b->col ? -1 : 1;
	return d ? d : strcmp(a->message, b->message);
}

/* Sorted, one of equal ones (a header's finding in several shards). */
static void sort_unique(struct report *r)
{
	size_t i, kept = 0;

	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), cmp_finding);
	for (i = 0; i < r->n; i++)
		if (!kept || cmp_finding(&r->v[kept - 1], &r->v[i]))
			r->v[kept++] = r->v[i];
	r->n = kept;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* RULE-BASE-LINE.html with only [A-Za-z0-9._-] (a repeat: .2.html, .3...:
 * a name ends in -DIGITS, so no other name can look like that). */
static void name_pages(struct report *r)
{
	char **names = imc_xcalloc(r->n + 1, sizeof(*names));
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		struct imc_html_finding *f = &r->v[i];
		unsigned repeat = 1;
		char *p;

		names[i] = imc_xasprintf("%s-%s-%u", f->rule,
					 base_name(f->file), f->line);
		for (p = names[i]; *p; p++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
				    "QRSTUVWXYZ0123456789._-",
				    *p))
				*p = '_';
		for (k = 0; k < i; k++)
			repeat += !strcmp(names[k], names[i]);
		if (repeat > 1)
			f->page = imc_xasprintf("%s.%u.html", names[i], repeat);
		else
			f->page = imc_xasprintf("%s.html", names[i]);
	}
	for (i = 0; i < r->n; i++)
		free(names[i]);
	free(names);
}

/* ---- the index ---- */

static size_t count_events(const struct imc_html_finding *f)
{
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(f->json, "events");

	return cJSON_IsArray(ev) ? (size_t)cJSON_GetArraySize(ev) : 0;
}

static size_t count_fixits(const struct imc_html_finding *f)
{
	const cJSON *fx = cJSON_GetObjectItemCaseSensitive(f->json, "fixits");

	return cJSON_IsArray(fx) ? (size_t)cJSON_GetArraySize(fx) : 0;
}

static size_t count_files(const struct report *r)
{
	size_t i, k, n = 0;

	for (i = 0; i < r->n; i++) {
		for (k = 0; k < i; k++)
			if (!strcmp(r->v[k].file, r->v[i].file))
				break;
		n += k == i;
	}
	return n;
}

static void index_rules(FILE *out, const struct report *r)
{
	size_t i, k;

	fputs("<h2>By rule</h2>\n<table class=\"rules\">\n"
	      "<tr><th>Rule</th><th>Findings</th><th>What it finds</th></tr>\n",
	      out);
	for (i = 0; i < r->n; i = k) {
		for (k = i; k < r->n && !strcmp(r->v[k].rule, r->v[i].rule);
		     k++)
			;
		fputs("<tr class=\"rule-count\"><td class=\"rule\"><a "
		      "href=\"#rule-",
		      out);
		imc_html_escape_str(out, r->v[i].rule);
		fputs("\">", out);
		imc_html_escape_str(out, r->v[i].rule);
		fprintf(out, "</a></td><td class=\"count\">%zu</td><td>",
			k - i);
		imc_html_escape_str(out, imc_html_rule_summary(r->v[i].rule));
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void index_row(FILE *out, const struct imc_html_finding *f,
		      bool first_of_rule)
{
	size_t nev = count_events(f), nfix = count_fixits(f);

	fputs("<tr class=\"finding\"", out);
	if (first_of_rule) {
		fputs(" id=\"rule-", out);
		imc_html_escape_str(out, f->rule);
		fputc('"', out);
	}
	fputs("><td class=\"rule\">", out);
	imc_html_escape_str(out, f->rule);
	fputs("</td><td class=\"loc\">", out);
	imc_html_escape_str(out, f->shown);
	fprintf(out, ":%u:%u</td><td class=\"msg\">", f->line, f->col);
	imc_html_escape_str(out, f->message);
	fputs("</td><td class=\"path\">", out);
	if (nev)
		fprintf(out, "%zu step%s", nev, nev == 1 ? "" : "s");
	fprintf(out, "</td><td class=\"fix\">%s</td><td><a href=\"",
		nfix ? "yes" : "");
	imc_html_escape_str(out, f->page);
	fputs("\">view</a></td></tr>\n", out);
}

static void write_index(FILE *out, const struct report *r)
{
	size_t i;

	imc_html_head(out, "iomemcheck report");
	fputs("<header><h1>iomemcheck report</h1>\n<p class=\"summary\">", out);
	fprintf(out, "%zu finding%s in %zu file%s</p></header>\n<main>\n", r->n,
		r->n == 1 ? "" : "s", count_files(r),
		count_files(r) == 1 ? "" : "s");
	if (!r->n) {
		fputs("<p class=\"none\">No findings.</p>\n</main>\n", out);
		imc_html_foot(out);
		return;
	}
	index_rules(out, r);
	fputs("<h2>Findings</h2>\n<table class=\"findings\">\n"
	      "<tr><th>Rule</th><th>Location</th><th>Message</th><th>Path</th>"
	      "<th>Fix-it</th><th></th></tr>\n",
	      out);
	for (i = 0; i < r->n; i++)
		index_row(out, &r->v[i],
			  !i || strcmp(r->v[i - 1].rule, r->v[i].rule));
	fputs("</table>\n</main>\n", out);
	imc_html_foot(out);
}

/* ---- files ---- */

/* DIR and its parents, as mkdir -p. */
static int make_dir(const char *dir, char *err, size_t errlen)
{
	char *path = imc_xstrdup(dir), *p;
	struct stat st;
	int ret = 0;

	for (p = path + 1; ret == 0; p++) {
		bool end = !*p;

		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(path, 0777) && errno != EEXIST)
			ret = -1;
		else if (stat(path, &st) || !S_ISDIR(st.st_mode))
			ret = (errno = ENOTDIR, -1);
		if (end)
			break;
		*p = '/';
	}
	if (ret)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	free(path);
	return ret;
}

/* Writes one page through a temporary file renamed into place. */
static int write_page(const char *dir, const char *name,
		      void (*body)(FILE *, const void *, void *),
		      const void *arg, void *ctx, char *err, size_t errlen)
{
	char *path = imc_xasprintf("%s/%s", dir, name);
	char *tmp = imc_xasprintf("%s.tmp-%d", path, (int)getpid());
	FILE *out = fopen(tmp, "w");
	int ret = 0;

	if (!out) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		ret = -1;
	} else {
		body(out, arg, ctx);
		if (ferror(out) | fclose(out) || rename(tmp, path)) {
			snprintf(err, errlen, "%s: cannot write", path);
			remove(tmp);
			ret = -1;
		}
	}
	free(tmp);
	free(path);
	return ret;
}

static void index_body(FILE *out, const void *arg, void *ctx)
{
	(void)ctx;
	write_index(out, arg);
}

static void finding_body(FILE *out, const void *arg, void *ctx)
{
	const struct imc_html_finding *f = arg;
	char *title = imc_xasprintf("%s at %s:%u", f->rule, f->shown, f->line);

	imc_html_head(out, title);
	imc_html_finding_page(out, f, ctx);
	imc_html_foot(out);
	free(title);
}

/* Whether dir holds a report of ours (its index says so). */
static bool has_report(const char *dir)
{
	char *path = imc_xasprintf("%s/index.html", dir);
	size_t len;
	char *text = imc_read_file(path, &len);
	bool ours = text && strstr(text, "<meta name=\"generator\" "
					 "content=\"iomemcheck\">");

	free(text);
	free(path);
	return ours;
}

/* The pages of an earlier report that this one does not have: a finding
 * that is gone must not keep its page. */
static void remove_stale(const char *dir, const struct report *r)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name), i;
		char *path;

		if (len < 6 || strcmp(e->d_name + len - 5, ".html") ||
		    !strcmp(e->d_name, "index.html"))
			continue;
		for (i = 0; i < r->n && strcmp(r->v[i].page, e->d_name); i++)
			;
		if (i < r->n)
			continue;
		path = imc_xasprintf("%s/%s", dir, e->d_name);
		remove(path);
		free(path);
	}
	if (d)
		closedir(d);
}

/* The pages, then the index (it never links to a page not written yet). */
static int write_report_dir(struct report *r, const char *dir, char *err,
			    size_t errlen)
{
	struct imc_html_sources *src;
	bool earlier;
	size_t i;
	int ret = 0;

	sort_unique(r);
	name_pages(r);
	if (make_dir(dir, err, errlen))
		return -1;
	earlier = has_report(dir);
	src = imc_html_sources_new();
	for (i = 0; !ret && i < r->n; i++)
		ret = write_page(dir, r->v[i].page, finding_body, &r->v[i], src,
				 err, errlen);
	imc_html_sources_free(src);
	if (!ret)
		ret = write_page(dir, "index.html", index_body, r, NULL, err,
				 errlen);
	if (!ret && earlier)
		remove_stale(dir, r);
	return ret;
}

int imc_html_write_findings(const struct imc_findings *f, const char *dir,
			    char *err, size_t errlen)
{
	struct report r = {0};
	char *json = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&json, &len);
	cJSON *doc;
	int ret;

	if (!mem || imc_print_json(mem, f) || fclose(mem)) {
		snprintf(err, errlen, "%s: out of memory", dir);
		free(json);
		return -1;
	}
	doc = cJSON_ParseWithLength(json, len);
	free(json);
	if (!doc || add_doc(&r, doc)) {
		snprintf(err, errlen, "%s: internal error: unreadable JSON",
			 dir);
		report_free(&r);
		return -1;
	}
	ret = write_report_dir(&r, dir, err, errlen);
	if (!ret)
		ret = (int)r.n;
	report_free(&r);
	return ret;
}

static bool counts(const struct imc_html_finding *f, const char *const *fail_on,
		   size_t nfail_on)
{
	size_t i;

	for (i = 0; i < nfail_on; i++)
		if (imc_rule_in_list(fail_on[i], f->rule))
			return true;
	return !nfail_on;
}

int imc_html_write_reports(const char *const *paths, size_t n, const char *dir,
			   const char *const *fail_on, size_t nfail_on,
			   char *err, size_t errlen)
{
	struct report r = {0};
	size_t i;
	int ret = 0, failing = 0;

	for (i = 0; !ret && i < n; i++)
		ret = load_report(&r, paths[i], err, errlen);
	if (!ret)
		ret = write_report_dir(&r, dir, err, errlen);
	for (i = 0; !ret && i < r.n; i++)
		failing += counts(&r.v[i], fail_on, nfail_on);
	report_free(&r);
	return ret ? ret : failing;
}
