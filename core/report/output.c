// SPDX-License-Identifier: GPL-2.0-only
/* Writers for findings: GCC-style text, JSON, and SARIF 2.1.0 (cJSON). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iomemcheck.h"
#include "util.h"

static void print_quoted(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
}

/* A fix-it's text in the one-line note: a new line's break as \n. */
static void print_one_line(FILE *out, const char *s)
{
	for (; *s; s++)
		if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
}

void imc_print_text(FILE *out, const struct imc_findings *f,
		    bool parseable_fixits, const char *level)
{
	size_t i;
	uint32_t k;

	for (i = 0; i < f->n; i++) {
		const struct imc_finding *d = &f->v[i];

		fprintf(out, "%s:%u:%u: %s: %s [%s]\n", d->loc.file,
			d->loc.line, d->loc.col, level, d->message, d->rule);
		for (k = 0; k < d->nfixits; k++) {
			const struct imc_fixit *x = &d->fixits[k];

			if (!parseable_fixits) {
				fprintf(out,
					"%s:%u:%u: note: fix-it: replace "
					"%u:%u-%u:%u with '",
					d->loc.file, x->begin.line,
					x->begin.col, x->begin.line,
					x->begin.col, x->end.line, x->end.col);
				print_one_line(out, x->text);
				fputs("'\n", out);
				continue;
			}
			fputs("fix-it:\"", out);
			print_quoted(out, x->begin.file);
			fprintf(out, "\":{%u:%u-%u:%u}:\"", x->begin.line,
				x->begin.col, x->end.line, x->end.col);
			print_quoted(out, x->text);
			fputs("\"\n", out);
		}
		for (k = 0; k < d->nevents; k++)
			fprintf(out, "%s:%u:%u: note: %s\n",
				d->events[k].loc.file ? d->events[k].loc.file
						      : "?",
				d->events[k].loc.line, d->events[k].loc.col,
				d->events[k].message);
	}
}

static cJSON *json_pos(uint32_t line, uint32_t col)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "line", line);
	cJSON_AddNumberToObject(o, "column", col);
	return o;
}

/* [{"file", "line", "column"[, "kind"], "message"}], in their order: a
 * finding's path events (with kinds) or the limit notes (without). */
static cJSON *json_event_list(const struct imc_event *v, uint32_t n,
			      bool with_kind)
{
	cJSON *arr = cJSON_CreateArray();
	uint32_t k;

	for (k = 0; k < n; k++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "file",
					v[k].loc.file ? v[k].loc.file : "");
		cJSON_AddNumberToObject(o, "line", v[k].loc.line);
		cJSON_AddNumberToObject(o, "column", v[k].loc.col);
		if (with_kind)
			cJSON_AddStringToObject(o, "kind", v[k].kind);
		cJSON_AddStringToObject(o, "message", v[k].message);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_finding(const struct imc_finding *d)
{
	cJSON *o = cJSON_CreateObject(), *fixits = cJSON_CreateArray();
	uint32_t k;

	cJSON_AddStringToObject(o, "file", d->loc.file ? d->loc.file : "");
	cJSON_AddNumberToObject(o, "line", d->loc.line);
	cJSON_AddNumberToObject(o, "column", d->loc.col);
	cJSON_AddStringToObject(o, "rule", d->rule);
	cJSON_AddStringToObject(o, "message", d->message);
	for (k = 0; k < d->nfixits; k++) {
		cJSON *x = cJSON_CreateObject();

		/* only when it is not the finding's (readback.c) */
		if (d->fixits[k].begin.file && d->loc.file &&
		    strcmp(d->fixits[k].begin.file, d->loc.file))
			cJSON_AddStringToObject(x, "file",
						d->fixits[k].begin.file);
		cJSON_AddItemToObject(x, "begin",
				      json_pos(d->fixits[k].begin.line,
					       d->fixits[k].begin.col));
		cJSON_AddItemToObject(
			x, "end",
			json_pos(d->fixits[k].end.line, d->fixits[k].end.col));
		cJSON_AddStringToObject(x, "text", d->fixits[k].text);
		cJSON_AddItemToArray(fixits, x);
	}
	cJSON_AddItemToObject(o, "fixits", fixits);
	cJSON_AddItemToObject(o, "events",
			      json_event_list(d->events, d->nevents, true));
	return o;
}

static int print_json_doc(FILE *out, cJSON *doc)
{
	char *s = cJSON_Print(doc);
	int ret = s && fputs(s, out) >= 0 && fputc('\n', out) != EOF ? 0 : -1;

	free(s);
	cJSON_Delete(doc);
	return ret;
}

void imc_print_limits(FILE *out, const struct imc_findings *f)
{
	uint32_t k;

	for (k = 0; k < f->nlimits; k++)
		fprintf(out, "%s:%u:%u: note: %s [analysis-limit]\n",
			f->limits[k].loc.file ? f->limits[k].loc.file : "?",
			f->limits[k].loc.line, f->limits[k].loc.col,
			f->limits[k].message);
}

int imc_print_json(FILE *out, const struct imc_findings *f)
{
	cJSON *doc = cJSON_CreateObject(), *arr = cJSON_CreateArray();
	size_t i;

	cJSON_AddStringToObject(doc, "tool", "iomemcheck");
	cJSON_AddStringToObject(doc, "version", IMC_VERSION);
	/* the files stay absolute; the HTML index names them below root */
	if (f->root)
		cJSON_AddStringToObject(doc, "root", f->root);
	for (i = 0; i < f->n; i++)
		cJSON_AddItemToArray(arr, json_finding(&f->v[i]));
	cJSON_AddItemToObject(doc, "findings", arr);
	if (f->nlimits)
		cJSON_AddItemToObject(
			doc, "limits",
			json_event_list(f->limits, f->nlimits, false));
	if (f->incomplete)
		cJSON_AddStringToObject(doc, "incomplete", f->incomplete);
	return print_json_doc(out, doc);
}

static cJSON *sarif_text(const char *text)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "text", text);
	return o;
}

static cJSON *sarif_rules(void)
{
	cJSON *rules = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < imc_rule_catalogue_len; i++) {
		cJSON *r = cJSON_CreateObject(), *conf = cJSON_CreateObject();
		char help[256];

		/* helpUri must be absolute; the page ships with the tool, so
		 * name it in the help text instead. */
		snprintf(help, sizeof(help), "%s. See docs/rules/%s.md.",
			 imc_rule_catalogue[i].summary,
			 imc_rule_catalogue[i].name);
		cJSON_AddStringToObject(r, "id", imc_rule_catalogue[i].name);
		cJSON_AddItemToObject(
			r, "shortDescription",
			sarif_text(imc_rule_catalogue[i].summary));
		cJSON_AddItemToObject(r, "help", sarif_text(help));
		cJSON_AddStringToObject(conf, "level", "warning");
		cJSON_AddItemToObject(r, "defaultConfiguration", conf);
		cJSON_AddItemToArray(rules, r);
	}
	return rules;
}

/* A URI reference for a path: percent-encoded; absolute paths get file://. */
static char *path_uri(const char *path)
{
	static const char safe[] = "-._~/!$&'()*+,;=:@";
	size_t len = strlen(path), i, o = 0;
	char *out = malloc(3 * len + 8);

	if (!out)
		return NULL;
	if (path[0] == '/')
		o = (size_t)sprintf(out, "file://");
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)path[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (ch && strchr(safe, ch)))
			out[o++] = (char)ch;
		else
			o += (size_t)sprintf(out + o, "%%%02X", ch);
	}
	out[o] = '\0';
	return out;
}

/* SARIF's name for the tree's top (imc_findings.root): the files below it
 * are named relative to it, so that a report of a tree says the same on
 * every checkout of it (GitHub code scanning resolves them in the repo). */
#define SRCROOT "SRCROOT"

static cJSON *sarif_artifact(const char *root, const char *file)
{
	cJSON *o = cJSON_CreateObject();
	const char *name = imc_path_below(root, file ? file : "");
	char *uri = path_uri(name);

	cJSON_AddStringToObject(o, "uri", uri ? uri : "");
	if (name != file && file)
		cJSON_AddStringToObject(o, "uriBaseId", SRCROOT);
	free(uri);
	return o;
}

/* run.originalUriBaseIds: SRCROOT as a file:// URI ending in '/'. */
static cJSON *sarif_base_ids(const char *root)
{
	cJSON *ids = cJSON_CreateObject(), *base = cJSON_CreateObject();
	char *uri = path_uri(root), *dir = imc_xasprintf("%s/", uri ? uri : "");

	cJSON_AddStringToObject(base, "uri", dir);
	cJSON_AddItemToObject(ids, SRCROOT, base);
	free(dir);
	free(uri);
	return ids;
}

static cJSON *sarif_region(uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "startLine", l1);
	cJSON_AddNumberToObject(o, "startColumn", c1);
	if (l2) {
		cJSON_AddNumberToObject(o, "endLine", l2);
		cJSON_AddNumberToObject(o, "endColumn", c2);
	}
	return o;
}

static cJSON *sarif_fixes(const char *root, const struct imc_finding *d)
{
	cJSON *fixes = cJSON_CreateArray(), *fix, *change, *repls;
	uint32_t k;

	if (!d->nfixits)
		return fixes;
	fix = cJSON_CreateObject();
	cJSON_AddItemToObject(fix, "description",
			      sarif_text("Use the I/O accessor"));
	change = cJSON_CreateObject();
	cJSON_AddItemToObject(change, "artifactLocation",
			      sarif_artifact(root, d->fixits[0].begin.file));
	repls = cJSON_CreateArray();
	for (k = 0; k < d->nfixits; k++) {
		const struct imc_fixit *x = &d->fixits[k];
		cJSON *r = cJSON_CreateObject(), *ins = cJSON_CreateObject();

		cJSON_AddItemToObject(r, "deletedRegion",
				      sarif_region(x->begin.line, x->begin.col,
						   x->end.line, x->end.col));
		cJSON_AddStringToObject(ins, "text", x->text);
		cJSON_AddItemToObject(r, "insertedContent", ins);
		cJSON_AddItemToArray(repls, r);
	}
	cJSON_AddItemToObject(change, "replacements", repls);
	cJSON_AddItemToObject(fix, "artifactChanges", cJSON_CreateArray());
	cJSON_AddItemToArray(cJSON_GetObjectItem(fix, "artifactChanges"),
			     change);
	cJSON_AddItemToArray(fixes, fix);
	return fixes;
}

/* SARIF's threadFlowLocation kinds for ours (the SARIF 2.1.0 list, §3.38.8);
 * ours is kept in the location's properties. */
static const char *sarif_flow_kind(const char *kind)
{
	return !strcmp(kind, "source")	 ? "acquire"
	       : !strcmp(kind, "branch") ? "branch"
	       : !strcmp(kind, "call")	 ? "call"
	       : !strcmp(kind, "access") ? "memory"
					 : "value";
}

static cJSON *sarif_physical(const char *root, const struct imc_loc *loc)
{
	cJSON *phys = cJSON_CreateObject();

	cJSON_AddItemToObject(phys, "artifactLocation",
			      sarif_artifact(root, loc->file));
	cJSON_AddItemToObject(phys, "region",
			      sarif_region(loc->line, loc->col, 0, 0));
	return phys;
}

/* The events as one code flow of one thread: GitHub code scanning draws
 * them as the finding's path. */
static cJSON *sarif_code_flows(const char *root, const struct imc_finding *d)
{
	cJSON *flows = cJSON_CreateArray(), *flow = cJSON_CreateObject();
	cJSON *threads = cJSON_CreateArray(), *thread = cJSON_CreateObject();
	cJSON *locs = cJSON_CreateArray();
	uint32_t k;

	for (k = 0; k < d->nevents; k++) {
		const struct imc_event *e = &d->events[k];
		cJSON *tfl = cJSON_CreateObject(), *loc = cJSON_CreateObject();
		cJSON *kinds = cJSON_CreateArray(),
		      *props = cJSON_CreateObject();

		cJSON_AddItemToObject(loc, "physicalLocation",
				      sarif_physical(root, &e->loc));
		cJSON_AddItemToObject(loc, "message", sarif_text(e->message));
		cJSON_AddItemToObject(tfl, "location", loc);
		cJSON_AddItemToArray(
			kinds, cJSON_CreateString(sarif_flow_kind(e->kind)));
		cJSON_AddItemToObject(tfl, "kinds", kinds);
		cJSON_AddNumberToObject(tfl, "nestingLevel", 0);
		cJSON_AddNumberToObject(tfl, "executionOrder", k + 1);
		cJSON_AddStringToObject(props, "kind", e->kind);
		cJSON_AddItemToObject(tfl, "properties", props);
		cJSON_AddItemToArray(locs, tfl);
	}
	cJSON_AddItemToObject(thread, "locations", locs);
	cJSON_AddItemToArray(threads, thread);
	cJSON_AddItemToObject(flow, "threadFlows", threads);
	cJSON_AddItemToArray(flows, flow);
	return flows;
}

static cJSON *sarif_result(const char *root, const struct imc_finding *d)
{
	cJSON *r = cJSON_CreateObject(), *locs = cJSON_CreateArray();
	cJSON *loc = cJSON_CreateObject(), *phys = cJSON_CreateObject();
	const struct imc_rule_info *info;

	cJSON_AddStringToObject(r, "ruleId", d->rule);
	if ((info = imc_rule_find(d->rule)))
		cJSON_AddNumberToObject(r, "ruleIndex",
					(double)(info - imc_rule_catalogue));
	cJSON_AddStringToObject(r, "level", "warning");
	cJSON_AddItemToObject(r, "message", sarif_text(d->message));
	cJSON_AddItemToObject(phys, "artifactLocation",
			      sarif_artifact(root, d->loc.file));
	cJSON_AddItemToObject(phys, "region",
			      sarif_region(d->loc.line, d->loc.col, 0, 0));
	cJSON_AddItemToObject(loc, "physicalLocation", phys);
	cJSON_AddItemToArray(locs, loc);
	cJSON_AddItemToObject(r, "locations", locs);
	if (d->nevents)
		cJSON_AddItemToObject(r, "codeFlows",
				      sarif_code_flows(root, d));
	if (d->nfixits)
		cJSON_AddItemToObject(r, "fixes", sarif_fixes(root, d));
	return r;
}

/* The caps that cut the analysis, as the run's tool notifications; a run
 * cut short is not successful, and says why. */
static cJSON *sarif_invocations(const struct imc_findings *f)
{
	cJSON *invocations = cJSON_CreateArray(), *inv = cJSON_CreateObject();
	cJSON *notes = cJSON_CreateArray();
	uint32_t k;

	for (k = 0; k < f->nlimits; k++) {
		cJSON *n = cJSON_CreateObject(), *locs = cJSON_CreateArray();
		cJSON *loc = cJSON_CreateObject();

		cJSON_AddStringToObject(n, "level", "note");
		cJSON_AddItemToObject(n, "message",
				      sarif_text(f->limits[k].message));
		cJSON_AddItemToObject(
			loc, "physicalLocation",
			sarif_physical(f->root, &f->limits[k].loc));
		cJSON_AddItemToArray(locs, loc);
		cJSON_AddItemToObject(n, "locations", locs);
		cJSON_AddItemToArray(notes, n);
	}
	if (f->incomplete) {
		cJSON *n = cJSON_CreateObject();

		cJSON_AddStringToObject(n, "level", "error");
		cJSON_AddItemToObject(n, "message", sarif_text(f->incomplete));
		cJSON_AddItemToArray(notes, n);
	}
	cJSON_AddBoolToObject(inv, "executionSuccessful", !f->incomplete);
	cJSON_AddItemToObject(inv, "toolExecutionNotifications", notes);
	cJSON_AddItemToArray(invocations, inv);
	return invocations;
}

int imc_print_sarif(FILE *out, const struct imc_findings *f)
{
	cJSON *doc = cJSON_CreateObject(), *runs = cJSON_CreateArray();
	cJSON *run = cJSON_CreateObject(), *tool = cJSON_CreateObject();
	cJSON *driver = cJSON_CreateObject(), *results = cJSON_CreateArray();
	size_t i;

	cJSON_AddStringToObject(
		doc, "$schema",
		"https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(doc, "version", "2.1.0");
	cJSON_AddStringToObject(driver, "name", "iomemcheck");
	cJSON_AddStringToObject(driver, "version", IMC_VERSION);
	/* no informationUri: the tool has no home page to name, and its
	 * documentation is installed with it (help names the rule's page) */
	cJSON_AddItemToObject(driver, "rules", sarif_rules());
	cJSON_AddItemToObject(tool, "driver", driver);
	cJSON_AddItemToObject(run, "tool", tool);
	if (f->root)
		cJSON_AddItemToObject(run, "originalUriBaseIds",
				      sarif_base_ids(f->root));
	for (i = 0; i < f->n; i++)
		cJSON_AddItemToArray(results, sarif_result(f->root, &f->v[i]));
	cJSON_AddItemToObject(run, "results", results);
	if (f->nlimits || f->incomplete)
		cJSON_AddItemToObject(run, "invocations", sarif_invocations(f));
	cJSON_AddItemToArray(runs, run);
	cJSON_AddItemToObject(doc, "runs", runs);
	return print_json_doc(out, doc);
}
