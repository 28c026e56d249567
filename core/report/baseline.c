// SPDX-License-Identifier: GPL-2.0-only
/*
 * Baselines: a JSON file of known findings, so a legacy tree can adopt the
 * checker and fail only on new ones. A finding is identified by its file,
 * rule and the text of its source line (blanks collapsed), not by its line
 * number, so entries survive edits that merely move code; a multiset match
 * keeps two identical lines apart.
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iomemcheck.h"
#include "source.h"
#include "util.h"

static char *fingerprint(struct imc_sources *src, const struct imc_finding *f)
{
	struct imc_range r = {.valid = true};
	char *line, *out, *o;
	const char *p;
	uint64_t h = 1469598103934665603ull;

	r.begin = (struct imc_loc){f->loc.file, f->loc.line, 1};
	r.end = (struct imc_loc){f->loc.file, f->loc.line + 1, 1};
	line = imc_source_text(src, &r);
	out = imc_xcalloc(1, (line ? strlen(line) : 0) + 1);
	/* Whitespace-insensitive: re-indenting is not a new finding. */
	for (p = line ? line : "", o = out; *p; p++)
		if (!isspace((unsigned char)*p))
			*o++ = *p;
	for (p = f->rule; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	for (p = out; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	free(line);
	free(out);
	return imc_xasprintf("%016llx", (unsigned long long)h);
}

/* Files by their place relative to the current directory, so a baseline
 * written in one checkout (or with -p's absolute names) works in another. */
static char *key_path(const char *file)
{
	char real[PATH_MAX], cwd[PATH_MAX];
	size_t n;

	if (!realpath(file, real) || !getcwd(cwd, sizeof(cwd)))
		return imc_xstrdup(strncmp(file, "./", 2) ? file : file + 2);
	n = strlen(cwd);
	if (!strncmp(real, cwd, n) && real[n] == '/')
		return imc_xstrdup(real + n + 1);
	return imc_xstrdup(real);
}

int imc_baseline_write(const char *path, const struct imc_findings *f,
		       char *err, size_t errlen)
{
	struct imc_sources *src = imc_sources_new();
	cJSON *doc = cJSON_CreateObject(), *arr = cJSON_CreateArray();
	char *text, tmp[4096];
	FILE *out;
	size_t i;
	int ret = -1;

	cJSON_AddNumberToObject(doc, "version", 1);
	for (i = 0; i < f->n; i++) {
		cJSON *e = cJSON_CreateObject();
		char *fp = fingerprint(src, &f->v[i]);

		char *key = key_path(f->v[i].loc.file);

		cJSON_AddStringToObject(e, "file", key);
		free(key);
		cJSON_AddStringToObject(e, "rule", f->v[i].rule);
		cJSON_AddStringToObject(e, "fingerprint", fp);
		cJSON_AddStringToObject(e, "message", f->v[i].message);
		cJSON_AddItemToArray(arr, e);
		free(fp);
	}
	cJSON_AddItemToObject(doc, "findings", arr);
	text = cJSON_Print(doc);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	out = fopen(tmp, "w");
	if (out && text && fputs(text, out) >= 0 && fputc('\n', out) != EOF &&
	    !fclose(out)) {
		out = NULL;
		ret = rename(tmp, path);
	}
	if (ret)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	if (out)
		fclose(out);
	if (ret)
		remove(tmp);
	free(text);
	cJSON_Delete(doc);
	imc_sources_free(src);
	return ret;
}

static cJSON *load_baseline(const char *path, char *err, size_t errlen)
{
	size_t n;
	char *buf = imc_read_input(path, IMC_JSON_INPUT_MAX, &n, err, errlen);
	cJSON *doc;

	if (!buf)
		return NULL;
	doc = cJSON_ParseWithLength(buf, n);
	free(buf);
	if (!doc || !cJSON_IsArray(cJSON_GetObjectItem(doc, "findings"))) {
		snprintf(err, errlen,
			 "%s: not an iomemcheck baseline (JSON with "
			 "\"findings\")",
			 path);
		cJSON_Delete(doc);
		return NULL;
	}
	return doc;
}

static bool entry_matches(cJSON *e, const struct imc_finding *f, const char *fp)
{
	const char *file = cJSON_GetStringValue(cJSON_GetObjectItem(e, "file"));
	const char *rule = cJSON_GetStringValue(cJSON_GetObjectItem(e, "rule"));
	const char *efp =
		cJSON_GetStringValue(cJSON_GetObjectItem(e, "fingerprint"));

	char *key = key_path(f->loc.file);
	bool same = file && rule && efp && !strcmp(file, key) &&
		    !strcmp(rule, f->rule) && !strcmp(efp, fp);

	free(key);
	return same;
}

int imc_baseline_filter(const char *path, struct imc_findings *f, char *err,
			size_t errlen)
{
	cJSON *doc = load_baseline(path, err, errlen), *arr, *e;
	struct imc_sources *src;
	size_t i, n = 0;
	int hidden = 0;

	if (!doc)
		return -1;
	arr = cJSON_GetObjectItem(doc, "findings");
	src = imc_sources_new();
	for (i = 0; i < f->n; i++) {
		char *fp = fingerprint(src, &f->v[i]);
		cJSON *match = NULL;

		cJSON_ArrayForEach(e,
				   arr) if (!cJSON_GetObjectItem(e, "used") &&
					    entry_matches(e, &f->v[i], fp))
		{
			match = e;
			break;
		}
		free(fp);
		if (!match) {
			f->v[n++] = f->v[i];
			continue;
		}
		cJSON_AddTrueToObject(match, "used");
		imc_finding_release(&f->v[i]);
		hidden++;
	}
	f->n = n;
	imc_sources_free(src);
	cJSON_Delete(doc);
	return hidden;
}
