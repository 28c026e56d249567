/* SPDX-License-Identifier: GPL-2.0-only */
/* Command line: our own options, and the compiler flags kbuild passes. */
#ifndef IOMEMCHECK_CHECKER_OPTIONS_H
#define IOMEMCHECK_CHECKER_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct imc_strv {
	const char **v;
	size_t n, cap;
};
void imc_strv_push(struct imc_strv *sv, const char *s);
void imc_strv_free(struct imc_strv *sv);

/* The compiler arguments that matter for parsing, ready for libclang. */
struct imc_ccargs {
	struct imc_strv args; /* -D/-U/-I/-include/-std=/-m64 ... in order */
	struct imc_strv owned; /* the strings of args we allocated */
	const char *arch; /* sparse's --arch=, mapped to a target */
	const char *target; /* --target= / -target */
	/* the target a cross compiler's name gives (aarch64-linux-gnu-gcc),
	 * used when neither of the above is given */
	const char *compiler_target;
	char endian; /* 'b' -mbig-endian, 'l' -mlittle-endian, 0 neither */
	/* for the GCC engine: every compiler option as given, in order
	 * (inputs aside), and a database entry's compiler (argv[0]) */
	struct imc_strv given;
	const char *compiler;
};

struct imc_cli {
	/* our options (see the table in options.c) */
	struct imc_strv rules;
	bool dump_ir;
	bool report_headers;
	bool cast_to_as; /* -Wcast-to-as (sparse's), -Wno-cast-to-as */
	bool per_access; /* --per-access */
	const char *api; /* --api GEN[,GEN]: API generations (rules) */
	bool parseable_fixits;
	bool no_caret; /* -fno-diagnostics-show-caret */
	bool exit_zero; /* findings do not make the exit status 1 */
	bool werror; /* findings make it 1, even under kbuild */
	bool sparse_error; /* -Wsparse-error: findings are errors, exit 1 */
	bool werror_flag; /* -Werror: the same, except under kbuild */
	uint64_t disabled; /* -Wno-RULE: bits as imc_policy.disabled */
	/* -Wno-iomem-foo, -Wmap-bar: not a rule, ignored with a warning */
	struct imc_strv unknown_rule_flags;
	struct imc_strv fail_on; /* only these rules fail (comma lists) */
	const char *format; /* text (default), json, sarif */
	const char *output; /* --output: where json/sarif go */
	const char *output_o; /* -o: the same, unless it is GCC's object */
	bool fix, fix_dry_run;
	const char *baseline, *write_baseline;
	const char *diff_rev; /* --diff=REV */
	bool version, help, list_rules;
	const char *explain; /* --explain RULE */
	const char *build_dir; /* -p */
	const char *jobs_arg; /* -j N, as given */
	unsigned jobs; /* parsed; default: the CPUs we may use */
	const char *shard_arg; /* --shard K/N, as given */
	unsigned shard_k, shard_n; /* 1 <= k <= n; n = 0: no sharding */
	bool merge; /* --merge REPORT...: join shards' reports */
	/* --engine=gcc: GCC with the plugin parses (gccengine.c), not
	 * libclang; --gcc: which GCC, --plugin: which plugin */
	const char *engine;
	bool engine_gcc;
	const char *gcc, *plugin;
	const char *facts_out; /* --facts-out DIR: collect the units' facts */
	const char *facts_db; /* --facts DB: use other units' facts */
	bool facts_merge; /* --facts-merge DIR... -o DB */

	struct imc_strv files;
	struct imc_ccargs cc;
};

/* Parses argv. On error returns -1 with a message (without the
 * "iomemcheck: " prefix) in err. */
int imc_cli_parse(struct imc_cli *cli, int argc, char **argv, char *err,
		  size_t errlen);
void imc_cli_free(struct imc_cli *cli);
void imc_cli_print_help(FILE *out);

/* Filters one compiler command line (a compile_commands.json entry, argv[0]
 * = the compiler): keeps what matters for parsing, drops inputs, outputs
 * and everything else. Never fails. */
void imc_cc_filter(struct imc_ccargs *cc, int argc, const char *const *argv);
/* The target given on our own command line (--target=, --arch=,
 * -mbig-endian/-mlittle-endian) wins over a compile database entry's. */
void imc_cc_override_target(struct imc_ccargs *cc,
			    const struct imc_ccargs *cli);
void imc_ccargs_free(struct imc_ccargs *cc);

/* The file name of PATH, after its last '/'. */
const char *imc_base_name(const char *path);
/* The target a cross compiler's name says (malloc'd): aarch64-linux-gnu
 * of aarch64-linux-gnu-gcc, sparc64-linux-gnu-gcc-12, powerpc64-linux-gnu-cc
 * or arm-linux-gnueabihf-clang; NULL for gcc, cc, clang-19 or a name
 * without a triple. The checker parses for it, the GCC engine looks for
 * the plugin built for it. */
char *imc_compiler_triple(const char *path);

/* The full argument vector for clang_parseTranslationUnit: our fixed
 * definitions, then cc's arguments, then the target. Free with
 * imc_strv_free (the strings belong to cc or are static). */
void imc_clang_args(const struct imc_ccargs *cc, struct imc_strv *out);

#endif
