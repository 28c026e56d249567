#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# many-functions.sh CHECKER PLUGIN GCC [FUNCTIONS]: issue 21.3, without
# timing anything. gen-big.py iomem-functions of FUNCTIONS (default 1000)
# and of 4 times as many small functions on `void __iomem *p` go through
# both front ends: exactly the findings the generator promises, the same
# lines in both, exit 1 (checker) and 0 (gcc). Then the work: with
# IOMEMCHECK_WORK=1 both print their lookup steps (pair-map probes, fix-its
# compared for overlap), which must grow at most 4.4 times for 4 times the
# functions. A list walked per function ("'p' is declared __iomem" had one
# origin per function in one list) grew them 16 times, and 8 MB took the
# checker 217 s.
# Last, gen-big.py iomem-long-stores: stores whose writel() fix-it is
# wrapped at 100 columns, through both front ends; the edits looked at
# beside each wrapped one (fixit-wrap-steps) must grow at most 4.4 times
# too (every edit compared with every other took 12 s on 64,000).
test_name=many-functions
checker=$1 plugin=$2 gcc=${3:-gcc} small=${4:-1000}
here=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-many.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
. "$here/lib.sh"
finding=': warning: .*\[[a-z0-9-]*\]$'
cd "$TMP" || exit 1

# work NAME: the counter NAME of the work line on stderr, or fail.
work() {
	n=$(sed -n "s/^iomemcheck: work: .*$1=\([0-9]*\).*/\1/p" "$TMP/err")
	[ -n "$n" ] || fail "no 'iomemcheck: work: ... $1=N' line"
	echo "$n"
}

# findings FILE: the findings' FILE:LINE, sorted.
findings() {
	grep "$finding" "$TMP/err" | cut -d: -f1,2 | sort >"$1"
}

# one N: runs both front ends on N functions; sets probes_c, probes_p,
# clash_p.
one() {
	test_name="many-functions $1"
	python3 "$here/gen-big.py" iomem-functions --functions "$1" >many.c ||
		fail "gen-big.py"
	want=$(python3 "$here/gen-big.py" --expect iomem-functions \
		--functions "$1")
	[ "$want" -eq $(($1 / 8)) ] || fail "gen-big.py promises $want findings"
	IOMEMCHECK_WORK=1 run "$checker" many.c
	expect_status 1
	findings checker.lines
	[ "$(wc -l <checker.lines)" -eq "$want" ] ||
		fail "checker: $(wc -l <checker.lines) findings, expected $want"
	probes_c=$(work pairmap-probes)
	IOMEMCHECK_WORK=1 run "$gcc" -c -o many.o -fno-diagnostics-show-caret \
		"-fplugin=$plugin" many.c
	expect_status 0
	findings plugin.lines
	[ "$(wc -l <plugin.lines)" -eq "$want" ] ||
		fail "plugin: $(wc -l <plugin.lines) findings, expected $want"
	cmp -s checker.lines plugin.lines ||
		fail "the front ends' findings differ: $(diff checker.lines plugin.lines | head -5)"
	probes_p=$(work pairmap-probes)
	clash_p=$(work fixit-clash-steps)
	# every function registers where its p comes from
	[ "$probes_c" -ge "$1" ] && [ "$probes_p" -ge "$1" ] ||
		fail "pairmap-probes $probes_c, $probes_p: fewer than the functions"
	echo "  $1 functions: $want findings; pairmap-probes checker $probes_c, plugin $probes_p; fixit-clash-steps $clash_p"
}

# linear WHAT SMALL BIG: BIG is at most 4.4 times SMALL (4x the input).
linear() {
	[ $(($3 * 10)) -le $(($2 * 44)) ] ||
		fail "$1: $2 -> $3 for 4 times the functions (more than 4.4x)"
}

# stores N: both front ends on N wrapped stores; sets wrap_c, wrap_p.
stores() {
	test_name="many-functions stores $1"
	python3 "$here/gen-big.py" iomem-long-stores --functions "$1" >stores.c ||
		fail "gen-big.py"
	IOMEMCHECK_WORK=1 run "$checker" stores.c
	expect_status 1
	findings checker.lines
	[ "$(wc -l <checker.lines)" -eq "$1" ] ||
		fail "checker: $(wc -l <checker.lines) findings, expected $1"
	[ "$(grep -c "fix-it: replace [0-9]*:1-[0-9]*:1 with '.*&p->" "$TMP/err")" -eq "$1" ] ||
		fail "checker: not every store's fix-it is wrapped"
	wrap_c=$(work fixit-wrap-steps)
	IOMEMCHECK_WORK=1 run "$gcc" -c -o stores.o -fno-diagnostics-show-caret \
		"-fplugin=$plugin" stores.c
	expect_status 0
	findings plugin.lines
	cmp -s checker.lines plugin.lines ||
		fail "the front ends' findings differ: $(diff checker.lines plugin.lines | head -5)"
	wrap_p=$(work fixit-wrap-steps)
	echo "  $1 wrapped stores: fixit-wrap-steps checker $wrap_c, plugin $wrap_p"
}

one "$small"
c1=$probes_c p1=$probes_p k1=$clash_p
one $((4 * small))
stores "$small"
w1=$wrap_c v1=$wrap_p
stores $((4 * small))
test_name=many-functions
linear "checker pairmap-probes" "$c1" "$probes_c"
linear "plugin pairmap-probes" "$p1" "$probes_p"
linear "plugin fixit-clash-steps" "$k1" "$clash_p"
linear "checker fixit-wrap-steps" "$w1" "$wrap_c"
linear "plugin fixit-wrap-steps" "$v1" "$wrap_p"
echo "PASS $test_name"
