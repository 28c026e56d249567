// SPDX-License-Identifier: GPL-2.0-only
/*
 * Collecting a unit's facts (docs/facts.md). Nothing here analyses: the
 * facts are read off what the analysis computed anyway, the call
 * summaries (what a function returns, stores through a parameter, uses a
 * parameter as), the holders (members and globals assigned I/O memory)
 * and the calls whose callee the unit cannot resolve (noted while the
 * summaries run). Dependent facts stay unresolved ("parameter 1 flows to
 * copy_helper() parameter 3"): the merge resolves them once.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts_internal.h"
#include "flow_internal.h"

struct fact_holder {
	uintptr_t key;
	bool member; /* key is an interned "tag.member", else a struct imc_var */
	char *display; /* the lvalue as the assignment wrote it */
};

/* A parameter given on to a callee the unit cannot resolve, or to an
 * accessor. */
struct fact_flow {
	char *function, *param_name, *callee, *file;
	bool is_static, accessor;
	uint32_t param, pos, line, col;
};

/* A dependent fact: a value read from another unit's member, global or
 * function return (FROM) stored in one of the unit's members or globals,
 * returned, or stored through a parameter (the target; param 0: the
 * return value). The merge resolves it (docs/facts.md). */
struct fact_copy {
	char *kind, *name, *member;
	uint32_t param;
	char *from; /* the source's line of struct val.deps */
	char *from_kind, *from_name, *from_member;
	char *display, *file;
	uint32_t line, col;
};

struct imc_facts {
	struct fact_holder *holders;
	size_t nholders;
	struct fact_flow *flows;
	size_t nflows;
	struct fact_copy *copies;
	size_t ncopies;
	cJSON *doc; /* the unit's facts, built by facts_collect() */
};

struct imc_facts *imc_facts_new(void)
{
	return imc_xcalloc(1, sizeof(struct imc_facts));
}

static void forget_notes(struct imc_facts *f);
static bool in_main_file(const struct analysis *a, const struct imc_func *fn);

void imc_facts_free(struct imc_facts *f)
{
	if (!f)
		return;
	forget_notes(f);
	cJSON_Delete(f->doc);
	free(f);
}

void facts_note_holder(struct analysis *a, const struct imc_node *lhs,
		       uintptr_t key)
{
	struct imc_facts *f = a->facts;
	size_t i;

	if (!f || !key)
		return;
	if (lhs->kind == IMC_VAR && lhs->var->is_static)
		return; /* no other unit can name it */
	for (i = 0; i < f->nholders; i++)
		if (f->holders[i].key == key)
			return;
	f->holders = imc_xrealloc(f->holders,
				  (f->nholders + 1) * sizeof(*f->holders));
	f->holders[f->nholders++] = (struct fact_holder){
		key, lhs->kind == IMC_FIELD, describe(lhs)};
}

static bool same_flow(const struct fact_flow *x, const char *fn, uint32_t param,
		      const char *callee, uint32_t pos, bool accessor)
{
	return x->param == param && x->pos == pos && x->accessor == accessor &&
	       !strcmp(x->function, fn) && !strcmp(x->callee, callee);
}

void facts_note_flow(struct fnctx *c, uint32_t params,
		     const struct imc_node *call, uint32_t pos, bool accessor)
{
	struct imc_facts *f = c->a->facts;
	uint32_t i;
	size_t k;

	if (!f || !c->sum || !call->name || !c->fn->name ||
	    !in_main_file(c->a, c->fn))
		return; /* header functions: every unit has them */
	for (i = 0; i < 32 && i < c->fn->nparams; i++) {
		if (!(params >> i & 1))
			continue;
		for (k = 0; k < f->nflows; k++)
			if (same_flow(&f->flows[k], c->fn->name, i + 1,
				      call->name, pos, accessor))
				break;
		if (k < f->nflows)
			continue;
		f->flows = imc_xrealloc(f->flows,
					(f->nflows + 1) * sizeof(*f->flows));
		f->flows[f->nflows++] = (struct fact_flow){
			.function = imc_xstrdup(c->fn->name),
			.param_name = imc_xstrdup(
				c->fn->params[i]->name ? c->fn->params[i]->name
						       : ""),
			.callee = imc_xstrdup(call->name),
			.file = imc_xstrdup(call->loc.file ? call->loc.file
							   : ""),
			.is_static = c->fn->is_static,
			.accessor = accessor,
			.param = i + 1,
			.pos = pos,
			.line = call->loc.line,
			.col = call->loc.col,
		};
	}
}

/* ---- dependent facts ------------------------------------------------- */

/* A few sources are enough to follow a value; more would only grow every
 * value of a large function. */
#define MAX_DEPS 4

const char *facts_dep(struct analysis *a, const char *kind, const char *name)
{
	const char *r;
	char *t;

	if (!a->facts || !name)
		return NULL;
	t = imc_xasprintf("%s\t%s", kind, name);
	r = imc_intern_forever(t);
	free(t);
	return r;
}

/* The lines of SET appended to V (at most MAX_DEPS * 2 in all). */
static size_t split_deps(const char *set, char **v, size_t n)
{
	const char *p = set, *nl;

	while (p && *p && n < 2 * MAX_DEPS) {
		nl = strchr(p, '\n');
		v[n] = imc_xstrdup(p);
		if (nl)
			v[n][nl - p] = 0;
		n++;
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The union of two sets, sorted: the same whatever order the paths
 * join in. */
const char *facts_deps_join(const char *x, const char *y)
{
	char *v[2 * MAX_DEPS], buf[2048] = "";
	size_t n, i, kept = 0;

	if (!x || !y || x == y)
		return x ? x : y;
	n = split_deps(y, v, split_deps(x, v, 0));
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0; i < n; i++) {
		if ((i && !strcmp(v[i], v[i - 1])) || kept == MAX_DEPS ||
		    strlen(buf) + strlen(v[i]) + 2 > sizeof(buf))
			continue;
		if (kept++)
			strcat(buf, "\n");
		strcat(buf, v[i]);
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	return imc_intern_forever(buf);
}

static bool same_copy(const struct fact_copy *x, const char *kind,
		      const char *name, const char *member, uint32_t param,
		      const char *from)
{
	return x->param == param && !strcmp(x->from, from) &&
	       !strcmp(x->kind, kind) && !strcmp(x->name, name) &&
	       !strcmp(x->member, member);
}

/* One source line ("member\ttag.m", "return\tfn") of a target. */
static void add_copy(struct imc_facts *f, const char *kind, const char *name,
		     const char *member, uint32_t param, const char *from,
		     const char *display, const struct imc_loc *at)
{
	const char *tab = strchr(from, '\t');
	struct fact_copy *x;
	size_t i;
	char *dot;

	if (!tab)
		return;
	for (i = 0; i < f->ncopies; i++)
		if (same_copy(&f->copies[i], kind, name, member, param, from))
			return;
	f->copies =
		imc_xrealloc(f->copies, (f->ncopies + 1) * sizeof(*f->copies));
	x = &f->copies[f->ncopies++];
	*x = (struct fact_copy){
		.kind = imc_xstrdup(kind),
		.name = imc_xstrdup(name),
		.member = imc_xstrdup(member),
		.param = param,
		.from = imc_xstrdup(from),
		.from_kind = imc_xstrdup(from),
		.from_name = imc_xstrdup(tab + 1),
		.display = imc_xstrdup(display),
		.file = imc_xstrdup(at->file ? at->file : ""),
		.line = at->line,
		.col = at->col,
	};
	x->from_kind[tab - from] = 0;
	dot = !strcmp(x->from_kind, "member") ? strchr(x->from_name, '.')
					      : NULL;
	x->from_member = imc_xstrdup(dot ? dot + 1 : "");
	if (dot)
		*dot = 0;
}

/* Every line of DEPS as a source of the target. A header function whose
 * body the checker's first parse skipped ("skipped\tNAME") could tell
 * more: the unit is lowered again with it (imc_findings.needs_body), as
 * for a finding, so that both front ends record the same facts. */
static void add_copies(struct analysis *a, const char *kind, const char *name,
		       const char *member, uint32_t param, const char *deps,
		       const char *display, const struct imc_loc *at)
{
	char *v[2 * MAX_DEPS];
	size_t n = split_deps(deps, v, 0), i;

	for (i = 0; i < n; i++) {
		if (!strncmp(v[i], "skipped\t", 8)) {
			if (!a->out->needs_body)
				a->out->needs_body =
					imc_intern_forever(v[i] + 8);
		} else {
			add_copy(a->facts, kind, name, member, param, v[i],
				 display, at);
		}
		free(v[i]);
	}
}

void facts_note_copy(struct analysis *a, const struct imc_node *lhs,
		     uintptr_t key, const char *deps, const struct imc_node *at)
{
	char *display, *tag;
	const char *dot;

	if (!a->facts || !key)
		return;
	display = describe(lhs);
	if (lhs->kind == IMC_VAR) {
		if (!lhs->var->is_static && lhs->var->name)
			add_copies(a, "global", lhs->var->name, "", 0, deps,
				   display, &at->loc);
	} else if ((dot = strchr((const char *)key, '.'))) {
		tag = imc_xstrdup((const char *)key);
		tag[dot - (const char *)key] = 0;
		add_copies(a, "member", tag, dot + 1, 0, deps, display,
			   &at->loc);
		free(tag);
	}
	free(display);
}

void facts_note_out(struct fnctx *c, uint32_t params, const char *deps)
{
	const struct imc_func *fn = c->fn;
	uint32_t i;

	if (!c->a->facts || !fn->name || fn->is_static ||
	    !in_main_file(c->a, fn))
		return;
	for (i = 0; i < 32 && i < fn->nparams; i++)
		if (params >> i & 1)
			add_copies(c->a, "return", fn->name, "", i + 1, deps,
				   "", &fn->loc);
}

/* ---- the unit's document ------------------------------------------- */

/* A file name as the facts keep it: absolute, so that a unit is one key
 * whatever directory its compile ran in. */
static char *absolute(const char *path)
{
	char buf[PATH_MAX];

	if (path && realpath(path, buf))
		return imc_xstrdup(buf);
	return imc_xstrdup(path ? path : "");
}

static void add_place(cJSON *o, const char *prefix, const struct imc_loc *loc)
{
	char key[32];
	char *file = absolute(loc->file);

	snprintf(key, sizeof(key), "%sfile", prefix);
	cJSON_AddStringToObject(o, key, file);
	snprintf(key, sizeof(key), "%sline", prefix);
	cJSON_AddNumberToObject(o, key, loc->line);
	snprintf(key, sizeof(key), "%scol", prefix);
	cJSON_AddNumberToObject(o, key, loc->col);
	free(file);
}

static const char *mem_name(uint8_t mem)
{
	return mem & MEM_SYS ? "maybe-io" : "io";
}

/* The producer of the I/O memory WHY explains: the source at the root of
 * its chain (an ioremap() call, a __force cast), with its place. */
static void add_producer(struct analysis *a, cJSON *o, const char *why)
{
	struct imc_loc loc = {0};
	const char *message = NULL;

	if (!why || !origin_place(a, why, true, &loc, &message))
		return;
	cJSON_AddStringToObject(o, "producer", message ? message : why);
	add_place(o, "producer_", &loc);
}

static void collect_holders(struct analysis *a, cJSON *members, cJSON *globals)
{
	const struct imc_facts *f = a->facts;
	size_t i;

	for (i = 0; i < f->nholders; i++) {
		const struct fact_holder *fh = &f->holders[i];
		const struct io_holder *h = holder_get(a, fh->key);
		struct imc_loc at = {0};
		const char *name =
			fh->member ? (const char *)fh->key
				   : ((const struct imc_var *)fh->key)->name;
		const char *dot = fh->member ? strchr(name, '.') : NULL;
		cJSON *o;

		if (!h || !origin_place(a, h->why, false, &at, NULL))
			continue;
		o = cJSON_CreateObject();
		if (dot) {
			char *tag = imc_xstrdup(name);

			tag[dot - name] = 0;
			cJSON_AddStringToObject(o, "struct", tag);
			cJSON_AddStringToObject(o, "member", dot + 1);
			free(tag);
		} else {
			cJSON_AddStringToObject(o, "name", name);
		}
		cJSON_AddStringToObject(o, "display", fh->display);
		add_place(o, "", &at);
		cJSON_AddStringToObject(o, "mem", mem_name(h->mem));
		cJSON_AddBoolToObject(o, "forced", h->forced);
		add_producer(a, o, h->why);
		cJSON_AddItemToArray(dot ? members : globals, o);
	}
}

/* A function's return (param 0) or out-parameter N holds I/O memory. */
static void add_return(struct analysis *a, cJSON *returns,
		       const struct imc_func *fn, uint32_t param, uint8_t mem,
		       bool forced, const char *why)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "function", fn->name);
	cJSON_AddNumberToObject(o, "param", param);
	add_place(o, "", &fn->loc);
	cJSON_AddStringToObject(o, "mem", mem_name(mem));
	cJSON_AddBoolToObject(o, "forced", forced);
	add_producer(a, o, why);
	cJSON_AddItemToArray(returns, o);
}

/* What a summary says a parameter is used by, "memcpy() at line 88",
 * without the line: the place is the row's own. */
static void add_what(cJSON *o, const char *use)
{
	const char *at = use ? strstr(use, " at line ") : NULL;
	char *what = imc_xstrdup(use ? use : "");

	if (at)
		what[at - use] = 0;
	cJSON_AddStringToObject(o, "what", what);
	free(what);
}

static void add_access(struct analysis *a, cJSON *accesses,
		       const struct imc_func *fn, uint32_t i,
		       const struct summary *sum)
{
	cJSON *o = cJSON_CreateObject();
	struct imc_loc at = fn->loc;

	origin_place(a, sum->use_what[i], false, &at, NULL);
	cJSON_AddStringToObject(o, "function", fn->name);
	cJSON_AddBoolToObject(o, "static", fn->is_static);
	cJSON_AddNumberToObject(o, "param", i + 1);
	cJSON_AddStringToObject(o, "name",
				fn->params[i]->name ? fn->params[i]->name : "");
	cJSON_AddStringToObject(o, "how", "plain");
	add_what(o, sum->use_what[i]);
	add_place(o, "", &at);
	cJSON_AddItemToArray(accesses, o);
}

/* A use through a call of one of the unit's functions ("helper() at line
 * 13"): the flow to it is a fact of its own, and the merge follows it to
 * the access itself. */
static bool use_by_own_call(struct analysis *a, const char *use)
{
	const char *paren = use ? strstr(use, "() at line ") : NULL;
	char name[256];

	if (!paren || (size_t)(paren - use) >= sizeof(name))
		return false;
	memcpy(name, use, (size_t)(paren - use));
	name[paren - use] = 0;
	return function_index(a, imc_tu_intern(a->tu, name)) >= 0;
}

static void collect_function(struct analysis *a, uint32_t fi, cJSON *returns,
			     cJSON *accesses)
{
	const struct imc_func *fn = imc_tu_func(a->tu, fi);
	const struct summary *sum = &a->sums[fi];
	uint32_t i;

	if (!fn->is_static && (sum->ret_mem & MEM_IO))
		add_return(a, returns, fn, 0, sum->ret_mem, sum->ret_forced,
			   sum->ret_why);
	else if (!fn->is_static && sum->ret_deps)
		add_copies(a, "return", fn->name, "", 0, sum->ret_deps, "",
			   &fn->loc);
	for (i = 0; i < fn->nparams && i < 32; i++) {
		if (!fn->is_static && (sum->out_params >> i & 1) &&
		    (sum->out_mem & MEM_IO))
			add_return(a, returns, fn, i + 1, sum->out_mem,
				   sum->out_forced, sum->out_why);
		if ((sum->mem_params >> i & 1) &&
		    !use_by_own_call(a, sum->use_what[i]))
			add_access(a, accesses, fn, i, sum);
	}
}

static void collect_flows(struct analysis *a, cJSON *accesses, cJSON *flows)
{
	const struct imc_facts *f = a->facts;
	size_t k;

	for (k = 0; k < f->nflows; k++) {
		const struct fact_flow *x = &f->flows[k];
		struct imc_loc at = {x->file, x->line, x->col};
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "function", x->function);
		cJSON_AddBoolToObject(o, "static", x->is_static);
		cJSON_AddNumberToObject(o, "param", x->param);
		cJSON_AddStringToObject(o, "name", x->param_name);
		if (x->accessor) {
			cJSON_AddStringToObject(o, "how", "accessor");
			cJSON_AddStringToObject(o, "what", x->callee);
		} else {
			cJSON_AddStringToObject(o, "callee", x->callee);
			cJSON_AddNumberToObject(o, "callee_param", x->pos);
		}
		add_place(o, "", &at);
		cJSON_AddItemToArray(x->accessor ? accesses : flows, o);
	}
}

static void collect_copies(const struct imc_facts *f, cJSON *copies)
{
	size_t k;

	for (k = 0; k < f->ncopies; k++) {
		const struct fact_copy *x = &f->copies[k];
		struct imc_loc at = {x->file, x->line, x->col};
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "kind", x->kind);
		cJSON_AddStringToObject(o, "name", x->name);
		cJSON_AddStringToObject(o, "member", x->member);
		cJSON_AddNumberToObject(o, "param", x->param);
		cJSON_AddStringToObject(o, "from_kind", x->from_kind);
		cJSON_AddStringToObject(o, "from_name", x->from_name);
		cJSON_AddStringToObject(o, "from_member", x->from_member);
		cJSON_AddStringToObject(o, "display", x->display);
		add_place(o, "", &at);
		cJSON_AddItemToArray(copies, o);
	}
}

static void forget_copies(struct imc_facts *f)
{
	size_t i;

	for (i = 0; i < f->ncopies; i++) {
		struct fact_copy *x = &f->copies[i];

		free(x->kind);
		free(x->name);
		free(x->member);
		free(x->from);
		free(x->from_kind);
		free(x->from_name);
		free(x->from_member);
		free(x->display);
		free(x->file);
	}
	free(f->copies);
	f->copies = NULL;
	f->ncopies = 0;
}

static void forget_notes(struct imc_facts *f)
{
	size_t i;

	forget_copies(f);

	for (i = 0; i < f->nholders; i++)
		free(f->holders[i].display);
	for (i = 0; i < f->nflows; i++) {
		free(f->flows[i].function);
		free(f->flows[i].param_name);
		free(f->flows[i].callee);
		free(f->flows[i].file);
	}
	free(f->holders);
	free(f->flows);
	f->holders = NULL;
	f->flows = NULL;
	f->nholders = f->nflows = 0;
}

static bool in_main_file(const struct analysis *a, const struct imc_func *fn)
{
	const char *main = imc_tu_main_file(a->tu);

	return fn->loc.file &&
	       (fn->loc.file == main || !strcmp(fn->loc.file, main));
}

void facts_collect(struct analysis *a)
{
	cJSON *doc = cJSON_CreateObject(), *members, *globals, *returns,
	      *accesses, *flows, *copies;
	char *unit = absolute(imc_tu_main_file(a->tu)), hash[17];
	uint32_t i;

	cJSON_AddNumberToObject(doc, "version", imc_facts_schema_version);
	cJSON_AddStringToObject(doc, "unit", unit);
	if (imc_facts_hash_file(unit, hash) < 0)
		hash[0] = 0;
	cJSON_AddStringToObject(doc, "hash", hash);
	members = cJSON_AddArrayToObject(doc, "members");
	globals = cJSON_AddArrayToObject(doc, "globals");
	returns = cJSON_AddArrayToObject(doc, "returns");
	accesses = cJSON_AddArrayToObject(doc, "accesses");
	flows = cJSON_AddArrayToObject(doc, "flows");
	copies = cJSON_AddArrayToObject(doc, "copies");
	collect_holders(a, members, globals);
	for (i = 0; i < imc_tu_nfuncs(a->tu); i++)
		if (imc_tu_func(a->tu, i)->body &&
		    imc_tu_func(a->tu, i)->name &&
		    in_main_file(a, imc_tu_func(a->tu, i)))
			collect_function(a, i, returns, accesses);
	collect_flows(a, accesses, flows);
	collect_copies(a->facts, copies);
	cJSON_Delete(a->facts->doc);
	a->facts->doc = doc;
	free(unit);
	forget_notes(a->facts); /* their keys die with the analysis */
}

/* ---- writing ---------------------------------------------------------- */

int imc_facts_hash_file(const char *path, char out[17])
{
	size_t len, i;
	char *data = imc_read_file(path, &len);
	uint64_t h = 1469598103934665603ull;

	if (!data)
		return -1;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 1099511628211ull;
	free(data);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return 0;
}

/* DIR/<base>-<hash of the unit's path>.facts.json: one file per unit, the
 * same one when the unit is collected again. */
static char *facts_path(const char *dir, const char *unit)
{
	const char *base = strrchr(unit, '/');
	uint64_t h = 1469598103934665603ull;
	const char *p;

	for (p = unit; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return imc_xasprintf("%s/%s-%016llx.facts.json", dir,
			     base ? base + 1 : unit, (unsigned long long)h);
}

int imc_facts_write(const struct imc_facts *f, const char *dir, char *err,
		    size_t errlen)
{
	const cJSON *unit =
		f && f->doc ? cJSON_GetObjectItem(f->doc, "unit") : NULL;
	char *text, *path, *tmp;
	int fd, ret = 0;
	size_t len;

	if (!unit)
		return 0; /* no unit analysed */
	if (mkdir(dir, 0777) && errno != EEXIST) {
		snprintf(err, errlen,
			 "%s: cannot create the facts directory: %s", dir,
			 strerror(errno));
		return -1;
	}
	path = facts_path(dir, cJSON_GetStringValue(unit));
	tmp = imc_xasprintf("%s/.facts-XXXXXX", dir);
	text = cJSON_Print(f->doc);
	len = strlen(text);
	fd = mkstemp(tmp);
	if (fd >= 0) {
		bool ok = fchmod(fd, 0644) == 0 &&
			  write(fd, text, len) == (ssize_t)len &&
			  write(fd, "\n", 1) == 1;

		if (close(fd) || !ok || rename(tmp, path))
			ret = -1;
		if (ret)
			unlink(tmp);
	}
	if (fd < 0 || ret) {
		snprintf(err, errlen, "%s: cannot write facts: %s", path,
			 strerror(errno));
		ret = -1;
	}
	cJSON_free(text);
	free(tmp);
	free(path);
	return ret;
}
