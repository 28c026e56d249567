#!/bin/sh
# integration.precommit: the hook with Debian's real pre-commit, in a
# throwaway repository, configured exactly as docs/pre-commit.md says (both
# of its configurations are copied out of the page).
#  - a commit that adds a finding fails (git commit and pre-commit run
#    --files) and reports only the new line's finding, not the old one;
#  - a commit that adds no finding passes, though the old finding is still
#    in the file; a staged header that does not parse alone is left out;
#  - the repository form (repo: <iomemcheck clone>, rev: its HEAD) runs the
#    .pre-commit-hooks.yaml shipped at the top of the tree;
#  - the first commit of a repository, which has no HEAD (see the caveat in
#    docs/pre-commit.md), and the SKIP=iomemcheck way around it.
. "$(dirname "$0")/lib.sh"

command -v pre-commit >/dev/null ||
	fail "pre-commit not found (Debian package pre-commit; scripts/install-deps)"
DOC=$REPO/docs/pre-commit.md
PATH=$(dirname "$IMC"):$PATH
PRE_COMMIT_HOME=$T/pre-commit-cache
export PATH PRE_COMMIT_HOME

# doc_block NAME: the yaml block after "<!-- integration.precommit: NAME -->"
doc_block() {
	awk -v m="<!-- integration.precommit: $1 -->" '
		$0 == m { found = 1; next }
		found && /^```/ { if (inside) exit; inside = 1; next }
		inside { print }' "$DOC"
}
doc_block local >"$T/local.yaml"
doc_block repository >"$T/repository.yaml"
[ -s "$T/local.yaml" ] && [ -s "$T/repository.yaml" ] ||
	fail "$DOC: the marked yaml blocks are missing"

new_repo repo
cd repo
ln -s "$INC" include # args: [-I, include]
echo include >>.git/info/exclude
cp "$T/local.yaml" .pre-commit-config.yaml
cat >drv.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}

void stop(u32 __iomem *ctrl)
{
	writel(0, ctrl);
}
EOF
# a header that does not parse alone (u32 comes from the .c file's includes)
cat >regs.h <<'EOF'
static inline void regs_kick(u32 __iomem *r)
{
	r[1] = 1;
}
EOF
pre-commit install >/dev/null

# commit ARG...: git commit, its status in $status, its output in $OUT.
commit() {
	status=0
	git commit -q "$@" >"$OUT" 2>&1 || status=$?
	echo "\$ git commit $* -> $status"
}
commits() {
	git rev-list --count HEAD 2>/dev/null || echo 0
}
# warnings: the hook's findings, as FILE:LINE:COL RULE
warnings() {
	sed -n 's/^\([^ ]*:[0-9]*:[0-9]*\): warning: .*\[\(.*\)\]$/\1 \2/p' "$OUT"
}

# ---- the first commit: no HEAD yet
git add .pre-commit-config.yaml drv.c regs.h
commit -m "drv: first version"
[ "$status" = 1 ] || fail "the first commit did not fail"
[ "$(commits)" = 0 ] || fail "the first commit was made"
! grep -q 'regs\.h' "$OUT" || fail "the hook looked at regs.h"
# The first commit: without a HEAD every line is new.
warnings >"$W/found"
expect_one_line "$W/found" "drv.c:5:2 iomem-deref"
SKIP=iomemcheck commit -m "drv: first version"
expect_status 0
[ "$(commits)" = 1 ] || fail "SKIP=iomemcheck git commit made no commit"

# ---- a change that adds a finding: refused, only the new line reported
cat >>drv.c <<'EOF'

void reset(u32 __iomem *ctrl)
{
	*ctrl = 0;
}
EOF
echo '/* kick the engine */' >>regs.h
git add drv.c regs.h
commit -m "drv: reset"
expect_status 1
[ "$(commits)" = 1 ] || fail "the commit with a new finding was made"
grep -q '^iomemcheck\.*Failed$' "$OUT" || fail "no 'iomemcheck...Failed' line"
grep -qx -- '- exit code: 1' "$OUT" || fail "the hook did not exit 1"
warnings >"$W/found"
expect_one_line "$W/found" "drv.c:15:2 iomem-deref"

status=0
pre-commit run --files drv.c >"$OUT" 2>&1 || status=$?
echo "\$ pre-commit run --files drv.c -> $status"
expect_status 1
warnings >"$W/found"
expect_one_line "$W/found" "drv.c:15:2 iomem-deref"

# the repository form: the hook definition shipped with iomemcheck
if rev=$(git -C "$REPO" rev-parse --verify -q HEAD); then
	sed -e "s|^\(  - repo:\) .*|\1 $REPO|" -e "s|^\(    rev:\) .*|\1 $rev|" \
		"$T/repository.yaml" >"$T/repository-here.yaml"
	status=0
	pre-commit run -c "$T/repository-here.yaml" --files drv.c >"$OUT" 2>&1 ||
		status=$?
	echo "\$ pre-commit run -c <docs' repository form> --files drv.c -> $status"
	expect_status 1
	grep -q '^iomemcheck (I/O memory access discipline)\.*Failed$' "$OUT" ||
		fail "the hook of .pre-commit-hooks.yaml did not run"
	warnings >"$W/found"
	expect_one_line "$W/found" "drv.c:15:2 iomem-deref"
else
	echo "SKIP the repository form: $REPO is not a git clone"
fi

# ---- a change that adds no finding: committed, the old finding stays
git reset -q --hard
cat >>drv.c <<'EOF'

void reset(u32 __iomem *ctrl)
{
	writel(0, ctrl);
}
EOF
echo '/* kick the engine */' >>regs.h
git add drv.c regs.h
commit -m "drv: reset"
expect_status 0
[ "$(commits)" = 2 ] || fail "the clean commit was not made"
grep -q '^iomemcheck\.*Passed$' "$OUT" || fail "no 'iomemcheck...Passed' line"
chk -I include drv.c
expect_status 1
grep ': warning: ' "$ERR" | cut -d: -f1-3 >"$W/found"
expect_one_line "$W/found" "drv.c:5:2"
echo PASS
