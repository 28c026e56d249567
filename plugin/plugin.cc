// SPDX-License-Identifier: GPL-2.0-only
/*
 * iomemcheck GCC plugin: the GCC front end of iomemcheck.
 *
 *  1. Registers sparse's attributes (noderef, address_space, force, and the
 *     other sparse-only ones) so the kernel's checker-mode spelling
 *     `__attribute__((noderef, address_space(__iomem)))` compiles cleanly,
 *     and records which declarations are __iomem ("Annotations").
 *  2. In an ordinary compile the headers define __iomem and __force EMPTY;
 *     the plugin notices those definitions (libcpp define callback) and makes
 *     the macros expand to the checker-mode spelling, without touching any
 *     header.
 *  3. Lowers every function body (PLUGIN_PRE_GENERICIZE, C GENERIC with the
 *     c-family loop trees still in place) to the shared IR of
 *     core/ir/ir.h, following the range contract of docs/ir.md. Where
 *     GENERIC lost what the source said (p[i], casts, compound
 *     assignments, operand order), the source text tells.
 *  4. At the end of the translation unit runs the core's analysis and reports
 *     each finding through GCC's diagnostics, with its fix-its.
 *
 * The plugin changes none of GCC's trees or types, so the object file is
 * the same, byte for byte, with and without it, debug information included
 * (tested: plugin.identical-objects).
 *
 * Options (-fplugin-arg-iomemcheck-KEY[=VALUE]): the table plugin_options
 * below, which plugin_init parses from and GCC's --help shows; the
 * checker's options of the same names say what each does (man page).
 */
#include "internal.h"

__visible int plugin_is_GPL_compatible;

/* ------------------------------------------------------------------------
 * Options: one table, parsed by plugin_init and shown by GCC's --help
 * ------------------------------------------------------------------------ */

struct plugin_option {
	const char *key;
	const char *value; /* what the value names; NULL: takes none */
	const char *help;
	void (*set)(struct imc_plugin_args *args, const char *key,
		    const char *value);
};

static void switch_rules(struct imc_plugin_args *args, const char *key,
			 const char *list);

static const struct plugin_option plugin_options[] = {
	{"rules", "FILE", "load FILE after the default rules (repeatable)",
	 [](imc_plugin_args *a, const char *, const char *v) {
		 a->rules.safe_push(v);
	 }},
	{"dump-ir", NULL, "print the IR of each translation unit to stderr",
	 [](imc_plugin_args *a, const char *, const char *) {
		 a->dump_ir = true;
	 }},
	{"headers", NULL, "also report findings outside the main file",
	 [](imc_plugin_args *a, const char *, const char *) {
		 a->headers = true;
	 }},
	{"cast-to-as", NULL,
	 "also report casts that add __iomem (sparse's -Wcast-to-as)",
	 [](imc_plugin_args *a, const char *, const char *) {
		 a->cast_to_as = true;
	 }},
	{"no-cast-to-as", NULL, "do not (the default)",
	 [](imc_plugin_args *a, const char *, const char *) {
		 a->cast_to_as = false;
	 }},
	{"per-access", NULL,
	 "one finding per access (default: one per function and root cause)",
	 [](imc_plugin_args *a, const char *, const char *) {
		 a->per_access = true;
	 }},
	{"api", "GEN[,GEN]", "apply these API generations' rules",
	 [](imc_plugin_args *a, const char *, const char *v) { a->api = v; }},
	{"disable", "RULE[,RULE]", "report nothing of these rules",
	 switch_rules},
	{"enable", "RULE[,RULE]", "switch them on again (the last wins)",
	 switch_rules},
	{"werror", NULL, "findings are errors",
	 [](imc_plugin_args *a, const char *, const char *) {
		 a->werror = true;
	 }},
	{"fail-on", "RULE[,RULE]", "with werror: only these rules' findings",
	 [](imc_plugin_args *a, const char *, const char *v) {
		 a->fail_on.safe_push(v);
	 }},
	{"baseline", "FILE", "drop the findings FILE records",
	 [](imc_plugin_args *a, const char *, const char *v) {
		 a->baseline = v;
	 }},
	{"report", "FILE", "write the unit's JSON or SARIF report to FILE",
	 [](imc_plugin_args *a, const char *, const char *v) {
		 a->report = v;
	 }},
	{"format", "json|sarif", "the report's format (default: by its name)",
	 [](imc_plugin_args *a, const char *, const char *v) {
		 a->format = v;
	 }},
	{"facts", "DIR", "write the unit's cross-unit facts to DIR",
	 [](imc_plugin_args *a, const char *, const char *v) { a->facts = v; }},
	{"facts-db", "DB", "use other units' facts from DB",
	 [](imc_plugin_args *a, const char *, const char *v) {
		 a->facts_db = v;
	 }},
	{"test-findings", "FILE", "report FILE's findings (for tests)",
	 [](imc_plugin_args *a, const char *, const char *v) {
		 a->test_findings = v;
	 }},
	{"findings", "FILE",
	 "write the findings to FILE for iomemcheck --engine=gcc",
	 [](imc_plugin_args *a, const char *, const char *v) {
		 a->findings_out = v;
	 }},
};

static struct plugin_info iomemcheck_plugin_info = {.version = "0.1",
						    .help = NULL};

/* "KEY[=VALUE]\tHELP\n" per option, for GCC's --help (built once, kept to
 * the end of the process as GCC keeps the plugin info). */
static const char *options_help(void)
{
	static char *help;
	size_t i;

	if (help)
		return help;
	for (i = 0; i < ARRAY_SIZE(plugin_options); i++) {
		const struct plugin_option *o = &plugin_options[i];

		help = reconcat(help, help ? help : "", o->key,
				o->value ? "=" : "", o->value ? o->value : "",
				"\t", o->help, "\n", NULL);
	}
	return help;
}

/* One -fplugin-arg-NAME-KEY[=VALUE]: an unknown key, a missing or an
 * unwanted value is an error. */
static void parse_option(const char *key, const char *value)
{
	struct imc_plugin_args *args = &plugin()->args;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(plugin_options); i++) {
		const struct plugin_option *o = &plugin_options[i];

		if (strcmp(key, o->key))
			continue;
		if (o->value && (!value || !*value))
			error(G_("option %<-fplugin-arg-%s-%s%> needs a value"),
			      args->name, key);
		else if (!o->value && value)
			error(G_("option %<-fplugin-arg-%s-%s%> takes no "
				 "value"),
			      args->name, key);
		else
			o->set(args, key, value);
		return;
	}
	error(G_("unknown option %<-fplugin-arg-%s-%s%>"), args->name, key);
}

/* disable=/enable=, in the order given: the last one wins. */
static void switch_rules(struct imc_plugin_args *args, const char *key,
			 const char *list)
{
	char err[256];

	if (imc_rules_switch(&args->disabled, list, !strcmp(key, "disable"),
			     err, sizeof(err)) < 0)
		error(G_("%<-fplugin-arg-%s-%s%>: %s (see "
			 "%<iomemcheck --list-rules%>)"),
		      args->name, key, err);
}

/* The plugin's state: cc1 compiles one unit per process. */
struct imc_plugin imc_plugin_state;

/* At plugin_init, before the main file is open: GCC says "cc1: error:
 * iomemcheck: FILE:LINE: ...", with no place in the unit. */
static struct imc_rules *load_rules(void)
{
	struct imc_plugin_args *args = &plugin()->args;
	struct imc_rules *rules;
	char err[512];
	unsigned i;

	rules = imc_rules_new();
	err[0] = 0;
	if (imc_rules_load_beside(rules, args->path, err, sizeof(err)) < 0)
		error_at(UNKNOWN_LOCATION, "iomemcheck: %s", err);
	for (i = 0; i < args->rules.length(); i++) {
		err[0] = 0;
		if (imc_rules_load_file(rules, args->rules[i], err,
					sizeof(err)) < 0)
			error_at(UNKNOWN_LOCATION, "iomemcheck: %s", err);
	}
	if (imc_rules_check_api(rules, args->api, err, sizeof(err)) < 0)
		error_at(UNKNOWN_LOCATION,
			 "iomemcheck: %<-fplugin-arg-%s-api%>: %s", args->name,
			 err);
	return rules;
}

/* Through GCC's diagnostics, or to the checker that runs us. */
static void deliver(struct imc_findings *findings)
{
	if (plugin()->args.findings_out)
		hand_over_findings(findings);
	else
		report_findings(findings);
}

/* facts=DIR: the unit's facts, collected by its analysis; the object file
 * is the same with them or without (plugin.facts-identical-objects). */
static void write_facts(struct imc_facts *facts)
{
	char err[4096 + 128];

	if (facts &&
	    imc_facts_write(facts, plugin()->args.facts, err, sizeof(err)) < 0)
		error("iomemcheck: %s", err);
	imc_facts_free(facts);
}

static void free_rules(void)
{
	imc_rules_free(plugin()->rules);
	plugin()->rules = NULL;
}

static void finish_unit(void *event_data, void *data)
{
	struct imc_plugin_unit *unit = &plugin()->unit;
	struct imc_options opts = {};
	struct imc_findings findings = {};

	(void)event_data;
	(void)data;
	if (unit->done || flag_preprocess_only)
		return;
	unit->done = true;
	if (!unit->tu && !plugin()->args.test_findings) {
		/* No function: nothing to check (a bad rules file was an error
		 * at plugin_init) */
		if (!seen_error())
			deliver(&findings);
		free_rules();
		return;
	}
	ensure_tu();
	imc_tu_sort_funcs(unit->tu);
	if (plugin()->args.dump_ir)
		imc_tu_dump(unit->tu, stderr);
	if (plugin()->args.test_findings) {
		read_test_file(plugin()->args.test_findings, &findings);
		report_findings(&findings);
		imc_findings_free(&findings);
	} else if (!seen_error()) {
		opts.report_headers = plugin()->args.headers;
		opts.cast_to_as = plugin()->args.cast_to_as;
		opts.per_access = plugin()->args.per_access;
		opts.api = plugin()->args.api;
		opts.sources = src_cache();
		opts.facts_db = plugin()->args.facts_db;
		opts.facts = plugin()->args.facts ? imc_facts_new() : NULL;
		imc_analyze(unit->tu, plugin()->rules, &opts, &findings);
		deliver(&findings);
		imc_findings_free(&findings);
		write_facts(opts.facts);
		imc_work_report();
	}
	free_rules();
	delete unit->type_cache;
	delete unit->decl_type_cache;
	unit->type_cache = NULL;
	unit->decl_type_cache = NULL;
	imc_tu_free(unit->tu);
	unit->tu = NULL;
	imc_deferred_free(unit->deferred);
	unit->deferred = NULL;
	src_free();
}

/* ------------------------------------------------------------------------
 * Initialisation
 * ------------------------------------------------------------------------ */

/* fail-on= names rules of the catalogue (a typo would fail nothing), and
 * the report's format is known before anything is compiled. */
static void check_policy_args(void)
{
	struct imc_plugin_args *args = &plugin()->args;
	char err[1024];
	unsigned i;

	for (i = 0; i < args->fail_on.length(); i++)
		if (imc_rule_list_check(args->fail_on[i], err, sizeof(err)) < 0)
			error(G_("%<-fplugin-arg-%s-fail-on%>: %s (see "
				 "%<iomemcheck --list-rules%>)"),
			      args->name, err);
	if (args->format && imc_report_format("", args->format) < 0)
		error(G_("%<-fplugin-arg-%s-format%>: %qs is not json or "
			 "sarif"),
		      args->name, args->format);
	else if (args->report &&
		 imc_report_format(args->report, args->format) < 0)
		error(G_("%<-fplugin-arg-%s-report%>: %qs: name a %<.json%> or "
			 "%<.sarif%> file, or give %<-fplugin-arg-%s-format%>"),
		      args->name, args->report, args->name);
	else if (args->format && !args->report)
		error(G_("%<-fplugin-arg-%s-format%> without "
			 "%<-fplugin-arg-%s-report%>"),
		      args->name, args->name);
	/* before the unit is compiled, not after (as the checker's -o) */
	else if (args->report &&
		 imc_output_check(args->report, false, err, sizeof(err)) < 0)
		error(G_("%<-fplugin-arg-%s-report%>: %s"), args->name, err);
	if (args->facts_db &&
	    imc_facts_db_check(args->facts_db, err, sizeof(err)) < 0)
		error(G_("%<-fplugin-arg-%s-facts-db%>: %s"), args->name, err);
}

__visible int plugin_init(struct plugin_name_args *plugin_info,
			  struct plugin_gcc_version *version)
{
	struct imc_plugin_args *args = &plugin()->args;
	int i;

	args->name = plugin_info->base_name;
	args->path = plugin_info->full_name;
	if (!plugin_default_version_check(version, &gcc_version)) {
		error(G_("incompatible gcc/plugin versions"));
		return 1;
	}
	for (i = 0; i < plugin_info->argc; i++)
		parse_option(plugin_info->argv[i].key,
			     plugin_info->argv[i].value);
	iomemcheck_plugin_info.help = options_help();

	check_policy_args();

	/* C only: in cc1plus and the other front ends the plugin does
	 * nothing (a build's CFLAGS may reach a C++ compile) */
	if (strncmp(lang_hooks.name, "GNU C", 5) || lang_hooks.name[5] == '+')
		return 0;

	plugin()->annots.by_decl = new hash_map<tree, struct annot>;
	plugin()->annots.fnptr_params = new hash_map<tree, struct fnptr_annot>;
	plugin()->annots.by_name = new hash_map<tree, uint32_t>;
	plugin()->gcc.attribute_takes_identifier_p =
		targetm.attribute_takes_identifier_p;
	targetm.attribute_takes_identifier_p = imc_attribute_takes_identifier_p;

	register_callback(args->name, PLUGIN_INFO, NULL,
			  &iomemcheck_plugin_info);
	if (flag_preprocess_only) {
		/* -E (-save-temps, distcc, ccache): no unit is compiled, but
		 * the output must carry the annotations the compile of it will
		 * read, so restore them from the main file's first line on,
		 * where PLUGIN_START_UNIT would. */
		register_callback(args->name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
				  (void *)restore_roots);
		register_callback(args->name, PLUGIN_INCLUDE_FILE, start_unit,
				  NULL);
		return 0;
	}
	plugin()->rules = load_rules();
	register_callback(args->name, PLUGIN_ATTRIBUTES, register_attributes,
			  NULL);
	register_callback(args->name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
			  (void *)restore_roots);
	register_callback(args->name, PLUGIN_START_UNIT, start_unit, NULL);
	register_callback(args->name, PLUGIN_FINISH_DECL, finish_decl, NULL);
	register_callback(args->name, PLUGIN_START_PARSE_FUNCTION,
			  start_parse_function, NULL);
	register_callback(args->name, PLUGIN_PRE_GENERICIZE, lower_function,
			  NULL);
	/* FINISH_UNIT is skipped with -fsyntax-only and after errors */
	register_callback(args->name, PLUGIN_FINISH_UNIT, finish_unit, NULL);
	register_callback(args->name, PLUGIN_FINISH, finish_unit, NULL);
	return 0;
}
