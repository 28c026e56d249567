// SPDX-License-Identifier: GPL-2.0-only
/*
 * The schema of the merged facts database, shared by the merge (which
 * creates it) and the analysis (which checks the version it reads).
 * docs/facts.md documents every table; keep the two in step.
 *
 * Every table is WITHOUT ROWID with a primary key that names the row
 * whole: the content, and so `sqlite3 iomem.db .dump`, depends on the
 * facts merged and not on the order they came in. A look-up by name
 * (member, global, function) is the primary key's first column.
 */
#include "facts.h"

const int imc_facts_schema_version = 2;

const char imc_facts_schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)"
	" WITHOUT ROWID;\n"
	/* one row per unit: its main file and the content hash its facts
	 * were collected from */
	"CREATE TABLE IF NOT EXISTS units(path TEXT PRIMARY KEY,"
	" hash TEXT NOT NULL) WITHOUT ROWID;\n"
	/* struct members assigned I/O memory (any object of the type) */
	"CREATE TABLE IF NOT EXISTS members(struct TEXT NOT NULL,"
	" member TEXT NOT NULL, unit TEXT NOT NULL, display TEXT,"
	" file TEXT, line INTEGER, col INTEGER, mem TEXT, forced INTEGER,"
	" producer TEXT, producer_file TEXT, producer_line INTEGER,"
	" producer_col INTEGER, depth INTEGER NOT NULL DEFAULT 0,"
	" source_unit TEXT NOT NULL DEFAULT '',"
	" path TEXT NOT NULL DEFAULT '', PRIMARY KEY(struct, member, unit))"
	" WITHOUT ROWID;\n"
	/* variables with external linkage assigned I/O memory */
	"CREATE TABLE IF NOT EXISTS globals(name TEXT NOT NULL,"
	" unit TEXT NOT NULL, display TEXT, file TEXT, line INTEGER,"
	" col INTEGER, mem TEXT, forced INTEGER, producer TEXT,"
	" producer_file TEXT, producer_line INTEGER, producer_col INTEGER,"
	" depth INTEGER NOT NULL DEFAULT 0,"
	" source_unit TEXT NOT NULL DEFAULT '', path TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY(name, unit)) WITHOUT ROWID;\n"
	/* functions that return I/O memory (param 0) or store it through
	 * their parameter N (param N) */
	"CREATE TABLE IF NOT EXISTS returns(function TEXT NOT NULL,"
	" param INTEGER NOT NULL, unit TEXT NOT NULL, file TEXT,"
	" line INTEGER, col INTEGER, mem TEXT, forced INTEGER, producer TEXT,"
	" producer_file TEXT, producer_line INTEGER, producer_col INTEGER,"
	" depth INTEGER NOT NULL DEFAULT 0,"
	" source_unit TEXT NOT NULL DEFAULT '', path TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY(function, param, unit)) WITHOUT ROWID;\n"
	/* how a function uses its parameter N itself: 'plain' (a load, a
	 * store, mem*()/str*(): what) or 'accessor' (given to the accessor
	 * what) */
	"CREATE TABLE IF NOT EXISTS param_access(function TEXT NOT NULL,"
	" unit TEXT NOT NULL, param INTEGER NOT NULL, how TEXT NOT NULL,"
	" what TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,"
	" col INTEGER, static INTEGER, name TEXT,"
	" PRIMARY KEY(function, unit, param, how, what, file, line))"
	" WITHOUT ROWID;\n"
	/* parameter N given on, as argument callee_param, to a function
	 * the unit did not define */
	"CREATE TABLE IF NOT EXISTS param_flow(function TEXT NOT NULL,"
	" unit TEXT NOT NULL, param INTEGER NOT NULL, callee TEXT NOT NULL,"
	" callee_param INTEGER NOT NULL, file TEXT NOT NULL,"
	" line INTEGER NOT NULL, col INTEGER, static INTEGER, name TEXT,"
	" PRIMARY KEY(function, unit, param, callee, callee_param, file,"
	" line)) WITHOUT ROWID;\n"
	/* a value read from a member, a global or the return of a function
	 * (from_*) stored in a member (kind 'member': name is the struct),
	 * a global, or returned / stored through parameter param by a
	 * function (kind 'return'): the merge resolves it into members,
	 * globals and returns rows of depth > 0 */
	"CREATE TABLE IF NOT EXISTS value_flow(kind TEXT NOT NULL,"
	" name TEXT NOT NULL, member TEXT NOT NULL, param INTEGER NOT NULL,"
	" unit TEXT NOT NULL, from_kind TEXT NOT NULL,"
	" from_name TEXT NOT NULL, from_member TEXT NOT NULL, display TEXT,"
	" file TEXT, line INTEGER, col INTEGER, PRIMARY KEY(kind, name,"
	" member, param, unit, from_kind, from_name, from_member))"
	" WITHOUT ROWID;\n"
	/* resolved at merge: parameters used as system memory, directly
	 * (depth 0) or through a chain of param_flow rows (path), the
	 * shortest chain kept */
	"CREATE TABLE IF NOT EXISTS param_plain(function TEXT NOT NULL,"
	" unit TEXT NOT NULL, param INTEGER NOT NULL, static INTEGER,"
	" name TEXT, what TEXT, file TEXT, line INTEGER, col INTEGER,"
	" depth INTEGER, path TEXT, PRIMARY KEY(function, unit, param))"
	" WITHOUT ROWID;\n"
	"CREATE INDEX IF NOT EXISTS members_member ON members(member);\n"
	"CREATE INDEX IF NOT EXISTS members_unit ON members(unit);\n"
	"CREATE INDEX IF NOT EXISTS globals_unit ON globals(unit);\n"
	"CREATE INDEX IF NOT EXISTS returns_unit ON returns(unit);\n"
	"CREATE INDEX IF NOT EXISTS param_access_unit ON param_access(unit);\n"
	"CREATE INDEX IF NOT EXISTS param_flow_unit ON param_flow(unit);\n"
	"CREATE INDEX IF NOT EXISTS value_flow_unit ON value_flow(unit);\n"
	"CREATE INDEX IF NOT EXISTS value_flow_from"
	" ON value_flow(from_kind, from_name, from_member);\n"
	"CREATE INDEX IF NOT EXISTS param_flow_callee"
	" ON param_flow(callee, callee_param);\n";
