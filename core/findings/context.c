// SPDX-License-Identifier: GPL-2.0-only
/*
 * The analysis' context, the floor every other one stands on: interned
 * "why" texts, the rules that apply to a callee, the TU's function index,
 * the files a run reports on, and adding a finding.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

const char *why(struct analysis *a, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return imc_strset_intern(&a->strings, buf);
}

const struct callee_rules *rules_for(struct analysis *a, const char *name)
{
	static const struct callee_rules none;
	struct callee_rules *cr;
	int d;

	if (!name)
		return &none;
	cr = imc_ptrmap_get(&a->callee_rules, (uintptr_t)name);
	if (cr)
		return cr;
	cr = imc_xcalloc(1, sizeof(*cr));
	for (d = 0; d < IMC_R_COUNT; d++)
		cr->r[d] = rule_find(a, (enum imc_directive)d, name);
	imc_ptrmap_put(&a->callee_rules, (uintptr_t)name, cr);
	return cr;
}

int32_t function_index(const struct analysis *a, const char *name)
{
	void *p = name ? imc_ptrmap_get(&a->fn_index, (uintptr_t)name) : NULL;

	return p ? (int32_t)((uintptr_t)p - 1) : -1;
}

size_t add_finding(struct analysis *a, enum imc_rule_id rule,
		   const struct imc_node *at, char *message)
{
	struct imc_findings *out = a->out;
	struct imc_finding *f;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = imc_xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	f = &out->v[out->n];
	memset(f, 0, sizeof(*f));
	f->rule = imc_rule_name(rule);
	f->loc = at->loc;
	f->loc.file = imc_intern_forever(at->loc.file);
	f->fe_loc = at->range.fe_begin;
	f->message = message;
	return out->n++;
}

bool wanted(const struct analysis *a, const char *file)
{
	return a->opts->report_headers || file == imc_tu_main_file(a->tu) ||
	       (file && !strcmp(file, imc_tu_main_file(a->tu)));
}
