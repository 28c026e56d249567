#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# scripts/core-layers on a made-up core of two floors: exit 1 and the
# cycle's calls when low/a.c and high/b.c call each other, exit 0 once the
# lower floor stops calling up (a call within a floor is allowed).
#   sh core-layers.sh SCRIPT CC
set -u
script=$1
cc=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/imc-layers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL core-layers: $*"; cat "$tmp/out"; exit 1; }

obj="$tmp/build/core/CMakeFiles/imccore.dir"
mkdir -p "$tmp/src/low" "$tmp/src/high" "$obj/low" "$obj/high"
printf 'int b(void);\nint a(void) { return b(); }\n' >"$tmp/src/low/a.c"
printf 'int a(void);\nint b(void) { return 1; }\nint c(void) { return a(); }\n' \
	>"$tmp/src/high/b.c"
compile() {
	"$cc" -c "$tmp/src/low/a.c" -o "$obj/low/a.c.o" &&
		"$cc" -c "$tmp/src/high/b.c" -o "$obj/high/b.c.o"
}
compile || fail "cannot compile"
python3 "$script" "$tmp/build" "$tmp/src" >"$tmp/out" 2>&1
status=$?
[ "$status" -eq 1 ] || fail "exit $status with a cycle, expected 1"
grep -qx 'core-layers: cycle between floors high low, e.g. high -> low -> high; the calls:' \
	"$tmp/out" || fail "no cycle line"
grep -qx '    low/a.c -> high/b.c' "$tmp/out" || fail "no call line"

printf 'int a(void) { return 0; }\n' >"$tmp/src/low/a.c"
compile || fail "cannot compile"
python3 "$script" "$tmp/build" "$tmp/src" >"$tmp/out" 2>&1
status=$?
[ "$status" -eq 0 ] || fail "exit $status without a cycle, expected 0"
grep -qx '    high -> low' "$tmp/out" || fail "no floor edge high -> low"

rm -rf "$tmp/build"
python3 "$script" "$tmp/build" "$tmp/src" >"$tmp/out" 2>&1
status=$?
[ "$status" -eq 2 ] || fail "exit $status without objects, expected 2"
echo "PASS core-layers"
