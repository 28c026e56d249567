#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# testsuite/kernel/distcc-slice.sh -- the GCC plugin through distcc and
# ccache on a slice of linux-6.1's DRM tree (slow, not part of ctest).
#
# On a copy of the tree run.sh prepared ($IMC_KERNEL_DIR/linux-source-6.1,
# copied once to $IMC_DISTCC_TREE, so that run.sh and fix-run.sh runs in
# the original are not disturbed), with the kernel's own flags
# (CONFIG_WERROR=y kept), the slice qxl/, tiny/, drm_fb_helper.o and
# drm_format_helper.o is built four times:
#   plain   make                                  the reference objects
#   local   make KCFLAGS=-fplugin=iomemcheck.so   the reference findings
#   distcc  make CC="distcc iomemcheck-gcc"       a distccd of its own on
#           127.0.0.1 (DISTCC_FALLBACK=0: a unit that is not compiled by
#           the daemon fails the build)
#   ccache  make CC="ccache iomemcheck-gcc", CCACHE_PREFIX=distcc, twice:
#           the cache is filled, then every unit is a hit
# (iomemcheck-gcc: gcc -fplugin=..., as docs/kbuild.md writes it; distccd
# refuses -fplugin= on the command line; KCFLAGS adds -fdirectives-only
# -fworking-directory, so that the .i the client sends keeps the lines). Asserts: every build succeeds; the findings (warning and fix-it
# lines, -fdiagnostics-parseable-fixits) of distcc and both ccache builds
# are those of the local build, as a sorted list; every object is
# byte-identical to the plain build's; distccd compiled every unit.
#
# Usage: testsuite/kernel/distcc-slice.sh [-j N]
# Environment: IMC_KERNEL_DIR (default /var/tmp/iomemcheck-kernel),
#   IMC_DISTCC_TREE (default /var/tmp/imc-distcc/linux-source-6.1),
#   IMC_BUILD_DIR (default REPO/build), IMC_PLUGIN.
# Output: a summary; logs in $IMC_DISTCC_TREE/../results/.
# Exit status: 0 all assertions hold, 1 some failed, 2 could not run.

set -uo pipefail
export LC_ALL=C LANG=C

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
root=${IMC_KERNEL_DIR:-/var/tmp/iomemcheck-kernel}
tree=${IMC_DISTCC_TREE:-/var/tmp/imc-distcc/linux-source-6.1}
work=$(dirname "$tree")
results=$work/results
build=${IMC_BUILD_DIR:-$repo/build}
plugin_src=${IMC_PLUGIN:-$build/plugin/iomemcheck.so}
jobs=4
case ${1:-} in -j) jobs=$2 ;; -j*) jobs=${1#-j} ;; "") ;;
-h|--help) sed -n '3,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
*) echo "distcc-slice.sh: unknown option $1" >&2; exit 2 ;; esac

die() { echo "distcc-slice.sh: $*" >&2; exit 2; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for t in distcc distccd ccache; do
	command -v $t >/dev/null || die "no $t (scripts/install-deps distcc ccache)"
done
[ -f "$plugin_src" ] || die "no plugin at $plugin_src (build it, or set IMC_PLUGIN)"
if [ ! -f "$tree/.config" ]; then
	[ -f "$root/linux-source-6.1/.iomemcheck-prepared" ] ||
		die "no prepared tree in $root (testsuite/kernel/run.sh --prepare-only)"
	log "copying $root/linux-source-6.1 to $tree"
	mkdir -p "$work" && cp -a "$root/linux-source-6.1" "$tree.tmp" &&
		mv "$tree.tmp" "$tree" || die "copy failed"
fi

# The node's side: the plugin, the rules and the wrapper at one absolute
# path, readable by the user distccd runs as (root: nobody).
tools=$work/tools
rm -rf "$tools" "$results" && mkdir -p "$tools/daemon" "$results" "$work/distcc" ||
	die "cannot create $tools"
cp "$plugin_src" "$tools/iomemcheck.so" && cp -r "$repo/rules" "$tools/rules" ||
	die "cannot copy the plugin and the rules"
plugin=$tools/iomemcheck.so
printf '#!/bin/sh\nexec gcc -fplugin=%s "$@"\n' \
	"$plugin" >"$tools/iomemcheck-gcc"
chmod -R a+rX "$tools" && chmod 755 "$tools/iomemcheck-gcc" "$work"
echo "$tools/iomemcheck-gcc" >"$tools/cmdlist"
export IOMEMCHECK_RULES_DIR=$tools/rules
user=()
[ "$(id -u)" = 0 ] && user=(--user nobody) && chown nobody "$tools/daemon"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
daemon_pid=
# distccd runs in a process group of its own (setsid): stopped with its
# preforked children
stop_daemon() {
	[ -n "$daemon_pid" ] && kill -- "-$daemon_pid" 2>/dev/null
	daemon_pid=
}
trap stop_daemon EXIT
trap 'exit 2' INT TERM
(cd / && DISTCC_CMDLIST=$tools/cmdlist TMPDIR=$tools/daemon \
	exec setsid timeout 3600 distccd --daemon --no-detach --listen 127.0.0.1 \
	--allow 127.0.0.1 -p "$port" -j "$jobs" "${user[@]}" \
	--log-file="$tools/daemon/distccd.log" --log-level=info) &
daemon_pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	grep -q 'listening on' "$tools/daemon/distccd.log" 2>/dev/null && break
	sleep 0.5
done
grep -q 'listening on' "$tools/daemon/distccd.log" || die "distccd did not start"
export DISTCC_HOSTS=127.0.0.1:$port/$jobs DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1 \
	DISTCC_DIR=$work/distcc PATH=$tools:$PATH

slice="drivers/gpu/drm/qxl/ drivers/gpu/drm/tiny/ drivers/gpu/drm/drm_fb_helper.o drivers/gpu/drm/drm_format_helper.o"
# slice_objects: the objects of the slice in the tree now
slice_objects() {
	(cd "$tree" && ls drivers/gpu/drm/qxl/*.o drivers/gpu/drm/tiny/*.o \
		drivers/gpu/drm/drm_fb_helper.o drivers/gpu/drm/drm_format_helper.o 2>/dev/null |
		grep -v -e built-in -e '\.mod\.o$')
}
objs=$(slice_objects)

# build NAME MAKE-ARGS...: the slice from scratch (its objects removed, so a
# failed compile cannot leave an old one); objects to $results/NAME/, the
# findings (sorted warning and fix-it lines) to $results/NAME.findings.
build() {
	local name=$1 t0 rc o
	shift
	for o in $objs; do rm -f "$tree/$o"; done
	log "$name: make $*"
	t0=$(date +%s)
	(cd "$tree" && nice -n 19 make -j"$jobs" "$@" $slice) >"$results/$name.log" 2>&1
	rc=$?
	echo "$rc $(($(date +%s) - t0))" >"$results/$name.status"
	mkdir -p "$results/$name"
	for o in $objs; do
		[ -f "$tree/$o" ] && cp "$tree/$o" "$results/$name/${o//\//%}"
	done
	grep -E -e '^[^ ]+:[0-9]+:[0-9]+: warning: .*\[[a-z0-9-]+\]$' -e '^fix-it:' \
		"$results/$name.log" | sort >"$results/$name.findings"
	[ "$rc" = 0 ] || fail "$name: make exited $rc (see $results/$name.log)"
}

fixits=-fdiagnostics-parseable-fixits
build plain KCFLAGS="$fixits"
# what the plain build made is the slice (an interrupted run may have left
# some objects missing before it)
objs=$(slice_objects)
nobjs=$(echo $objs | wc -w)
rm -rf "$results/plain" && mkdir "$results/plain"
for o in $objs; do cp "$tree/$o" "$results/plain/${o//\//%}"; done
build local KCFLAGS="-fplugin=$plugin $fixits"
dflags="-fdirectives-only -fworking-directory"
build distcc CC="distcc iomemcheck-gcc" KCFLAGS="$fixits $dflags"
# ccache drops -fdirectives-only from the compile it runs: the prefix
# command puts it back for distcc, on a compile only: ccache also runs
# kbuild's own $(CC) -E through it (docs/kbuild.md)
printf '#!/bin/sh\ncase " $* " in *" -c "*) exec distcc "$@" %s ;; esac\nexec distcc "$@"\n' \
	"$dflags" >"$tools/distcc-directives-only"
chmod 755 "$tools/distcc-directives-only"
export CCACHE_DIR=$work/ccache CCACHE_PREFIX=distcc-directives-only CCACHE_NODIRECT=1 \
	CCACHE_EXTRAFILES=$plugin:$(ls "$tools"/rules/*.rules | tr '\n' ':')
rm -rf "$CCACHE_DIR"
build ccache-miss CC="ccache iomemcheck-gcc" KCFLAGS="$fixits $dflags"
build ccache-hit CC="ccache iomemcheck-gcc" KCFLAGS="$fixits $dflags"
ccache --print-stats >"$results/ccache.stats" 2>&1
stop_daemon
# the plain objects back, as run.sh expects to find them
for o in $objs; do cp "$results/plain/${o//\//%}" "$tree/$o" 2>/dev/null; done

# ---- assertions ---------------------------------------------------------------
nfind=$(grep -c 'warning:' "$results/local.findings")
nfix=$(grep -c '^fix-it:' "$results/local.findings")
[ "$nfind" -gt 0 ] || fail "local: no findings"
ls "$results/plain" | wc -l | grep -qx "$nobjs" || fail "plain: not every object built"
for b in distcc ccache-miss ccache-hit; do
	cmp -s "$results/local.findings" "$results/$b.findings" || {
		fail "$b: findings differ from the local build"
		diff "$results/local.findings" "$results/$b.findings" | head -20
	}
done
for b in local distcc ccache-miss ccache-hit; do
	same=0
	for o in $objs; do
		f=${o//\//%}
		cmp -s "$results/plain/$f" "$results/$b/$f" && same=$((same + 1))
	done
	echo "$b: $same/$nobjs objects byte-identical to the plain build" >>"$results/summary"
	[ "$same" = "$nobjs" ] || fail "$b: $((nobjs - same)) objects differ from the plain build"
done
remote=$(grep -c 'COMPILE_OK' "$tools/daemon/distccd.log")
cp "$tools/daemon/distccd.log" "$results/"
hits=$(awk '$1 ~ /^(direct|preprocessed)_cache_hit$/ { n += $2 } END { print n + 0 }' "$results/ccache.stats")
misses=$(sed -n 's/^cache_miss[[:space:]]*\([0-9]*\)$/\1/p' "$results/ccache.stats")
# distcc: every object of the slice (the ccache builds add the misses)
[ "$remote" -ge "$nobjs" ] || fail "distccd compiled $remote units, fewer than the $nobjs objects"
[ "${hits:-0}" -ge "$nobjs" ] || fail "ccache: ${hits:-0} hits, fewer than the $nobjs objects"
for b in plain local distcc ccache-miss ccache-hit; do
	read -r rc secs <"$results/$b.status"
	printf '%-12s make exit %s, %4ss, %s finding lines\n' "$b" "$rc" "$secs" \
		"$(wc -l <"$results/$b.findings")"
done
cat "$results/summary"
echo "slice: $nobjs objects, $nfind findings, $nfix fix-its; distccd compiled $remote units; ccache hits ${hits:-0}, misses ${misses:-?}"
if [ $failures = 0 ]; then
	echo "distcc-slice: PASS"
	exit 0
fi
echo "distcc-slice: FAIL ($failures failed assertions)"
exit 1
