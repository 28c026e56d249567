// SPDX-License-Identifier: GPL-2.0-only
/*
 * API generations (rules files that start with `generation NAME if=...`):
 * the same kernel function or member meant different things over time
 * (drm_client_buffer_vmap() returned a plain pointer that may be I/O memory
 * before v5.10, fills a struct dma_buf_map since). A generation's rules
 * apply where the options select it (--api) or, by default, where the TU
 * mentions one of its `if` symbols and none of its `unless` symbols: the
 * struct tags and function names its lowered code uses, which is what the
 * tree's headers gave it.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

static void mention_type(struct imc_strset *seen, const struct imc_type *t)
{
	uint32_t i;

	for (; t; t = t->pointee) {
		if ((t->kind == IMC_T_STRUCT || t->kind == IMC_T_UNION) &&
		    t->tag)
			imc_strset_intern(seen, t->tag);
		if (t->kind == IMC_T_FUNC) {
			for (i = 0; i < t->nparams; i++)
				mention_type(seen, t->params[i]);
			mention_type(seen, t->ret);
			return;
		}
	}
}

static void mention_node(struct imc_strset *seen, const struct imc_node *n)
{
	uint32_t i;

	if (!n)
		return;
	mention_type(seen, n->type);
	if (n->var)
		mention_type(seen, n->var->type);
	if (n->kind == IMC_CALL && n->name)
		imc_strset_intern(seen, n->name);
	for (i = 0; i < n->nkids; i++)
		mention_node(seen, n->kids[i]);
}

static bool any_seen(const struct imc_strset *seen, const char *const *syms,
		     unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (imc_strset_find(seen, syms[i]))
			return true;
	return false;
}

/* --api=NAME[,NAME...]: exactly these; "auto" (or none): by mention. */
static bool selected(const char *api, const char *name)
{
	size_t len = strlen(name);
	const char *p = api;

	while ((p = strstr(p, name))) {
		if ((p == api || p[-1] == ',') && (p[len] == ',' || !p[len]))
			return true;
		p += len;
	}
	return false;
}

void generations_select(struct analysis *a)
{
	const struct imc_rules *rules = a->rules;
	const char *api = a->opts->api;
	struct imc_strset seen = {0};
	uint32_t i;

	a->gen_active = imc_xcalloc(rules->ngens + 1, sizeof(bool));
	if (!rules->ngens)
		return;
	if (api && strcmp(api, "auto")) {
		for (i = 0; i < rules->ngens; i++)
			a->gen_active[i] = selected(api, rules->gens[i]->name);
		return;
	}
	for (i = 0; i < imc_tu_nfuncs(a->tu); i++) {
		const struct imc_func *fn = imc_tu_func(a->tu, i);

		imc_strset_intern(&seen, fn->name);
		mention_type(&seen, fn->type);
		mention_node(&seen, fn->body);
	}
	for (i = 0; i < rules->ngens; i++) {
		const struct imc_generation *g = rules->gens[i];

		a->gen_active[i] = any_seen(&seen, g->if_sym, g->nif) &&
				   !any_seen(&seen, g->unless_sym, g->nunless);
	}
	imc_strset_free(&seen);
}

bool generation_active(const struct analysis *a, const struct imc_generation *g)
{
	size_t i;

	if (!g)
		return true;
	for (i = 0; i < a->rules->ngens; i++)
		if (a->rules->gens[i] == g)
			return a->gen_active[i];
	return false;
}

/* The first rule for NAME whose generation applies. */
const struct imc_rule *rule_find(const struct analysis *a, enum imc_directive d,
				 const char *name)
{
	const struct imc_rule *r = imc_rules_find(a->rules, d, name);

	while (r && !generation_active(a, r->gen))
		r = r->next_same_name;
	return r;
}

const char *map_setter(const struct analysis *a, const struct imc_rule *def,
		       unsigned state)
{
	size_t i;

	for (i = 0; i < a->rules->n; i++) {
		const struct imc_rule *r = a->rules->all[i];

		if (r->directive == IMC_R_MAP_SET && r->gen == def->gen &&
		    r->map == 1 && r->state == state &&
		    generation_active(a, r->gen))
			return r->name;
	}
	return NULL;
}

/* The rewrite for SUBJECT under WHEN among the rules that apply. */
const char *rewrite_for(const struct analysis *a, const char *subject,
			const char *when)
{
	const struct imc_rule *r =
		imc_rules_find(a->rules, IMC_R_REWRITE, subject);

	for (; r; r = r->next_same_name)
		if (generation_active(a, r->gen) && !strcmp(r->when, when))
			return r->tmpl;
	return NULL;
}
