// SPDX-License-Identifier: GPL-2.0-only
/*
 * One finding's page: the message, the path events as a numbered list, the
 * source around them with the events as numbered bubbles under their lines
 * and the primary line highlighted (scan-build's annotated source), and the
 * fix-its as a unified diff. Also what every page shares: escaping and the
 * style sheet.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "html-internal.h"
#include "iomemcheck.h"
#include "udiff.h"
#include "util.h"

enum {
	CONTEXT = 4, /* source lines shown around an event */
	DIFF_CONTEXT = 2, /* unchanged lines around a fix-it */
	TAB = 8,
	MAX_INDENT = 60, /* columns: a bubble further right starts here */
};

/* ---- shared ---- */

static const char style[] =
	"body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;"
	"background:#f4f5f7}\n"
	"header{background:#27344b;color:#fff;padding:14px 28px}\n"
	"header h1{margin:0;font-size:21px}header a{color:#cfe0ff}\n"
	"header .summary,header .where{margin:4px 0 0;color:#d7deea}\n"
	"main{padding:8px 28px 28px}\n"
	"h2{font-size:17px;margin:22px 0 8px}\n"
	"h3{font-size:14px;margin:14px 0 6px;font-family:monospace}\n"
	"table{border-collapse:collapse;background:#fff;"
	"box-shadow:0 1px 2px #0002}\n"
	"th{background:#e3e7ee;text-align:left;padding:6px "
	"10px;white-space:nowrap;"
	"font-size:13px}\n"
	"td{padding:5px 10px;border-top:1px solid #e6e8ec;vertical-align:top}\n"
	"td.rule,td.loc{font-family:monospace;white-space:nowrap}\n"
	"td.path,td.fix{white-space:nowrap}\n"
	"td.count{text-align:right}\n"
	"tr.finding:hover{background:#f0f5ff}\n"
	".rule-tag{font-family:monospace;background:#ffe3e0;color:#8a1c11;"
	"padding:1px 6px;border-radius:4px}\n"
	"ol.events{background:#fff;padding:10px 10px 10px 44px;margin:0;"
	"box-shadow:0 1px 2px #0002}\n"
	"ol.events li{margin:3px 0}\n"
	".kind{font-size:12px;color:#5b6475;text-transform:uppercase;"
	"margin-right:2px}\n"
	"table.source{font:13px/1.4 monospace;width:100%}\n"
	"table.source td{border:0;padding:0 8px}\n"
	"td.ln{color:#8b93a3;text-align:right;width:1%;user-select:none;"
	"border-right:1px solid #e0e3e8}\n"
	"td.code{white-space:pre;tab-size:8}\n"
	"tr.event td.code{background:#fff8d8}\n"
	"tr.primary td.code{background:#ffd9d4}\n"
	"tr.primary td.ln{color:#8a1c11;font-weight:bold}\n"
	"tr.elided td{color:#8b93a3;background:#f7f8fa}\n"
	".bubble{display:inline-block;margin:2px 0 6px;padding:3px 8px;"
	"border-radius:5px;white-space:normal;max-width:90ch;"
	"font:13px/1.35 system-ui,sans-serif;background:#fff3b0;"
	"border:1px solid #d8bd3c;position:relative}\n"
	".bubble.branch{background:#dde8f8;border-color:#8ea9d4}\n"
	".bubble.warning{background:#ffd2cc;border-color:#d2564a}\n"
	".bubble a{text-decoration:none;margin-left:6px}\n"
	".num{display:inline-block;min-width:18px;height:18px;"
	"border-radius:9px;background:#3c5b8f;color:#fff;text-align:center;"
	"font:bold 12px/18px system-ui,sans-serif;margin-right:6px}\n"
	".warning .num{background:#b3261e}\n"
	".diff{font:13px/1.4 monospace;background:#fff;padding:6px 0;"
	"box-shadow:0 1px 2px #0002}\n"
	".diff div{white-space:pre;tab-size:8;padding:0 10px}\n"
	".diff .del{background:#ffe0e0;color:#86181d}\n"
	".diff .add{background:#ddf6dd;color:#144d1c}\n"
	".diff .hunk{color:#6f42c1;background:#f1eefb}\n"
	".diff .noeol{color:#5b6475}\n"
	".diff .file{font-weight:bold}\n"
	".nosource{color:#8a1c11}\n";

void imc_html_escape(FILE *out, const char *s, size_t len)
{
	static const char special[] = "&<>\"'";
	static const char *const entity[] = {"&amp;", "&lt;", "&gt;", "&quot;",
					     "&#39;"};
	size_t i;

	for (i = 0; i < len && s[i]; i++) {
		const char *p = strchr(special, s[i]);

		if (p)
			fputs(entity[p - special], out);
		else
			fputc(s[i], out);
	}
}

void imc_html_escape_str(FILE *out, const char *s)
{
	imc_html_escape(out, s, strlen(s));
}

void imc_html_head(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"generator\" content=\"iomemcheck\">\n<title>",
	      out);
	imc_html_escape_str(out, title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

void imc_html_foot(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}

const char *imc_html_rule_summary(const char *rule)
{
	const struct imc_rule_info *r = imc_rule_find(rule);

	return r ? r->summary : "";
}

/* ---- source files ---- */

struct source {
	char *name, *text; /* text NULL: unreadable, why in error */
	size_t len;
	size_t *starts; /* the offset of each line (1-based: starts[1]) */
	unsigned nlines;
	int error;
	struct source *next;
};

struct imc_html_sources {
	struct source *head;
};

struct imc_html_sources *imc_html_sources_new(void)
{
	return imc_xcalloc(1, sizeof(struct imc_html_sources));
}

void imc_html_sources_free(struct imc_html_sources *s)
{
	struct source *f, *next;

	for (f = s ? s->head : NULL; f; f = next) {
		next = f->next;
		free(f->name);
		free(f->text);
		free(f->starts);
		free(f);
	}
	free(s);
}

static void split_lines(struct source *f)
{
	size_t i, cap = 64;

	f->starts = imc_xcalloc(cap, sizeof(*f->starts));
	f->nlines = 1; /* starts[1] = 0 */
	for (i = 0; i < f->len; i++) {
		if (f->text[i] != '\n' || i + 1 == f->len)
			continue;
		if (f->nlines + 2 > cap) {
			cap *= 2;
			f->starts = imc_xrealloc(f->starts,
						 cap * sizeof(*f->starts));
		}
		f->starts[++f->nlines] = i + 1;
	}
	if (!f->len)
		f->nlines = 0;
}

static struct source *source_get(struct imc_html_sources *s, const char *name)
{
	struct source *f;

	for (f = s->head; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	f = imc_xcalloc(1, sizeof(*f));
	f->name = imc_xstrdup(name);
	f->text = imc_read_file(name, &f->len);
	f->error = f->text ? 0 : errno;
	if (f->text)
		split_lines(f);
	f->next = s->head;
	s->head = f;
	return f;
}

/* Line l (1-based) without its newline. */
static const char *line_text(const struct source *f, unsigned l, size_t *len)
{
	size_t b = f->starts[l];
	size_t e = l < f->nlines ? f->starts[l + 1] : f->len;

	if (e > b && f->text[e - 1] == '\n')
		e--;
	*len = e - b;
	return f->text + b;
}

/* The display column (0-based) of byte column col on line l: tabs to the
 * next multiple of 8, UTF-8 continuation bytes take no room. */
static unsigned display_col(const struct source *f, unsigned l, unsigned col)
{
	size_t len, i;
	const char *s = line_text(f, l, &len);
	unsigned c = 0;

	for (i = 0; i + 1 < col && i < len; i++) {
		if (s[i] == '\t')
			c = (c / TAB + 1) * TAB;
		else if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	}
	return c;
}

/* ---- the path ---- */

struct event {
	const char *file, *kind, *message;
	unsigned line, col, num; /* num: 1..n, 0 = the warning itself */
};

struct path {
	struct event *v;
	size_t n;
};

static const char *str_or(const cJSON *o, const char *key, const char *dflt)
{
	const char *s =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));

	return s && *s ? s : dflt;
}

/* The finding's events, then the warning itself (num 0). */
static void path_of(const struct imc_html_finding *f, struct path *p)
{
	const cJSON *events =
		cJSON_GetObjectItemCaseSensitive(f->json, "events");
	size_t n =
		cJSON_IsArray(events) ? (size_t)cJSON_GetArraySize(events) : 0;
	const cJSON *e;

	p->v = imc_xcalloc(n + 1, sizeof(*p->v));
	p->n = 0;
	if (!cJSON_IsArray(events))
		events = NULL;
	cJSON_ArrayForEach(e, events)
	{
		struct event *x = &p->v[p->n];

		if (p->n == n)
			break;
		x->file = str_or(e, "file", f->file);
		x->kind = str_or(e, "kind", "note");
		x->message = str_or(e, "message", "");
		x->line = imc_html_uint(e, "line");
		x->col = imc_html_uint(e, "column");
		x->num = (unsigned)++p->n;
	}
	p->v[p->n++] = (struct event){f->file, "warning", f->message,
				      f->line, f->col,	  0};
}

static void event_list(FILE *out, const struct path *p)
{
	size_t i;

	if (p->n < 2)
		return;
	fputs("<h2>Path</h2>\n<ol class=\"events\">\n", out);
	for (i = 0; i + 1 < p->n; i++) {
		const struct event *e = &p->v[i];

		fprintf(out, "<li class=\"event-item\"><a href=\"#E%u\">",
			e->num);
		imc_html_escape_str(out, e->file);
		fprintf(out, ":%u</a> <span class=\"kind\">", e->line);
		imc_html_escape_str(out, e->kind);
		fputs("</span> ", out);
		imc_html_escape_str(out, e->message);
		fputs("</li>\n", out);
	}
	fputs("</ol>\n", out);
}

/* ---- the annotated source ---- */

static void bubble(FILE *out, const struct source *f, const struct event *e,
		   size_t nevents)
{
	unsigned indent = e->col ? display_col(f, e->line, e->col) : 0;
	const char *cls = strcmp(e->kind, "branch") ? "" : " branch";

	if (indent > MAX_INDENT)
		indent = MAX_INDENT;
	if (!e->num)
		cls = " warning";
	fprintf(out,
		"<tr class=\"bubble-row\"><td class=\"ln\"></td>"
		"<td class=\"code\"><div class=\"bubble%s\" "
		"style=\"margin-left:%uch\"",
		cls, indent);
	if (e->num)
		fprintf(out,
			" id=\"E%u\" data-event=\"%u\"><span "
			"class=\"num\">%u</span> ",
			e->num, e->num, e->num);
	else
		fputs(" id=\"warning\"><span class=\"num\">!</span> ", out);
	imc_html_escape_str(out, e->message);
	if (e->num > 1)
		fprintf(out,
			"<a href=\"#E%u\" title=\"previous step\">&#8592;</a>",
			e->num - 1);
	if (e->num && e->num < nevents)
		fprintf(out, "<a href=\"#E%u\" title=\"next step\">&#8594;</a>",
			e->num + 1);
	else if (e->num)
		fputs("<a href=\"#warning\" title=\"the finding\">&#8594;</a>",
		      out);
	fputs("</div></td></tr>\n", out);
}

static bool near_event(const struct path *p, const char *file, unsigned l)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].file, file) && p->v[i].line &&
		    l + CONTEXT >= p->v[i].line && l <= p->v[i].line + CONTEXT)
			return true;
	return false;
}

static void source_line(FILE *out, const struct source *f, unsigned fileidx,
			unsigned l, const struct path *p)
{
	const char *cls = "line";
	size_t len, i;
	const char *s = line_text(f, l, &len);

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].file, f->name) && p->v[i].line == l)
			cls = p->v[i].num ? "line event" : "line primary";
	fprintf(out,
		"<tr class=\"%s\" id=\"F%uL%u\"><td class=\"ln\">%u</td>"
		"<td class=\"code\">",
		cls, fileidx, l, l);
	imc_html_escape(out, s, len);
	fputs("</td></tr>\n", out);
	for (i = 0; i < p->n; i++) /* the warning last: it is the last event */
		if (!strcmp(p->v[i].file, f->name) && p->v[i].line == l)
			bubble(out, f, &p->v[i], p->n - 1);
}

static void source_of(FILE *out, struct imc_html_sources *src, const char *file,
		      unsigned fileidx, const struct path *p)
{
	struct source *f = source_get(src, file);
	unsigned l;
	bool gap = false;

	fputs("<h3>", out);
	imc_html_escape_str(out, file);
	fputs("</h3>\n", out);
	if (!f->text) {
		fputs("<p class=\"nosource\">source not available: ", out);
		imc_html_escape_str(out, strerror(f->error));
		fputs("</p>\n", out);
		return;
	}
	fputs("<table class=\"source\">\n", out);
	for (l = 1; l <= f->nlines; l++) {
		if (!near_event(p, file, l)) {
			gap = true;
			continue;
		}
		if (gap && l > 1)
			fputs("<tr class=\"elided\"><td "
			      "class=\"ln\">&#8942;</td>"
			      "<td></td></tr>\n",
			      out);
		gap = false;
		source_line(out, f, fileidx, l, p);
	}
	fputs("</table>\n", out);
}

/* The files of the path, in the order the path first enters them. */
static void annotated_source(FILE *out, const struct path *p,
			     struct imc_html_sources *src)
{
	unsigned nfiles = 0;
	size_t i, k;

	fputs("<h2>Source</h2>\n", out);
	for (i = 0; i < p->n; i++) {
		for (k = 0; k < i; k++)
			if (!strcmp(p->v[k].file, p->v[i].file))
				break;
		if (k == i && *p->v[i].file)
			source_of(out, src, p->v[i].file, ++nfiles, p);
	}
}

/* ---- the fix-its as a unified diff ---- */

/* The byte offset of line:col in f; -1 if it is not in the file. */
static long offset_of(const struct source *f, unsigned line, unsigned col)
{
	size_t len;

	if (!line || !col || line > f->nlines)
		return -1;
	line_text(f, line, &len);
	if (col - 1 > len)
		return -1;
	return (long)(f->starts[line] + col - 1);
}

static int cmp_edit(const void *pa, const void *pb)
{
	const struct imc_text_edit *a = pa, *b = pb;

	return a->begin < b->begin ? -1 : a->begin > b->begin;
}

/* The fix-its of f as edits, sorted; -1 if one is outside the file or
 * they overlap (then the diff is not shown). */
static int edits_of(const cJSON *fixits, const struct source *f,
		    struct imc_text_edit **out, size_t *n)
{
	const cJSON *x;
	size_t i;

	*n = 0;
	*out = imc_xcalloc((size_t)cJSON_GetArraySize(fixits) + 1,
			   sizeof(**out));
	cJSON_ArrayForEach(x, fixits)
	{
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(x, "begin");
		const cJSON *e = cJSON_GetObjectItemCaseSensitive(x, "end");
		long ob = offset_of(f, imc_html_uint(b, "line"),
				    imc_html_uint(b, "column"));
		long oe = offset_of(f, imc_html_uint(e, "line"),
				    imc_html_uint(e, "column"));
		const char *text = cJSON_GetStringValue(
			cJSON_GetObjectItemCaseSensitive(x, "text"));

		if (ob < 0 || oe < ob || !text)
			return -1;
		(*out)[(*n)++] =
			(struct imc_text_edit){(size_t)ob, (size_t)oe, text};
	}
	qsort(*out, *n, sizeof(**out), cmp_edit);
	for (i = 1; i < *n; i++)
		if ((*out)[i].begin < (*out)[i - 1].end)
			return -1;
	return 0;
}

/* One line of the diff as a div of its kind. */
static void diff_line(void *ctx, enum imc_udiff_kind kind, const char *s,
		      size_t len, int no_eol)
{
	static const char *const cls[] = {
		[IMC_UDIFF_HUNK] = "hunk",
		[IMC_UDIFF_CONTEXT] = "ctx",
		[IMC_UDIFF_DELETED] = "del",
		[IMC_UDIFF_ADDED] = "add",
	};
	static const char sign[] = {
		[IMC_UDIFF_HUNK] = 0,
		[IMC_UDIFF_CONTEXT] = ' ',
		[IMC_UDIFF_DELETED] = '-',
		[IMC_UDIFF_ADDED] = '+',
	};
	FILE *out = ctx;

	fprintf(out, "<div class=\"%s\">", cls[kind]);
	if (sign[kind])
		fputc(sign[kind], out);
	imc_html_escape(out, s, len);
	fputs("</div>\n", out);
	if (no_eol)
		fputs("<div class=\"noeol\">\\ No newline at end of "
		      "file</div>\n",
		      out);
}

static void fixit_diff(FILE *out, const struct imc_html_finding *fi,
		       struct imc_html_sources *src)
{
	const cJSON *fixits =
		cJSON_GetObjectItemCaseSensitive(fi->json, "fixits");
	struct source *f;
	struct imc_text_edit *ed = NULL;
	size_t n;

	if (!cJSON_IsArray(fixits) || !cJSON_GetArraySize(fixits))
		return;
	fputs("<h2>Fix-it</h2>\n", out);
	f = source_get(src, fi->file);
	if (!f->text || edits_of(fixits, f, &ed, &n)) {
		fputs("<p class=\"nosource\">the fix-it does not apply to the "
		      "source as it is now</p>\n",
		      out);
		free(ed);
		return;
	}
	fputs("<div class=\"diff\">\n<div class=\"file\">--- a/", out);
	imc_html_escape_str(out, fi->file);
	fputs("</div>\n<div class=\"file\">+++ b/", out);
	imc_html_escape_str(out, fi->file);
	fputs("</div>\n", out);
	imc_udiff(f->text, f->len, ed, n, DIFF_CONTEXT, diff_line, out);
	fputs("</div>\n", out);
	free(ed);
}

/* ---- the page ---- */

void imc_html_finding_page(FILE *out, const struct imc_html_finding *f,
			   struct imc_html_sources *src)
{
	struct path p;

	path_of(f, &p);
	fputs("<header><p><a href=\"index.html\">&#8592; all findings</a></p>\n"
	      "<h1 class=\"message\">",
	      out);
	imc_html_escape_str(out, f->message);
	fputs("</h1>\n<p class=\"where\"><span class=\"rule-tag\">", out);
	imc_html_escape_str(out, f->rule);
	fputs("</span> ", out);
	imc_html_escape_str(out, f->file);
	fprintf(out, ":%u:%u</p></header>\n<main>\n<p class=\"about\">",
		f->line, f->col);
	imc_html_escape_str(out, imc_html_rule_summary(f->rule));
	fputs(" (<code>iomemcheck --explain ", out);
	imc_html_escape_str(out, f->rule);
	fputs("</code>)</p>\n", out);
	event_list(out, &p);
	annotated_source(out, &p, src);
	fixit_diff(out, f, src);
	fputs("</main>\n", out);
	free(p.v);
}
