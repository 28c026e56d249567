#!/bin/sh
# integration.distcc: the GCC plugin through Debian's distcc and ccache, as
# docs/kbuild.md ("Distributed builds") sets them up: a distccd of the
# test's own on 127.0.0.1 (a free port, its log and process group, stopped
# on exit, bounded by timeout), the node's compiler the iomemcheck-gcc
# wrapper (distccd refuses -fplugin= on the command line), the compiles
# -fdirectives-only -fworking-directory, so that the .i the client sends
# keeps the original lines and the #defines of __iomem and __force.
# The node does not see the sources (distccd runs in /, the units are named
# relative to a directory it cannot read): fix-its, casts and suppressions
# come from the .i.
# Asserts, on testsuite cases and a file of its own: the same findings,
# columns and fix-its as a local compile with the plugin, byte for byte,
# through distcc (DISTCC_FALLBACK=0, and distccd's log names every unit),
# through ccache (preprocessor mode; a miss and a hit) and through both;
# objects byte-identical to plain gcc without the plugin; exit statuses
# (-Werror, werror); distccd's refusal of -fplugin=; a plugin change is a
# cache miss (CCACHE_EXTRAFILES); a .i of -fdirectives-only without its
# directory line gets a note instead of wrong findings.
# shellcheck disable=SC2086 # $flags and $dflags are lists of options
. "$(dirname "$0")/lib.sh"

for t in distcc distccd ccache; do
	command -v $t >/dev/null || fail "no $t (scripts/install-deps distcc ccache)"
done

# ---- the node's side: plugin, rules, wrapper at one absolute path ----
node=$T/node
mkdir -p "$node/daemon" "$T/distcc" "$T/distcc-refused"
cp "$PLUGIN" "$node/iomemcheck.so"
cp -r "$REPO/rules" "$node/rules"
printf '#!/bin/sh\nexec gcc -fplugin=%s "$@"\n' \
	"$node/iomemcheck.so" >"$node/iomemcheck-gcc"
# the compilers distccd runs: the wrapper, and gcc (as distcc names it)
printf '%s\n' "$node/iomemcheck-gcc" "$(command -v "$(gcc -dumpmachine)-gcc")" >"$node/cmdlist"
chmod 711 "$T"
chmod -R a+rX "$node"
chmod 755 "$node/iomemcheck-gcc"
IOMEMCHECK_RULES_DIR=$node/rules
export IOMEMCHECK_RULES_DIR
user=
if [ "$(id -u)" = 0 ]; then
	user="--user nobody" # distccd drops root; nobody cannot read src/
	chown nobody "$node/daemon"
	chmod 700 "$T/src"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dlog=$node/daemon/distccd.log
daemon=
stop_daemon() {
	[ -z "$daemon" ] || kill -- "-$daemon" 2>/dev/null || true
	daemon=
}
trap 'stop_daemon; [ -n "${IMC_KEEP_TMP:-}" ] || rm -rf "$T"' EXIT
(cd / && DISTCC_CMDLIST=$node/cmdlist TMPDIR=$node/daemon exec setsid timeout 240 distccd --daemon \
	--no-detach --listen 127.0.0.1 --allow 127.0.0.1 -p "$port" -j 2 $user \
	--log-file="$dlog" --log-level=info) &
daemon=$!
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	grep -q 'listening on' "$dlog" 2>/dev/null && break
	sleep 0.5
done
grep -q 'listening on' "$dlog" || fail "distccd did not start: $(cat "$dlog")"
DISTCC_HOSTS=127.0.0.1:$port/2
DISTCC_FALLBACK=0 # a unit distccd does not compile fails
DISTCC_SKIP_LOCAL_RETRY=1 # a unit that fails there is not compiled again here
DISTCC_DIR=$T/distcc
PATH=$node:$PATH
export DISTCC_HOSTS DISTCC_FALLBACK DISTCC_SKIP_LOCAL_RETRY DISTCC_DIR PATH

# ---- the units ----
cd src
cases="deref-read addrspace forced-access fix-forced fix-map-derived map-flow memfn-io"
for c in $cases; do cp "$REPO/testsuite/cases/$c.c" .; done
cat >drv.c <<'EOF'
#include <linux/io.h>
#include <linux/iosys-map.h>

#define REG_CTRL 0x10

void start(void __iomem *base, u32 mode)
{
	u32 __iomem *ctrl = base + REG_CTRL;

	*ctrl = mode | 1;
	*(u32 __force *)ctrl = 0;
}

void quiet(u32 __iomem *r)
{
	*r = 1; /* iomemcheck-ignore(iomem-deref): boot console */
}

void clear(struct iosys_map *map, size_t len)
{
	memset(map->vaddr, 0, len);
}
EOF
units="$cases drv"
dflags="-fdirectives-only -fworking-directory"
flags="-I $INC -Wall -fdiagnostics-column-unit=byte -fdiagnostics-parseable-fixits -fno-diagnostics-show-caret"

# compile NAME CC... : compiles each unit with CC, objects to NAME/UNIT.o,
# stderr to NAME/UNIT.err; each exit status must be 0
compile() {
	name=$1
	shift
	mkdir -p "$W/$name"
	for u in $units; do
		status=0
		timeout 120 "$@" $flags -c $u.c -o "$W/$name/$u.o" >"$OUT" 2>"$W/$name/$u.err" ||
			status=$?
		cp "$W/$name/$u.err" "$ERR"
		[ "$status" = 0 ] || fail "$name: $u.c: exit status $status"
	done
	echo "\$ $* -c UNIT.c  ($name: $units)"
}

# same_as_local NAME: every unit's stderr is the local compile's, byte for
# byte (findings, columns, fix-its), and its object the plain gcc's
same_as_local() {
	for u in $units; do
		cmp -s "$W/local/$u.err" "$W/$1/$u.err" || {
			diff -u "$W/local/$u.err" "$W/$1/$u.err" || true
			fail "$1: $u.c: not the local compile's findings"
		}
		cmp -s "$W/plain/$u.o" "$W/$1/$u.o" || fail "$1: $u.o differs from plain gcc's"
	done
}

compile plain gcc
for u in $units; do expect_empty "$W/plain/$u.err"; done
compile local gcc -fplugin="$PLUGIN"
for u in $units; do
	grep -q ': warning: .*\[[a-z-]*\]$' "$W/local/$u.err" || fail "local: no finding in $u.c"
done
grep -c '^fix-it:' "$W/local/deref-read.err" | grep -qx 6 || fail "local: deref-read.c: not 6 fix-its"
# findings_of FILE: its warning and fix-it lines (not the notes)
findings_of() {
	grep -E ': warning: |^fix-it:|^cc1: note: iomemcheck' "$1" >"$W/findings" || true
}
# the file of its own: findings, fix-its, the suppression, the __force
# access, the map
findings_of "$W/local/drv.err"
expect_file "$W/findings" <<'EOF'
drv.c:10:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
fix-it:"drv.c":{10:2-10:18}:"writel(mode | 1, ctrl)"
drv.c:11:2: warning: plain store through 'ctrl', which points to I/O memory: 'ctrl' is declared __iomem, made a plain pointer by __force at line 11; use writel() on the __iomem pointer instead of casting it away [iomem-forced-access]
fix-it:"drv.c":{11:2-11:26}:"writel(0, ctrl)"
drv.c:21:2: warning: memset() on I/O memory: destination 'map->vaddr' may be I/O: map 'map' is not tested for is_iomem on this path; use iosys_map_memset() [map-vaddr-unchecked]
fix-it:"drv.c":{21:2-21:28}:"iosys_map_memset(map, 0, 0, len)"
EOF

# ---- -save-temps with the same flags: the .i route on one machine ----
compile save-temps gcc -fplugin="$PLUGIN" $dflags -save-temps
same_as_local save-temps
grep -q '^# 1 ".*//"$' "$W/save-temps/drv.i" || fail "-save-temps: no directory line in the .i"

# ---- distcc ----
compile distcc distcc iomemcheck-gcc $dflags
same_as_local distcc
for u in $units; do
	grep -q "COMPILE_OK .*iomemcheck-gcc $u\.c\$" "$dlog" || fail "distccd's log: $u.c not compiled there"
done

# Exit statuses: kbuild's -Werror does not fail on findings, werror does
status=0
timeout 60 distcc iomemcheck-gcc $dflags $flags -Werror -c drv.c -o "$W/werror.o" >"$OUT" 2>"$ERR" || status=$?
expect_status 0
expect_same "$W/local/drv.err" "$ERR"
status=0
timeout 60 distcc iomemcheck-gcc $dflags $flags -fplugin-arg-iomemcheck-werror -c drv.c \
	-o "$W/errors.o" >"$OUT" 2>"$ERR" || status=$?
expect_status 1
[ ! -e "$W/errors.o" ] || fail "werror: object built"
# distcc adds one line of its own to the compiler's
grep -q "^distcc\[[0-9]*\] ERROR: compile drv.c on 127.0.0.1:$port/2 failed\$" "$ERR" ||
	fail "werror: no failed compile in distcc's output"
sed 's/: warning: /: error: /' "$W/local/drv.err" >"$W/drv-errors"
grep -v '^distcc\[' "$ERR" >"$W/werror.err" || true
expect_same "$W/drv-errors" "$W/werror.err"

# ---- ccache (preprocessor mode), alone and in front of distcc ----
CCACHE_DIR=$T/ccache
CCACHE_NODIRECT=1
CCACHE_EXTRAFILES=$node/iomemcheck.so
export CCACHE_DIR CCACHE_NODIRECT CCACHE_EXTRAFILES
n=$(echo $units | wc -w)
# ccache_stat NAME: that counter of ccache's statistics
ccache_stat() {
	ccache --print-stats | awk -v k="$1" '$1 == k { print $2 }'
}
compile ccache-miss ccache iomemcheck-gcc $dflags
same_as_local ccache-miss
compile ccache-hit ccache iomemcheck-gcc $dflags
same_as_local ccache-hit
[ "$(ccache_stat preprocessed_cache_hit)" = "$n" ] || fail "ccache: not $n hits"
# the wrapper hides the plugin from ccache: CCACHE_EXTRAFILES hashes it
printf 'changed' >>"$node/iomemcheck.so"
compile ccache-changed ccache iomemcheck-gcc $dflags
same_as_local ccache-changed
[ "$(ccache_stat preprocessed_cache_hit)" = "$n" ] || fail "ccache: a hit after the plugin changed"
[ "$(ccache_stat cache_miss)" = "$((2 * n))" ] || fail "ccache: not $((2 * n)) misses"

# ccache drops -fdirectives-only from the compile it runs: the prefix
# command puts it back for distcc (on a compile only: ccache runs the -E of
# a build through it too)
printf '#!/bin/sh\ncase " $* " in *" -c "*) exec distcc "$@" %s ;; esac\nexec distcc "$@"\n' \
	"$dflags" >"$node/distcc-directives-only"
chmod 755 "$node/distcc-directives-only"
CCACHE_DIR=$T/ccache-distcc
CCACHE_PREFIX=distcc-directives-only
export CCACHE_DIR CCACHE_PREFIX
before=$(grep -c COMPILE_OK "$dlog")
compile ccache-distcc-miss ccache iomemcheck-gcc $dflags
same_as_local ccache-distcc-miss
compile ccache-distcc-hit ccache iomemcheck-gcc $dflags
same_as_local ccache-distcc-hit
[ "$(ccache_stat preprocessed_cache_hit)" = "$n" ] || fail "ccache + distcc: not $n hits"
# kbuild's own -E (scripts/cc-version.sh) through the prefix: expanded
[ "$(echo __GNUC__ | ccache iomemcheck-gcc -E -P -x c -)" = "$(gcc -dumpversion | cut -d. -f1)" ] ||
	fail "ccache + distcc: -E does not expand __GNUC__"
[ "$(grep -c COMPILE_OK "$dlog")" = "$((before + n))" ] ||
	fail "ccache + distcc: the misses were not compiled by distccd"
unset CCACHE_PREFIX
# Why the wrapper: distccd refuses -fplugin= (a client must not load code
# into the node); with DISTCC_FALLBACK=0 that fails instead of compiling
# here unnoticed.
status=0
DISTCC_DIR=$T/distcc-refused timeout 60 \
	distcc gcc -fplugin="$node/iomemcheck.so" $flags -c drv.c -o "$W/refused.o" >"$OUT" 2>"$ERR" || status=$?
[ "$status" != 0 ] || fail "distcc gcc -fplugin=: compiled"
grep -q 'failed to distribute and fallbacks are disabled' "$ERR" || fail "distcc gcc -fplugin=: no refusal"
grep -q -- '-fplugin= and/or -specs= passed' "$dlog" || fail "distccd's log: no refusal of -fplugin="

stop_daemon

# ---- a .i of -fdirectives-only without its directory line ----
# libcpp cannot take the helper #define there: a note says why the
# annotations are not seen (the map findings, which need none, remain)
gcc -fplugin="$PLUGIN" -I "$INC" -E -fdirectives-only drv.c -o "$W/nodir.i"
status=0
gcc -fplugin="$PLUGIN" -fdirectives-only -fno-diagnostics-show-caret -fdiagnostics-parseable-fixits \
	-c "$W/nodir.i" -o "$W/nodir.o" >"$OUT" 2>"$ERR" || status=$?
expect_status 0
findings_of "$ERR"
expect_file "$W/findings" <<'EOF'
cc1: note: iomemcheck: a '.i' of '-fdirectives-only' without its working directory line: '__iomem' and '__force' are not seen (preprocess with '-fworking-directory')
drv.c:21:2: warning: memset() on I/O memory: destination 'map->vaddr' may be I/O: map 'map' is not tested for is_iomem on this path; use iosys_map_memset() [map-vaddr-unchecked]
fix-it:"drv.c":{21:2-21:28}:"iosys_map_memset(map, 0, 0, len)"
EOF
echo PASS
