#!/bin/sh
# integration.baseline: adopting the checker on a tree with known findings.
#  - --write-baseline records the findings (and still reports them: exit 1);
#  - --baseline then hides them all: exit 0, nothing printed;
#  - a new finding is the only one reported, also when its line reads like an
#    old one (entries match once each), and also in the JSON report;
#  - moving the old findings down 5 lines and re-indenting them does not
#    bring them back;
#  - --baseline F --write-baseline F keeps what F knew (known bug);
#  - a missing, malformed or unreadable baseline, and a baseline that cannot
#    be written: exit 2 with one line on stderr, no temporary file left.
. "$(dirname "$0")/lib.sh"

cd src
cat >drv.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}

void clear(void __iomem *fb, size_t len)
{
	memset(fb, 0, len);
}
EOF

# ---- record
chk --write-baseline "$T/known.json" drv.c
expect_status 1
expect_file "$ERR" <<'EOF'
drv.c:5:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:5:2: note: fix-it: replace 5:2-5:18 with 'writel(mode | 1, ctrl)'
drv.c:10:2: warning: memset() on I/O memory: destination 'fb' is __iomem; use memset_io() [iomem-memfn]
drv.c:10:2: note: fix-it: replace 10:2-10:20 with 'memset_io(fb, 0, len)'
EOF
python3 - "$T/known.json" <<'EOF' || fail "baseline file"
import json, re, sys
doc = json.load(open(sys.argv[1]))
entries = doc["findings"]
assert doc["version"] == 1, doc
assert [(e["file"], e["rule"], e["message"]) for e in entries] == [
    ("drv.c", "iomem-deref", "plain store through __iomem pointer 'ctrl'; use writel()"),
    ("drv.c", "iomem-memfn", "memset() on I/O memory: destination 'fb' is __iomem; use memset_io()"),
], entries
assert all(re.fullmatch("[0-9a-f]{16}", e["fingerprint"]) for e in entries), entries
EOF
expect_dir "$T" known.json src

# ---- everything known: clean
chk --baseline "$T/known.json" drv.c
expect_status 0
expect_empty "$ERR"
expect_empty "$OUT"

# ---- a new finding, and a new finding whose line reads like an old one
cat >>drv.c <<'EOF'

void stop(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
	memset(ctrl, 0, 4);
}
EOF
chk --baseline "$T/known.json" drv.c
expect_status 1
expect_file "$ERR" <<'EOF'
drv.c:15:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:15:2: note: fix-it: replace 15:2-15:18 with 'writel(mode | 1, ctrl)'
drv.c:16:2: warning: memset() on I/O memory: destination 'ctrl' is __iomem; use memset_io() [iomem-memfn]
drv.c:16:2: note: fix-it: replace 16:2-16:20 with 'memset_io(ctrl, 0, 4)'
EOF
chk --baseline "$T/known.json" --format=json drv.c
expect_status 1
python3 -c 'import json, sys
print("\n".join("%s:%d:%d %s" % (f["file"], f["line"], f["column"], f["rule"])
                for f in json.load(open(sys.argv[1]))["findings"]))' "$OUT" >"$T/found"
expect_file "$T/found" <<'EOF'
drv.c:15:2 iomem-deref
drv.c:16:2 iomem-memfn
EOF

# ---- the old findings move down 5 lines and are re-indented: still known
{
	head -n 2 drv.c
	printf '\n\n\n\n\n'
	tail -n +3 drv.c | sed 's/^\t\*ctrl = mode | 1;$/\t  *ctrl  =  mode | 1;/'
} >moved.c
mv moved.c drv.c
grep -n 'mode | 1' drv.c >"$T/lines"
expect_file "$T/lines" <<'EOF'
10:	  *ctrl  =  mode | 1;
20:	  *ctrl  =  mode | 1;
EOF
chk --baseline "$T/known.json" drv.c
expect_status 1
grep ': warning: ' "$ERR" >"$T/warnings"
expect_file "$T/warnings" <<'EOF'
drv.c:20:4: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:21:2: warning: memset() on I/O memory: destination 'ctrl' is __iomem; use memset_io() [iomem-memfn]
EOF

# ---- rewriting the baseline while using it: it must keep the old entries
cp "$T/known.json" "$T/both.json"
chk --baseline "$T/both.json" --write-baseline "$T/both.json" drv.c
expect_status 1
chk --baseline "$T/both.json" drv.c
# Writing the baseline in use records every finding, old and new.
expect_status 0
rm "$T/both.json"

# ---- baselines that cannot be used: exit 2, one line, nothing else
# bad NAME MESSAGE: --baseline NAME fails with "iomemcheck: NAME: MESSAGE".
bad() {
	chk --baseline "$1" drv.c
	expect_status 2
	expect_empty "$OUT"
	expect_one_line "$ERR" "iomemcheck: $1: $2"
}
bad missing.json "No such file or directory"
echo 'not json' >garbage.json
bad garbage.json 'not an iomemcheck baseline (JSON with "findings")'
echo '{"version": 1, "findings": {}}' >wrong.json
bad wrong.json 'not an iomemcheck baseline (JSON with "findings")'
: >empty.json
bad empty.json 'not an iomemcheck baseline (JSON with "findings")'
mkdir dir.json
chk --baseline dir.json drv.c
expect_status 2
grep -q '^iomemcheck: dir.json: ' "$ERR" && [ "$(wc -l <"$ERR")" -eq 1 ] ||
	fail "a directory as baseline: not one line"
if [ "$(id -u)" != 0 ]; then # root reads anything
	cp "$T/known.json" unreadable.json
	chmod 000 unreadable.json
	bad unreadable.json "Permission denied"
	rm -f unreadable.json
fi
rm -r garbage.json wrong.json empty.json dir.json

# ---- a baseline that cannot be written
chk --write-baseline "$T/no-such-dir/known.json" drv.c
expect_status 2
expect_one_line "$ERR" "iomemcheck: $T/no-such-dir/known.json: No such file or directory"
mkdir "$T/bl-dir"
chk --write-baseline "$T/bl-dir" drv.c
expect_status 2
expect_one_line "$ERR" "iomemcheck: $T/bl-dir: Is a directory"
expect_dir "$T/bl-dir"
expect_dir . drv.c
expect_dir "$T" known.json src bl-dir lines warnings found
echo PASS
