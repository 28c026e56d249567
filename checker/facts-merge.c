// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck --facts-merge DIR... -o DB: the units' facts files into one
 * SQLite database (schema: core/engine/facts_schema.c, docs/facts.md).
 *
 * Incremental: a unit already in DB has its rows replaced by its new
 * facts. Atomic: the database is built in a temporary copy renamed over
 * DB at the end, so a bad facts file (one line on stderr, exit 2) or a
 * crash leaves DB as it was. Deterministic: the files are applied in the
 * order of their units, and every table is keyed by its whole row, so
 * the same facts give the same content (`sqlite3 DB .dump`) in any order.
 * Propagation happens here, once: parameters that flow into a parameter
 * used as system memory are used so too (param_plain, to a fixed point),
 * and members, globals and returns filled from another unit's member,
 * global or return hold what it holds (value_flow, to a fixed point).
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts-merge.h"
#include "iomemcheck.h"
#include "util.h"

#define MAX_FLOW_DEPTH 64

struct facts_file {
	char *path;
	char *text;
	cJSON *doc;
	const char *unit, *hash;
};

/* A facts array of a unit's file and the table it fills; a column takes
 * the item's member of the same name ("unit" is the file's). */
struct table {
	const char *array, *name;
	const char *const cols[14];
};

static const struct table tables[] = {
	{"members",
	 "members",
	 {"struct", "member", "unit", "display", "file", "line", "col", "mem",
	  "forced", "producer", "producer_file", "producer_line",
	  "producer_col"}},
	{"globals",
	 "globals",
	 {"name", "unit", "display", "file", "line", "col", "mem", "forced",
	  "producer", "producer_file", "producer_line", "producer_col"}},
	{"returns",
	 "returns",
	 {"function", "param", "unit", "file", "line", "col", "mem", "forced",
	  "producer", "producer_file", "producer_line", "producer_col"}},
	{"accesses",
	 "param_access",
	 {"function", "unit", "param", "how", "what", "file", "line", "col",
	  "static", "name"}},
	{"flows",
	 "param_flow",
	 {"function", "unit", "param", "callee", "callee_param", "file", "line",
	  "col", "static", "name"}},
	{"copies",
	 "value_flow",
	 {"kind", "name", "member", "param", "unit", "from_kind", "from_name",
	  "from_member", "display", "file", "line", "col"}},
};

static int fail(char *err, size_t errlen, const char *fmt, const char *a,
		const char *b)
{
	snprintf(err, errlen, fmt, a, b);
	return -1;
}

static bool is_facts_name(const char *name)
{
	size_t n = strlen(name), k = strlen(".facts.json");

	return name[0] != '.' && n > k && !strcmp(name + n - k, ".facts.json");
}

static int read_one(const char *path, struct facts_file *f, char *err,
		    size_t errlen)
{
	const cJSON *version, *unit, *hash;
	size_t len, i;

	f->path = imc_xstrdup(path);
	if (!(f->text = imc_read_file(path, &len)))
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	f->doc = cJSON_Parse(f->text);
	version = cJSON_GetObjectItemCaseSensitive(f->doc, "version");
	unit = cJSON_GetObjectItemCaseSensitive(f->doc, "unit");
	hash = cJSON_GetObjectItemCaseSensitive(f->doc, "hash");
	if (!cJSON_IsObject(f->doc) || !cJSON_IsNumber(version) ||
	    !cJSON_IsString(unit) || !cJSON_IsString(hash))
		return fail(err, errlen,
			    "%s: not a facts file of iomemcheck --facts-out%s",
			    path, "");
	if (version->valueint != imc_facts_schema_version)
		return fail(err, errlen,
			    "%s: facts of another version of iomemcheck "
			    "(collect them again)%s",
			    path, "");
	for (i = 0; i < sizeof(tables) / sizeof(*tables); i++)
		if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(
			    f->doc, tables[i].array)))
			return fail(err, errlen, "%s: no '%s' array", path,
				    tables[i].array);
	f->unit = unit->valuestring;
	f->hash = hash->valuestring;
	return 0;
}

static int read_dir(const char *dir, struct facts_file **files, size_t *n,
		    char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int ret = 0;

	if (!d)
		return fail(err, errlen, "%s: %s", dir, strerror(errno));
	while (!ret && (e = readdir(d))) {
		char *path;

		if (!is_facts_name(e->d_name))
			continue;
		*files = imc_xrealloc(*files, (*n + 1) * sizeof(**files));
		memset(&(*files)[*n], 0, sizeof(**files));
		path = imc_xasprintf("%s/%s", dir, e->d_name);
		ret = read_one(path, &(*files)[(*n)++], err, errlen);
		free(path);
	}
	closedir(d);
	return ret;
}

/* The order files are applied in: by unit, then by content, so that a
 * unit given twice ends up the same whichever came first. */
static int cmp_files(const void *pa, const void *pb)
{
	const struct facts_file *x = pa, *y = pb;
	int d = strcmp(x->unit, y->unit);

	return d ? d : strcmp(x->text, y->text);
}

static int exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return -1;
}

static void bind_json(sqlite3_stmt *st, int i, const cJSON *v)
{
	if (cJSON_IsString(v))
		sqlite3_bind_text(st, i, v->valuestring, -1, SQLITE_STATIC);
	else if (cJSON_IsBool(v))
		sqlite3_bind_int(st, i, cJSON_IsTrue(v));
	else if (cJSON_IsNumber(v))
		sqlite3_bind_int64(st, i, (sqlite3_int64)v->valuedouble);
	else
		sqlite3_bind_null(st, i);
}

static char *insert_sql(const struct table *t)
{
	char cols[512] = "", marks[128] = "";
	size_t k;

	for (k = 0; t->cols[k]; k++) {
		strcat(cols, k ? ", \"" : "\"");
		strcat(cols, t->cols[k]);
		strcat(cols, "\"");
		strcat(marks, k ? ", ?" : "?");
	}
	return imc_xasprintf("INSERT OR REPLACE INTO %s(%s) VALUES (%s)",
			     t->name, cols, marks);
}

static int insert_rows(sqlite3 *db, const struct facts_file *f,
		       const struct table *t, char *err, size_t errlen)
{
	char *sql = insert_sql(t);
	sqlite3_stmt *st = NULL;
	const cJSON *item;
	int ret = 0;
	size_t k;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		ret = fail(err, errlen, "%s: %s", f->path, sqlite3_errmsg(db));
	cJSON_ArrayForEach(item,
			   cJSON_GetObjectItemCaseSensitive(f->doc, t->array))
	{
		if (ret)
			break;
		for (k = 0; t->cols[k]; k++) {
			if (!strcmp(t->cols[k], "unit"))
				sqlite3_bind_text(st, (int)k + 1, f->unit, -1,
						  SQLITE_STATIC);
			else
				bind_json(st, (int)k + 1,
					  cJSON_GetObjectItemCaseSensitive(
						  item, t->cols[k]));
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			ret = fail(err, errlen, "%s: bad facts: %s", f->path,
				   sqlite3_errmsg(db));
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	sqlite3_finalize(st);
	free(sql);
	return ret;
}

/* A unit's rows replace what the database had of it. */
static int apply_unit(sqlite3 *db, const struct facts_file *f, char *err,
		      size_t errlen)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	char *sql;
	int ret = 0;

	for (i = 0; !ret && i < sizeof(tables) / sizeof(*tables); i++) {
		sql = imc_xasprintf("DELETE FROM %s WHERE unit = ?",
				    tables[i].name);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_bind_text(st, 1, f->unit, -1, SQLITE_STATIC) ||
		    sqlite3_step(st) != SQLITE_DONE)
			ret = fail(err, errlen, "%s: %s", f->path,
				   sqlite3_errmsg(db));
		sqlite3_finalize(st);
		free(sql);
		if (!ret)
			ret = insert_rows(db, f, &tables[i], err, errlen);
	}
	if (ret)
		return ret;
	sql = sqlite3_mprintf("INSERT OR REPLACE INTO units VALUES (%Q, %Q)",
			      f->unit, f->hash);
	ret = exec(db, sql, err, errlen);
	sqlite3_free(sql);
	return ret;
}

/* param_plain: the direct uses, then one more link of param_flow per
 * round (the shortest chain wins, ties by the order below) until no row
 * is added. */
static int resolve(sqlite3 *db, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int depth, ret;

	ret = exec(db,
		   "DELETE FROM param_plain;"
		   "INSERT OR IGNORE INTO param_plain SELECT function, unit,"
		   " param, static, name, what, file, line, col, 0, ''"
		   " FROM param_access WHERE how = 'plain'"
		   " ORDER BY function, unit, param, file, line, what;",
		   err, errlen);
	if (ret)
		return ret;
	if (sqlite3_prepare_v2(
		    db,
		    "INSERT OR IGNORE INTO param_plain SELECT f.function,"
		    " f.unit, f.param, f.static, f.name, p.what, p.file,"
		    " p.line, p.col, ?1 + 1, f.callee || '() parameter ' ||"
		    " f.callee_param || CASE WHEN p.path = '' THEN '' ELSE"
		    " ', ' || p.path END FROM param_flow f JOIN param_plain p"
		    " ON p.function = f.callee AND p.param = f.callee_param"
		    " AND (p.static = 0 OR p.unit = f.unit) WHERE p.depth = ?1"
		    " ORDER BY f.function, f.unit, f.param, f.callee,"
		    " f.callee_param, f.file, f.line",
		    -1, &st, NULL) != SQLITE_OK)
		return fail(err, errlen, "%s%s", sqlite3_errmsg(db), "");
	for (depth = 0; depth < MAX_FLOW_DEPTH; depth++) {
		sqlite3_bind_int(st, 1, depth);
		if (sqlite3_step(st) != SQLITE_DONE) {
			ret = fail(err, errlen, "%s%s", sqlite3_errmsg(db), "");
			break;
		}
		sqlite3_reset(st);
		if (!sqlite3_changes(db))
			break;
	}
	sqlite3_finalize(st);
	return ret;
}

/* The unit whose direct fact a row rests on (source_unit; '' on a direct
 * row: its own unit). */
#define ROOT "CASE source_unit WHEN '' THEN unit ELSE source_unit END"
/* What holds I/O memory, for value_flow's sources: members, globals and
 * function returns (param 0), with their producer, depth, path and root. */
#define HELD_SOURCES                                                         \
	"WITH src(kind, name, member, unit, mem, forced, producer, pfile,"   \
	" pline, pcol, depth, path, root) AS (SELECT 'member', struct,"      \
	" member, unit, mem, forced, producer, producer_file,"               \
	" producer_line, producer_col, depth, path, " ROOT " FROM members"   \
	" UNION ALL SELECT 'global', name, '', unit, mem, forced, producer," \
	" producer_file, producer_line, producer_col, depth, path, " ROOT    \
	" FROM globals UNION ALL SELECT 'return', function, '', unit, mem,"  \
	" forced, producer, producer_file, producer_line, producer_col,"     \
	" depth, path, " ROOT " FROM returns WHERE param = 0) "
/* The source's columns after the target's, one link deeper, its name
 * before its own path ("req_que.ring", "pin_map()"). */
#define FROM_SOURCE                                                       \
	" s.mem, s.forced, s.producer, s.pfile, s.pline, s.pcol, s.root," \
	" ?1 + 1,"                                                        \
	" CASE s.kind WHEN 'member' THEN s.name || '.' || s.member"       \
	" WHEN 'return' THEN s.name || '()' ELSE s.name END ||"           \
	" CASE WHEN s.path = '' THEN '' ELSE ', ' || s.path END"          \
	" FROM value_flow f JOIN src s ON s.kind = f.from_kind"           \
	" AND s.name = f.from_name AND s.member = f.from_member"          \
	" WHERE s.depth = ?1 AND f.kind = "
#define PRODUCED                                                              \
	" mem, forced, producer, producer_file, producer_line, producer_col," \
	" source_unit, depth, path) "

/* One link of value_flow per statement: members, globals, returns (also
 * out-parameters) that a unit filled from what another unit's row of
 * depth ?1 holds. */
static const char *const value_links[] = {
	HELD_SOURCES "INSERT OR IGNORE INTO members(struct, member, unit,"
		     " display, file, line, col," PRODUCED
		     "SELECT f.name, f.member, f.unit, f.display, f.file,"
		     " f.line, f.col," FROM_SOURCE "'member' ORDER BY f.name,"
		     " f.member, f.unit, s.name, s.member, s.unit",
	HELD_SOURCES "INSERT OR IGNORE INTO globals(name, unit, display, file,"
		     " line, col," PRODUCED
		     "SELECT f.name, f.unit, f.display, f.file, f.line,"
		     " f.col," FROM_SOURCE "'global' ORDER BY f.name, f.unit,"
		     " s.name, s.member, s.unit",
	HELD_SOURCES "INSERT OR IGNORE INTO returns(function, param, unit,"
		     " file, line, col," PRODUCED
		     "SELECT f.name, f.param, f.unit, f.file, f.line,"
		     " f.col," FROM_SOURCE "'return' ORDER BY f.name, f.param,"
		     " f.unit, s.name, s.member, s.unit",
};

/* members, globals, returns of depth > 0: recomputed from the direct rows
 * (depth 0) and value_flow, one link per round until a round adds
 * nothing; a cycle adds nothing the second time round (the keys). */
static int resolve_values(sqlite3 *db, char *err, size_t errlen)
{
	enum { NLINKS = sizeof(value_links) / sizeof(*value_links) };
	sqlite3_stmt *st[NLINKS] = {0};
	int depth, ret, added = 1;
	size_t i;

	ret = exec(db,
		   "DELETE FROM members WHERE depth > 0;"
		   "DELETE FROM globals WHERE depth > 0;"
		   "DELETE FROM returns WHERE depth > 0;",
		   err, errlen);
	for (i = 0; !ret && i < NLINKS; i++)
		if (sqlite3_prepare_v2(db, value_links[i], -1, &st[i], NULL) !=
		    SQLITE_OK)
			ret = fail(err, errlen, "%s%s", sqlite3_errmsg(db), "");
	for (depth = 0; !ret && added && depth < MAX_FLOW_DEPTH; depth++) {
		added = 0;
		for (i = 0; !ret && i < NLINKS; i++) {
			sqlite3_bind_int(st[i], 1, depth);
			if (sqlite3_step(st[i]) != SQLITE_DONE)
				ret = fail(err, errlen, "%s%s",
					   sqlite3_errmsg(db), "");
			added += sqlite3_changes(db);
			sqlite3_reset(st[i]);
		}
	}
	for (i = 0; i < NLINKS; i++)
		sqlite3_finalize(st[i]);
	return ret;
}

/* The database's bytes into a fresh temporary file beside it (or an
 * empty one): the merge works there. */
static int start_copy(const char *db, char **tmp, char *err, size_t errlen)
{
	size_t len = 0;
	char *data = NULL;
	int fd;
	bool ok;

	if (!access(db, F_OK) && !(data = imc_read_file(db, &len)))
		return fail(err, errlen, "%s: %s", db, strerror(errno));
	*tmp = imc_xasprintf("%s.tmp-XXXXXX", db);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		free(data);
		return fail(err, errlen, "%s: %s", *tmp, strerror(errno));
	}
	ok = fchmod(fd, 0644) == 0 &&
	     (!len || write(fd, data, len) == (ssize_t)len);
	free(data);
	if (close(fd) || !ok) {
		unlink(*tmp);
		return fail(err, errlen, "%s: %s", *tmp, strerror(errno));
	}
	return 0;
}

static int merge_into(const char *path, struct facts_file *files, size_t n,
		      char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	char *sql;
	size_t i;
	int ret;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		ret = fail(err, errlen, "%s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return ret;
	}
	sql = sqlite3_mprintf("BEGIN; %s INSERT OR REPLACE INTO meta VALUES"
			      " ('version', '%d');",
			      imc_facts_schema, imc_facts_schema_version);
	ret = exec(db, sql, err, errlen);
	sqlite3_free(sql);
	for (i = 0; !ret && i < n; i++)
		ret = apply_unit(db, &files[i], err, errlen);
	if (!ret)
		ret = resolve(db, err, errlen);
	if (!ret)
		ret = resolve_values(db, err, errlen);
	if (!ret)
		ret = exec(db, "COMMIT;", err, errlen);
	sqlite3_close(db);
	return ret;
}

static int merge_dirs(const char *const *dirs, size_t ndirs, const char *out,
		      char *err, size_t errlen)
{
	struct facts_file *files = NULL;
	size_t n = 0, i;
	char *tmp = NULL, emsg[PATH_MAX + 256];
	int ret = 0;

	for (i = 0; !ret && i < ndirs; i++)
		ret = read_dir(dirs[i], &files, &n, err, errlen);
	if (!ret) {
		qsort(files, n, sizeof(*files), cmp_files);
		ret = start_copy(out, &tmp, err, errlen);
	}
	if (!ret && merge_into(tmp, files, n, emsg, sizeof(emsg))) {
		snprintf(err, errlen, "%s: %s", out, emsg);
		ret = -1;
	}
	if (!ret && rename(tmp, out))
		ret = fail(err, errlen, "%s: %s", out, strerror(errno));
	if (tmp && ret)
		unlink(tmp);
	free(tmp);
	for (i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].text);
		cJSON_Delete(files[i].doc);
	}
	free(files);
	return ret;
}

int imc_facts_merge_cli(const struct imc_cli *cli)
{
	const char *out = cli->output ? cli->output : cli->output_o;
	char err[PATH_MAX + 512];

	if (!out) {
		fputs("iomemcheck: --facts-merge: no database to write (give "
		      "-o DB)\n",
		      stderr);
		return 2;
	}
	if (!cli->files.n) {
		fputs("iomemcheck: --facts-merge: no facts directories\n",
		      stderr);
		return 2;
	}
	if (merge_dirs(cli->files.v, cli->files.n, out, err, sizeof(err))) {
		fprintf(stderr, "iomemcheck: --facts-merge: %s\n", err);
		return 2;
	}
	return 0;
}
