#!/bin/sh
# integration.facts: cross-unit facts (docs/facts.md) end to end, through
# both front ends, on a tree of the issue's shapes (a pool mapped in
# sram.c and handed out by pool_alloc(), a copy helper in lib/copy.c, a
# user in rx.c) and of dependent facts resolved at merge (ring.c copies
# a member sram.c filled into another member, returns what pool_alloc()
# returns, and stores it through an out-parameter; dma.c uses all three).
#  1. Collection: the checker (--facts-out, also as kbuild's CHECK with
#     CF=--facts-out=DIR, also with --engine=gcc, and under -p) and the
#     plugin (facts=DIR) write
#     the same file per unit, and nothing else; the plugin's objects are the
#     same bytes with facts collected or not.
#  2. Merge: the same facts in any order and split over any directories
#     give the same database content (sqlite3 .dump); a unit collected
#     again replaces its rows (incremental = fresh); flows resolved.
#  3. Use: --facts=DB / facts-db=DB give the same findings and notes in
#     both front ends (and the GCC engine), with the other units' places; JSON events and SARIF
#     codeFlows name them.
#  4. Stale: a unit changed since the merge: its facts are not used and a
#     note says so.
#  5. Bad input: one line, exit 2, the database left as it was.
#  6. The example queries of docs/facts.md give the outputs it shows.
. "$(dirname "$0")/lib.sh"

: "${PLUGIN:?PLUGIN must name iomemcheck.so}"
command -v sqlite3 >/dev/null || fail "sqlite3 not found (scripts/install-deps)"
cd src
mkdir lib
cat >pool.h <<'EOF'
#include <linux/io.h>
#include <linux/types.h>
struct sram_pool {
	void *base;
	size_t used;
};
struct ring {
	void *head;
	void *cur;
};
extern struct sram_pool *the_pool;
extern void *rx_window;
void *pool_alloc(size_t n);
void copy_helper(void *dst, const void *src, size_t n);
void copy_twice(void *dst, const void *src, size_t n);
int pool_init(unsigned long phys, size_t size);
void ring_init(struct ring *r);
void ring_start(struct ring *r);
void ring_rewind(struct ring *r);
void *rx_buffer(void);
int rx_get(void **out);
EOF
cat >sram.c <<'EOF'
#include "pool.h"

static struct sram_pool pool;
struct sram_pool *the_pool = &pool;
void *rx_window;

int pool_init(unsigned long phys, size_t size)
{
	pool.base = (void __force *)ioremap(phys, size);
	rx_window = (void __force *)ioremap(phys + size, 64);
	return pool.base ? 0 : -1;
}

void *pool_alloc(size_t n)
{
	size_t off = pool.used;

	pool.used += n;
	return pool.base + off;
}

void ring_init(struct ring *r)
{
	r->head = pool_alloc(64);
}
EOF
cat >lib/copy.c <<'EOF'
#include <linux/types.h>
#include <linux/string.h>
#include "../pool.h"

void copy_helper(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
}

void copy_twice(void *dst, const void *src, size_t n)
{
	copy_helper(dst, src, n);
	copy_helper(dst + n, src, n);
}
EOF
cat >rx.c <<'EOF'
#include <linux/string.h>
#include "pool.h"

void rx_setup(const void *desc, size_t n)
{
	void *ring = pool_alloc(n);

	memset(ring, 0, n);
	copy_helper(the_pool->base, desc, n);
	memset(rx_window, 0, 64);
}
EOF
cat >tx.c <<'EOF'
#include "pool.h"

void tx_fill(void *frame, size_t n);

void tx_fill(void *frame, size_t n)
{
	copy_twice(frame, the_pool, n);
}
EOF
# dependent facts: ring.c cannot know that ring.head or pool_alloc()'s
# result is I/O memory (and ring_rewind() closes a cycle of copies)
cat >ring.c <<'EOF'
#include "pool.h"

void ring_start(struct ring *r)
{
	r->cur = r->head;
}

void ring_rewind(struct ring *r)
{
	r->head = r->cur;
}

void *rx_buffer(void)
{
	return pool_alloc(16);
}

int rx_get(void **out)
{
	void *p = rx_buffer();

	*out = p;
	return p ? 0 : -1;
}
EOF
cat >dma.c <<'EOF'
#include <linux/string.h>
#include "pool.h"

void dma_start(struct ring *r)
{
	void *buf;

	memset(r->cur, 0, 8);
	memset(rx_buffer(), 0, 16);
	if (!rx_get(&buf))
		memset(buf, 0, 32);
}
EOF
UNITS="sram.c lib/copy.c rx.c tx.c ring.c dma.c"

# ---- 1. collection
for u in $UNITS; do
	chk -I . --facts-out "$T/cf" "$u"
	expect_status 0
	expect_empty "$ERR"
done
expect_dir "$T/cf" $(cd "$T/cf" && ls)
[ "$(ls "$T/cf" | wc -l)" -eq 6 ] || fail "not one facts file per unit: $(ls "$T/cf")"
for u in $UNITS; do
	o=$T/$(basename "$u" .c)
	# (-gno-record-gcc-switches: DWARF would record the plugin's flags)
	gcc -I "$INC" -I . -c -O2 -g -gno-record-gcc-switches "$u" -o "$o.plain.o" ||
		fail "gcc -c $u"
	plug -I . -c -O2 -g -gno-record-gcc-switches "$u" -o "$o.facts.o" \
		-fplugin-arg-iomemcheck-facts="$T/pf"
	expect_status 0
	expect_same "$o.plain.o" "$o.facts.o"
done
for f in "$T"/cf/*; do
	expect_same "$f" "$T/pf/${f##*/}"
done
grep -q '"producer":	"I/O memory returned by ioremap()"' "$T"/cf/sram.c-*.facts.json ||
	fail "sram.c's facts name no producer"

# as kbuild's CHECK (make C=1 CHECK=iomemcheck CF=--facts-out=DIR)
KBUILD_CHECKSRC=1 chk -D__linux__ -Wbitwise --facts-out="$T/kf" \
	-Wp,-MMD,./.rx.o.d -I . -D__KERNEL__ -O2 -o rx.o rx.c
expect_status 0
[ ! -e rx.o ] && [ ! -e .rx.o.d ] || fail "the check wrote the compiler's files"
expect_same "$T"/cf/rx.c-*.facts.json "$T"/kf/rx.c-*.facts.json
# the same through the GCC engine (CHECK="iomemcheck --engine=gcc")
KBUILD_CHECKSRC=1 chk --engine=gcc --plugin="$PLUGIN" -D__linux__ -Wbitwise \
	--facts-out="$T/gf" -I . -D__KERNEL__ -O2 -o rx.o rx.c
expect_status 0
expect_same "$T"/cf/rx.c-*.facts.json "$T"/gf/rx.c-*.facts.json

# -p: the compile database's units, each in its directory
mkdir "$T/build"
{
	printf '['
	sep=
	for u in $UNITS; do
		printf '%s{"directory": "%s", "file": "%s", "arguments": ["gcc", "-I", "%s", "-I", "%s", "-c", "%s"]}' \
			"$sep" "$PWD" "$u" "$INC" "$PWD" "$u"
		sep=,
	done
	printf ']\n'
} >"$T/build/compile_commands.json"
status=0
"$IMC" -p "$T/build" --facts-out "$T/jf" -j1 >"$OUT" 2>"$ERR" || status=$?
expect_status 0
for f in "$T"/cf/*; do
	expect_same "$f" "$T/jf/${f##*/}"
done

# ---- 2. merge
chk --facts-merge "$T/cf" -o "$T/a.db"
expect_status 0
expect_empty "$ERR"
expect_dir "$T" src cf pf kf gf jf build a.db \
	$(cd "$T" && ls -d ./*.o | sed 's|^\./||')
sqlite3 "$T/a.db" .dump >"$T/a.dump"
# the same facts in other directories and another order
mkdir "$T/d1" "$T/d2"
cp "$T"/cf/rx.c-* "$T"/cf/tx.c-* "$T"/cf/ring.c-* "$T/d1"
cp "$T"/cf/sram.c-* "$T"/cf/copy.c-* "$T"/cf/dma.c-* "$T/d2"
chk --facts-merge "$T/d2" "$T/d1" -o "$T/b.db"
expect_status 0
sqlite3 "$T/b.db" .dump >"$T/b.dump"
expect_same "$T/a.dump" "$T/b.dump"
# incremental: half now, the rest later, the same content
chk --facts-merge "$T/d1" -o "$T/c.db"
chk --facts-merge "$T/d2" -o "$T/c.db"
sqlite3 "$T/c.db" .dump >"$T/c.dump"
expect_same "$T/a.dump" "$T/c.dump"
# the flow of tx_fill() param 1 resolved through copy_twice() to memcpy()
sqlite3 "$T/a.db" "SELECT function, param, what, depth, path FROM param_plain
	WHERE function IN ('copy_twice', 'tx_fill') AND param = 1" >"$OUT"
expect_file "$OUT" <<'EOF'
copy_twice|1|memcpy()|1|copy_helper() parameter 1
tx_fill|1|memcpy()|2|copy_twice() parameter 1, copy_helper() parameter 1
EOF
# the dependent facts resolved: a member copied from a member (and the
# cycle back, one link deeper, then nothing more), a return and an
# out-parameter through pool_alloc()
sqlite3 "$T/a.db" "SELECT struct || '.' || member, line, depth, path,
	producer_line FROM members WHERE struct = 'ring' ORDER BY 1, unit;
	SELECT function, param, depth, path, producer_line FROM returns
	WHERE depth > 0 ORDER BY 1, 2" >"$OUT"
expect_file "$OUT" <<'EOF'
ring.cur|5|1|ring.head|9
ring.head|10|2|ring.cur, ring.head|9
ring.head|24|0||9
rx_buffer|0|1|pool_alloc()|9
rx_get|1|1|pool_alloc()|9
EOF
# without sram.c's facts nothing resolves
chk --facts-merge "$T/d1" -o "$T/e.db"
expect_status 0
sqlite3 "$T/e.db" "SELECT count(*) FROM members WHERE depth > 0;
	SELECT count(*) FROM returns WHERE depth > 0;
	SELECT count(*) FROM value_flow" >"$OUT"
expect_file "$OUT" <<'EOF'
0
0
4
EOF

# ---- 3. use, both front ends
EXPECTED_RX=$(cat <<'EOF'
rx.c:8:2: warning: memset() on I/O memory: destination 'ring' may be I/O: pool_alloc() returns I/O memory (sram.c:14): I/O memory returned by ioremap() at sram.c:9; use memset_io() on the __iomem pointer instead of casting it away [iomem-forced-access]
sram.c:9:30: note: I/O memory returned by ioremap()
sram.c:14:7: note: pool_alloc() returns I/O memory
rx.c:8:2: note: memset() on 'ring'
rx.c:9:2: warning: 'the_pool->base' may be I/O memory ('pool.base' was assigned I/O memory at sram.c:9 (I/O memory returned by ioremap() at sram.c:9)) but copy_helper() uses argument 1 as system memory (memcpy() at lib/copy.c:7): give parameter 1 of copy_helper() an __iomem type and use the I/O accessors there [iomem-forced-access]
sram.c:9:30: note: I/O memory returned by ioremap()
sram.c:9:2: note: 'pool.base' is assigned I/O memory
rx.c:9:2: note: 'the_pool->base' is passed to copy_helper() as argument 1
lib/copy.c:7:2: note: copy_helper() uses parameter 1 'dst' as system memory: memcpy()
rx.c:10:2: warning: memset() on I/O memory: destination 'rx_window' may be I/O: 'rx_window' was assigned I/O memory at sram.c:10 (I/O memory returned by ioremap() at sram.c:10); use memset_io() on the __iomem pointer instead of casting it away [iomem-forced-access]
sram.c:10:30: note: I/O memory returned by ioremap()
sram.c:10:2: note: 'rx_window' is assigned I/O memory
rx.c:10:2: note: memset() on 'rx_window'
EOF
)
chk -I . --facts "$T/a.db" rx.c
expect_status 1
printf '%s\n' "$EXPECTED_RX" | expect_file "$ERR"
cp "$ERR" "$W/chk.err"
plug -I . -fsyntax-only -fplugin-arg-iomemcheck-facts-db="$T/a.db" rx.c
expect_status 0
same_findings
grep -E '^[^ ]+:[0-9]+:[0-9]+: note: ' "$W/chk.err" | sed 's/:[0-9]*: note/: note/' >"$W/chk.notes"
grep -E '^[^ ]+:[0-9]+:[0-9]+: note: ' "$ERR" | sed 's/:[0-9]*: note/: note/' >"$W/plug.notes"
expect_same "$W/chk.notes" "$W/plug.notes"
chk --engine=gcc --plugin="$PLUGIN" -I . --facts "$T/a.db" rx.c
expect_status 1
printf '%s\n' "$EXPECTED_RX" | expect_file "$ERR"
# what ring.c passed on, resolved at merge: the same in both front ends
EXPECTED_DMA=$(cat <<'EOF'
dma.c:8:2: warning: memset() on I/O memory: destination 'r->cur' may be I/O: 'r->cur' was assigned I/O memory at ring.c:5, read from ring.head (I/O memory returned by ioremap() at sram.c:9); use memset_io() on the __iomem pointer instead of casting it away [iomem-forced-access]
sram.c:9:30: note: I/O memory returned by ioremap()
ring.c:5:2: note: 'r->cur' is assigned I/O memory
dma.c:8:2: note: memset() on 'r->cur'
dma.c:9:2: warning: memset() on I/O memory: destination 'rx_buffer()' may be I/O: rx_buffer() returns I/O memory (ring.c:13, from pool_alloc()): I/O memory returned by ioremap() at sram.c:9; use memset_io() on the __iomem pointer instead of casting it away [iomem-forced-access]
sram.c:9:30: note: I/O memory returned by ioremap()
ring.c:13:7: note: rx_buffer() returns I/O memory
dma.c:9:2: note: memset() on 'rx_buffer()'
dma.c:11:3: warning: memset() on I/O memory: destination 'buf' may be I/O: rx_get() stores I/O memory (ring.c:18, from pool_alloc()): I/O memory returned by ioremap() at sram.c:9; use memset_io() on the __iomem pointer instead of casting it away [iomem-forced-access]
sram.c:9:30: note: I/O memory returned by ioremap()
ring.c:18:5: note: rx_get() stores I/O memory through parameter 1
dma.c:11:3: note: memset() on 'buf'
EOF
)
chk -I . --facts "$T/a.db" dma.c
expect_status 1
printf '%s\n' "$EXPECTED_DMA" | expect_file "$ERR"
plug -I . -fsyntax-only -fplugin-arg-iomemcheck-facts-db="$T/a.db" dma.c
expect_status 0
printf '%s\n' "$EXPECTED_DMA" | expect_file "$ERR"
chk -I . dma.c
expect_status 0
# a pointer that flows through two helpers into memcpy(): the chain named
chk -I . --facts "$T/a.db" tx.c
expect_status 0
cat >"$T/tx2.c" <<'EOF'
#include "src/pool.h"

void tx_start(void);

void tx_start(void)
{
	copy_twice(pool_alloc(8), "abcdefgh", 8);
}
EOF
chk -I . --facts "$T/a.db" "$T/tx2.c"
expect_status 1
grep -q "but copy_twice() uses argument 1 as system memory (memcpy() at lib/copy.c:7, through copy_helper() parameter 1)" "$ERR" ||
	fail "the resolved chain is not named"
# JSON events and SARIF codeFlows name the other units' places
chk -I . --facts "$T/a.db" --format=json rx.c
grep -q '"file":[[:space:]]*"sram.c"' "$OUT" || fail "JSON events do not name sram.c"
grep -q '"file":[[:space:]]*"lib/copy.c"' "$OUT" || fail "JSON events do not name lib/copy.c"
chk -I . --facts "$T/a.db" --format=sarif rx.c
grep -q '"uri":[[:space:]]*"lib/copy.c"' "$OUT" || fail "SARIF codeFlows do not name lib/copy.c"
# without the database: none of these
chk -I . rx.c
expect_status 0

# ---- 4. stale facts: sram.c changed since the merge
cp sram.c "$T/sram.c.orig"
printf '/* changed */\n' >>sram.c
chk -I . --facts "$T/a.db" rx.c
expect_status 0
diags "$ERR" >"$W/stale"
expect_empty "$W/stale"
grep -q "^rx.c:4:6: note: facts of sram.c not used: the file changed since the facts database was merged (collect and merge its facts again) \[analysis-limit\]$" "$ERR" ||
	fail "no note about the stale facts of sram.c"
cp "$ERR" "$W/chk.err"
plug -I . -fsyntax-only -fplugin-arg-iomemcheck-facts-db="$T/a.db" rx.c
same_findings
grep -q "note: facts of sram.c not used" "$ERR" || fail "the plugin says nothing of the stale facts"
# ring.c's resolved rows rest on sram.c's: not used either
chk -I . --facts "$T/a.db" dma.c
expect_status 0
diags "$ERR" >"$W/stale"
expect_empty "$W/stale"
grep -q "^dma.c:4:6: note: facts of sram.c not used: the file changed since the facts database was merged (collect and merge its facts again) \[analysis-limit\]$" "$ERR" ||
	fail "no note about the stale facts dma.c's findings rest on"
cp "$T/sram.c.orig" sram.c

# ---- 5. bad input
chk --facts "$T/none.db" rx.c
expect_option_error "--facts: $T/none.db: cannot read the facts database"
chk --facts sram.c rx.c
expect_status 2
expect_empty "$OUT"
[ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "^iomemcheck: --facts: sram.c: not a facts database" "$ERR" ||
	fail "a text file as the database: not one line naming it"
mkdir "$T/bad"
printf '{"version": 2, "unit": "/x.c"' >"$T/bad/x.c-0.facts.json"
cp "$T/a.db" "$T/a.db.before"
chk --facts-merge "$T/cf" "$T/bad" -o "$T/a.db"
expect_option_error "--facts-merge: $T/bad/x.c-0.facts.json: not a facts file of iomemcheck --facts-out"
expect_same "$T/a.db" "$T/a.db.before"
expect_dir "$T" src cf pf kf gf jf build d1 d2 bad a.db a.db.before b.db c.db e.db \
	a.dump b.dump c.dump sram.c.orig tx2.c $(cd "$T" && ls -d ./*.o | sed 's|^\./||')
printf '{"version": 2, "unit": "/x.c", "hash": "0", "members": [{"member": "m"}], "globals": [], "returns": [], "accesses": [], "flows": [], "copies": []}\n' \
	>"$T/bad/x.c-0.facts.json"
chk --facts-merge "$T/bad" -o "$T/a.db"
expect_option_error "--facts-merge: $T/a.db: $T/bad/x.c-0.facts.json: bad facts: NOT NULL constraint failed: members.struct"
expect_same "$T/a.db" "$T/a.db.before"
# facts of the schema before value_flow (version 1) are refused
printf '{"version": 1, "unit": "/x.c", "hash": "0", "members": [], "globals": [], "returns": [], "accesses": [], "flows": []}\n' \
	>"$T/bad/x.c-0.facts.json"
chk --facts-merge "$T/bad" -o "$T/a.db"
expect_option_error "--facts-merge: $T/bad/x.c-0.facts.json: facts of another version of iomemcheck (collect them again)"
expect_same "$T/a.db" "$T/a.db.before"
chk --facts-merge "$T/cf"
expect_option_error "--facts-merge: no database to write (give -o DB)"
chk --facts-merge -o "$T/x.db"
expect_option_error "--facts-merge: no facts directories"
chk --facts-merge "$T/nodir" -o "$T/x.db"
expect_option_error "--facts-merge: $T/nodir: No such file or directory"
chk --facts-out "$T/a.db/sub" rx.c
expect_status 2
plug -I . -fsyntax-only -fplugin-arg-iomemcheck-facts-db="$T/none.db" rx.c
[ "$status" -ne 0 ] && grep -q "facts-db.*cannot read the facts database" "$ERR" ||
	fail "the plugin accepts a missing database"

# ---- 6. the example queries of docs/facts.md
# Each ```sql block there is followed by a ```text block: its output on
# this tree's database, the paths relative to the tree.
awk -v dir="$T/q" '
	/^```sql$/ { n++; f = dir "/" n ".sql"; mode = 1; next }
	/^```text$/ && n { f = dir "/" n ".out"; mode = 1; next }
	/^```$/ { mode = 0; next }
	mode { print > f }
' "$(mkdir "$T/q" && echo "$REPO/docs/facts.md")"
[ -e "$T/q/1.sql" ] || fail "docs/facts.md has no example queries"
for q in "$T"/q/*.sql; do
	sqlite3 "$T/a.db" <"$q" | sed "s|$PWD/||g" >"$OUT"
	expect_same "$OUT" "${q%.sql}.out"
done
echo "PASS"
