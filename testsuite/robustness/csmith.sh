#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Crash corpus: N random programs from Debian's csmith through both front
# ends.
#
#   testsuite/robustness/csmith.sh N
#
# For program i (csmith --seed BASE+i):
#   - gcc -w -O1 -c, once plain and once with the plugin: the plugin run
#     must succeed whenever the plain one does (no ICE, no sanitizer
#     report) and the two objects must be byte-identical (the plugin never
#     changes code);
#   - iomemcheck: exit 0 (csmith knows no __iomem, so a finding is a false
#     positive; exit 2 means the checker gave up on valid C), no crash and
#     no sanitizer report.
# A program plain gcc rejects, or csmith fails to write, is counted and
# skipped (not our bug); more than a tenth of them fails the run.
#
# Environment (defaults for a build in build/ of this tree):
#   IOMEMCHECK, IOMEMCHECK_PLUGIN, GCC   the front ends and the GCC
#   CSMITH_SEED    first seed (default 1: the same programs every run)
#   CSMITH_JOBS    programs checked in parallel (default 1)
#   CSMITH_KEEP    directory for the programs that fail (default: kept in
#                  ./csmith-failures when any fails)
#   CSMITH_TIMEOUT seconds per command (default 300: a busy machine and
#                  the sanitizers make a 5 s compile take minutes)
#   CSMITH_INCLUDE csmith's runtime headers (default /usr/include/csmith)
# Exit status: 0 all passed, 1 some program failed, 2 cannot run.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
export LC_ALL=C

if [ "${1:-}" = "--one" ]; then
	one=1
	shift
else
	one=0
fi
N=${1:?usage: csmith.sh N}
IMC=${IOMEMCHECK:-$REPO/build/checker/iomemcheck}
PLUGIN=${IOMEMCHECK_PLUGIN:-$REPO/build/plugin/iomemcheck.so}
GCC=${GCC:-gcc}
SEED=${CSMITH_SEED:-1}
JOBS=${CSMITH_JOBS:-1}
TIMEOUT=${CSMITH_TIMEOUT:-300}
INC=${CSMITH_INCLUDE:-/usr/include/csmith}
KEEP=${CSMITH_KEEP:-$PWD/csmith-failures}
export IOMEMCHECK_RULES_DIR="${IOMEMCHECK_RULES_DIR:-$REPO/rules}"

# ---- one program: csmith.sh --one SEED (in its own scratch directory) ----
if [ "$one" -eq 1 ]; then
	s=$N
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-csmith.XXXXXX")
	trap 'rm -rf "$TMP"' EXIT
	. "$HERE/lib.sh"
	test_name="seed $s"
	cd "$TMP" || exit 2
	keep() {
		mkdir -p "$KEEP" && cp p.c "$KEEP/seed-$s.c" &&
			cp err "$KEEP/seed-$s.$1.err" 2>/dev/null
		echo "FAIL seed $s: $2 (program kept as $KEEP/seed-$s.c)" |
			tee "$KEEP/seed-$s.why"
		exit 1
	}
	if ! timeout "$TIMEOUT" csmith --seed "$s" -o p.c >/dev/null 2>&1 ||
	   [ ! -s p.c ]; then
		echo "SKIP seed $s: csmith failed"
		exit 77
	fi
	if ! timeout "$TIMEOUT" "$GCC" -w -O1 -c -I"$INC" p.c -o plain.o \
		>out 2>err; then
		echo "SKIP seed $s: gcc rejects it"
		exit 77
	fi
	preload=$(asan_preload "$PLUGIN")
	timeout "$TIMEOUT" env ${preload:+LD_PRELOAD="$preload"} \
		${preload:+ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"} \
		"$GCC" -fplugin="$PLUGIN" -w -O1 -c -I"$INC" p.c -o plugin.o \
		>out 2>err
	status=$?
	[ "$status" -ne 124 ] || keep gcc "gcc with the plugin timed out"
	grep -Eq 'internal compiler error|Please submit a full bug report' err &&
		keep gcc "GCC internal compiler error"
	grep -Eq 'ERROR: [A-Za-z]+Sanitizer|runtime error:' err &&
		keep gcc "sanitizer report from the plugin"
	[ "$status" -eq 0 ] || keep gcc "gcc with the plugin failed (exit $status)"
	cmp -s plain.o plugin.o || keep gcc "the plugin changed the object file"
	timeout "$TIMEOUT" "$IMC" -I"$INC" p.c >out 2>err
	status=$?
	[ "$status" -ne 124 ] || keep checker "the checker timed out"
	grep -Eq 'ERROR: [A-Za-z]+Sanitizer|runtime error:' err &&
		keep checker "sanitizer report from the checker"
	[ "$status" -lt 128 ] || keep checker "the checker died of signal $((status - 128))"
	[ "$status" -ne 1 ] || keep checker "a finding in a program without I/O memory"
	[ "$status" -eq 0 ] || keep checker "the checker failed (exit $status): $(head -c 200 err)"
	echo "PASS seed $s"
	exit 0
fi

# ---- the driver ----
for tool in csmith "$GCC" timeout; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "csmith.sh: $tool not found (scripts/install-deps installs it)"
		exit 2
	}
done
for f in "$IMC" "$PLUGIN" "$INC/csmith.h"; do
	[ -e "$f" ] || { echo "csmith.sh: $f not found"; exit 2; }
done
case $N in
'' | *[!0-9]*) echo "csmith.sh: N must be a number"; exit 2 ;;
esac

log=$(mktemp "${TMPDIR:-/tmp}/imc-csmith-log.XXXXXX")
trap 'rm -f "$log"' EXIT
echo "csmith.sh: $N programs from seed $SEED, $JOBS at a time"
echo "  checker $IMC"
echo "  plugin  $PLUGIN"
start=$(date +%s)
i=0
while [ "$i" -lt "$N" ]; do
	echo $((SEED + i))
	i=$((i + 1))
done | xargs -P "$JOBS" -n 1 sh "$0" --one 2>&1 | tee "$log" |
	grep -E --line-buffered '^(FAIL|SKIP)'
end=$(date +%s)
pass=$(grep -c '^PASS' "$log")
fail=$(grep -c '^FAIL' "$log")
skip=$(grep -c '^SKIP' "$log")
echo "csmith.sh: $pass passed, $fail failed, $skip skipped of $N in $((end - start)) s"
[ "$fail" -eq 0 ] || exit 1
[ "$((pass + skip))" -eq "$N" ] || { echo "csmith.sh: some programs gave no verdict"; cat "$log"; exit 1; }
[ "$((skip * 10))" -le "$N" ] || { echo "csmith.sh: too many skipped"; exit 1; }
exit 0
