// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: reporting the core's findings through GCC's diagnostics.
 */
#include "internal.h"
#include "preprocessed.h"

/* ------------------------------------------------------------------------
 * Reporting
 * ------------------------------------------------------------------------ */

/* Adds the fix-its of D to RICHLOC; all or none. */
static void add_fixits(rich_location *richloc, const struct imc_finding *d,
		       location_t hint)
{
	auto_vec<location_t> begins, lasts;
	uint32_t k;

	for (k = 0; k < d->nfixits; k++) {
		const struct imc_fixit *x = &d->fixits[k];
		struct imc_loc last = x->end;
		location_t b, l = UNKNOWN_LOCATION;

		if (!x->text || !x->begin.file || !x->end.file ||
		    strcmp(x->begin.file, x->end.file))
			return;
		b = imc_loc_to_gcc(&x->begin, hint);
		if (b == UNKNOWN_LOCATION)
			return;
		if (x->begin.line != x->end.line ||
		    x->begin.col != x->end.col) {
			/* GCC's fix-its replace single-line ranges */
			if (x->begin.line != x->end.line ||
			    x->end.col <= x->begin.col)
				return;
			last.col = x->end.col - 1;
			l = imc_loc_to_gcc(&last, b);
			if (l == UNKNOWN_LOCATION)
				return;
		}
		begins.safe_push(b);
		lasts.safe_push(l);
	}
	for (k = 0; k < d->nfixits; k++) {
		if (lasts[k] == UNKNOWN_LOCATION) {
			richloc->add_fixit_insert_before(begins[k],
							 d->fixits[k].text);
		} else {
			source_range r;

			r.m_start = begins[k];
			r.m_finish = lasts[k];
			richloc->add_fixit_replace(r, d->fixits[k].text);
		}
	}
}

/* The core's policy from the plugin's arguments: baseline=, fail-on=. */
static struct imc_policy policy(void)
{
	const struct imc_plugin_args *args = &plugin()->args;
	struct imc_policy p = {};

	p.baseline = args->baseline;
	p.fail_on = args->fail_on.address();
	p.nfail_on = args->fail_on.length();
	p.disabled = args->disabled;
	return p;
}

/* With -fplugin-arg-iomemcheck-werror, the findings of the fail-on= rules
 * (all without fail-on=) are errors. */
static bool is_error(const struct imc_finding *d)
{
	struct imc_policy p = policy();

	return plugin()->args.werror && imc_policy_fails(&p, d->rule);
}

/* The path events, as GCC's -fanalyzer prints its events: notes after the
 * warning, through GCC's own machinery (-w, -fdiagnostics-format). */
/* One note, through GCC where the location is in its line maps, else the
 * checker's way; suffix follows the message (a limit's "[analysis-limit]"). */
static void report_note(const struct imc_event *e, const char *suffix)
{
	location_t loc = imc_loc_to_gcc(&e->loc, (location_t)e->fe_loc);

	if (loc == UNKNOWN_LOCATION)
		fprintf(stderr, "%s:%u:%u: note: %s%s\n",
			e->loc.file ? e->loc.file : "?", e->loc.line,
			e->loc.col, e->message, suffix);
	else
		inform(loc, "%s%s", e->message, suffix);
}

static void report_events(const struct imc_finding *d)
{
	uint32_t k;

	for (k = 0; k < d->nevents; k++)
		report_note(&d->events[k], "");
}

/*
 * A finding is a warning without a -W option of its own, and -Werror does
 * not make it an error: like sparse under kbuild's C=1, the check must not
 * stop a CONFIG_WERROR build. diagnostic_report_diagnostic() promotes a
 * DK_WARNING without option to DK_ERROR while the context's
 * warning_as_error_requested is set, so it is cleared for our warning
 * alone: the text, the fix-its, -w and -fdiagnostics-format stay GCC's.
 * The werror argument reports errors instead, on purpose.
 */
static void report_finding(const struct imc_finding *d)
{
	location_t loc = imc_loc_to_gcc(&d->loc, (location_t)d->fe_loc);
	enum diagnostics_column_unit unit;
	bool as_error = is_error(d), werror, shown;

	if (loc == UNKNOWN_LOCATION) {
		/* not in the line maps: print it the checker's way */
		if (as_error)
			error_at(UNKNOWN_LOCATION, "%s:%u:%u: %s [%s]",
				 d->loc.file ? d->loc.file : "?", d->loc.line,
				 d->loc.col, d->message, d->rule);
		else
			fprintf(stderr, "%s:%u:%u: warning: %s [%s]\n",
				d->loc.file ? d->loc.file : "?", d->loc.line,
				d->loc.col, d->message, d->rule);
		report_events(d);
		return;
	}
	rich_location richloc(line_table, loc);
	add_fixits(&richloc, d, loc);
	/* byte columns, like the checker and like the fix-it columns */
	unit = imc_gcc_column_unit();
	imc_gcc_set_column_unit(DIAGNOSTICS_COLUMN_UNIT_BYTE);
	if (as_error) {
		error_at(&richloc, "%s [%s]", d->message, d->rule);
		shown = true;
	} else {
		werror = imc_gcc_warning_as_error();
		imc_gcc_set_warning_as_error(false);
		shown = warning_at(&richloc, 0, "%s [%s]", d->message, d->rule);
		imc_gcc_set_warning_as_error(werror);
	}
	if (shown)
		report_events(d);
	imc_gcc_set_column_unit(unit);
}

static void drop_finding_fixits(struct imc_finding *d)
{
	uint32_t k;

	for (k = 0; k < d->nfixits; k++)
		free((char *)d->fixits[k].text);
	free(d->fixits);
	d->fixits = NULL;
	d->nfixits = 0;
}

/* In preprocessed input (-save-temps, gcc -E then a compile of the .i)
 * GCC's columns are those of the preprocessed line, where macros are
 * expanded and blanks collapsed, but the source text is read from the
 * original file: a rewrite would be made of the wrong bytes. */
static void drop_fixits(struct imc_findings *findings)
{
	size_t i;

	for (i = 0; i < findings->n; i++)
		drop_finding_fixits(&findings->v[i]);
}

/*
 * The fix-its reported so far, by line. Two fix-its that clash share a
 * line, so those of finding D are compared with the ones on the lines they
 * span, not with every earlier finding's (which made reporting quadratic
 * in the findings of a unit).
 */
struct taken_fixit {
	size_t finding;
	const struct imc_fixit *x;
};

struct taken_on_line {
	size_t n, cap;
	struct taken_fixit *v;
};

static uint32_t last_line(const struct imc_fixit *x)
{
	return x->end.line > x->begin.line ? x->end.line : x->begin.line;
}

static void take_fixits(struct imc_ptrmap *by_line,
			const struct imc_findings *findings, size_t d)
{
	const struct imc_finding *f = &findings->v[d];
	uint32_t k, line;

	for (k = 0; k < f->nfixits; k++)
		for (line = f->fixits[k].begin.line;
		     line && line <= last_line(&f->fixits[k]); line++) {
			struct taken_on_line *t =
				(struct taken_on_line *)imc_ptrmap_get(by_line,
								       line);

			if (!t) {
				t = XCNEW(struct taken_on_line);
				imc_ptrmap_put(by_line, line, t);
			}
			if (t->n == t->cap) {
				t->cap = t->cap ? 2 * t->cap : 4;
				t->v = XRESIZEVEC(struct taken_fixit, t->v,
						  t->cap);
			}
			t->v[t->n].finding = d;
			t->v[t->n++].x = &f->fixits[k];
		}
}

static void free_taken(void *p)
{
	struct taken_on_line *t = (struct taken_on_line *)p;

	XDELETEVEC(t->v);
	XDELETE(t);
}

/* The first finding before D whose fix-its D's clash with, or -1: a
 * finding's fix-its all or none, as the checker's --fix takes them, so
 * that GCC's -fdiagnostics-generate-patch never merges two rewrites of one
 * text. */
static long clashing_with(const struct imc_ptrmap *by_line,
			  const struct imc_findings *findings, size_t d)
{
	const struct imc_finding *f = &findings->v[d];
	long first = -1;
	uint32_t k, line;
	size_t i;

	for (k = 0; k < f->nfixits; k++)
		for (line = f->fixits[k].begin.line;
		     line && line <= last_line(&f->fixits[k]); line++) {
			const struct taken_on_line *t =
				(const struct taken_on_line *)imc_ptrmap_get(
					by_line, line);

			for (i = 0; t && i < t->n; i++) {
				imc_work_add(IMC_WORK_FIXIT_CLASH, 1);
				if ((first < 0 ||
				     t->v[i].finding < (size_t)first) &&
				    imc_fixits_clash(t->v[i].x, &f->fixits[k]))
					first = (long)t->v[i].finding;
			}
		}
	return first;
}

/* Reports finding I, without its fix-its when they clash with an earlier
 * finding's (then a note says so). */
static void report_settled(struct imc_ptrmap *by_line,
			   struct imc_findings *findings, size_t i)
{
	struct imc_finding *d = &findings->v[i];
	long other = clashing_with(by_line, findings, i);
	enum diagnostics_column_unit unit;
	location_t loc;

	if (other < 0) {
		report_finding(d);
		take_fixits(by_line, findings, i);
		return;
	}
	drop_finding_fixits(d);
	report_finding(d);
	loc = imc_loc_to_gcc(&d->loc, (location_t)d->fe_loc);
	unit = imc_gcc_column_unit();
	imc_gcc_set_column_unit(DIAGNOSTICS_COLUMN_UNIT_BYTE);
	if (loc != UNKNOWN_LOCATION)
		inform(loc,
		       "fix-its left out: they overlap those of the finding "
		       "at %u:%u",
		       findings->v[other].loc.line, findings->v[other].loc.col);
	imc_gcc_set_column_unit(unit);
}

/* Where a cap cut the analysis short: notes, as the checker prints them. */
static void report_limits(const struct imc_findings *findings)
{
	enum diagnostics_column_unit unit = imc_gcc_column_unit();
	uint32_t k;

	imc_gcc_set_column_unit(DIAGNOSTICS_COLUMN_UNIT_BYTE);
	for (k = 0; k < findings->nlimits; k++)
		report_note(&findings->limits[k], " [analysis-limit]");
	imc_gcc_set_column_unit(unit);
}

/*
 * After the analysis, the core's pipeline as for the checker's run
 * (imc_findings_finish: suppressions, baseline), then GCC's diagnostics and
 * the JSON or SARIF report of the unit (the findings that were reported).
 */
void report_findings(struct imc_findings *findings)
{
	struct imc_policy p = policy();
	struct imc_ptrmap by_line = {};
	char err[1024];
	size_t i;

	if (parse_in && cpp_get_options(parse_in)->preprocessed &&
	    !pp_directives_only())
		drop_fixits(findings);
	if (imc_findings_finish(findings, &p, err, sizeof(err)) < 0) {
		error_at(UNKNOWN_LOCATION, "iomemcheck: %s", err);
		return;
	}
	for (i = 0; i < findings->n; i++)
		report_settled(&by_line, findings, i);
	imc_ptrmap_free_with(&by_line, free_taken);
	report_limits(findings);
	if (plugin()->args.report &&
	    imc_report_write(plugin()->args.report,
			     imc_report_format(plugin()->args.report,
					       plugin()->args.format),
			     findings, err, sizeof(err)) < 0)
		error_at(UNKNOWN_LOCATION, "iomemcheck: %s", err);
}

/*
 * findings=FILE: the findings as the analysis gave them, for the checker's
 * GCC engine, which sorts, suppresses, filters, prints and fixes them as it
 * does a libclang unit's (so nothing of that happens here).
 */
void hand_over_findings(struct imc_findings *findings)
{
	char err[1024];

	if (parse_in && cpp_get_options(parse_in)->preprocessed &&
	    !pp_directives_only())
		drop_fixits(findings);
	if (imc_report_write(plugin()->args.findings_out, IMC_REPORT_JSON,
			     findings, err, sizeof(err)) < 0)
		error_at(UNKNOWN_LOCATION, "iomemcheck: %s", err);
}

/*
 * test-findings=FILE: findings to report instead of the analysis', one per
 * line as `LINE:COL:RULE:MESSAGE` (in the main file), each optionally
 * followed by fix-it lines `fixit LINE:COL-LINE:COL TEXT`. They go through
 * the same suppressions, baseline and reports as the analysis' findings.
 */
void read_test_file(const char *path, struct imc_findings *out)
{
	FILE *f = fopen(path, "r");
	struct imc_finding *d = NULL;
	char line[1024];

	if (!f) {
		error("iomemcheck: cannot open %s: %m", path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned a, b, c, e;
		int pos = 0;

		line[strcspn(line, "\n")] = 0;
		if (d &&
		    sscanf(line, "fixit %u:%u-%u:%u %n", &a, &b, &c, &e,
			   &pos) == 4 &&
		    pos) {
			struct imc_fixit *x;

			d->fixits = XRESIZEVEC(struct imc_fixit, d->fixits,
					       d->nfixits + 1);
			x = &d->fixits[d->nfixits++];
			x->begin.file = x->end.file = d->loc.file;
			x->begin.line = a;
			x->begin.col = b;
			x->end.line = c;
			x->end.col = e;
			x->text = xstrdup(line + pos);
			continue;
		}
		if (sscanf(line, "%u:%u:%n", &a, &b, &pos) == 2 && pos) {
			char *rule = line + pos, *msg = strchr(rule, ':');

			if (!msg)
				continue;
			*msg++ = 0;
			if (out->n == out->cap) {
				out->cap = out->cap ? 2 * out->cap : 8;
				out->v = XRESIZEVEC(struct imc_finding, out->v,
						    out->cap);
			}
			d = &out->v[out->n++];
			memset(d, 0, sizeof(*d));
			d->loc.file = imc_tu_main_file(plugin()->unit.tu);
			d->loc.line = a;
			d->loc.col = b;
			d->rule = imc_tu_intern(plugin()->unit.tu, rule);
			d->message = xstrdup(msg);
		}
	}
	fclose(f);
}
