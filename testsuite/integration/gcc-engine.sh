#!/bin/sh
# integration.gcc-engine: `iomemcheck --engine=gcc` (GCC with the plugin as
# the checker's parser) gives what the checker gives:
#  - text (with and without carets, parseable fix-its), JSON, SARIF and HTML
#    reports, baselines (written and applied), suppressions, --fix and
#    --fix-dry-run, -j2, --shard/--merge and -p: byte-identical to the
#    checker's on the same files;
#  - exit status 0 clean, 1 findings, 0 under kbuild (KBUILD_CHECKSRC=1),
#    1 there with --werror;
#  - GCC's argument vector (a recording fake GCC): kbuild's CHECKFLAGS and
#    the dependency-file, -o and -c options dropped, -fsyntax-only, -w, the
#    plugin and its options added, everything else as given, in order;
#    ${CROSS_COMPILE}gcc, $CC and a database entry's compiler are the GCC
#    run, and a cross GCC's plugin is looked for under its target's name;
#  - what cannot work says so in one line and exits 2: no such GCC, clang,
#    no plugin for a cross GCC, --gcc without --engine=gcc, an unknown
#    engine, a unit GCC rejects (its error shown), a GCC that crashes or
#    ICEs, a plugin that hands over nothing.
. "$(dirname "$0")/lib.sh"

: "${PLUGIN:?PLUGIN must name iomemcheck.so}"
ENGINE="--engine=gcc --plugin=$PLUGIN"
# the GCC run is the default one, gcc
unset CC CROSS_COMPILE
cd src
cat >drv.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/io.h>
#include <linux/iosys-map.h>

struct dma_buf;
int dma_buf_vmap(struct dma_buf *dmabuf, struct iosys_map *map);

void drv_start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
	/* iomemcheck-ignore(iomem-deref): test of a suppression */
	*ctrl = 0;
}

int drv_clear(struct dma_buf *buf, struct iosys_map *map)
{
	int ret = dma_buf_vmap(buf, map);
	u32 *p = map->vaddr;

	if (ret)
		return ret;
	p[0] = 1;
	return 0;
}
EOF
cat >clean.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/io.h>

void clean_start(u32 __iomem *ctrl)
{
	writel(1, ctrl);
}
EOF

# both ARG...: the checker, then the engine, on the same command line;
# their stdout, stderr and exit status must be identical.
both() {
	chk "$@"
	cp "$OUT" "$W/chk.out"
	cp "$ERR" "$W/chk.err"
	chk_status=$status
	# shellcheck disable=SC2086 # ENGINE is two words
	chk $ENGINE "$@"
	[ "$status" = "$chk_status" ] ||
		fail "engine exit status $status, the checker's $chk_status"
	expect_same "$W/chk.out" "$OUT"
	if ! cmp -s "$W/chk.err" "$ERR"; then
		diff -u "$W/chk.err" "$ERR" || true
		fail "the engine's stderr is not the checker's"
	fi
}

both drv.c
expect_status 1
grep -q 'drv.c:10:2: warning: plain store through __iomem pointer' "$ERR" ||
	fail "no finding at drv.c:10"
grep -q 'drv.c:12:' "$ERR" && fail "the suppressed finding is reported"
grep -q "note: map 'map' is set up by dma_buf_vmap()" "$ERR" || fail "no path notes"
both -fdiagnostics-parseable-fixits drv.c clean.c
expect_status 1
both clean.c
expect_status 0
expect_empty "$ERR"
both -j2 drv.c clean.c
both --per-access -Wcast-to-as drv.c
both --fail-on=map-vaddr-unchecked drv.c
expect_status 1
both --fail-on=map-flag-mismatch drv.c
expect_status 0
KBUILD_CHECKSRC=1
export KBUILD_CHECKSRC
both drv.c
expect_status 0
both --werror drv.c
expect_status 1
unset KBUILD_CHECKSRC

# reports: JSON and SARIF on stdout, in files, HTML directories
both --format=json drv.c clean.c
both --format=sarif drv.c
chk --format=json -o "$W/chk.json" drv.c
# shellcheck disable=SC2086
chk $ENGINE --format=json -o "$W/eng.json" drv.c
expect_same "$W/chk.json" "$W/eng.json"
chk --format=html -o "$W/chk-html" drv.c
# shellcheck disable=SC2086
chk $ENGINE --format=html -o "$W/eng-html" drv.c
diff -r "$W/chk-html" "$W/eng-html" >/dev/null || fail "HTML reports differ"

# baselines
chk --write-baseline "$W/chk.base" drv.c
# shellcheck disable=SC2086
chk $ENGINE --write-baseline "$W/eng.base" drv.c
expect_same "$W/chk.base" "$W/eng.base"
both --baseline "$W/chk.base" drv.c
expect_status 0

# --fix and --fix-dry-run
both --fix-dry-run drv.c
grep -q '^+	writel(mode | 1, ctrl);$' "$OUT" || fail "no patch"
cp drv.c "$W/drv.c.orig"
chk --fix drv.c
cp drv.c "$W/drv.c.chk"
cp "$W/drv.c.orig" drv.c
# shellcheck disable=SC2086
chk $ENGINE --fix drv.c
expect_same "$W/drv.c.chk" drv.c
cp "$W/drv.c.orig" drv.c

# shards and -p (the database names cc: the native GCC)
python3 - "$PWD" "$INC" <<'EOF'
import json, sys
src, inc = sys.argv[1:]
json.dump([{"directory": src, "file": f, "arguments": ["cc", "-I", inc, "-c", f, "-o", f + ".o"]}
           for f in ("drv.c", "clean.c")], open("compile_commands.json", "w"))
EOF
both -p . --format=json
for k in 1 2; do
	# shellcheck disable=SC2086
	"$IMC" $ENGINE -p . --shard $k/2 --format=json -o "$W/s$k.json" 2>/dev/null || true
done
chk --merge "$W/s1.json" "$W/s2.json" -o "$W/merged.json"
chk -p . --format=json -o "$W/all.json"
expect_same "$W/all.json" "$W/merged.json"
expect_dir . drv.c clean.c compile_commands.json
rm compile_commands.json

# ---- GCC's argument vector, by a fake GCC that records it and hands over
# an empty report
cat >"$T/fake-gcc" <<'EOF'
#!/bin/sh
for a in "$0" "$@"; do printf '%s\n' "$a"; done >"$FAKE_LOG"
for a in "$@"; do
	case $a in -fplugin-arg-*-findings=*)
		printf '{"tool": "iomemcheck", "findings": []}\n' >"${a#*-findings=}";;
	esac
done
exit "${FAKE_STATUS:-0}"
EOF
chmod +x "$T/fake-gcc"
FAKE_LOG=$W/argv
export FAKE_LOG
CHECKFLAGS="-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise \
-Wno-return-void -Wno-unknown-attribute --arch=x86 -mlittle-endian -m64"
echo '# nothing' >"$T/my.rules"
mkdir "$T/tmp"
# shellcheck disable=SC2086 # words, as make's shell splits them
TMPDIR=$T/tmp chk --engine=gcc --gcc="$T/fake-gcc" --plugin="$PLUGIN" $CHECKFLAGS \
	--rules "$T/my.rules" --api=iosys-map --headers -Wcast-to-as \
	-Wp,-MMD,./.drv.o.d -nostdinc -isystem /inc -D__KERNEL__ -std=gnu11 \
	-mlittle-endian -O2 --param=allow-store-data-races=0 \
	-DKBUILD_MODNAME='"drv"' -c -o drv.o drv.c
expect_status 0
sed "s|^$T/|T/|; s|-findings=.*|-findings=REPORT|; s|=$T/|=T/|; s|=$PLUGIN\$|=PLUGIN|; s|^$INC\$|INC|" \
	"$FAKE_LOG" >"$W/argv.seen"
expect_file "$W/argv.seen" <<'EOF'
T/fake-gcc
-fsyntax-only
-w
-fplugin=PLUGIN
-fplugin-arg-iomemcheck-findings=REPORT
-fplugin-arg-iomemcheck-rules=T/my.rules
-fplugin-arg-iomemcheck-headers
-fplugin-arg-iomemcheck-cast-to-as
-fplugin-arg-iomemcheck-api=iosys-map
-I
INC
-nostdinc
-isystem
/inc
-D__KERNEL__
-std=gnu11
-mlittle-endian
-O2
--param=allow-store-data-races=0
-DKBUILD_MODNAME="drv"
drv.c
EOF
expect_dir . drv.c clean.c
expect_dir "$T/tmp"

# which GCC: $CC (split at blanks), ${CROSS_COMPILE}gcc, a database entry's
cp "$T/fake-gcc" "$T/sparc64-linux-gnu-gcc"
mkdir -p "$T/bin"
cp "$T/fake-gcc" "$T/bin/gcc"
CC="$T/fake-gcc" chk --engine=gcc --plugin="$PLUGIN" clean.c
expect_status 0
[ "$(head -n 1 "$FAKE_LOG")" = "$T/fake-gcc" ] || fail "\$CC not run"
CC= CROSS_COMPILE="$T/sparc64-linux-gnu-" chk --engine=gcc --plugin="$PLUGIN" clean.c
expect_status 0
[ "$(head -n 1 "$FAKE_LOG")" = "$T/sparc64-linux-gnu-gcc" ] ||
	fail "\${CROSS_COMPILE}gcc not run"
CC= PATH="$T/bin:$PATH" chk --engine=gcc --plugin="$PLUGIN" clean.c
expect_status 0
[ "$(head -n 1 "$FAKE_LOG")" = "$T/bin/gcc" ] || fail "gcc (on the PATH) not the default"
python3 - "$PWD" "$T/sparc64-linux-gnu-gcc" <<'EOF'
import json, sys
src, cc = sys.argv[1:]
json.dump([{"directory": src, "file": "clean.c", "arguments": [cc, "-DX=1", "-c", "clean.c"]}],
          open("compile_commands.json", "w"))
EOF
CC="$T/fake-gcc" chk --engine=gcc --plugin="$PLUGIN" -p .
expect_status 0
expect_file "$FAKE_LOG" <<EOF
$T/sparc64-linux-gnu-gcc
-fsyntax-only
-w
-fplugin=$PLUGIN
-fplugin-arg-iomemcheck-findings=$(sed -n 's/.*-findings=//p' "$FAKE_LOG")
-DX=1
$PWD/clean.c
EOF
rm compile_commands.json

# which plugin: without --plugin the build tree's beside the checker, also
# for the host's GCC by its full name (x86_64-linux-gnu-gcc)
chk --engine=gcc drv.c
expect_status 1
grep -q '^drv.c:10:2: warning: ' "$ERR" || fail "no finding with the plugin found"
host_gcc=$(gcc -dumpmachine)-gcc
if command -v "$host_gcc" >/dev/null; then
	chk --engine=gcc --gcc="$host_gcc" drv.c
	expect_status 1
	grep -q '^drv.c:10:2: warning: ' "$ERR" || fail "$host_gcc: no native plugin"
fi

# ---- what cannot work: one line, exit 2
chk --engine=gcc --gcc="$T/no-such-gcc" drv.c
expect_option_error "--engine=gcc: cannot run $T/no-such-gcc: No such file or directory (give --gcc=PATH or set CC)"
cp "$T/fake-gcc" "$T/clang"
chk --engine=gcc --gcc="$T/clang" drv.c
expect_option_error "--engine=gcc: $T/clang is not GCC (give --gcc=PATH, or use the default --engine=clang)"
chk --engine=gcc --gcc="$T/sparc64-linux-gnu-gcc" drv.c
expect_status 2
grep -q "^iomemcheck: --engine=gcc: no plugin for $T/sparc64-linux-gnu-gcc (.*/sparc64-linux-gnu/iomemcheck.so does not exist; build it, or give --plugin=PATH)$" "$ERR" ||
	fail "no one-line message for the missing cross plugin"
chk --gcc=gcc drv.c
expect_option_error "--gcc: only with --engine=gcc"
chk --engine=tcc drv.c
expect_option_error "--engine: 'tcc' is not clang or gcc"
chk --engine=gcc --dump-ir drv.c
expect_option_error "--dump-ir: not with --engine=gcc (the plugin's -fplugin-arg-iomemcheck-dump-ir prints its IR)"
FAKE_STATUS=4 chk --engine=gcc --gcc="$T/fake-gcc" --plugin="$PLUGIN" drv.c
expect_option_error "drv.c: $T/fake-gcc failed (exit status 4); not checked"
cat >"$T/crash-gcc" <<'EOF'
#!/bin/sh
kill -SEGV $$
EOF
chmod +x "$T/crash-gcc"
chk --engine=gcc --gcc="$T/crash-gcc" --plugin="$PLUGIN" drv.c
expect_option_error "drv.c: $T/crash-gcc was killed by signal 11 (Segmentation fault)"
printf '#!/bin/sh\nexit 0\n' >"$T/silent-gcc"
chmod +x "$T/silent-gcc"
chk --engine=gcc --gcc="$T/silent-gcc" --plugin="$PLUGIN" drv.c
expect_status 2
grep -q '^iomemcheck: drv.c: the plugin handed over no findings (.*: not an iomemcheck JSON report)$' "$ERR" ||
	fail "no one-line message for a missing report"
# a unit GCC rejects: its error, then ours
printf 'void broken(void) { return 1 }\n' >broken.c
# shellcheck disable=SC2086
chk $ENGINE broken.c
expect_status 2
grep -q '^broken.c:1:.*error: ' "$ERR" || fail "GCC's error not shown"
[ "$(tail -n 1 "$ERR")" = "iomemcheck: broken.c: gcc failed (exit status 1); not checked" ] ||
	fail "no closing line for the unit GCC rejected"
# the checker's missing-file message
# shellcheck disable=SC2086
chk $ENGINE no-such.c
expect_option_error "no-such.c: No such file or directory"
echo PASS
