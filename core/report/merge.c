// SPDX-License-Identifier: GPL-2.0-only
/*
 * --merge: the reports of --shard runs joined into the report the run over
 * all units would have written. Works on the documents rather than on
 * findings, so that whatever a report carries (fix-its, SARIF properties a
 * later version adds) passes through unchanged:
 *
 *  - JSON reports: the findings of all, sorted as imc_findings_sort() sorts
 *    (file, line, column, rule, message), one of equal ones;
 *  - SARIF: one run, the first report's tool (the rule catalogue once; all
 *    reports must have the same), the results of all runs sorted likewise
 *    (the file from the artifact URI);
 *  - baselines: entries grouped by file in file order; for each file the
 *    entries of the shard that has most of them, in its order, and from the
 *    others those that it lacks (a header's findings are seen by several
 *    shards: as many of each as the shard that saw most).
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iomemcheck.h"
#include "merge.h"
#include "util.h"

enum kind { K_NONE, K_JSON, K_SARIF, K_BASELINE };

static const char *const kind_names[] = {
	[K_NONE] = "unknown",
	[K_JSON] = "an iomemcheck JSON report",
	[K_SARIF] = "a SARIF report",
	[K_BASELINE] = "an iomemcheck baseline",
};

static enum kind kind_of(const cJSON *doc)
{
	const cJSON *findings =
		cJSON_GetObjectItemCaseSensitive(doc, "findings");
	const char *tool = cJSON_GetStringValue(
		cJSON_GetObjectItemCaseSensitive(doc, "tool"));
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(doc, "version");

	if (cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(doc, "runs")) &&
	    cJSON_IsString(version))
		return K_SARIF;
	if (cJSON_IsArray(findings) && tool && !strcmp(tool, "iomemcheck"))
		return K_JSON;
	if (cJSON_IsArray(findings) && cJSON_IsNumber(version))
		return K_BASELINE;
	return K_NONE;
}

static cJSON *load(const char *path, char *err, size_t errlen)
{
	size_t len;
	char *text =
		imc_read_input(path, IMC_JSON_INPUT_MAX, &len, err, errlen);
	cJSON *doc;

	if (!text)
		return NULL;
	doc = cJSON_ParseWithLength(text, len);
	free(text);
	if (!doc || kind_of(doc) == K_NONE) {
		snprintf(err, errlen,
			 "%s: not an iomemcheck JSON report, SARIF "
			 "report or baseline",
			 path);
		cJSON_Delete(doc);
		return NULL;
	}
	return doc;
}

/* ---- findings and results, in the order of imc_findings_sort() ---- */

struct item {
	cJSON *json; /* a copy, owned until added to the output */
	char *file; /* owned */
	const char *rule, *message;
	double line, col;
	size_t seq; /* ties keep the order of the inputs */
};

struct items {
	struct item *v;
	size_t n, cap;
};

static const char *str_or_empty(const cJSON *o, const char *key)
{
	const char *s =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));

	return s ? s : "";
}

static double num_or_zero(const cJSON *o, const char *key)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(n) ? n->valuedouble : 0;
}

static struct item *add_item(struct items *it, const cJSON *json)
{
	struct item *x;

	if (it->n == it->cap) {
		it->cap = it->cap ? 2 * it->cap : 64;
		it->v = imc_xrealloc(it->v, it->cap * sizeof(*it->v));
	}
	x = &it->v[it->n];
	memset(x, 0, sizeof(*x));
	x->json = cJSON_Duplicate(json, true);
	x->seq = it->n++;
	return x;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The path a SARIF artifact URI was made from (file:// and
 * percent-encoding undone), by which the report was sorted. */
static char *uri_path(const char *uri)
{
	char *out = imc_xstrdup(uri), *o = out;
	const char *p = uri;

	if (!strncmp(p, "file://", 7))
		p += 7;
	for (; *p; p++) {
		if (p[0] == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			*o++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static int cmp_item(const void *pa, const void *pb)
{
	const struct item *x = pa, *y = pb;
	int d = strcmp(x->file, y->file);

	if (d)
		return d;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if ((d = strcmp(x->rule, y->rule)))
		return d;
	return strcmp(x->message, y->message);
}

static int cmp_item_seq(const void *pa, const void *pb)
{
	const struct item *x = pa, *y = pb;
	int d = cmp_item(pa, pb);

	return d ? d : (x->seq < y->seq ? -1 : x->seq > y->seq);
}

/* Sorts the items and moves them into a new array, one of equal ones. */
static cJSON *sorted_array(struct items *it)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i, kept = 0;

	if (it->n > 1) /* qsort(NULL, 0, ...) is undefined */
		qsort(it->v, it->n, sizeof(*it->v), cmp_item_seq);
	for (i = 0; i < it->n; i++) {
		/* the kept item's strings live in its JSON, which arr owns */
		if (i && !cmp_item(&it->v[kept], &it->v[i])) {
			cJSON_Delete(it->v[i].json);
		} else {
			cJSON_AddItemToArray(arr, it->v[i].json);
			kept = i;
		}
		it->v[i].json = NULL;
	}
	return arr;
}

static void free_items(struct items *it)
{
	size_t i;

	for (i = 0; i < it->n; i++) {
		cJSON_Delete(it->v[i].json);
		free(it->v[i].file);
	}
	free(it->v);
}

static void json_items(cJSON *doc, struct items *it)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(doc, "findings"))
	{
		struct item *x = add_item(it, f);

		x->file = imc_xstrdup(str_or_empty(f, "file"));
		x->line = num_or_zero(f, "line");
		x->col = num_or_zero(f, "column");
		x->rule = str_or_empty(x->json, "rule");
		x->message = str_or_empty(x->json, "message");
	}
}

static void sarif_items(cJSON *doc, struct items *it)
{
	const cJSON *run, *r;

	cJSON_ArrayForEach(run, cJSON_GetObjectItemCaseSensitive(doc, "runs"))
	{
		cJSON_ArrayForEach(
			r, cJSON_GetObjectItemCaseSensitive(run, "results"))
		{
			struct item *x = add_item(it, r);
			const cJSON *phys = cJSON_GetObjectItemCaseSensitive(
				cJSON_GetArrayItem(
					cJSON_GetObjectItemCaseSensitive(
						r, "locations"),
					0),
				"physicalLocation");
			const cJSON *region = cJSON_GetObjectItemCaseSensitive(
				phys, "region");

			x->file = uri_path(
				str_or_empty(cJSON_GetObjectItemCaseSensitive(
						     phys, "artifactLocation"),
					     "uri"));
			x->line = num_or_zero(region, "startLine");
			x->col = num_or_zero(region, "startColumn");
			x->rule = str_or_empty(x->json, "ruleId");
			x->message =
				str_or_empty(cJSON_GetObjectItemCaseSensitive(
						     x->json, "message"),
					     "text");
		}
	}
}

/* ---- baselines ---- */

static bool same_entry(const cJSON *a, const cJSON *b)
{
	return cJSON_Compare(a, b, true);
}

/* How many entries of list[0..n) equal e. */
static size_t count_in(cJSON *const *list, size_t n, const cJSON *e)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += same_entry(list[i], e);
	return c;
}

struct bfile {
	const char *file;
	size_t first; /* index of its first entry in the sorted list */
};

struct bentry {
	cJSON *json;
	const char *file;
	size_t input, seq;
};

static int cmp_bentry(const void *pa, const void *pb)
{
	const struct bentry *x = pa, *y = pb;
	int d = strcmp(x->file, y->file);

	if (d)
		return d;
	if (x->input != y->input)
		return x->input < y->input ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static cJSON *merge_baselines(cJSON **docs, size_t n)
{
	struct bentry *e = NULL;
	size_t ne = 0, cap = 0, i, k, j;
	cJSON *out = cJSON_CreateArray(), *f;

	for (i = 0; i < n; i++) {
		size_t seq = 0;

		cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(
					      docs[i], "findings"))
		{
			if (ne == cap) {
				cap = cap ? 2 * cap : 64;
				e = imc_xrealloc(e, cap * sizeof(*e));
			}
			e[ne++] = (struct bentry){f, str_or_empty(f, "file"), i,
						  seq++};
		}
	}
	qsort(e, ne, sizeof(*e), cmp_bentry);
	/* one file at a time: e[i..k) */
	for (i = 0; i < ne; i = k) {
		cJSON **kept;
		size_t nkept = 0, best = i, best_n = 0, from;

		for (k = i; k < ne && !strcmp(e[k].file, e[i].file); k++)
			;
		/* the input with most entries for the file */
		for (j = i; j < k; j = from) {
			for (from = j; from < k && e[from].input == e[j].input;
			     from++)
				;
			if (from - j > best_n) {
				best = j;
				best_n = from - j;
			}
		}
		kept = imc_xcalloc(k - i, sizeof(*kept));
		for (j = best; j < best + best_n; j++)
			kept[nkept++] = e[j].json;
		for (j = i; j < k; j++) {
			size_t start = j, seen;

			if (j >= best && j < best + best_n)
				continue;
			/* e[j] is the seen-th of its kind in its input */
			while (start > i && e[start - 1].input == e[j].input)
				start--;
			seen = 0;
			for (from = start; from <= j; from++)
				seen += same_entry(e[from].json, e[j].json);
			if (count_in(kept, nkept, e[j].json) < seen)
				kept[nkept++] = e[j].json;
		}
		for (j = 0; j < nkept; j++)
			cJSON_AddItemToArray(out,
					     cJSON_Duplicate(kept[j], true));
		free(kept);
	}
	free(e);
	return out;
}

/* ---- writing ---- */

static int write_doc(cJSON *doc, const char *output, char *err, size_t errlen)
{
	char *text = cJSON_Print(doc), tmp[4096];
	FILE *out = stdout;
	int ok;

	if (!text) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (output) {
		snprintf(tmp, sizeof(tmp), "%s.tmp-%d", output, (int)getpid());
		out = fopen(tmp, "w");
		if (!out) {
			snprintf(err, errlen, "%s: %s", output,
				 strerror(errno));
			free(text);
			return -1;
		}
	}
	ok = fputs(text, out) >= 0 && fputc('\n', out) != EOF;
	free(text);
	if (!output) {
		if (!ok || fflush(stdout)) {
			snprintf(err, errlen, "cannot write the report");
			return -1;
		}
		return 0;
	}
	if (fclose(out) || !ok || rename(tmp, output)) {
		snprintf(err, errlen, "%s: %s", output, strerror(errno));
		remove(tmp);
		return -1;
	}
	return 0;
}

/* ---- counting what fails ---- */

/* The run's exit policy, the same as for findings not merged. */
static bool in_lists(const struct imc_merge_opts *opts, const char *rule)
{
	const struct imc_policy policy = {.fail_on = opts->fail_on,
					  .nfail_on = opts->nfail_on};

	return imc_policy_fails(&policy, rule);
}

static int count_failing(const cJSON *arr, const char *rule_key,
			 const struct imc_merge_opts *opts)
{
	const cJSON *f;
	int n = 0;

	cJSON_ArrayForEach(f, arr) n +=
		in_lists(opts, str_or_empty(f, rule_key));
	return n;
}

/* ---- the documents ---- */

static cJSON *first_run(cJSON *doc)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "runs"),
				  0);
}

static const cJSON *driver_of(const cJSON *run)
{
	return cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(run, "tool"), "driver");
}

/* The tree a report names its files below: JSON's root, SARIF's base URIs
 * (NULL: none, the files are absolute). */
static const cJSON *tree_of(cJSON *doc, enum kind kind)
{
	if (kind == K_SARIF)
		return cJSON_GetObjectItemCaseSensitive(first_run(doc),
							"originalUriBaseIds");
	return cJSON_GetObjectItemCaseSensitive(doc, "root");
}

/* Shards of one tree share its top: relative names of two trees would mix
 * in one report. */
static int check_same_tree(cJSON **docs, const char *const *paths, size_t n,
			   enum kind kind, char *err, size_t errlen)
{
	const cJSON *first = tree_of(docs[0], kind);
	size_t i;

	for (i = 1; i < n; i++) {
		const cJSON *t = tree_of(docs[i], kind);

		if (!first != !t || (t && !cJSON_Compare(t, first, true))) {
			snprintf(err, errlen,
				 "%s and %s are reports of different trees "
				 "(other -p directories): merge reports of one",
				 paths[0], paths[i]);
			return -1;
		}
	}
	return 0;
}

/* Reports of different tools or versions do not make one report. */
static int check_same_tool(cJSON **docs, const char *const *paths, size_t n,
			   enum kind kind, char *err, size_t errlen)
{
	size_t i;
	const cJSON *run;

	for (i = 0; i < n; i++) {
		if (kind == K_JSON &&
		    strcmp(str_or_empty(docs[i], "version"),
			   str_or_empty(docs[0], "version"))) {
			snprintf(err, errlen,
				 "%s: iomemcheck %s, %s: iomemcheck %s: "
				 "merge reports of one version",
				 paths[0], str_or_empty(docs[0], "version"),
				 paths[i], str_or_empty(docs[i], "version"));
			return -1;
		}
		if (kind != K_SARIF)
			continue;
		cJSON_ArrayForEach(
			run, cJSON_GetObjectItemCaseSensitive(docs[i], "runs"))
		{
			if (!driver_of(run) ||
			    !cJSON_Compare(driver_of(run),
					   driver_of(first_run(docs[0])),
					   true)) {
				snprintf(err, errlen,
					 "%s: another tool, version or rule "
					 "catalogue than %s",
					 paths[i], paths[0]);
				return -1;
			}
		}
	}
	if (kind == K_SARIF && !first_run(docs[0])) {
		snprintf(err, errlen, "%s: a SARIF report without a run",
			 paths[0]);
		return -1;
	}
	return 0;
}

int imc_merge_files(const char *const *paths, size_t n, const char *output,
		    const struct imc_merge_opts *opts, char *err, size_t errlen)
{
	cJSON **docs = imc_xcalloc(n ? n : 1, sizeof(*docs));
	struct items it = {0};
	cJSON *doc = NULL, *arr;
	enum kind kind = K_NONE;
	size_t i;
	int ret = -1;

	for (i = 0; i < n; i++) {
		enum kind k;

		docs[i] = load(paths[i], err, errlen);
		if (!docs[i])
			goto out;
		k = kind_of(docs[i]);
		if (i && k != kind) {
			snprintf(
				err, errlen,
				"%s is %s, %s is %s: merge reports of one kind",
				paths[0], kind_names[kind], paths[i],
				kind_names[k]);
			goto out;
		}
		kind = k;
	}
	if (opts->format &&
	    ((!strcmp(opts->format, "json") && kind != K_JSON) ||
	     (!strcmp(opts->format, "sarif") && kind != K_SARIF))) {
		snprintf(err, errlen, "--format=%s, but %s is %s", opts->format,
			 paths[0], kind_names[kind]);
		goto out;
	}
	if (check_same_tool(docs, paths, n, kind, err, errlen) ||
	    (kind != K_BASELINE &&
	     check_same_tree(docs, paths, n, kind, err, errlen)))
		goto out;
	doc = cJSON_CreateObject();
	switch (kind) {
	case K_JSON:
		for (i = 0; i < n; i++)
			json_items(docs[i], &it);
		arr = sorted_array(&it);
		cJSON_AddStringToObject(doc, "tool", "iomemcheck");
		cJSON_AddStringToObject(doc, "version",
					str_or_empty(docs[0], "version"));
		if (tree_of(docs[0], kind))
			cJSON_AddItemToObject(
				doc, "root",
				cJSON_Duplicate(tree_of(docs[0], kind), true));
		cJSON_AddItemToObject(doc, "findings", arr);
		ret = count_failing(arr, "rule", opts);
		break;
	case K_SARIF: {
		cJSON *run = first_run(docs[0]), *runs = cJSON_CreateArray();
		cJSON *one = cJSON_Duplicate(run, true);

		for (i = 0; i < n; i++)
			sarif_items(docs[i], &it);
		arr = sorted_array(&it);
		ret = count_failing(arr, "ruleId", opts);
		/* the first report, with one run holding every result */
		cJSON_Delete(doc);
		doc = cJSON_Duplicate(docs[0], true);
		cJSON_ReplaceItemInObjectCaseSensitive(one, "results", arr);
		cJSON_AddItemToArray(runs, one);
		cJSON_ReplaceItemInObjectCaseSensitive(doc, "runs", runs);
		break;
	}
	case K_BASELINE:
		arr = merge_baselines(docs, n);
		cJSON_AddItemToObject(
			doc, "version",
			cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(
						docs[0], "version"),
					true));
		cJSON_AddItemToObject(doc, "findings", arr);
		ret = count_failing(arr, "rule", opts);
		break;
	case K_NONE:
		break;
	}
	if (write_doc(doc, output, err, errlen))
		ret = -1;
out:
	free_items(&it);
	cJSON_Delete(doc);
	for (i = 0; i < n; i++)
		cJSON_Delete(docs[i]);
	free(docs);
	return ret;
}
