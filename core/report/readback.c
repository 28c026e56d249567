// SPDX-License-Identifier: GPL-2.0-only
/*
 * A JSON report read back into findings (imc_report_read): the checker's
 * GCC engine runs GCC with the plugin, which writes the unit's findings
 * this way, and puts them through the same pipeline as a libclang unit's.
 * The inverse of json_finding() in output.c.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iomemcheck.h"
#include "util.h"

static const char *text_of(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* A line or column: a whole number of at least 0 (JSON has doubles). */
static bool uint_of(const cJSON *o, const char *key, uint32_t *out)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(n) || n->valuedouble < 0 ||
	    n->valuedouble > 4294967295.0 ||
	    n->valuedouble != (double)(uint32_t)n->valuedouble)
		return false;
	*out = (uint32_t)n->valuedouble;
	return true;
}

static bool loc_of(const cJSON *o, const char *file, struct imc_loc *loc)
{
	loc->file = imc_intern_forever(file);
	return uint_of(o, "line", &loc->line) &&
	       uint_of(o, "column", &loc->col);
}

static bool read_fixit(const cJSON *x, const char *file, struct imc_fixit *fx)
{
	const char *own = text_of(x, "file"), *text = text_of(x, "text");

	if (!cJSON_IsObject(x) || !text)
		return false;
	if (own)
		file = own; /* a fix-it in another file than its finding's */
	if (!loc_of(cJSON_GetObjectItemCaseSensitive(x, "begin"), file,
		    &fx->begin) ||
	    !loc_of(cJSON_GetObjectItemCaseSensitive(x, "end"), file, &fx->end))
		return false;
	fx->text = imc_xstrdup(text);
	return true;
}

/* Events and limit notes: [{"file", "line", "column"[, "kind"],
 * "message"}]; a missing kind (limits) reads as "note". */
static bool read_event(const cJSON *e, struct imc_event *ev)
{
	const char *file = text_of(e, "file"), *msg = text_of(e, "message");
	const char *kind = text_of(e, "kind");

	if (!cJSON_IsObject(e) || !file || !msg || !loc_of(e, file, &ev->loc))
		return false;
	if (!*file)
		ev->loc.file = NULL;
	ev->kind = imc_intern_forever(kind ? kind : "note");
	ev->message = imc_xstrdup(msg);
	return true;
}

static bool read_events(const cJSON *arr, struct imc_event **v, uint32_t *n)
{
	const cJSON *e;

	if (!arr)
		return true;
	if (!cJSON_IsArray(arr))
		return false;
	cJSON_ArrayForEach(e, arr)
	{
		*v = imc_xrealloc(*v, (*n + 1) * sizeof(**v));
		memset(&(*v)[*n], 0, sizeof(**v));
		if (!read_event(e, &(*v)[*n]))
			return false;
		(*n)++;
	}
	return true;
}

static bool read_fixits(const cJSON *arr, const char *file,
			struct imc_finding *f)
{
	const cJSON *x;

	if (!arr)
		return true;
	if (!cJSON_IsArray(arr))
		return false;
	cJSON_ArrayForEach(x, arr)
	{
		f->fixits = imc_xrealloc(f->fixits,
					 (f->nfixits + 1) * sizeof(*f->fixits));
		memset(&f->fixits[f->nfixits], 0, sizeof(*f->fixits));
		if (!read_fixit(x, file, &f->fixits[f->nfixits]))
			return false;
		f->nfixits++;
	}
	return true;
}

static bool read_finding(const cJSON *o, struct imc_finding *f)
{
	const char *file = text_of(o, "file"), *rule = text_of(o, "rule");
	const char *msg = text_of(o, "message");

	if (!cJSON_IsObject(o) || !file || !rule || !msg ||
	    !loc_of(o, file, &f->loc))
		return false;
	f->rule = imc_intern_forever(rule);
	f->message = imc_xstrdup(msg);
	return read_fixits(cJSON_GetObjectItemCaseSensitive(o, "fixits"), file,
			   f) &&
	       read_events(cJSON_GetObjectItemCaseSensitive(o, "events"),
			   &f->events, &f->nevents);
}

static bool read_doc(const cJSON *doc, struct imc_findings *out)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(doc, "findings");
	const char *tool = text_of(doc, "tool");
	const cJSON *o;

	if (!tool || strcmp(tool, "iomemcheck") || !cJSON_IsArray(arr))
		return false;
	cJSON_ArrayForEach(o, arr)
	{
		struct imc_finding *f;

		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 16;
			out->v = imc_xrealloc(out->v,
					      out->cap * sizeof(*out->v));
		}
		f = &out->v[out->n++];
		memset(f, 0, sizeof(*f));
		if (!read_finding(o, f))
			return false;
	}
	return read_events(cJSON_GetObjectItemCaseSensitive(doc, "limits"),
			   &out->limits, &out->nlimits);
}

int imc_report_read(const char *path, struct imc_findings *out, char *err,
		    size_t errlen)
{
	struct imc_findings got = {0};
	size_t len;
	char *text = imc_read_file(path, &len);
	cJSON *doc;
	bool ok;

	if (!text) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	doc = cJSON_ParseWithLength(text, len);
	free(text);
	ok = doc && read_doc(doc, &got);
	cJSON_Delete(doc);
	if (!ok) {
		imc_findings_free(&got);
		snprintf(err, errlen, "%s: not an iomemcheck JSON report",
			 path);
		return -1;
	}
	imc_findings_move(out, &got);
	return 0;
}
