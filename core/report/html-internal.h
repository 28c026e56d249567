/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by html.c (index, files) and html-page.c (a finding's page). */
#ifndef IOMEMCHECK_HTML_INTERNAL_H
#define IOMEMCHECK_HTML_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdio.h>

/* One finding of a JSON report, as the pages need it. */
struct imc_html_finding {
	const cJSON *json; /* the report's object (events, fixits) */
	const char *rule, *file, *message;
	const char *shown; /* file as the index names it: below the report's
			      root, relative to it */
	unsigned line, col;
	char *page; /* its page's file name in the report directory */
};

/* Source files, read once per report. */
struct imc_html_sources;
struct imc_html_sources *imc_html_sources_new(void);
void imc_html_sources_free(struct imc_html_sources *s);

/* s HTML-escaped (len bytes; a NUL ends it too). */
void imc_html_escape(FILE *out, const char *s, size_t len);
void imc_html_escape_str(FILE *out, const char *s);
/* The document up to <body> (title escaped, the inline style sheet), and
 * its end. */
void imc_html_head(FILE *out, const char *title);
void imc_html_foot(FILE *out);
/* The rule's one-line summary from the catalogue, or "". */
const char *imc_html_rule_summary(const char *rule);
/* A number member of o, 0 if missing or not a positive number. */
unsigned imc_html_uint(const cJSON *o, const char *key);

/* The body of finding f's page. */
void imc_html_finding_page(FILE *out, const struct imc_html_finding *f,
			   struct imc_html_sources *src);

#endif
