#!/bin/sh
# integration.limits: a cap of the analysis that cuts it short says so, the
# same way through both front ends: a "note: ... [analysis-limit]" line at
# the function, "limits" in JSON, a tool notification in SARIF; it is a
# note, not a finding (the exit status stays that of the findings). The
# caps are lowered through IOMEMCHECK_LIMITS, which exists for this.
. "$(dirname "$0")/lib.sh"

cd src
cat >drv.c <<'EOF2'
#include <linux/iosys-map.h>

void loop(u32 __iomem *r, int n)
{
	int i;

	for (i = 0; i < n; i++)
		writel(0, r + i);
}

static void h2(void *dst)
{
	memset(dst, 0, 4);
}

static void h1(void *dst)
{
	h2(dst);
}

void top(struct iosys_map *map)
{
	if (map->is_iomem)
		memset_io(map->vaddr_iomem, 0, 4);
	else
		h1(map->vaddr);
}
EOF2

# Default caps: no note in any output.
chk drv.c
expect_status 0
expect_empty "$ERR"
chk --format=json drv.c
grep -q '"limits"' "$OUT" && fail "a limits entry without a cap hit"

# One pass over a function's control flow is never enough to know it has
# settled: the functions with a loop or a branch, not the straight ones.
IOMEMCHECK_LIMITS=passes=1
export IOMEMCHECK_LIMITS
chk drv.c
expect_status 0
cp "$ERR" "$W/chk.err"
expect_file "$ERR" <<'EOF2'
drv.c:3:6: note: analysis of 'loop' stopped after 1 passes over its branches and loops; its findings may be incomplete [analysis-limit]
drv.c:21:6: note: analysis of 'top' stopped after 1 passes over its branches and loops; its findings may be incomplete [analysis-limit]
EOF2
plug -c drv.c -o drv.o
expect_status 0
grep 'analysis-limit' "$ERR" >"$W/plug.limits" || true
expect_same "$W/chk.err" "$W/plug.limits"

chk --format=json drv.c
expect_status 0
python3 - "$OUT" <<'EOF2' || fail "JSON limits"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["findings"] == [], doc["findings"]
lim, _ = doc["limits"]
assert (lim["file"], lim["line"], lim["column"]) == ("drv.c", 3, 6), lim
assert lim["message"].startswith("analysis of 'loop' stopped after 1 passes"), lim
EOF2
chk --format=sarif drv.c
expect_status 0
python3 - "$OUT" <<'EOF2' || fail "SARIF notifications"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
(inv,) = run["invocations"]
note, _ = inv["toolExecutionNotifications"]
assert note["level"] == "note", note
region = note["locations"][0]["physicalLocation"]["region"]
assert region["startLine"] == 3, region
EOF2
# Through -j (forked workers pass the notes back to the parent).
cp drv.c drv2.c
chk -j 2 drv.c drv2.c
expect_status 0
grep -c 'analysis-limit' "$ERR" >"$W/n"
expect_one_line "$W/n" 4

# One round of call summaries cannot show they settled: a note at each
# function whose summary (what it does with its arguments) changed in it,
# callees first: h2() and h1() use their argument as system memory; loop()
# and top() give their callers nothing to know.
IOMEMCHECK_LIMITS=summary-rounds=1
chk drv.c
expect_status 0
cp "$ERR" "$W/chk.err"
sed 's/: note: .*/: note/' "$ERR" >"$W/lines"
expect_file "$W/lines" <<'EOF2'
drv.c:11:13: note
drv.c:16:13: note
EOF2
plug -fsyntax-only drv.c
expect_status 0
grep 'analysis-limit' "$ERR" >"$W/plug.limits" || true
expect_same "$W/chk.err" "$W/plug.limits"
