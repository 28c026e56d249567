#!/bin/sh
# integration.diff: --diff=REV reports only findings on lines changed since
# REV (working tree, staged or not, against REV), in text and JSON; a file
# git does not track counts as changed throughout; an unchanged file is
# clean; a header outside the repository is no tool error (known bug);
# a bad revision is a tool error; --diff and --fix exclude each other.
. "$(dirname "$0")/lib.sh"

new_repo repo
cd repo
cat >drv.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}

/* the frame buffer */
void clear(void __iomem *fb, size_t len)
{
	memset(fb, 0, len);
}

void stop(u32 __iomem *ctrl)
{
	writel(0, ctrl);
}
EOF
git add drv.c
git commit -q -m "drv: two old findings"

# ---- nothing changed: clean, though the file has findings
chk --diff=HEAD drv.c
expect_status 0
expect_empty "$ERR"
chk drv.c
expect_status 1

# ---- one new finding (line 15); a line changed next to an old finding
# (line 3); a line deleted above the other (old line 8): only line 15 counts
cat >drv.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode) /* v2 */
{
	*ctrl = mode | 1;
}

void clear(void __iomem *fb, size_t len)
{
	memset(fb, 0, len);
}

void stop(u32 __iomem *ctrl)
{
	*ctrl = 0;
}
EOF
chk --diff=HEAD drv.c
expect_status 1
expect_file "$ERR" <<'EOF'
drv.c:15:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:15:2: note: fix-it: replace 15:2-15:11 with 'writel(0, ctrl)'
EOF
# the same when the change is staged, and in the JSON report
git add drv.c
chk --diff=HEAD --format=json drv.c
expect_status 1
python3 -c 'import json, sys
print(" ".join("%d:%s" % (f["line"], f["rule"]) for f in json.load(open(sys.argv[1]))["findings"]))' \
	"$OUT" >"$W/found"
expect_one_line "$W/found" "15:iomem-deref"

# ---- an old finding's own line edited: it is reported again
sed -i 's/^\tmemset(fb, 0, len);$/\tmemset(fb, 0xff, len);/' drv.c
chk --diff=HEAD drv.c
expect_status 1
grep ': warning: ' "$ERR" | cut -d: -f1-3 >"$W/found"
expect_file "$W/found" <<'EOF'
drv.c:10:2
drv.c:15:2
EOF

# ---- against an older revision: what changed since then
git commit -q -am "drv: v2"
chk --diff=HEAD drv.c
expect_status 0
chk --diff=HEAD~1 drv.c
expect_status 1
grep ': warning: ' "$ERR" | cut -d: -f1-3 >"$W/found"
expect_file "$W/found" <<'EOF'
drv.c:10:2
drv.c:15:2
EOF

# ---- a file git does not track: every line is new
cp drv.c new.c
chk --diff=HEAD new.c
expect_status 1
grep '^new\.c:.*: warning: ' "$ERR" | cut -d: -f1-3 >"$W/found"
expect_file "$W/found" <<'EOF'
new.c:5:2
new.c:10:2
new.c:15:2
EOF
grep -v '^new\.c:' "$ERR" >"$W/noise" || true
# git's own messages stay out of our diagnostics.
expect_empty "$W/noise"

# ---- --headers: a finding in a header outside the repository
mkdir "$T/inc"
cat >"$T/inc/regs.h" <<'EOF'
static inline void regs_kick(u32 __iomem *r)
{
	r[1] = 1;
}
EOF
printf '#include <linux/io.h>\n#include <regs.h>\n' >uses.c
chk --diff=HEAD --headers -I "$T/inc" uses.c
# A file outside the work tree is not part of the change.
[ "$status" != 2 ] || fail "--diff --headers: tool error"
! grep -q 'regs\.h' "$ERR" || fail "--diff reported a header outside the repository"
rm uses.c

# ---- errors
chk --diff=no-such-rev drv.c
expect_status 2
grep '^iomemcheck:' "$ERR" >"$W/msg" || true
expect_one_line "$W/msg" "iomemcheck: --diff=no-such-rev: not a git revision here"
chk --diff=HEAD --fix drv.c
expect_option_error "--fix applies to whole files; drop --diff"
echo PASS
