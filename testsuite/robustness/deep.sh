#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# deep.sh CHECKER PLUGIN GCC [SHAPE:N ...]: inputs nested as deep as clang
# and gcc take them (gen-deep.py), through both front ends: no crash, the
# one finding at its line, exit 1 (checker) and 0 (gcc with the plugin).
# Before the checker ran on a big stack, `x + x + ...` of 6,000 terms
# overflowed it (exit 139) and libclang's own 8 MB parsing thread gave out
# on 50,000 chained `=`.
test_name=deep
checker=$1 plugin=$2 gcc=${3:-gcc}
shift 3 2>/dev/null || shift $#
here=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-deep.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
. "$here/lib.sh"
# clang stops at 256 nested brackets (blocks, initializers): 250 levels
shapes=${*:-plus:50000 assign:50000 comma:20000 cond:10000 elseif:5000
	cast:10000 neg:20000 case:20000 label:20000 block:250 init:250}
msg="warning: plain load through __iomem pointer 'p'; use readl\(\) \[iomem-deref\]"
finding=': warning: .*\[[a-z0-9-]*\]$'
cd "$TMP" || exit 1
for sn in $shapes; do
	shape=${sn%%:*} n=${sn#*:}
	test_name="deep $shape $n"
	python3 "$here/gen-deep.py" "$shape" "$n" >deep.c || fail "gen-deep.py"
	line=$(python3 "$here/gen-deep.py" --line "$shape" "$n")
	# GCC keeps no columns on a line of 200,000 characters
	want="^deep\.c:$line(:[0-9]+)?: $msg\$"
	run "$checker" deep.c
	expect_status 1
	[ "$(grep -c "$finding" "$TMP/err")" -eq 1 ] ||
		fail "$(grep -c "$finding" "$TMP/err") findings, expected 1"
	expect_err "$want"
	run "$gcc" -c -o deep.o -fno-diagnostics-show-caret \
		"-fplugin=$plugin" deep.c
	expect_status 0
	[ "$(grep -c "$finding" "$TMP/err")" -eq 1 ] ||
		fail "plugin: $(grep -c "$finding" "$TMP/err") findings, expected 1"
	expect_err "$want"
	echo "PASS $test_name"
done
