#!/bin/sh
# integration.parse: by default, header function bodies skipped by the first
# parse, and a full parse when the analysis needs one (checker/parse.c;
# core: imc_bodies_needed(), imc_findings.needs_body); with
# IOMEMCHECK_SKIP_HEADER_BODIES=0, a full parse.
#  - a header helper that never gets I/O memory or a map: its body stays
#    skipped (the trace line says so), the findings are those of a full parse;
#  - a helper that gets a map's vaddr directly, through a local, or through
#    a main-file function's parameter: the unit is parsed again in full (the
#    trace line names the helper) and the finding that needs the helper's
#    body is reported, exactly as in a full parse;
#  - a rewrite that needs to see a header helper (a one-`return`
#    computation in a walking-pointer loop): parsed again in full, the same
#    fix-its;
#  - functions the main file defines through a macro, and a header included
#    below the main file's first lines (not in the preamble): the same
#    findings as a full parse;
#  - a helper whose type names a map struct: parsed again in full, but not
#    under --api naming another generation;
#  - --dump-ir and --headers parse in full at once;
#  - every testsuite case: the same stdout, stderr and exit status with and
#    without IOMEMCHECK_SKIP_HEADER_BODIES=0.
. "$(dirname "$0")/lib.sh"

cd src
cat >helpers.h <<'EOF2'
static inline void fill(u32 *p, int n)
{
	while (n--)
		*p++ = 0;
}

static inline int twice(int x)
{
	return 2 * x;
}
EOF2
cat >a.c <<'EOF2'
#include <linux/io.h>
#include "helpers.h"

int a(u32 __iomem *r)
{
	return *r + twice(3);
}
EOF2
cat >b.c <<'EOF2'
#include <linux/iosys-map.h>
#include "helpers.h"

void b(struct iosys_map *map)
{
	fill(map->vaddr, 4);
}
EOF2
cat >c.c <<'EOF2'
#include <linux/iosys-map.h>
#include "helpers.h"

void c(struct iosys_map *map)
{
	void *v = map->vaddr;

	fill(v, 4);
}
EOF2
cat >d.c <<'EOF2'
#include <linux/iosys-map.h>
#include "helpers.h"

static void g(u32 *q)
{
	fill(q, 1);
}

void d(struct iosys_map *map)
{
	g(map->vaddr);
}
EOF2
cat >helpers2.h <<'EOF2'
struct rect {
	int x1, x2;
};

static inline int rect_width(const struct rect *r)
{
	return r->x2 - r->x1;
}

#define DEFINE_CLEAR(name)                       \
	static void name##_clear(u32 __iomem *r) \
	{                                        \
		*r = 0;                          \
	}
EOF2
cat >g.c <<'EOF2'
#include <linux/iosys-map.h>
#include "helpers2.h"

void g(struct iosys_map *map, const struct rect *r, int lines, int pitch)
{
	u8 *p = map->vaddr;
	int y;

	for (y = 0; y < lines; y++) {
		p[0] = rect_width(r);
		p += pitch;
	}
}
EOF2
cat >e.c <<'EOF2'
#include <linux/io.h>
#include "helpers2.h"

#define DEFINE_SET(name)                       \
	static void name##_set(u32 __iomem *r) \
	{                                      \
		*r = 1;                        \
	}

DEFINE_SET(uart)
DEFINE_CLEAR(uart)

void e(u32 __iomem *r)
{
	uart_clear(r);
}
EOF2
cat >f.c <<'EOF2'
#include <linux/iosys-map.h>
int f_counter;
#include "helpers.h"

void f(struct iosys_map *map)
{
	fill(map->vaddr, 2);
}
EOF2

# same_as_full FILE ARG...: the checker's output on FILE without the trace
# line equals that of a full parse
same_as_full() {
	f=$1
	shift
	grep -v ': parse: ' "$ERR" >"$W/skip.err" || true
	cp "$OUT" "$W/skip.out"
	skip_status=$status
	IOMEMCHECK_SKIP_HEADER_BODIES=0 IOMEMCHECK_TRACE_PARSE=0 chk "$@" "$f"
	expect_same "$W/skip.out" "$OUT"
	expect_same "$W/skip.err" "$ERR"
	[ "$skip_status" -eq "$status" ] || fail "exit $skip_status, full parse $status"
}

IOMEMCHECK_TRACE_PARSE=1
export IOMEMCHECK_TRACE_PARSE
IOMEMCHECK_SKIP_HEADER_BODIES=0 chk a.c
grep -qx 'iomemcheck: a.c: parse: full' "$ERR" || fail "=0: not a full parse"

chk a.c
expect_status 1
expect_file "$ERR" <<'EOF2'
iomemcheck: a.c: parse: header bodies skipped (1 reached)
a.c:6:9: warning: plain load through __iomem pointer 'r'; use readl() [iomem-deref]
a.c:6:9: note: fix-it: replace 6:9-6:11 with 'readl(r)'
EOF2
same_as_full a.c

chk b.c
expect_status 1
# (the path events' note: lines that follow are those of a full parse)
head -n 2 "$ERR" >"$W/b.head"
expect_file "$W/b.head" <<'EOF2'
iomemcheck: b.c: parse: re-parsed in full (fill() needs its body)
b.c:6:2: warning: 'map->vaddr' may be I/O memory (map 'map' is not tested for is_iomem on this path) but fill() uses argument 1 as system memory (dereference at line 4): pass fill() the map (and an offset) and use the iosys_map_*() helpers there [map-vaddr-unchecked]
EOF2
same_as_full b.c

chk c.c
expect_status 1
grep -qx 'iomemcheck: c.c: parse: re-parsed in full (fill() needs its body)' "$ERR" ||
	fail "c.c: no full parse for a map's vaddr passed through a local"
grep -q "^c.c:8:2: warning: 'v' may be I/O memory .*fill() uses argument 1" "$ERR" ||
	fail "c.c: the finding at the call of fill()"
same_as_full c.c

chk d.c
expect_status 1
grep -qx 'iomemcheck: d.c: parse: re-parsed in full (fill() needs its body)' "$ERR" ||
	fail "d.c: no full parse for a map's vaddr passed through a parameter"
grep -q "^d.c:11:2: warning: 'map->vaddr' may be I/O memory .*g() uses argument 1 as system memory (fill() at line 6)" "$ERR" ||
	fail "d.c: the finding at the call of g()"
same_as_full d.c

chk g.c
expect_status 1
grep -qx 'iomemcheck: g.c: parse: re-parsed in full (rect_width() needs its body)' "$ERR" ||
	fail "g.c: no full parse for the rewrite's helper"
grep -q "^g.c:10:3: note: fix-it: replace 10:3-10:23 with 'iosys_map_wr(map, p, u8, rect_width(r))'" "$ERR" ||
	fail "g.c: the walking pointer's fix-it"
same_as_full g.c

chk e.c
expect_status 1
grep -qx 'iomemcheck: e.c: parse: header bodies skipped (0 reached)' "$ERR" ||
	fail "e.c: header bodies not skipped"
grep -q "^e.c:10:1: warning: plain store through __iomem pointer 'r'" "$ERR" ||
	fail "e.c: the store of the function the main file's macro defines"
grep -q "^e.c:11:1: warning: plain store through __iomem pointer 'r'" "$ERR" ||
	fail "e.c: the store of the function a header's macro defines"
same_as_full e.c

chk f.c
expect_status 1
grep -qx 'iomemcheck: f.c: parse: header bodies skipped (0 reached)' "$ERR" ||
	fail "f.c: header bodies not skipped"
grep -q "^f.c:7:2: warning: 'map->vaddr' may be I/O memory .*fill() uses argument 1" "$ERR" ||
	fail "f.c: the finding through a header below the preamble"
same_as_full f.c

# A skipped helper whose type names a map struct needs its body only where
# that struct's API generation applies (the core decides, with the unit's
# generations: imc_bodies_needed()).
cat >dbm.h <<'EOF2'
static inline void *dbm_vaddr(struct dma_buf_map *m)
{
	return m->vaddr;
}
EOF2
cat >h.c <<'EOF2'
#include <linux/dma-buf-map.h>
#include <linux/iosys-map.h>
#include "dbm.h"

void *h(struct dma_buf_map *m)
{
	return dbm_vaddr(m);
}
EOF2
chk h.c
grep -qx 'iomemcheck: h.c: parse: re-parsed in full (dbm_vaddr() needs its body)' "$ERR" ||
	fail "h.c: no full parse for a helper of the dma_buf_map generation"
chk --api=iosys-map h.c
grep -qx 'iomemcheck: h.c: parse: header bodies skipped (1 reached)' "$ERR" ||
	fail "h.c --api=iosys-map: a full parse for another generation's map"
same_as_full h.c --api=iosys-map

chk --dump-ir b.c
grep -qx 'iomemcheck: b.c: parse: full' "$ERR" || fail "--dump-ir: not a full parse"
chk --headers a.c
grep -qx 'iomemcheck: a.c: parse: full' "$ERR" || fail "--headers: not a full parse"

# The testsuite's cases (their check-flags too), in their directory.
unset IOMEMCHECK_TRACE_PARSE
n=0
for f in "$REPO"/testsuite/cases/*.c; do
	case $f in *.fixed.c) continue ;; esac
	flags=$(sed -n 's|.*check-flags: \(.*\) \*/.*|\1|p' "$f")
	cd "$(dirname "$f")"
	# shellcheck disable=SC2086 # the flags are words
	chk $flags "$(basename "$f")"
	# shellcheck disable=SC2086
	same_as_full "$(basename "$f")" $flags
	cd "$T/src"
	n=$((n + 1))
done
[ "$n" -gt 30 ] || fail "only $n testsuite cases"
echo "PASS: integration.parse ($n cases the same as a full parse)"
