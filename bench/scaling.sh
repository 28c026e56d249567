#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/scaling.sh [MB ...]: the scaling table of docs/scaling.md (issue
# 21.3). For each size (default 2 4 8 50) gen-big.py iomem-functions writes
# that many MiB of small functions on `void __iomem *p`; then, each under
# /usr/bin/time, the checker, gcc -c with the plugin (caret lines on, as
# GCC prints them by default, and off), clang -fsyntax-only and plain
# gcc -c. Prints a Markdown table of CPU seconds (user + system) and peak
# RSS, with the ratios the targets are about (checker / clang, plugin /
# gcc). The findings go to /dev/null; their count is checked against the
# generator's. Environment: IOMEMCHECK, IOMEMCHECK_PLUGIN (default: build/),
# CC (gcc), CLANG (clang).
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
checker=${IOMEMCHECK:-$repo/build/checker/iomemcheck}
plugin=${IOMEMCHECK_PLUGIN:-$repo/build/plugin/iomemcheck.so}
cc=${CC:-gcc} clang=${CLANG:-clang}
gen=$repo/testsuite/robustness/gen-big.py
: "${IOMEMCHECK_RULES_DIR:=$repo/rules}"
export IOMEMCHECK_RULES_DIR
tmp=$(mktemp -d "${TMPDIR:-/tmp}/imc-scaling.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# measure CMD...: runs it, output to $tmp/err; prints "CPU-s RSS-MB".
measure() {
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
	tail -n 1 "$tmp/time" | awk '{ printf "%.2f %.0f\n", $1 + $2, $3 / 1024 }'
}

# count: the findings in $tmp/err.
count() {
	grep -c ': warning: .*\[[a-z0-9-]*\]$' "$tmp/err"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'
}

echo "| MiB | functions | findings | checker s (MB) | plugin s (MB) | plugin, no caret s | clang -fsyntax-only s (MB) | gcc -c s (MB) | checker / clang | plugin / gcc | plugin no caret / gcc |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for mb in ${*:-2 4 8 50}; do
	src=$tmp/many.c
	python3 "$gen" iomem-functions --mb "$mb" >"$src" || exit 1
	want=$(python3 "$gen" --expect iomem-functions --mb "$mb")
	functions=$(grep -c '^u32 io_fn_' "$src")
	set -- $(measure "$checker" "$src")
	ck=$1 ck_mb=$2
	[ "$(count)" -eq "$want" ] || echo "checker: $(count) findings, expected $want" >&2
	set -- $(measure "$cc" -c -o "$tmp/x.o" "-fplugin=$plugin" "$src")
	pl=$1 pl_mb=$2
	[ "$(count)" -eq "$want" ] || echo "plugin: $(count) findings, expected $want" >&2
	set -- $(measure "$cc" -c -o "$tmp/x.o" "-fplugin=$plugin" \
		-fno-diagnostics-show-caret "$src")
	pn=$1
	set -- $(measure "$clang" -fsyntax-only "$src")
	cl=$1 cl_mb=$2
	set -- $(measure "$cc" -c -o "$tmp/x.o" "$src")
	gc=$1 gc_mb=$2
	echo "| $mb | $functions | $want | $ck ($ck_mb) | $pl ($pl_mb) | $pn | $cl ($cl_mb) | $gc ($gc_mb) | $(ratio "$ck" "$cl") | $(ratio "$pl" "$gc") | $(ratio "$pn" "$gc") |"
done
