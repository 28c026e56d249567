// SPDX-License-Identifier: GPL-2.0-only
/*
 * Other units' facts, read from the merged database (docs/facts.md): the
 * analysis asks one query per name it needs (a callee it has no body of, a
 * member or global it loads), the answer cached for the unit. What comes
 * back takes the shapes the unit's own knowledge has, a call summary or a
 * holder, with its places registered as path events in the other files,
 * so every check and every output format uses it unchanged.
 *
 * Stale facts are not used: a fact's unit whose main file no longer has
 * the hash the database recorded changed since the merge, and its facts
 * may be wrong; a note says so. The unit's own rows are never used (it
 * knows itself better, and they may be older).
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "facts_internal.h"

enum { Q_UNIT, Q_MEMBER, Q_GLOBAL, Q_RETURNS, Q_PLAIN, Q_STRUCT, Q_COUNT };

struct facts_db {
	sqlite3 *db;
	sqlite3_stmt *q[Q_COUNT]; /* queries[], prepared */
	char *self; /* the unit's own main file, absolute */
	char cwd[PATH_MAX];
	struct imc_ptrmap units; /* interned path -> (void *)1 fresh, 2 stale */
	struct imc_ptrmap sums; /* interned function name -> struct summary */
	struct imc_ptrmap members; /* interned "tag.member" -> struct val */
	struct imc_ptrmap globals; /* interned variable name -> struct val */
	/* interned struct tag -> (void *)1 no usable member rows, 2 some */
	struct imc_ptrmap structs;
	bool broken; /* a query failed: no more facts, one note said so */
};

static const char *const queries[Q_COUNT] = {
	"SELECT hash FROM units WHERE path = ?1",
	/* the direct facts first (depth 0): they explain best */
	"SELECT unit, display, file, line, col, mem, forced, producer,"
	" producer_file, producer_line, producer_col, path, source_unit FROM "
	"members"
	" WHERE struct = ?1 AND member = ?2 ORDER BY depth, unit",
	"SELECT unit, display, file, line, col, mem, forced, producer,"
	" producer_file, producer_line, producer_col, path, source_unit FROM "
	"globals"
	" WHERE name = ?1 ORDER BY depth, unit",
	"SELECT unit, param, file, line, col, mem, forced, producer,"
	" producer_file, producer_line, producer_col, path, source_unit FROM "
	"returns"
	" WHERE function = ?1 ORDER BY param, depth, unit",
	"SELECT unit, param, name, what, file, line, col, path FROM param_plain"
	" WHERE function = ?1 AND static = 0 ORDER BY param, unit",
	"SELECT unit FROM members WHERE struct = ?1 ORDER BY unit",
};

static int open_db(const char *path, sqlite3 **db, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int version = -1;

	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) !=
		    SQLITE_OK ||
	    sqlite3_prepare_v2(*db,
			       "SELECT value FROM meta WHERE key = 'version'",
			       -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: not a facts database (%s)", path,
			 *db ? sqlite3_errmsg(*db) : "cannot open");
		sqlite3_finalize(st);
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version != imc_facts_schema_version) {
		snprintf(err, errlen,
			 "%s: facts database of schema version %d, this "
			 "iomemcheck reads %d (merge the facts again)",
			 path, version, imc_facts_schema_version);
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	return 0;
}

int imc_facts_db_check(const char *path, char *err, size_t errlen)
{
	sqlite3 *db = NULL;

	if (access(path, R_OK)) {
		snprintf(err, errlen, "%s: cannot read the facts database",
			 path);
		return -1;
	}
	if (open_db(path, &db, err, errlen) < 0)
		return -1;
	sqlite3_close(db);
	return 0;
}

/* A note at the unit's first function of its own (facts are the unit's,
 * not one function's). */
static void db_note(struct analysis *a, const char *fmt, const char *arg)
{
	uint32_t i;

	for (i = 0; i < imc_tu_nfuncs(a->tu); i++) {
		const struct imc_func *fn = imc_tu_func(a->tu, i);

		if (fn->loc.file &&
		    !strcmp(fn->loc.file, imc_tu_main_file(a->tu))) {
			analysis_limit(a, fn, fmt, arg);
			return;
		}
	}
}

void facts_db_open(struct analysis *a)
{
	struct facts_db *d;
	char err[PATH_MAX + 128], buf[PATH_MAX];
	size_t i;

	if (!a->opts->facts_db)
		return;
	d = imc_xcalloc(1, sizeof(*d));
	a->db = d;
	if (open_db(a->opts->facts_db, &d->db, err, sizeof(err)) < 0) {
		d->broken = true;
		db_note(a, "%s: no cross-unit facts used", err);
		return;
	}
	for (i = 0; i < Q_COUNT; i++)
		if (sqlite3_prepare_v2(d->db, queries[i], -1, &d->q[i], NULL) !=
		    SQLITE_OK)
			d->broken = true;
	d->self = imc_xstrdup(realpath(imc_tu_main_file(a->tu), buf)
				      ? buf
				      : imc_tu_main_file(a->tu));
	if (!getcwd(d->cwd, sizeof(d->cwd)))
		d->cwd[0] = 0;
}

static void free_val(void *p)
{
	free(p);
}

void facts_db_close(struct analysis *a)
{
	struct facts_db *d = a->db;
	size_t i;

	if (!d)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(d->q[i]);
	sqlite3_close(d->db);
	imc_ptrmap_free(&d->units);
	imc_ptrmap_free_with(&d->sums, free_val);
	imc_ptrmap_free_with(&d->members, free_val);
	imc_ptrmap_free_with(&d->globals, free_val);
	imc_ptrmap_free(&d->structs);
	free(d->self);
	free(d);
	a->db = NULL;
}

/* ---- rows -------------------------------------------------------------- */

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

/* A file of the facts as messages show it: relative to the current
 * directory when under it, as the unit's own files are. */
static const char *shown(struct analysis *a, const char *file)
{
	size_t n = strlen(a->db->cwd);

	if (n && !strncmp(file, a->db->cwd, n) && file[n] == '/')
		file += n + 1;
	return imc_intern_forever(file);
}

/* Whether UNIT's file still has the hash the merge recorded (a note
 * the first time it has not). */
static bool unit_fresh(struct analysis *a, const char *unit)
{
	struct facts_db *d = a->db;
	const char *key = imc_strset_intern(&a->strings, unit);
	uintptr_t state = (uintptr_t)imc_ptrmap_get(&d->units, (uintptr_t)key);
	char now[17];

	if (!state) {
		state = 2;
		sqlite3_bind_text(d->q[Q_UNIT], 1, unit, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(d->q[Q_UNIT]) == SQLITE_ROW &&
		    imc_facts_hash_file(unit, now) == 0 &&
		    !strcmp(now, col_text(d->q[Q_UNIT], 0)))
			state = 1;
		sqlite3_reset(d->q[Q_UNIT]);
		imc_ptrmap_put(&d->units, (uintptr_t)key, (void *)state);
		if (state == 2)
			db_note(a,
				"facts of %s not used: the file changed since "
				"the facts database was merged (collect and "
				"merge its facts again)",
				shown(a, unit));
	}
	return state == 1;
}

/* Whether the facts of UNIT may be used: not the unit itself, and fresh. */
static bool unit_usable(struct analysis *a, const char *unit)
{
	return strcmp(unit, a->db->self) && unit_fresh(a, unit);
}

/* A row's unit is usable, and so is the unit whose direct fact a resolved
 * row rests on (column I, source_unit: '' on a direct row); that one may
 * be the unit itself, which did not know where the other unit copied
 * it. */
static bool row_usable(struct analysis *a, sqlite3_stmt *st, int i)
{
	const char *root = col_text(st, i);

	return unit_usable(a, col_text(st, 0)) &&
	       (!*root || !strcmp(root, a->db->self) || unit_fresh(a, root));
}

/* The producer of a row (columns from FIRST: producer, file, line, col)
 * as a why registered where it is: "I/O memory returned by ioremap() at
 * sram.c:41". NULL when the row has none. */
static const char *producer_why(struct analysis *a, sqlite3_stmt *st, int first)
{
	const char *text = col_text(st, first);
	struct imc_node at = {.kind = IMC_OTHER};
	const char *w;

	if (!*text)
		return NULL;
	at.loc.file = shown(a, col_text(st, first + 1));
	at.loc.line = (uint32_t)sqlite3_column_int(st, first + 2);
	at.loc.col = (uint32_t)sqlite3_column_int(st, first + 3);
	w = why(a, "%s at %s:%u", text, at.loc.file, at.loc.line);
	origin_note(a, w, &at, "source", NULL, imc_xstrdup(text));
	return w;
}

/* The row's own place (columns FIRST: file, line, col) as a node. */
static struct imc_node row_place(struct analysis *a, sqlite3_stmt *st,
				 int first)
{
	struct imc_node at = {.kind = IMC_OTHER};

	at.loc.file = shown(a, col_text(st, first));
	at.loc.line = (uint32_t)sqlite3_column_int(st, first + 1);
	at.loc.col = (uint32_t)sqlite3_column_int(st, first + 2);
	return at;
}

static uint8_t row_mem(sqlite3_stmt *st, int i)
{
	return !strcmp(col_text(st, i), "io") ? MEM_IO : MEM_IO | MEM_SYS;
}

/* ---- holders: members and globals ------------------------------------ */

/* The first usable row's explanation; the memory of all joined (one
 * struct type filled with I/O memory by one unit and with system memory
 * by another may be either: docs/facts.md, precision). */
static struct val holder_rows(struct analysis *a, sqlite3_stmt *st)
{
	struct val v = {0};

	v.obj = v.flag_obj = v.pts = -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct imc_node at;
		const char *src, *w;

		if (!row_usable(a, st, 12))
			continue;
		v.mem |= row_mem(st, 5);
		v.forced |= sqlite3_column_int(st, 6) != 0;
		if (v.why)
			continue;
		src = producer_why(a, st, 7);
		at = row_place(a, st, 2);
		w = why(a, "'%s' was assigned I/O memory at %s:%u%s%s (%s)",
			col_text(st, 1), at.loc.file, at.loc.line,
			*col_text(st, 11) ? ", read from " : "",
			col_text(st, 11), src ? src : "unknown origin");
		origin_note(a, w, &at, "source", src,
			    imc_xasprintf("'%s' is assigned I/O memory",
					  col_text(st, 1)));
		v.why = w;
	}
	sqlite3_reset(st);
	return v;
}

static struct val lookup_holder(struct analysis *a, struct imc_ptrmap *cache,
				const char *key, sqlite3_stmt *st,
				const char *b1, const char *b2)
{
	const char *k = imc_strset_intern(&a->strings, key);
	struct val *v = imc_ptrmap_get(cache, (uintptr_t)k);

	if (!v) {
		v = imc_xcalloc(1, sizeof(*v));
		sqlite3_bind_text(st, 1, b1, -1, SQLITE_TRANSIENT);
		if (b2)
			sqlite3_bind_text(st, 2, b2, -1, SQLITE_TRANSIENT);
		*v = holder_rows(a, st);
		imc_ptrmap_put(cache, (uintptr_t)k, v);
	}
	return *v;
}

struct val facts_held(struct analysis *a, const char *key,
		      const struct imc_var *gvar)
{
	struct val none = {0};
	const char *dot = key ? strchr(key, '.') : NULL;
	struct val v;

	none.obj = none.flag_obj = none.pts = -1;
	if (!a->db || a->db->broken)
		return none;
	if (dot) {
		char *tag = imc_xstrdup(key);

		tag[dot - key] = 0;
		v = lookup_holder(a, &a->db->members, key, a->db->q[Q_MEMBER],
				  tag, dot + 1);
		free(tag);
		return v;
	}
	if (gvar && gvar->name && !gvar->is_static)
		return lookup_holder(a, &a->db->globals, gvar->name,
				     a->db->q[Q_GLOBAL], gvar->name, NULL);
	return none;
}

/* ---- functions ---------------------------------------------------------- */

static void returns_rows(struct analysis *a, const char *name,
			 struct summary *s)
{
	sqlite3_stmt *st = a->db->q[Q_RETURNS];

	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		uint32_t param = (uint32_t)sqlite3_column_int(st, 1);
		struct imc_node at;
		const char *src, *w;
		uint8_t mem = row_mem(st, 5);
		bool forced = sqlite3_column_int(st, 6) != 0;

		if (param > 32 || !row_usable(a, st, 12))
			continue;
		src = producer_why(a, st, 7);
		at = row_place(a, st, 2);
		w = why(a, "%s() %s I/O memory (%s:%u%s%s)%s%s", name,
			param ? "stores" : "returns", at.loc.file, at.loc.line,
			*col_text(st, 11) ? ", from " : "", col_text(st, 11),
			src ? ": " : "", src ? src : "");
		origin_note(
			a, w, &at, "source", src,
			param ? imc_xasprintf("%s() stores I/O memory "
					      "through parameter %u",
					      name, param)
			      : imc_xasprintf("%s() returns I/O memory", name));
		if (!param) {
			s->ret_mem |= mem;
			s->ret_forced |= forced;
			s->ret_why = s->ret_why ? s->ret_why : w;
		} else {
			s->out_params |= 1u << (param - 1);
			s->out_mem |= mem;
			s->out_forced |= forced;
			s->out_why = s->out_why ? s->out_why : w;
		}
	}
	sqlite3_reset(st);
}

static void plain_rows(struct analysis *a, const char *name, struct summary *s)
{
	sqlite3_stmt *st = a->db->q[Q_PLAIN];

	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		uint32_t param = (uint32_t)sqlite3_column_int(st, 1);
		const char *pname = col_text(st, 2), *path = col_text(st, 7);
		struct imc_node at;
		const char *w;

		if (!param || param > 32 ||
		    (s->mem_params >> (param - 1) & 1) ||
		    !unit_usable(a, col_text(st, 0)))
			continue;
		at = row_place(a, st, 4);
		w = why(a, "%s at %s:%u%s%s", col_text(st, 3), at.loc.file,
			at.loc.line, *path ? ", through " : "", path);
		origin_note(a, w, &at, "access", NULL,
			    imc_xasprintf("%s() uses parameter %u%s%s%s as "
					  "system memory: %s%s%s",
					  name, param, *pname ? " '" : "",
					  pname, *pname ? "'" : "",
					  col_text(st, 3),
					  *path ? ", through " : "", path));
		s->mem_params |= 1u << (param - 1);
		s->use_what[param - 1] = w;
	}
	sqlite3_reset(st);
}

const struct summary *facts_summary(struct analysis *a, const char *name)
{
	const char *k;
	struct summary *s;

	if (!a->db || a->db->broken || !name)
		return NULL;
	k = imc_strset_intern(&a->strings, name);
	s = imc_ptrmap_get(&a->db->sums, (uintptr_t)k);
	if (!s) {
		s = imc_xcalloc(1, sizeof(*s));
		returns_rows(a, name, s);
		plain_rows(a, name, s);
		s->done = true;
		imc_ptrmap_put(&a->db->sums, (uintptr_t)k, s);
	}
	return s->mem_params || (s->ret_mem & MEM_IO) || s->out_params ? s
								       : NULL;
}

/* Whether another unit's fresh facts name a member of struct TAG. */
static bool struct_has_facts(struct analysis *a, const char *tag)
{
	struct facts_db *d = a->db;
	const char *key = imc_strset_intern(&a->strings, tag);
	uintptr_t state =
		(uintptr_t)imc_ptrmap_get(&d->structs, (uintptr_t)key);
	sqlite3_stmt *st = d->q[Q_STRUCT];

	if (!state) {
		state = 1;
		sqlite3_bind_text(st, 1, tag, -1, SQLITE_TRANSIENT);
		while (state == 1 && sqlite3_step(st) == SQLITE_ROW)
			if (unit_usable(a, col_text(st, 0)))
				state = 2;
		sqlite3_reset(st);
		imc_ptrmap_put(&d->structs, (uintptr_t)key, (void *)state);
	}
	return state == 2;
}

/* The checker's first parse skips header bodies (imc_func.body_skipped):
 * one that returns a pointer and is given a struct another unit's facts
 * name a member of may hand out that member (qla_req_ring_slot(ha, req)
 * returning req->ring_ptr). It is needed: the unit is lowered again with
 * it, as when I/O memory reaches a skipped body (flow_calls.c). */
static bool skipped_body_may_read(struct analysis *a, const struct imc_func *fn)
{
	const struct imc_type *t = fn->type;
	uint32_t i;

	if (!fn->body_skipped || !t || !t->ret || !imc_type_is_ptr(t->ret))
		return false;
	for (i = 0; i < t->nparams; i++) {
		const struct imc_type *p = t->params[i];

		if (p && imc_type_is_ptr(p) && p->pointee && p->pointee->tag &&
		    (p->pointee->kind == IMC_T_STRUCT ||
		     p->pointee->kind == IMC_T_UNION) &&
		    struct_has_facts(a, p->pointee->tag)) {
			if (!a->out->needs_body)
				a->out->needs_body = fn->name;
			return true;
		}
	}
	return false;
}

bool facts_matter(struct analysis *a, const struct imc_node *n)
{
	const struct summary *s;
	int32_t fi;

	if (!a->db || a->db->broken)
		return false;
	if (n->kind == IMC_CALL && n->name &&
	    (fi = function_index(a, n->name)) >= 0)
		return skipped_body_may_read(a,
					     imc_tu_func(a->tu, (uint32_t)fi));
	if (n->kind == IMC_CALL && n->name)
		return (s = facts_summary(a, n->name)) &&
		       ((s->ret_mem & MEM_IO) || s->out_params);
	if (n->kind == IMC_VAR && n->var && n->var->scope == IMC_GLOBAL)
		return facts_held(a, NULL, n->var).mem != 0;
	if (n->kind == IMC_FIELD && imc_type_is_ptr(n->type)) {
		const char *key = member_key(a, n);

		return key && facts_held(a, key, NULL).mem != 0;
	}
	return false;
}
