#!/bin/sh
# Proof by running: the buggy example driver traps under the I/O emulator;
# after `iomemcheck --fix` the same driver is clean, runs under the
# emulator, and draws what the system-memory run draws.
# usage: fix-runs.sh CHECKER REPO MAPAPI_LIB CC [CFLAGS]
set -eu
checker=$1 repo=$2 lib=$3 cc=$4 cflags=${5:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp "$repo/examples/fbdev_blit.c" "$repo/examples/fbdev.h" "$T/"
# shellcheck disable=SC2086 # CFLAGS is a list
build() { "$cc" $cflags -Wall -Werror -I "$repo/mapapi/include" -I "$T" "$T/fbdev_blit.c" \
	"$repo/examples/run_blit.c" "$lib" -o "$T/run"; }

build || fail "the buggy driver does not build"
status=0
"$T/run" io >"$T/out" 2>&1 || status=$?
[ "$status" = 86 ] || fail "the buggy driver did not trap under the emulator (status $status)"

status=0
(cd "$T" && "$checker" -I "$repo/mapapi/include" --fix fbdev_blit.c) >"$T/fix.log" 2>&1 || status=$?
[ "$status" = 1 ] || { cat "$T/fix.log"; fail "--fix: status $status, expected 1 (findings)"; }
status=0
(cd "$T" && "$checker" -I "$repo/mapapi/include" fbdev_blit.c) >"$T/recheck.log" 2>&1 || status=$?
[ "$status" = 0 ] || { cat "$T/recheck.log"; fail "the fixed driver still has findings"; }

build || fail "the fixed driver does not build"
"$T/run" io >"$T/io.out" 2>&1 || fail "the fixed driver fails under the emulator: $(cat "$T/io.out")"
"$T/run" sys >"$T/sys.out" 2>&1 || fail "the fixed driver fails on system memory"
cmp -s "$T/io.out" "$T/sys.out" || fail "I/O and system runs differ: $(cat "$T/io.out") vs $(cat "$T/sys.out")"
echo "PASS: buggy traps (86); after --fix: clean, same output on I/O and system memory: $(cat "$T/io.out")"

# The same for the reduced real functions in fixruns/ (one program each,
# main() included): the fixed program also prints what the buggy one
# printed on system memory.
for src in "$repo"/testsuite/fixruns/*.c; do
	name=$(basename "$src" .c)
	cp "$src" "$T/$name.c"
	# shellcheck disable=SC2086 # CFLAGS is a list
	prog() { "$cc" $cflags -Wall -Werror -I "$repo/mapapi/include" "$T/$name.c" "$lib" -o "$T/$name"; }
	prog || fail "$name: the buggy program does not build"
	"$T/$name" sys >"$T/$name.before" 2>&1 || fail "$name: the buggy program fails on system memory"
	status=0
	"$T/$name" io >/dev/null 2>&1 || status=$?
	[ "$status" = 86 ] || fail "$name: the buggy program did not trap under the emulator (status $status)"
	status=0
	(cd "$T" && "$checker" -I "$repo/mapapi/include" --fix "$name.c") >"$T/fix.log" 2>&1 || status=$?
	[ "$status" = 1 ] || { cat "$T/fix.log"; fail "$name: --fix: status $status, expected 1"; }
	status=0
	(cd "$T" && "$checker" -I "$repo/mapapi/include" "$name.c") >"$T/recheck.log" 2>&1 || status=$?
	[ "$status" = 0 ] || { cat "$T/recheck.log"; fail "$name: the fixed program still has findings"; }
	prog || fail "$name: the fixed program does not build"
	"$T/$name" io >"$T/$name.io" 2>&1 || fail "$name: the fixed program fails under the emulator: $(cat "$T/$name.io")"
	"$T/$name" sys >"$T/$name.sys" 2>&1 || fail "$name: the fixed program fails on system memory"
	cmp -s "$T/$name.io" "$T/$name.before" && cmp -s "$T/$name.sys" "$T/$name.before" ||
		fail "$name: outputs differ: before $(cat "$T/$name.before"), io $(cat "$T/$name.io"), sys $(cat "$T/$name.sys")"
	echo "PASS: $name: buggy traps (86); after --fix: clean, same output as before on I/O and system memory: $(cat "$T/$name.io")"
done
