#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bench/run.sh -- iomemcheck against sparse, clang -fsyntax-only and gcc.
#
# Runs, side by side on the same translation units, with the same flags:
#   sparse, clang-19 -fsyntax-only, iomemcheck, gcc -c, gcc -c -fplugin=...
# and, as the floor of any libclang-based checker, libclang parsing with
# function bodies skipped (everywhere; only in the #include preamble).
# and prints wall time, user+sys time and peak RSS (/usr/bin/time) with the
# ratios against sparse and against plain gcc; writes the table to
# docs/performance.md (--no-write: only print it).
#
# Units: drivers/gpu/drm/ of linux-source-6.1 as testsuite/kernel/run.sh
# prepares it; their command lines are those kbuild gave CHECK there
# (recorded by testsuite/kernel/check-wrap), so this first runs
# `testsuite/kernel/run.sh --sparse-only` (fast when already prepared).
#
# Usage: bench/run.sh [--units N] [--repeat R] [--tools sparse,clang,clang-skip,clang-preamble,iomemcheck,iomemcheck-full,gcc-engine,gcc,gcc+plugin]
#                     [--no-write]
#        bench/run.sh --instructions UNIT[,UNIT...]
#   --instructions: instead, cc1's instruction count (valgrind's callgrind)
#   without and with the plugin on these units, e.g.
#   drivers/gpu/drm/drm_fb_helper.c: the stable measure of the plugin's cost
#   where wall times are noisy (a minute or two a unit).
#        bench/run.sh --jobs N,N [--units N]
#   --jobs: instead, the throughput of `iomemcheck -p DB -jN` on the units as
#   one compile database (the kernel's gen_compile_commands.py over kbuild's
#   .cmd files), for each N: wall, user+sys, units per minute; the JSON
#   reports of all N must be identical (exit 1 otherwise).
#        bench/run.sh --csmith N
#   --csmith N: instead, the crash corpus at scale: N csmith programs (seeds
#   from 1000001, not those of ctest) through both front ends of the
#   ASan+UBSan build (build-asan/, as scripts/test makes it; IMC_ASAN_BUILD_DIR)
#   with testsuite/robustness/csmith.sh, nproc at a time (300 took 192 s on
#   2 cores: 10,000 take about two hours).
# Environment: as testsuite/kernel/run.sh (IMC_KERNEL_DIR, IMC_BUILD_DIR,
#   IMC_CHECKER, IMC_PLUGIN).
set -uo pipefail
export LC_ALL=C LANG=C
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
root=${IMC_KERNEL_DIR:-/var/tmp/iomemcheck-kernel}
build=${IMC_BUILD_DIR:-$repo/build}
checker=${IMC_CHECKER:-$build/checker/iomemcheck}
plugin=${IMC_PLUGIN:-$build/plugin/iomemcheck.so}
export IOMEMCHECK_RULES_DIR=${IOMEMCHECK_RULES_DIR:-$repo/rules}
out=$repo/docs/performance.md
args=()
csmith_n=
while [ $# -gt 0 ]; do
	case $1 in
	--units|--tools|--repeat) args+=("$1" "$2"); shift ;;
	--no-write) out= ;;
	--instructions) args+=("$1" "$2"); out=; shift ;;
	--jobs) args+=("$1" "$2"); out=; shift ;;
	--csmith) csmith_n=$2; shift ;;
	-h|--help) sed -n '3,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
if [ -n "$csmith_n" ]; then
	asan=${IMC_ASAN_BUILD_DIR:-$repo/build-asan}
	[ -x "$asan/checker/iomemcheck" ] && [ -f "$asan/plugin/iomemcheck.so" ] || {
		echo "bench/run.sh: no ASan+UBSan build in $asan (scripts/test makes one)" >&2
		exit 2
	}
	IOMEMCHECK=$asan/checker/iomemcheck IOMEMCHECK_PLUGIN=$asan/plugin/iomemcheck.so \
		CSMITH_SEED=${CSMITH_SEED:-1000001} CSMITH_JOBS=${CSMITH_JOBS:-$(nproc)} \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		exec sh "$repo/testsuite/robustness/csmith.sh" "$csmith_n"
fi
"$repo/scripts/install-deps" || exit 2
[ -x "$checker" ] || { echo "bench/run.sh: no checker at $checker" >&2; exit 2; }
[ -f "$plugin" ] || { echo "bench/run.sh: no plugin at $plugin" >&2; exit 2; }
"$repo/testsuite/kernel/run.sh" --sparse-only || exit 2
# Snapshots: build/ may be relinked while this runs.
mkdir -p "$root/tools"
cp "$checker" "$root/tools/bench-iomemcheck" && cp "$plugin" "$root/tools/bench-iomemcheck.so" || exit 2
checker=$root/tools/bench-iomemcheck plugin=$root/tools/bench-iomemcheck.so
# The libclang floor (tools clang-skip, clang-preamble; parse-floor.c).
llvm=$(llvm-config-19 --prefix 2>/dev/null || echo /usr/lib/llvm-19)
cc -O2 -I"$llvm/include" "$here/parse-floor.c" -L"$llvm/lib" -lclang \
	-Wl,-rpath,"$llvm/lib" -o "$root/tools/parse-floor" || exit 2
mkdir -p "$(dirname "${out:-/tmp/x}")"
exec python3 "$here/bench.py" --results "$root/results" --src "$root/linux-source-6.1" \
	--checker "$checker" --plugin "$plugin" --parse-floor "$root/tools/parse-floor" \
	--nice "nice -n 19" \
	${out:+--out "$out"} "${args[@]}"
