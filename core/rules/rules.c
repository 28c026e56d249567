// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loader for the rules/ files (NAME.rules): a line-oriented format small enough to read at a
 * glance and to fuzz (fuzz/fuzz_rules.c):
 *
 *   DIRECTIVE  NAME  [key=value ...]  [-> template]
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iomemcheck.h"
#include "rules.h"

static const char *const directive_names[IMC_R_COUNT] = {
	[IMC_R_IO_SOURCE] = "io-source", [IMC_R_ACCESSOR] = "accessor",
	[IMC_R_MEMFN] = "memfn",	 [IMC_R_MAP_STRUCT] = "map-struct",
	[IMC_R_MAP_SET] = "map-set",	 [IMC_R_MAP_UNMAP] = "map-unmap",
	[IMC_R_MAP_INCR] = "map-incr",	 [IMC_R_MAP_TEST] = "map-test",
	[IMC_R_REWRITE] = "rewrite",	 [IMC_R_IO_FIELD] = "io-field",
	[IMC_R_LE_TO_CPU] = "le-to-cpu",
};

struct parse {
	struct imc_rules *rules;
	const char *file;
	int line;
	char *err;
	size_t errlen;
	const struct imc_generation *gen; /* of the lines that follow */
};

static int fail(struct parse *p, const char *fmt, const char *arg)
{
	char reason[256];

	snprintf(reason, sizeof(reason), fmt, arg);
	snprintf(p->err, p->errlen, "%s:%d: %s", p->file, p->line, reason);
	return -1;
}

struct imc_rules *imc_rules_new(void)
{
	return imc_xcalloc(1, sizeof(struct imc_rules));
}

void imc_rules_free(struct imc_rules *rules)
{
	size_t i;

	if (!rules)
		return;
	for (i = 0; i < rules->n; i++)
		free(rules->all[i]);
	free(rules->all);
	for (i = 0; i < rules->ngens; i++)
		free(rules->gens[i]);
	free(rules->gens);
	for (i = 0; i < IMC_R_COUNT; i++)
		imc_ptrmap_free(&rules->by_name[i]);
	imc_strset_free(&rules->strings);
	free(rules);
}

static const char *intern(struct parse *p, const char *s)
{
	return imc_strset_intern(&p->rules->strings, s);
}

static int parse_state(struct parse *p, const char *v, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned state;
	} states[] = {
		{"system", IMC_MAP_SYSTEM},
		{"io", IMC_MAP_IO},
		{"maybe", IMC_MAP_MAYBE},
		{"null", IMC_MAP_NULL},
	};
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (!strcmp(v, states[i].name)) {
			*out = states[i].state;
			return 0;
		}
	return fail(p, "unknown map state '%s' (system, io, maybe, null)", v);
}

static int parse_position(struct parse *p, const char *v, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 1 || n > 64)
		return fail(p, "argument position '%s' is not 1..64", v);
	*out = (int)n;
	return 0;
}

/*
 * The rewrite vocabulary, closed (docs/rules-format.md): the conditions a
 * subject takes (the C code composes exactly these) and the placeholders a
 * template may name. A rules file outside it would silently never match,
 * so it is refused at load.
 */
struct rewrite_cond {
	const char *key;
	const char *const *values; /* NULL-terminated */
};

static const char *const map_values[] = {"map", NULL};
static const char *const mem_values[] = {"io", "map", "map-copy", NULL};
static const char *const copy_values[] = {"map-copy", NULL};
static const char *const width_values[] = {"1", "2", "4", "8", NULL};

/* load and store */
static const struct rewrite_cond access_conds[] = {
	{"size", width_values}, {"plain", width_values},
	{"from", map_values},	{"field", map_values},
	{NULL, NULL},
};
/* declare and step: a pointer walking a map, as a walking copy of it */
static const struct rewrite_cond walk_conds[] = {
	{"of", copy_values},
	{NULL, NULL},
};
/* a function's arguments */
static const struct rewrite_cond call_conds[] = {
	{"dst", mem_values},
	{"src", mem_values},
	{NULL, NULL},
};

static const char *const placeholders[] = {
	"map", "off",	 "ptr",	   "val",   "type",
	"n",   "mapobj", "struct", "field", NULL,
};

static bool in_list(const char *const *list, const char *word, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && !strncmp(*list, word, len))
			return true;
	return false;
}

static const struct rewrite_cond *conds_of(const char *subject)
{
	if (!strcmp(subject, "load") || !strcmp(subject, "store"))
		return access_conds;
	if (!strcmp(subject, "declare") || !strcmp(subject, "step"))
		return walk_conds;
	return call_conds;
}

static int check_condition(struct parse *p, const struct imc_rule *r)
{
	const struct rewrite_cond *c = conds_of(r->name);
	const char *eq = strchr(r->when, '=');
	size_t klen = (size_t)(eq - r->when);

	for (; c->key; c++)
		if (strlen(c->key) == klen && !strncmp(c->key, r->when, klen))
			break;
	if (!c->key || !in_list(c->values, eq + 1, strlen(eq + 1)))
		return fail(
			p,
			"unknown rewrite condition '%s' (docs/rules-format.md)",
			r->when);
	return 0;
}

/* $1..$8 and the named placeholders. */
static int check_placeholders(struct parse *p, const char *tmpl)
{
	const char *t, *e;

	for (t = strchr(tmpl, '$'); t; t = strchr(t + 1, '$')) {
		for (e = t + 1; isalnum((unsigned char)*e) || *e == '_'; e++)
			;
		if (e - t == 2 && t[1] >= '1' && t[1] <= '8')
			continue;
		if (!in_list(placeholders, t + 1, (size_t)(e - t - 1))) {
			char word[64];

			snprintf(word, sizeof(word), "%.*s", (int)(e - t), t);
			return fail(p,
				    "unknown placeholder '%s' "
				    "(docs/rules-format.md)",
				    word);
		}
	}
	return 0;
}

/* One key=value attribute; which keys a directive accepts is checked here. */
static int parse_attr(struct parse *p, struct imc_rule *r, char *attr)
{
	char *eq = strchr(attr, '=');
	const char *v;

	if (!eq || eq == attr || !eq[1])
		return fail(p, "expected key=value, got '%s'", attr);
	*eq = '\0';
	v = eq + 1;
	if (r->directive == IMC_R_REWRITE) {
		*eq = '=';
		if (r->when)
			return fail(
				p,
				"rewrite takes one condition, '%s' is a second",
				attr);
		r->when = intern(p, attr);
		return 0;
	}
	if (r->directive == IMC_R_MAP_STRUCT) {
		if (!strcmp(attr, "sys"))
			r->sys_member = intern(p, v);
		else if (!strcmp(attr, "io"))
			r->io_member = intern(p, v);
		else if (!strcmp(attr, "flag"))
			r->flag_member = intern(p, v);
		else
			return fail(p, "unknown key '%s' (sys, io, flag)",
				    attr);
		return 0;
	}
	if (r->directive == IMC_R_IO_SOURCE || r->directive == IMC_R_IO_FIELD) {
		if (!strcmp(attr, "mem") &&
		    (!strcmp(v, "io") || !strcmp(v, "maybe"))) {
			r->state = strcmp(v, "io") ? IMC_MAP_MAYBE : IMC_MAP_IO;
			return 0;
		}
		if (!strcmp(attr, "mem"))
			return fail(p, "mem=%s: expected mem=io or mem=maybe",
				    v);
		if (r->directive == IMC_R_IO_SOURCE && !strcmp(attr, "out"))
			return parse_position(p, v, &r->out);
		if (r->directive == IMC_R_IO_SOURCE && !strcmp(attr, "flag"))
			return parse_position(p, v, &r->flag);
		return fail(
			p,
			"unknown key '%s' (mem, and out, flag for io-source)",
			attr);
	}
	if (r->directive == IMC_R_LE_TO_CPU) {
		if (strcmp(attr, "size"))
			return fail(p, "unknown key '%s' (size)", attr);
		if (!in_list(width_values + 1, v, strlen(v)))
			return fail(p, "size=%s: expected 2, 4 or 8", v);
		r->size = atoi(v);
		return 0;
	}
	if (!strcmp(attr, "map"))
		return parse_position(p, v, &r->map);
	if (!strcmp(attr, "dst"))
		return parse_position(p, v, &r->dst);
	if (!strcmp(attr, "src"))
		return parse_position(p, v, &r->src);
	if (!strcmp(attr, "src2"))
		return parse_position(p, v, &r->src2);
	if (!strcmp(attr, "state") || !strcmp(attr, "true"))
		return parse_state(p, v, &r->state);
	if (!strcmp(attr, "false"))
		return parse_state(p, v, &r->false_state);
	return fail(p, "unknown key '%s'", attr);
}

static int check_complete(struct parse *p, const struct imc_rule *r)
{
	switch (r->directive) {
	case IMC_R_MAP_SET:
		if (!r->map || !r->state)
			return fail(p, "%s needs map=N and state=S", "map-set");
		break;
	case IMC_R_MAP_UNMAP:
	case IMC_R_MAP_INCR:
	case IMC_R_MAP_TEST:
		if (!r->map)
			return fail(p, "%s needs map=N",
				    directive_names[r->directive]);
		break;
	case IMC_R_MAP_STRUCT:
		if (!r->sys_member || !r->io_member || !r->flag_member)
			return fail(p, "%s needs sys=, io= and flag=",
				    "map-struct");
		break;
	case IMC_R_REWRITE:
		if (!r->when || !r->tmpl)
			return fail(p, "%s needs a condition and '-> template'",
				    "rewrite");
		if (check_condition(p, r) || check_placeholders(p, r->tmpl))
			return -1;
		break;
	case IMC_R_LE_TO_CPU:
		if (!r->size)
			return fail(p, "%s needs size=N", "le-to-cpu");
		break;
	case IMC_R_IO_FIELD:
		if (!strchr(r->name, '.'))
			return fail(p, "io-field needs STRUCT.MEMBER, got '%s'",
				    r->name);
		break;
	default:
		break;
	}
	return 0;
}

static void add_rule(struct imc_rules *rules, struct imc_rule *r)
{
	struct imc_ptrmap *map = &rules->by_name[r->directive];
	struct imc_rule *head = imc_ptrmap_get(map, (uintptr_t)r->name);

	/* Later files extend earlier ones; keep definition order per name. */
	if (head) {
		while (head->next_same_name)
			head = head->next_same_name;
		head->next_same_name = r;
	} else {
		imc_ptrmap_put(map, (uintptr_t)r->name, r);
	}
	if (rules->n == rules->cap) {
		rules->cap = rules->cap ? rules->cap * 2 : 64;
		rules->all = imc_xrealloc(rules->all,
					  rules->cap * sizeof(*rules->all));
	}
	rules->all[rules->n++] = r;
}

static int find_directive(const char *word)
{
	int d;

	for (d = 0; d < IMC_R_COUNT; d++)
		if (!strcmp(word, directive_names[d]))
			return d;
	return -1;
}

static bool is_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* STRUCT.MEMBER, for io-field */
static bool is_member_name(const char *s)
{
	const char *dot = strchr(s, '.');
	char head[256];

	if (!dot || (size_t)(dot - s) >= sizeof(head))
		return false;
	memcpy(head, s, (size_t)(dot - s));
	head[dot - s] = '\0';
	return is_name(head) && is_name(dot + 1);
}

const struct imc_generation *imc_rules_generation(const struct imc_rules *rules,
						  const char *name)
{
	size_t i;

	for (i = 0; i < rules->ngens; i++)
		if (!strcmp(rules->gens[i]->name, name))
			return rules->gens[i];
	return NULL;
}

/* generation NAME if=SYMBOL... [unless=SYMBOL...]: scopes the rest of the file. */
static int parse_generation(struct parse *p, char **save)
{
	struct imc_generation *g;
	char *word = strtok_r(NULL, " \t\r", save);

	if (!word || strspn(word, "abcdefghijklmnopqrstuvwxyz0123456789.-") !=
			     strlen(word))
		return fail(p, "%s",
			    "generation needs a name of a-z, 0-9, '.' and '-'");
	if (imc_rules_generation(p->rules, word))
		return fail(p, "generation '%s' is defined twice", word);
	g = imc_xcalloc(1, sizeof(*g));
	g->name = intern(p, word);
	g->file = intern(p, p->file);
	while ((word = strtok_r(NULL, " \t\r", save))) {
		bool is_if = !strncmp(word, "if=", 3);
		bool is_unless = !strncmp(word, "unless=", 7);
		const char *sym = is_if ? word + 3 : is_unless ? word + 7 : "";
		unsigned *n = is_if ? &g->nif : &g->nunless;

		if (!is_name(sym) || *n == IMC_GEN_SYMS) {
			free(g);
			return fail(p,
				    "generation: '%s' is not if=SYMBOL or "
				    "unless=SYMBOL (at most 4 each)",
				    word);
		}
		(is_if ? g->if_sym : g->unless_sym)[(*n)++] = intern(p, sym);
	}
	if (!g->nif) {
		free(g);
		return fail(p, "%s", "generation needs at least one if=SYMBOL");
	}
	p->rules->gens =
		imc_xrealloc(p->rules->gens,
			     (p->rules->ngens + 1) * sizeof(*p->rules->gens));
	p->rules->gens[p->rules->ngens++] = g;
	p->gen = g;
	return 0;
}

static int parse_line(struct parse *p, char *line)
{
	char *arrow, *save = NULL, *word;
	struct imc_rule *r;
	int d;

	line[strcspn(line, "#")] = '\0';
	arrow = strstr(line, "->");
	if (arrow)
		*arrow = '\0';
	word = strtok_r(line, " \t\r", &save);
	if (!word)
		return arrow ? fail(p, "%s", "'->' without a directive") : 0;
	if (!strcmp(word, "generation"))
		return arrow ? fail(p, "%s",
				    "'-> template' belongs to a rewrite line")
			     : parse_generation(p, &save);
	d = find_directive(word);
	if (d < 0)
		return fail(p, "unknown directive '%s'", word);
	word = strtok_r(NULL, " \t\r", &save);
	if (!word ||
	    !(d == IMC_R_IO_FIELD ? is_member_name(word) : is_name(word)))
		return fail(p,
			    d == IMC_R_IO_FIELD
				    ? "%s needs STRUCT.MEMBER after it"
				    : "%s needs a C identifier after it",
			    directive_names[d]);
	r = imc_xcalloc(1, sizeof(*r));
	r->directive = (enum imc_directive)d;
	r->name = intern(p, word);
	r->file = intern(p, p->file);
	r->gen = p->gen;
	if (d == IMC_R_IO_SOURCE || d == IMC_R_IO_FIELD)
		r->state = IMC_MAP_IO;
	r->line = p->line;
	while ((word = strtok_r(NULL, " \t\r", &save)))
		if (parse_attr(p, r, word))
			goto bad;
	if (arrow) {
		char *t = arrow + 2;

		while (isspace((unsigned char)*t))
			t++;
		t[strcspn(t, "\r")] = '\0';
		if (d != IMC_R_REWRITE || !*t) {
			fail(p, "%s",
			     "'-> template' belongs to a rewrite line");
			goto bad;
		}
		r->tmpl = intern(p, t);
	}
	if (check_complete(p, r))
		goto bad;
	add_rule(p->rules, r);
	return 0;
bad:
	free(r);
	return -1;
}

static int load_stream(struct parse *p, FILE *f)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int ret = 0;

	while (!ret && (len = getline(&buf, &cap, f)) >= 0) {
		p->line++;
		if (len > 4095)
			ret = fail(p, "%s", "line longer than 4095 bytes");
		else if (memchr(buf, '\0', (size_t)len))
			ret = fail(p, "%s", "NUL byte in rules file");
		else if (buf[strcspn(buf, "\n")] = '\0', parse_line(p, buf))
			ret = -1;
	}
	if (!ret && ferror(f))
		ret = fail(p, "%s", strerror(errno));
	free(buf);
	return ret;
}

/* A rules file is a few KiB; the cap keeps /dev/zero or a runaway pipe
 * from taking all memory. */
#define RULES_FILE_MAX (16u << 20)

int imc_rules_load_file(struct imc_rules *rules, const char *path, char *err,
			size_t errlen)
{
	size_t len;
	char *text = imc_read_input(path, RULES_FILE_MAX, &len, err, errlen);
	int ret;

	if (!text)
		return -1;
	ret = imc_rules_load_buffer(rules, path, text, len, err, errlen);
	free(text);
	return ret;
}

/* Rules from a memory buffer: the fuzzer's entry point. */
int imc_rules_load_buffer(struct imc_rules *rules, const char *name,
			  const char *data, size_t len, char *err,
			  size_t errlen)
{
	struct parse p = {rules, name, 0, err, errlen, NULL};
	FILE *f = fmemopen((void *)data, len ? len : 1, "r");
	int ret;

	if (!f) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		return -1;
	}
	ret = len ? load_stream(&p, f) : 0;
	fclose(f);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files load in name order so that the result never depends on readdir. */
static int load_dir(struct imc_rules *rules, const char *dir, char *err,
		    size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int ret = 0;

	if (!d) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len > 6 && !strcmp(e->d_name + len - 6, ".rules")) {
			names = imc_xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = imc_xasprintf("%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		if (!ret)
			ret = imc_rules_load_file(rules, names[i], err, errlen);
		free(names[i]);
	}
	free(names);
	if (!n && !ret) {
		snprintf(err, errlen, "%s: no *.rules files", dir);
		ret = -1;
	}
	return ret;
}

static bool is_dir(const char *path)
{
	DIR *d = opendir(path);

	if (d)
		closedir(d);
	return d != NULL;
}

/*
 * PREFIX/share/iomemcheck/rules of the tree a tool is installed in, found
 * from the tool's own file ANCHOR: PREFIX/bin/iomemcheck for the checker,
 * PREFIX/lib[/ARCH]/iomemcheck/iomemcheck.so for the plugin (in cc1,
 * /proc/self/exe is cc1). The nearest ancestor of ANCHOR that has it wins:
 * an installed tree that was moved, or installed with `cmake --install
 * --prefix`.
 */
static bool beside_anchor(const char *anchor, char *dir, size_t len)
{
	char path[PATH_MAX];
	char *slash;
	int up;

	if (!anchor || !realpath(anchor, path))
		return false;
	for (up = 0; up < 4; up++) {
		slash = strrchr(path, '/');
		if (!slash || slash == path)
			return false;
		*slash = '\0';
		snprintf(dir, len, "%s/share/iomemcheck/rules", path);
		if (is_dir(dir))
			return true;
	}
	return false;
}

int imc_rules_load_beside(struct imc_rules *rules, const char *anchor,
			  char *err, size_t errlen)
{
	const char *env = getenv("IOMEMCHECK_RULES_DIR");
	char near[PATH_MAX + 32];

	if (env && *env)
		return load_dir(rules, env, err, errlen);
	if (beside_anchor(anchor, near, sizeof(near)))
		return load_dir(rules, near, err, errlen);
	/* An installed copy wins; the source tree serves uninstalled builds. */
	if (is_dir(IMC_RULES_INSTALL_DIR))
		return load_dir(rules, IMC_RULES_INSTALL_DIR, err, errlen);
	return load_dir(rules, IMC_RULES_BUILD_DIR, err, errlen);
}

int imc_rules_load_default(struct imc_rules *rules, char *err, size_t errlen)
{
	return imc_rules_load_beside(rules, "/proc/self/exe", err, errlen);
}

const struct imc_rule *imc_rules_find(const struct imc_rules *rules,
				      enum imc_directive d, const char *name)
{
	const char *key = name ? imc_strset_find(&rules->strings, name) : NULL;

	return key ? imc_ptrmap_get(&rules->by_name[d], (uintptr_t)key) : NULL;
}

const char *imc_rules_rewrite(const struct imc_rules *rules,
			      const char *subject, const char *when)
{
	const struct imc_rule *r =
		imc_rules_find(rules, IMC_R_REWRITE, subject);

	for (; r; r = r->next_same_name)
		if (!strcmp(r->when, when))
			return r->tmpl;
	return NULL;
}

int imc_rules_check_api(const struct imc_rules *rules, const char *api,
			char *err, size_t errlen)
{
	char *copy, *name, *save = NULL;
	int ret = 0;

	if (!api || !strcmp(api, "auto"))
		return 0;
	copy = imc_xstrdup(api);
	for (name = strtok_r(copy, ",", &save); name && !ret;
	     name = strtok_r(NULL, ",", &save))
		if (!imc_rules_generation(rules, name)) {
			size_t i, len;

			len = (size_t)snprintf(
				err, errlen,
				"unknown API generation '%s' (auto", name);
			for (i = 0; i < rules->ngens && len < errlen; i++)
				len += (size_t)snprintf(err + len, errlen - len,
							", %s",
							rules->gens[i]->name);
			if (len < errlen)
				snprintf(err + len, errlen - len, ")");
			ret = -1;
		}
	free(copy);
	return ret;
}
