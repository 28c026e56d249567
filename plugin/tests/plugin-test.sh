#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Tests of the GCC plugin, one per name:
#   sh plugin-test.sh TEST GCC PLUGIN TESTS_DIR MAPAPI_INCLUDE
# Prints what it runs; exits 0 on success, 1 with a FAIL line otherwise.

set -u
test_name=$1
GCC=$2
PLUGIN=$3
TESTS=$4
MAPAPI=$5
TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-plugin.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TESTS" || exit 1
export LC_ALL=C

fail() {
	echo "FAIL $test_name: $*"
	for f in out err; do
		[ -s "$TMP/$f" ] && { echo "--- $f"; cat "$TMP/$f"; }
	done
	exit 1
}

# run_gcc ARGS...: status in $status, output in $TMP/out and $TMP/err
run_gcc() {
	echo "\$ gcc $*"
	"$GCC" "$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

plugin() {
	run_gcc -fplugin="$PLUGIN" "$@"
}

expect_ok() {
	[ "$status" -eq 0 ] || fail "exit status $status, expected 0"
}

expect_fail() {
	[ "$status" -ne 0 ] || fail "exit status 0, expected failure"
}

expect_err() {
	grep -Eq -- "$1" "$TMP/err" || fail "stderr does not match /$1/"
}

# No diagnostic but the plugin's own findings: no GCC warning, no error.
expect_only_findings() {
	if grep -E ': (warning|error):' "$TMP/err" |
	   grep -Ev ': warning: .* \[[a-z0-9][a-z0-9-]*\]$' |
	   grep -q .; then
		fail "diagnostics other than findings"
	fi
}

# The IR dump in $TMP/err, without findings.
dump_to() {
	grep -v -E '^[^ ].*:[0-9]+:[0-9]+: |^fix-it:' "$TMP/err" >"$1"
}

case $test_name in
lowering)
	# The IR of every construct, against the expected dump.
	plugin -fplugin-arg-iomemcheck-dump-ir \
		-fplugin-arg-iomemcheck-test-findings=/dev/null \
		-fsyntax-only -Wall -Wextra lowering.c
	expect_ok
	dump_to "$TMP/ir"
	diff -u lowering.ir "$TMP/ir" || fail "IR differs from lowering.ir"
	;;
identical-objects)
	# The plugin never changes generated code (or debug information):
	# byte-identical objects unless the debug information records the
	# command line (then identical but for DW_AT_producer).
	for f in lowering.c odd.c iomem.c diag.c; do
		for flags in "-O2" "-O0" "-O2 -g -gno-record-gcc-switches" \
			     "-Os -g3 -gno-record-gcc-switches" \
			     "-O2 -D__CHECKER__"; do
			# shellcheck disable=SC2086
			run_gcc -w -I"$MAPAPI" $flags -c "$f" -o "$TMP/plain.o"
			[ "$status" -eq 0 ] || continue # -D__CHECKER__ w/o plugin
			# shellcheck disable=SC2086
			plugin -w -I"$MAPAPI" $flags -c "$f" -o "$TMP/plugin.o"
			expect_ok
			cmp "$TMP/plain.o" "$TMP/plugin.o" ||
				fail "$f $flags: object files differ"
		done
		# Debug information that records the command line (GCC's
		# default -grecord-gcc-switches, as kbuild builds with -g):
		# DW_AT_producer names -fplugin=, so the objects differ there
		# and only there: the same without the debug sections, and
		# the same code
		for flags in "-O2 -g" "-O2 -g -gdwarf-4" "-Os -g3"; do
			# shellcheck disable=SC2086
			run_gcc -w -I"$MAPAPI" $flags -c "$f" -o "$TMP/plain.o"
			expect_ok
			# shellcheck disable=SC2086
			plugin -w -I"$MAPAPI" $flags -c "$f" -o "$TMP/plugin.o"
			expect_ok
			readelf --debug-dump=info "$TMP/plugin.o" |
				grep DW_AT_producer | grep -q -- "-fplugin=" ||
				fail "$f $flags: -fplugin= not in DW_AT_producer"
			if cmp -s "$TMP/plain.o" "$TMP/plugin.o"; then
				fail "$f $flags: identical, the producer unrecorded?"
			fi
			for o in plain plugin; do
				objcopy --strip-debug "$TMP/$o.o" "$TMP/$o.nodebug.o"
				objcopy -O binary --only-section=.text \
					"$TMP/$o.o" "$TMP/$o.text"
			done
			cmp "$TMP/plain.nodebug.o" "$TMP/plugin.nodebug.o" ||
				fail "$f $flags: differ outside the debug sections"
			cmp "$TMP/plain.text" "$TMP/plugin.text" ||
				fail "$f $flags: .text differs"
		done
	done
	;;
checker-mode)
	# The kernel's checker-mode spelling compiles cleanly with -Wall.
	plugin -I"$MAPAPI" -D__CHECKER__ -Wall -Wextra -c iomem.c \
		-o "$TMP/x.o"
	expect_ok
	expect_only_findings
	plugin -I"$MAPAPI" -D__CHECKER__ -Wall -Wextra -Werror -c odd.c \
		-o "$TMP/x.o"
	expect_ok
	;;
macro-restore)
	# An ordinary compile (empty __iomem/__force) gives the same IR as
	# checker mode, and it has the annotations.
	plugin -I"$MAPAPI" -D__CHECKER__ -fplugin-arg-iomemcheck-dump-ir \
		-fsyntax-only iomem.c
	expect_ok
	dump_to "$TMP/checker.ir"
	plugin -I"$MAPAPI" -fplugin-arg-iomemcheck-dump-ir -fsyntax-only \
		-Wall -Wextra iomem.c
	expect_ok
	expect_only_findings
	dump_to "$TMP/plain.ir"
	diff -u "$TMP/checker.ir" "$TMP/plain.ir" ||
		fail "IR of the ordinary compile differs from checker mode"
	grep -q 'ptr8(__iomem struct' "$TMP/plain.ir" ||
		fail "no __iomem type in the IR"
	grep -q 'cast explicit force' "$TMP/plain.ir" ||
		fail "no __force cast in the IR"
	;;
macro-redefine)
	# Redefinitions the headers make are not reported as changed, and a
	# definition on the command line is restored too.
	printf '#define __iomem\n#define __iomem\n#define __force\n' \
		>"$TMP/twice.h"
	printf '#include "twice.h"\n#include "twice.h"\n%s\n' \
		'int __iomem *next(int __iomem *p) { return p + 1; }' \
		>"$TMP/twice.c"
	plugin -Wall -Werror -I"$TMP" -fplugin-arg-iomemcheck-dump-ir \
		-fsyntax-only "$TMP/twice.c"
	expect_ok
	expect_err 'ptr8\(__iomem int4\)'
	printf 'int get(int __iomem *p) { return *p; }\n' >"$TMP/cmdline.c"
	plugin -D__iomem= -Wall -fplugin-arg-iomemcheck-dump-ir \
		-fsyntax-only "$TMP/cmdline.c"
	expect_ok
	expect_err 'ptr8\(__iomem int4\)'
	# never defined: plain types, no crash
	printf 'int get(int *p) { return *p; }\n' >"$TMP/none.c"
	plugin -Wall -fplugin-arg-iomemcheck-dump-ir -fsyntax-only \
		"$TMP/none.c"
	expect_ok
	expect_err 'p: ptr8\(int4\)'
	;;
unknown-option)
	plugin -fplugin-arg-iomemcheck-bogus -fsyntax-only diag.c
	expect_fail
	expect_err "unknown option '-fplugin-arg-iomemcheck-bogus'"
	plugin -fplugin-arg-iomemcheck-dump-ir=yes -fsyntax-only diag.c
	expect_fail
	expect_err "takes no value"
	plugin -fplugin-arg-iomemcheck-rules -fsyntax-only diag.c
	expect_fail
	expect_err "needs a value"
	plugin -fplugin-arg-iomemcheck-werror=1 -fsyntax-only diag.c
	expect_fail
	expect_err "option '-fplugin-arg-iomemcheck-werror' takes no value"
	# GCC's help lists every option of the table plugin_init parses
	plugin -v --help -fsyntax-only diag.c
	for key in rules=FILE dump-ir headers cast-to-as no-cast-to-as \
		per-access 'api=GEN\[,GEN\]' 'disable=RULE\[,RULE\]' \
		'enable=RULE\[,RULE\]' werror 'fail-on=RULE\[,RULE\]' \
		baseline=FILE report=FILE 'format=json\|sarif' facts=DIR \
		facts-db=DB test-findings=FILE findings=FILE; do
		cat "$TMP/out" "$TMP/err" | grep -Eq "^    $key	" ||
			fail "--help does not list $key"
	done
	;;
rules-error)
	plugin -fplugin-arg-iomemcheck-rules="$TMP/missing.rules" \
		-fsyntax-only diag.c
	expect_fail
	expect_err "error: iomemcheck: .*missing\\.rules"
	;;
diagnostics)
	# Findings read like the checker's text output (byte columns on a
	# line with tabs), with clang-style fix-it lines and JSON fix-its.
	plugin -fplugin-arg-iomemcheck-test-findings=diag.findings \
		-fdiagnostics-parseable-fixits -fno-diagnostics-show-caret \
		-c diag.c -o "$TMP/x.o"
	expect_ok
	cat >"$TMP/expected" <<'EOF'
diag.c:5:11: warning: plain load through 'p'; use readl() [test-rule]
fix-it:"diag.c":{5:11-5:13}:"readl(p)"
diag.c:7:2: warning: a "quoted" message with \ backslash [other-rule]
fix-it:"diag.c":{7:9-7:9}:"(long)"
fix-it:"diag.c":{7:13-7:14}:"y2"
EOF
	diff -u "$TMP/expected" "$TMP/err" || fail "unexpected output"
	plugin -fplugin-arg-iomemcheck-test-findings=diag.findings \
		-fdiagnostics-format=json -c diag.c -o "$TMP/x.o"
	expect_ok
	grep -q '"string": "readl(p)"' "$TMP/err" ||
		fail "no fix-it in the JSON diagnostics"
	;;
analysis)
	# Findings of the core through GCC's diagnostics, also with
	# -fsyntax-only (where GCC skips PLUGIN_FINISH_UNIT).
	for mode in -c -fsyntax-only; do
		plugin -I"$MAPAPI" -fdiagnostics-parseable-fixits \
			-fno-diagnostics-show-caret "$mode" iomem.c \
			-o "$TMP/x.o"
		expect_ok
		expect_err '^iomem.c:39:10: warning: .* \[iomem-deref\]$'
		expect_err '^fix-it:"iomem.c":\{39:10-39:17\}:"readl\(&fifo\[i\]\)"$'
	done
	# findings in headers only with -fplugin-arg-iomemcheck-headers
	printf '%s\n' '#define __iomem' \
		'static inline int hdr_read(int __iomem *p) { return *p; }' \
		>"$TMP/hdr.h"
	printf '#include "hdr.h"\nint use(int __iomem *p) { return hdr_read(p); }\n' \
		>"$TMP/use.c"
	plugin -fsyntax-only "$TMP/use.c"
	expect_ok
	grep -q 'iomem-deref' "$TMP/err" && fail "finding in a header"
	plugin -fplugin-arg-iomemcheck-headers -fsyntax-only "$TMP/use.c"
	expect_ok
	expect_err 'hdr.h:2:[0-9]+: warning: .*\[iomem-deref\]'
	;;
exports)
	# The plugin's dynamic symbols are the two GCC looks up, as in the
	# kernel's plugins: every other name (the core's why, add_finding,
	# imc_*) is hidden, so none can bind to a cc1 symbol of that name.
	nm -D --defined-only "$PLUGIN" >"$TMP/out" 2>"$TMP/err" ||
		fail "nm -D failed"
	awk '{ print $NF }' "$TMP/out" | sort >"$TMP/names"
	printf 'plugin_init\nplugin_is_GPL_compatible\n' >"$TMP/want"
	diff -u "$TMP/want" "$TMP/names" || fail "exported symbols differ"
	;;
preprocessed)
	# -save-temps, and gcc -E then a compile of the .i (distcc, icecc,
	# ccache's preprocessor mode): the output keeps the annotations
	# spelled out, the compile of it succeeds, reports the one-step
	# compile's findings (file, line, rule, message: columns are those of
	# the preprocessed line, and there are no fix-its) and builds the
	# object the same steps build without the plugin.
	findings() {
		grep -E ': (warning|error): ' "$TMP/err" |
			sed -E 's/^([^:]+:[0-9]+):[0-9]+:/\1:/' >"$1"
	}
	plugin -I"$MAPAPI" -c iomem.c -o "$TMP/one.o"
	expect_ok
	findings "$TMP/one.txt"
	grep -q 'iomem-deref' "$TMP/one.txt" || fail "no finding in one step"
	plugin -I"$MAPAPI" -save-temps -c iomem.c -o "$TMP/two.o"
	expect_ok
	expect_only_findings
	findings "$TMP/two.txt"
	diff -u "$TMP/one.txt" "$TMP/two.txt" || fail "-save-temps: other findings"
	grep -q 'address_space(__iomem)' "$TMP/two.i" ||
		fail "-save-temps: no __iomem in the .i"
	grep -q '__attribute__((force))' "$TMP/two.i" ||
		fail "-save-temps: no __force in the .i"
	run_gcc -I"$MAPAPI" -save-temps -c iomem.c -o "$TMP/plain2.o"
	cmp "$TMP/plain2.o" "$TMP/two.o" || fail "-save-temps: objects differ"
	plugin -I"$MAPAPI" -E iomem.c -o "$TMP/pp.i"
	expect_ok
	[ -s "$TMP/err" ] && fail "-E: diagnostics"
	plugin -c "$TMP/pp.i" -o "$TMP/three.o"
	expect_ok
	expect_only_findings
	findings "$TMP/three.txt"
	diff -u "$TMP/one.txt" "$TMP/three.txt" || fail ".i: other findings"
	grep -q '^fix-it:' "$TMP/err" && fail ".i: fix-its"
	cmp "$TMP/two.o" "$TMP/three.o" || fail ".i: objects differ"
	;;
*)
	echo "unknown test $test_name"
	exit 1
	;;
esac
echo "PASS $test_name"
