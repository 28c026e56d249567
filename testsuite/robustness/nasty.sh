#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Broken and odd C (nasty/*.c: undeclared names, incomplete types, misused
# sparse attributes, broken control flow, NUL bytes, CRLF, deep nesting,
# ...) through both front ends:
#   sh nasty.sh IOMEMCHECK PLUGIN GCC
#
# Neither may crash: no signal, no sanitizer report, no GCC internal
# compiler error, within 60 s each. The checker exits 0, 1 or 2, and when it
# gives up (2) says why in one line. GCC with the plugin exits 0 or 1.
# Findings are not checked here (the testsuite cases do that).

set -u
IMC=$1
PLUGIN=$2
GCC=$3
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-nasty.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C
. "$HERE/lib.sh"
cd "$HERE/nasty" || exit 1

failed=0
for f in *.c; do
	test_name=$f
	(
		run timeout 60 "$IMC" "$f"
		expect_no_crash
		[ "$status" -le 2 ] || fail "checker exit status $status"
		[ "$status" -ne 2 ] || expect_one_line "^$f:[0-9]+:[0-9]+: error: "
		run_plugin -c "$f" -o "$TMP/x.o"
		expect_no_crash
		[ "$status" -le 1 ] || fail "gcc exit status $status"
		echo "PASS $f"
	) || failed=$((failed + 1))
done
[ "$failed" -eq 0 ] || { echo "FAIL nasty: $failed file(s)"; exit 1; }
echo "PASS nasty"
