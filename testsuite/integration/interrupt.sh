#!/bin/sh
# integration.interrupt: SIGTERM (a CI's timeout) and SIGINT (^C) in the
# middle of a run: what is finished still reaches the user.
#  - the checker on three units, -j1; the second includes a FIFO, so its
#    parse waits exactly until the test opens the FIFO for writing: the
#    first unit is done then, the second is not. The signal comes at that
#    point;
#  - exit 143 (SIGTERM) / 130 (SIGINT); stderr has the first unit's finding
#    and, last, one line saying the run is incomplete;
#  - the SARIF report holds the first unit's result, with
#    invocations[0].executionSuccessful false and an error notification;
#    JSON says "incomplete"; no baseline is written (it would forget the
#    units not checked);
#  - with -j3 the workers are stopped, none is left behind.
. "$(dirname "$0")/lib.sh"

cat >src/drv.c <<'EOF2'
#include <linux/io.h>

void start(u32 __iomem *ctrl)
{
	*ctrl = 1;
}
EOF2
printf '#include "slow.h"\nint slow(void) { return 0; }\n' >src/slow.c
printf 'int clean(void) { return 0; }\n' >src/clean.c
cd src

# The iomemcheck processes still running in this directory.
workers_left() {
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/cwd" 2>/dev/null)" = "$T/src" ] &&
			[ "$(cat "$p/comm" 2>/dev/null)" = iomemcheck ] &&
			echo "${p#/proc/}"
	done
	true
}

# interrupt SIG JOBS ARG...: the checker on drv.c slow.c clean.c, sent SIG
# once slow.c's parse opens slow.h; the writer keeps the FIFO open a while
# (a worker left behind would still be waiting in it).
interrupt() {
	sig=$1 jobs=$2
	shift 2
	rm -f slow.h
	mkfifo slow.h
	"$IMC" -I "$INC" -fno-diagnostics-show-caret -j"$jobs" "$@" \
		drv.c slow.c clean.c >"$OUT" 2>"$ERR" &
	pid=$!
	timeout 60 sh -c 'exec 3>slow.h; kill -'"$sig"' '"$pid"'; sleep 2' &
	writer=$!
	status=0
	wait "$pid" || status=$?
	echo "\$ iomemcheck -j$jobs $* drv.c slow.c clean.c, SIG$sig during slow.c  -> $status"
	left=$(workers_left)
	wait "$writer" || fail "the checker never opened slow.h"
	[ -z "$left" ] || fail "left behind: $left"
}

# last_line TEXT: stderr's last line is TEXT, the first unit's finding is
# on stderr
last_line() {
	[ "$(tail -n 1 "$ERR")" = "$1" ] || fail "stderr's last line is not '$1'"
	grep -q "^drv\.c:5:2: warning: plain store through __iomem pointer 'ctrl'; use writel() \[iomem-deref\]$" "$ERR" ||
		fail "drv.c's finding is not on stderr"
}

incomplete_sarif() {
	python3 - "$1" "$2" <<'EOF2' || fail "$1: not the incomplete report"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
got = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
       for r in run["results"]]
assert got == [("iomem-deref", 5)], got
inv = run["invocations"]
assert len(inv) == 1 and inv[0]["executionSuccessful"] is False, inv
assert inv[0]["toolExecutionNotifications"] == [
    {"level": "error", "message": {"text": sys.argv[2]}}], inv
EOF2
}

interrupt TERM 1 --format=sarif -o out.sarif --write-baseline known.json
expect_status 143
last_line "iomemcheck: interrupted by SIGTERM after 1 of 3 units; the report is incomplete"
incomplete_sarif out.sarif "interrupted by SIGTERM after 1 of 3 units"
[ ! -e known.json ] || fail "a baseline of an incomplete run was written"

interrupt INT 1 --format=json -o out.json
expect_status 130
last_line "iomemcheck: interrupted by SIGINT after 1 of 3 units; the report is incomplete"
python3 - out.json <<'EOF2' || fail "out.json: not the incomplete report"
import json, sys
r = json.load(open(sys.argv[1]))
assert [(f["rule"], f["line"]) for f in r["findings"]] == [("iomem-deref", 5)], r["findings"]
assert r["incomplete"] == "interrupted by SIGINT after 1 of 3 units", r
EOF2

# text only: the finding and the line
interrupt TERM 1
expect_status 143
last_line "iomemcheck: interrupted by SIGTERM after 1 of 3 units; the report is incomplete"
expect_empty "$OUT"

# -j3: slow.c's worker is stopped; drv.c's may or may not have been handed
# on yet, so the count is 0 or 1, and the report is valid either way
interrupt TERM 3 --format=sarif -o out3.sarif
expect_status 143
tail -n 1 "$ERR" | grep -Eq '^iomemcheck: interrupted by SIGTERM after [01] of 3 units; the report is incomplete$' ||
	fail "-j3: no 'interrupted' line last"
python3 -c 'import json, sys; i = json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]; sys.exit(i["executionSuccessful"] is not False)' out3.sarif ||
	fail "-j3: executionSuccessful is not false"

# a run that is not interrupted is successful, as before
rm -f slow.h
printf '/* now a plain header */\n' >slow.h
chk --format=sarif -o done.sarif drv.c slow.c clean.c
expect_status 1
python3 -c 'import json, sys; run = json.load(open(sys.argv[1]))["runs"][0]; sys.exit("invocations" in run)' done.sarif ||
	fail "a complete run has invocations"
echo PASS
