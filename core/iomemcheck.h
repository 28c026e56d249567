/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Public API of the analysis core: rules, analysis, findings, output.
 * Both front ends (plugin/, checker/) use only this header and ir.h.
 */
#ifndef IOMEMCHECK_H
#define IOMEMCHECK_H

#include "facts.h"
#include "ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- rules: the files in rules/, format in docs/rules-format.md ---- */
struct imc_rules;
struct imc_rules *imc_rules_new(void);
void imc_rules_free(struct imc_rules *rules);
/* Loads one rules file. On failure returns -1 and writes "FILE:LINE: reason"
 * (or "FILE: reason") into err. */
int imc_rules_load_file(struct imc_rules *rules, const char *path, char *err,
			size_t errlen);
/* Checks an --api value against the loaded generations; -1 + err if a
 * name is unknown. */
int imc_rules_check_api(const struct imc_rules *rules, const char *api,
			char *err, size_t errlen);
/* Loads every *.rules file of the default directory: $IOMEMCHECK_RULES_DIR,
 * else share/iomemcheck/rules of the tree that ANCHOR, the running tool's own
 * file, is installed in, else the installed or the build tree's rules/. */
int imc_rules_load_beside(struct imc_rules *rules, const char *anchor,
			  char *err, size_t errlen);
/* The same, anchored at the running executable (/proc/self/exe). */
int imc_rules_load_default(struct imc_rules *rules, char *err, size_t errlen);

/* ---- findings ---- */
struct imc_fixit {
	struct imc_loc begin, end; /* replace [begin, end) ... */
	const char *text; /* ... by text; begin == end inserts */
};

/* A step of a finding's path, as GCC's -fanalyzer shows them: where the I/O
 * value or map came from, the is_iomem test (missing), the calls it passed
 * through, the accesses. Printed as notes, SARIF codeFlows, JSON events. */
struct imc_event {
	struct imc_loc loc;
	uintptr_t fe_loc; /* the front end's handle of loc, 0: none */
	const char *kind; /* "source", "branch", "call", "access", "note" */
	const char *message; /* owned */
};

struct imc_finding {
	const char *rule; /* e.g. "iomem-deref" */
	struct imc_loc loc; /* file:line:col to report */
	uintptr_t fe_loc; /* the front end's handle of loc (GCC location_t) */
	const char *message; /* one line, without the [rule] suffix */
	struct imc_fixit *fixits;
	uint32_t nfixits;
	struct imc_event *events; /* in path order */
	uint32_t nevents;
	/* during the analysis only: the root cause the finding is grouped by
	 * (one finding per function and cause), NULL: one per access */
	const void *cause;
};

struct imc_findings {
	struct imc_finding *v;
	size_t n, cap;
	/* Where a cap of the analysis cut it short (passes over a loop,
	 * summary or holder rounds): its findings there may be incomplete.
	 * Notes, not findings: printed, reported, never failing a run. */
	struct imc_event *limits;
	uint32_t nlimits;
	/* A function lowered without its body (imc_func.body_skipped) that
	 * I/O memory or a map reaches, or NULL: the findings are incomplete
	 * until the front end lowers the unit again with that body. */
	const char *needs_body;
	/* The tree's top (-p: the compile database's directory, absolute), or
	 * NULL: patches, SARIF and the HTML index name the files below it
	 * relative to it. Not owned. */
	const char *root;
	/* Why the run stopped before every unit was checked ("interrupted by
	 * SIGTERM after 1 of 3 units"), or NULL: JSON "incomplete", SARIF
	 * executionSuccessful false with an error notification. Not owned. */
	const char *incomplete;
};

struct imc_options {
	bool report_headers; /* also report findings outside the main file */
	/* sparse's -Wcast-to-as: also report explicit casts that add __iomem
	 * to a plain pointer (sparse, and so the default, accepts them) */
	bool cast_to_as;
	/* API generations whose rules apply ("NAME,NAME"), NULL or "auto":
	 * those the TU mentions (rules files' `generation` lines) */
	const char *api;
	/* the source files read so far (core/text/source.h), or NULL: the
	 * analysis reads the ones it needs itself */
	struct imc_sources *sources;
	/* one finding per access, not one per function and root cause */
	bool per_access;
	/* collect the unit's cross-unit facts here (core/facts.h), or NULL */
	struct imc_facts *facts;
	/* other units' facts: a database of iomemcheck --facts-merge, or
	 * NULL */
	const char *facts_db;
};

/* Analyses every function of tu and appends its findings to out, sorted by
 * (file, line, col, rule) and without duplicates. Returns 0, or -1 if a
 * source file needed for fix-its could not be read (findings still valid). */
int imc_analyze(struct imc_tu *tu, const struct imc_rules *rules,
		const struct imc_options *opts, struct imc_findings *out);
/* Which skipped header bodies the analysis needs before it runs: a front
 * end that lowered the #include preamble's functions with their bodies
 * skipped (skipped: interned name -> non-NULL) asks whether one of them
 * hands out I/O memory or a map without being given one (its type mentions
 * __iomem or a map struct of the unit's API generations, and no rule says
 * what it does), which only its body would show. Returns that function's
 * name, or NULL: analyse the unit as lowered. The bodies the analysis finds
 * it needs while it runs come in imc_findings.needs_body. */
struct imc_ptrmap;
const char *imc_bodies_needed(struct imc_tu *tu,
			      const struct imc_ptrmap *skipped,
			      const struct imc_rules *rules,
			      const struct imc_options *opts);
void imc_findings_free(struct imc_findings *f);
/* Frees what one finding owns (message, fix-its); for filters that drop it. */
void imc_finding_release(struct imc_finding *f);
/* Appends an event to f (message copied); kind is a static string. */
void imc_finding_add_event(struct imc_finding *f, const char *kind,
			   const struct imc_loc *loc, uintptr_t fe_loc,
			   const char *message);

/* GCC-style text: "file:line:col: LEVEL: message [rule]" (LEVEL "warning"
 * or "error"); with
 * parseable_fixits also clang/GCC's `fix-it:"file":{l:c-l:c}:"text"` lines;
 * then the events as "file:line:col: note: message" lines. */
void imc_print_text(FILE *out, const struct imc_findings *f,
		    bool parseable_fixits, const char *level);
/* The limits as "file:line:col: note: message [analysis-limit]" lines. */
void imc_print_limits(FILE *out, const struct imc_findings *f);
/* Moves src's findings and limits to the end of dst; src is left empty. */
void imc_findings_move(struct imc_findings *dst, struct imc_findings *src);

/* JSON ({"tool", "version", "findings": [...]}) and SARIF 2.1.0 documents;
 * return 0, or -1 if writing failed. */
int imc_print_json(FILE *out, const struct imc_findings *f);
int imc_print_sarif(FILE *out, const struct imc_findings *f);

/* Sorts findings of several TUs into one deterministic order and drops
 * duplicates (a header finding reported by several TUs). */
void imc_findings_sort(struct imc_findings *f);

/* Two different edits of the same text, or two insertions at one place:
 * applying both would garble it (GCC's -fdiagnostics-generate-patch
 * does). */
bool imc_fixits_clash(const struct imc_fixit *a, const struct imc_fixit *b);

/* ---- applying fix-its (--fix, --fix-dry-run) ---- */
struct imc_snapshot {
	const char *path;
	char *data; /* the bytes the analysis saw */
	size_t len;
	/* the file they came from: another one under the name (an editor's
	 * save, git checkout) is a change even with the same bytes */
	unsigned long long dev, ino, size;
	long long mtime_sec, mtime_nsec;
};
/* Reads path before it is analysed; -1 and a one-line err on failure. */
int imc_snapshot_take(struct imc_snapshot *s, const char *path, char *err,
		      size_t errlen);
void imc_snapshot_free(struct imc_snapshot *s);
/* Applies the fix-its of f that belong to s->path, atomically (temporary
 * file + rename), refusing if the file changed since the snapshot, is not a
 * writable regular file, or is a symlink. With diff_out, writes a unified
 * diff there instead and leaves the file alone. Returns the number of edits
 * (0: nothing to do), or -1 with a one-line err. */
int imc_fix_apply(const struct imc_snapshot *s, const struct imc_findings *f,
		  FILE *diff_out, char *err, size_t errlen);
/* What a --fix or --fix-dry-run run did, for its last lines on stderr. */
struct imc_fix_tally {
	size_t edits; /* edits written (or, dry run, in the patch) */
	size_t files; /* files they went to */
};
/* Says, on out, which findings of f in the snapshots' files got no fix-it
 * (one line each, FILE:LINE:COL first) and then the tally, e.g.
 * "iomemcheck: 7 fix-its applied in 3 files". Nothing when there is neither
 * a finding nor an edit. */
void imc_fix_report(FILE *out, const struct imc_snapshot *snaps, size_t n,
		    const struct imc_findings *f, const struct imc_fix_tally *t,
		    bool dry_run);

/* ---- suppressions and baselines ---- */
/* Drops findings with an `iomemcheck-ignore(RULE): reason` comment on their
 * line or the line above; returns how many. */
size_t imc_findings_suppress(struct imc_findings *f);
/* Records f as the known findings (JSON), atomically. */
int imc_baseline_write(const char *path, const struct imc_findings *f,
		       char *err, size_t errlen);
/* Drops the findings the baseline knows; returns how many, or -1 + err. */
int imc_baseline_filter(const char *path, struct imc_findings *f, char *err,
			size_t errlen);

/* ---- after the analysis, for both front ends (pipeline.c) ---- */
struct imc_policy {
	const char *baseline; /* drop the findings this file records */
	const char *write_baseline; /* record the findings (after filters) */
	const char *const *fail_on; /* comma lists: the rules that fail; */
	size_t nfail_on; /* none: every rule */
	/* a front end's own filter after the suppressions (the checker's
	 * --diff); -1 + err on failure */
	int (*keep)(struct imc_findings *f, void *arg, char *err,
		    size_t errlen);
	void *keep_arg;
	/* bit k: the rule imc_rule_catalogue[k] is switched off (-Wno-RULE,
	 * the plugin's disable=); its findings are dropped first */
	uint64_t disabled;
};
/* Sort, inline suppressions, the keep filter, baseline record and filter:
 * what is left is what the front end reports. -1 + a one-line err. */
int imc_findings_finish(struct imc_findings *f, const struct imc_policy *p,
			char *err, size_t errlen);
/* Whether a finding of rule fails the run (exit 1 / error), by fail_on. */
bool imc_policy_fails(const struct imc_policy *p, const char *rule);
/* Whether rule is one of the comma-separated list ("RULE,RULE"). */
bool imc_rule_in_list(const char *list, const char *rule);
/* -1 + err ("unknown rule 'X'") if a name of list is not in the catalogue. */
int imc_rule_list_check(const char *list, char *err, size_t errlen);
/* The catalogue index of the rule named by name's first len bytes, or -1. */
int imc_rule_index(const char *name, size_t len);
/* Switches the rules of a comma list off (off) or on in *disabled (bits as
 * imc_policy.disabled); an unknown name: -1 + err, *disabled unchanged. */
int imc_rules_switch(uint64_t *disabled, const char *list, bool off, char *err,
		     size_t errlen);
enum { IMC_REPORT_JSON, IMC_REPORT_SARIF };
/* The report format format names ("json", "sarif"), or without one, the
 * one path's extension names (.json, .sarif); -1 if neither says. */
int imc_report_format(const char *path, const char *format);
/* Writes a JSON or SARIF report to path through a temporary file renamed
 * into place (never a partial report); -1 + err on failure. */
int imc_report_write(const char *path, int format, const struct imc_findings *f,
		     char *err, size_t errlen);
/* Before any analysis: whether a report file (dir false) or the directory
 * of an HTML report (dir true, made as mkdir -p) can be written at path,
 * found by creating and removing what the writer would create there
 * (access(2) would say yes to root on a read-only mount); -1 + err
 * ("PATH: WHY") if not. */
int imc_output_check(const char *path, bool dir, char *err, size_t errlen);
/* Reads a JSON report (imc_print_json's) back and appends its findings and
 * limits to out, as the analysis gave them (readback.c); -1 + a one-line
 * err if it cannot be read or is not one. */
int imc_report_read(const char *path, struct imc_findings *out, char *err,
		    size_t errlen);

/* Rule catalogue: names and one-line summaries (SARIF metadata, --list-rules). */
struct imc_rule_info {
	const char *name;
	const char *summary;
};
extern const struct imc_rule_info imc_rule_catalogue[];
extern const size_t imc_rule_catalogue_len;
/* The registry entry of the rule named name, or NULL. */
const struct imc_rule_info *imc_rule_find(const char *name);

#ifdef __cplusplus
}
#endif
#endif
