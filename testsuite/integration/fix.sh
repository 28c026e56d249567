#!/bin/sh
# integration.fix: --fix and --fix-dry-run on real files.
#  - --fix-dry-run prints a unified diff and touches nothing;
#  - --fix rewrites the file (mode kept), a second --fix changes nothing;
#  - a finding without a fix-it survives and is all the second run reports;
#  - each run ends with what it did on stderr: one note per finding that got
#    no fix-it, then "N fix-its applied in M files" (the dry run: "... in
#    the patch (nothing written)"), "no fix-its applied" when none were
#    (a refusal that fixed nothing stays its one line);
#  - refusals, each exit 2 with one "iomemcheck:" line, the file untouched
#    and no temporary file left: a read-only file, a file changed between
#    the analysis and the write (edited in place, or replaced by a file of
#    the same bytes), a symlink out of the tree (and a path
#    through a directory symlink out of the tree);
#  - -p with a compile database of relative entries fixes the right file.
. "$(dirname "$0")/lib.sh"

cat >src/drv.c <<'EOF'
#include <linux/io.h>
#include <linux/iosys-map.h>

struct regs {
	u32 status;
	u32 ctrl;
};

void start(struct regs __iomem *r, u32 mode)
{
	r->ctrl = mode | 1;
}

u32 status(struct regs __iomem *r)
{
	return r->status;
}

void blit(struct iosys_map *dst, const void *src, size_t len)
{
	memcpy(dst->vaddr, src, len);
}
EOF
cp src/drv.c orig.c
cd src

# ---- --fix-dry-run: the patch on stdout, the file untouched
chk --fix-dry-run drv.c
expect_status 1
expect_file "$OUT" <<'EOF'
--- a/drv.c
+++ b/drv.c
@@ -8,15 +8,15 @@
 
 void start(struct regs __iomem *r, u32 mode)
 {
-	r->ctrl = mode | 1;
+	writel(mode | 1, &r->ctrl);
 }
 
 u32 status(struct regs __iomem *r)
 {
-	return r->status;
+	return readl(&r->status);
 }
 
 void blit(struct iosys_map *dst, const void *src, size_t len)
 {
-	memcpy(dst->vaddr, src, len);
+	iosys_map_memcpy_to(dst, 0, src, len);
 }
EOF
expect_file "$ERR" <<'EOF'
drv.c:11:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:11:2: note: fix-it: replace 11:2-11:20 with 'writel(mode | 1, &r->ctrl)'
drv.c:16:9: warning: plain load through __iomem pointer 'r'; use readl() [iomem-deref]
drv.c:16:9: note: fix-it: replace 16:9-16:18 with 'readl(&r->status)'
drv.c:21:2: warning: memcpy() on I/O memory: destination 'dst->vaddr' may be I/O: map 'dst' is not tested for is_iomem on this path; use iosys_map_memcpy_to() [map-vaddr-unchecked]
drv.c:21:2: note: fix-it: replace 21:2-21:30 with 'iosys_map_memcpy_to(dst, 0, src, len)'
drv.c:19:6: note: map 'dst' comes from the caller of blit(): system or I/O memory
drv.c:21:9: note: map 'dst' is read here without a test of is_iomem
drv.c:21:2: note: memcpy() on 'dst->vaddr'
iomemcheck: 3 fix-its for 1 file in the patch (nothing written)
EOF
sed '$d' "$ERR" >"$T/diagnostics"
expect_same drv.c "$T/orig.c"
expect_dir . drv.c
# The patch is a real one: it applies to the original and gives what --fix
# writes below.
cp drv.c "$T/patched.c"
patch -s "$T/patched.c" <"$OUT" || fail "the dry-run diff does not apply"

# ---- --fix: rewritten in place, mode kept, the findings still reported
chmod 640 drv.c
chk --fix drv.c
expect_status 1
{ cat "$T/diagnostics"; echo "iomemcheck: 3 fix-its applied in 1 file"; } >"$W/want"
expect_same "$ERR" "$W/want" # the findings as with --fix-dry-run
expect_empty "$OUT"
expect_file drv.c <<'EOF'
#include <linux/io.h>
#include <linux/iosys-map.h>

struct regs {
	u32 status;
	u32 ctrl;
};

void start(struct regs __iomem *r, u32 mode)
{
	writel(mode | 1, &r->ctrl);
}

u32 status(struct regs __iomem *r)
{
	return readl(&r->status);
}

void blit(struct iosys_map *dst, const void *src, size_t len)
{
	iosys_map_memcpy_to(dst, 0, src, len);
}
EOF
expect_same drv.c "$T/patched.c"
[ "$(stat -c %a drv.c)" = 640 ] || fail "--fix changed the mode to $(stat -c %a drv.c)"
expect_dir . drv.c

# ---- a second --fix: nothing left, nothing changed
cp drv.c "$T/fixed.c"
chk --fix drv.c
expect_status 0
expect_empty "$OUT"
expect_empty "$ERR"
expect_same drv.c "$T/fixed.c"

# ---- a finding without a fix-it stays, and is then all there is
cat >copy.c <<'EOF'
#include <linux/io.h>

void copy(void __iomem *to, const void __iomem *from, size_t len)
{
	memcpy(to, from, len);
	*(u8 __iomem *)to = 0;
}
EOF
chk --fix copy.c
expect_status 1
grep '^iomemcheck:' "$ERR" >"$W/msg" || true
expect_file "$W/msg" <<'EOF'
iomemcheck: copy.c:5:2: note: no fix-it (no exact rewrite) [iomem-memfn]
iomemcheck: 1 fix-it applied in 1 file
EOF
chk --fix copy.c
expect_status 1
expect_file "$ERR" <<'EOF'
copy.c:5:2: warning: memcpy() on I/O memory: destination 'to' is __iomem [iomem-memfn]
iomemcheck: copy.c:5:2: note: no fix-it (no exact rewrite) [iomem-memfn]
iomemcheck: no fix-its applied
EOF
chk --fix-dry-run copy.c
expect_status 1
expect_empty "$OUT"
grep '^iomemcheck:' "$ERR" >"$W/msg" || true
expect_file "$W/msg" <<'EOF'
iomemcheck: copy.c:5:2: note: no fix-it (no exact rewrite) [iomem-memfn]
iomemcheck: no fix-its to apply
EOF
expect_file copy.c <<'EOF'
#include <linux/io.h>

void copy(void __iomem *to, const void __iomem *from, size_t len)
{
	memcpy(to, from, len);
	writeb(0, (u8 __iomem *)to);
}
EOF
rm copy.c

# refused FILE MESSAGE [TALLY]: the last run refused to fix FILE with
# MESSAGE (one line if nothing was fixed), then said TALLY.
refused() {
	expect_status 2
	grep '^iomemcheck:' "$ERR" >"$W/msg" || true
	if [ $# -lt 3 ]; then
		expect_one_line "$W/msg" "iomemcheck: $1: $2"
		return
	fi
	printf 'iomemcheck: %s: %s\n%s\n' "$1" "$2" "$3" >"$W/want"
	expect_same "$W/msg" "$W/want"
}

# ---- a read-only file
cp "$T/orig.c" ro.c
chmod 444 ro.c
chk --fix ro.c
# The mode bits decide, also for root (CI runs as root).
refused ro.c "not a writable regular file"
expect_same ro.c "$T/orig.c"
[ "$(stat -c %a ro.c)" = 444 ] || fail "ro.c: mode now $(stat -c %a ro.c)"
expect_dir . drv.c ro.c
rm -f ro.c

# ---- a file that changes between the analysis and the write
# iomemcheck reads the file (snapshot), analyses it, then reads --baseline,
# then fixes. With the baseline a FIFO, the writer below runs exactly in that
# window: its open returns once iomemcheck opens the baseline to read it.
# fix_while HOW COMMAND: --fix race.c with COMMAND run in that window; the
# run must refuse race.c (exit 2, one line).
fix_while() {
	rm -f "$T/baseline.fifo"
	mkfifo "$T/baseline.fifo"
	"$IMC" -I "$INC" -fno-diagnostics-show-caret --fix \
		--baseline "$T/baseline.fifo" race.c >"$OUT" 2>"$ERR" &
	pid=$!
	echo "\$ iomemcheck --fix --baseline FIFO race.c  (race.c $1 meanwhile)"
	timeout 60 sh -c 'exec 3>"$1"; eval "$2"
		echo "{\"version\": 1, \"findings\": []}" >&3' sh \
		"$T/baseline.fifo" "$2" || fail "iomemcheck never opened the baseline"
	status=0
	wait $pid || status=$?
	expect_status 2
	grep '^iomemcheck:' "$ERR" >"$W/msg" || true
	expect_one_line "$W/msg" "iomemcheck: race.c: changed since it was analysed; not fixed"
}

# edited in place
cp "$T/orig.c" race.c
fix_while edited 'echo "/* edited meanwhile */" >>race.c'
{ cat "$T/orig.c"; echo "/* edited meanwhile */"; } >"$T/race-expected.c"
expect_same race.c "$T/race-expected.c"
expect_dir . drv.c race.c
rm race.c

# replaced (rename over it: an editor's save, git checkout) by a file of the
# very same bytes: another file has the name now, and is left alone
cp "$T/orig.c" race.c
fix_while replaced 'cp race.c race.new && mv race.new race.c'
expect_same race.c "$T/orig.c"
expect_dir . drv.c race.c
rm race.c

# ---- symlinks: one that leaves the tree; a directory symlink out of it
mkdir "$T/outside"
cp "$T/orig.c" "$T/outside/t.c"
ln -s ../outside/t.c link.c
chk --fix link.c
refused link.c "refusing to fix through a symlink that leaves the source tree"
expect_same "$T/outside/t.c" "$T/orig.c"
[ -L link.c ] || fail "link.c is no longer a symlink"
expect_dir . drv.c link.c
expect_dir "$T/outside" t.c

# all or nothing per file: with a good file on the same command line, that
# one is fixed, the symlink still refused
cp "$T/orig.c" good.c
chk --fix good.c link.c
refused link.c "refusing to fix through a symlink that leaves the source tree" \
	"iomemcheck: 3 fix-its applied in 1 file"
expect_same good.c "$T/fixed.c"
expect_same "$T/outside/t.c" "$T/orig.c"
rm link.c good.c

ln -s ../outside dir
chk --fix dir/t.c
expect_status 2
expect_same "$T/outside/t.c" "$T/orig.c"
expect_dir "$T/outside" t.c
expect_dir . drv.c dir

# ---- -p with a compile database whose entries are relative to their
# "directory" (as Meson writes them), run from elsewhere
mkdir -p "$T/pdb/src" "$T/pdb/build"
cp "$T/orig.c" "$T/pdb/src/drv.c"
cat >"$T/pdb/build/compile_commands.json" <<EOF
[ { "directory": "$T/pdb/src", "command": "cc -I$INC -c drv.c", "file": "drv.c" } ]
EOF
cd "$T/pdb"
chk -p build --fix
# Entries are checked, reported and fixed by their absolute names.
expect_status 1
expect_same src/drv.c "$T/fixed.c"
echo PASS
