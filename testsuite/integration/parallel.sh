#!/bin/sh
# integration.parallel: -j N gives what -j1 gives.
#  - a compile database of 7 units: findings in several, a header finding
#    (--headers: seen by two units, reported once), a unit whose main file
#    does not parse and one whose file is missing (exit 2, their messages
#    in database order), a unit with errors in an included header (a note);
#    -j1, -j2, -j3, -j4, -j16: byte-identical stdout and stderr and the same
#    exit status, for text, JSON, SARIF and --write-baseline; the same
#    without the broken units (exit 1) and for FILEs on the command line;
#  - -j4 as `-j 4`, `-j=4`; bad -j and --shard values: exit 2, one line;
#  - stderr not a terminal: no progress line (the exact stderr above); on a
#    terminal (a pty) a progress line "N/M units, K findings" that ends
#    erased, and the same diagnostics (-j1 and -j4); none for one unit or
#    under kbuild (KBUILD_CHECKSRC);
#  - without -j, as many jobs as CPUs the process may run on (taskset): two
#    units that can only finish together (each parse waits on a FIFO the
#    other's parse opens) finish on two CPUs and wait on one (skipped on a
#    machine with one CPU).
. "$(dirname "$0")/lib.sh"

cd src
# unit NAME: a file with a finding in function NAME
unit() {
	cat >"$1.c" <<EOF2
#include <linux/io.h>
#include "regs.h"

void $1(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
	regs_kick(ctrl);
}
EOF2
}
cat >regs.h <<'EOF2'
static inline void regs_kick(u32 __iomem *r)
{
	r[1] = 1;
}
EOF2
unit alpha
unit bravo
unit delta
cat >clean.c <<'EOF2'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	writel(mode | 1, ctrl);
}
EOF2
cat >broken.c <<'EOF2'
#include <linux/io.h>

void start(u32 __iomem *ctrl)
{
	*ctrl = 1
}
EOF2
cat >badhdr.h <<'EOF2'
static inline int bad(void) { return undeclared_thing; }
EOF2
cat >hdrerr.c <<'EOF2'
#include <linux/io.h>
#include "badhdr.h"

void clear(void __iomem *fb, size_t len)
{
	memset(fb, 0, len);
}
EOF2
cd "$T"
# db DIR FILE...: DIR/compile_commands.json with FILEs of src, in order
db() {
	d=$1
	shift
	mkdir -p "$d"
	python3 - "$d" "$T/src" "$INC" "$@" <<'EOF2'
import json, sys
d, src, inc = sys.argv[1:4]
json.dump([{"directory": src, "file": f, "arguments": ["cc", "-I", inc, "-c", f]}
           for f in sys.argv[4:]], open(d + "/compile_commands.json", "w"), indent=1)
EOF2
}
db all bravo.c broken.c alpha.c clean.c missing.c hdrerr.c delta.c
db good bravo.c alpha.c clean.c hdrerr.c delta.c

# same_as_j1 NAME ARG...: runs ARGs with -j1 and with -j2, -j3, -j4, -j16;
# stdout, stderr and the exit status agree. NAME.out/err/status keep -j1's.
same_as_j1() {
	name=$1
	shift
	for j in 1 2 3 4 16; do
		status=0
		"$IMC" -j$j "$@" >"$W/$name.$j.out" 2>"$W/$name.$j.err" || status=$?
		echo "$status" >"$W/$name.$j.status"
		echo "\$ iomemcheck -j$j $*  -> $status"
		if [ $j != 1 ]; then
			for x in out err status; do
				cmp -s "$W/$name.1.$x" "$W/$name.$j.$x" || {
					diff "$W/$name.1.$x" "$W/$name.$j.$x" | head -20
					fail "$name: -j$j gives another $x than -j1"
				}
			done
		fi
	done
	cp "$W/$name.1.out" "$OUT"
	cp "$W/$name.1.err" "$ERR"
	status=$(cat "$W/$name.1.status")
}

# ---- a database with findings and broken units
same_as_j1 text -p all --headers
expect_status 2
grep -v '^ ' "$ERR" | grep -v '^[0-9 ]*|' >"$W/lines"
expect_file "$W/lines" <<EOF2
$T/src/broken.c:5:11: error: expected ';' after expression
iomemcheck: $T/src/missing.c: No such file or directory
iomemcheck: $T/src/hdrerr.c: note: 1 error(s) in included files, 1 function(s) there not checked; the first:
$T/src/badhdr.h:1:38: error: use of undeclared identifier 'undeclared_thing'
$T/src/alpha.c:6:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
$T/src/alpha.c:6:2: note: fix-it: replace 6:2-6:18 with 'writel(mode | 1, ctrl)'
$T/src/bravo.c:6:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
$T/src/bravo.c:6:2: note: fix-it: replace 6:2-6:18 with 'writel(mode | 1, ctrl)'
$T/src/delta.c:6:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
$T/src/delta.c:6:2: note: fix-it: replace 6:2-6:18 with 'writel(mode | 1, ctrl)'
$T/src/hdrerr.c:6:2: warning: memset() on I/O memory: destination 'fb' is __iomem; use memset_io() [iomem-memfn]
$T/src/hdrerr.c:6:2: note: fix-it: replace 6:2-6:20 with 'memset_io(fb, 0, len)'
$T/src/regs.h:3:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
$T/src/regs.h:3:2: note: fix-it: replace 3:2-3:10 with 'writel(1, &r[1])'
EOF2
same_as_j1 json -p all --headers --format=json
expect_status 2
expect_empty "$OUT"

# ---- without the broken units: reports
for fmt in json sarif; do
	same_as_j1 $fmt -p good --headers --format=$fmt
	expect_status 1
done
python3 - "$OUT" <<'EOF2' || fail "the SARIF report of -j"
import json, sys
rs = json.load(open(sys.argv[1]))["runs"][0]["results"]
got = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[1],
        r["ruleId"]) for r in rs]
assert got == [("alpha.c", "iomem-deref"), ("bravo.c", "iomem-deref"), ("delta.c", "iomem-deref"),
               ("hdrerr.c", "iomem-memfn"), ("regs.h", "iomem-deref")], got
EOF2
for j in 1 4; do
	status=0
	"$IMC" -j$j -p good --write-baseline "$W/base.$j.json" 2>/dev/null || status=$?
	expect_status 1
done
expect_same "$W/base.1.json" "$W/base.4.json"
same_as_j1 baseline -p good --baseline "$W/base.1.json"
expect_status 0
grep -c ': warning: ' "$ERR" >"$W/n" || true
expect_one_line "$W/n" 0

# ---- FILEs on the command line
cd src
same_as_j1 files -I "$INC" -fno-diagnostics-show-caret delta.c nothere.c alpha.c clean.c bravo.c
expect_status 2
# the units' messages as they come, then the findings sorted
grep -v ': note: ' "$ERR" >"$W/msgs"
expect_file "$W/msgs" <<'EOF2'
iomemcheck: nothere.c: No such file or directory
alpha.c:6:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
bravo.c:6:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
delta.c:6:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
EOF2
cd "$T"

# ---- spellings of -j, bad values
for spelling in "-j 4" "-j=4" "-j4"; do
	# shellcheck disable=SC2086 # the spelling is two words or one
	"$IMC" $spelling -p good --headers --format=json >"$W/spell.out" 2>/dev/null || true
	expect_same "$W/spell.out" "$W/json.1.out"
done
chk -j0 src/alpha.c
expect_option_error "-j: '0' is not a number of jobs (1 to 1024)"
chk -j x src/alpha.c
expect_option_error "-j: 'x' is not a number of jobs (1 to 1024)"
chk -j 1025 src/alpha.c
expect_option_error "-j: '1025' is not a number of jobs (1 to 1024)"
chk -j
expect_option_error "option '-j' needs an argument"
for bad in 0/3 4/3 3 1/0 a/b /3 1/; do
	chk -p good --shard "$bad"
	expect_option_error "--shard: '$bad' is not K/N with 1 <= K <= N"
done

# ---- the progress line: only on a terminal
for j in 1 4; do
python3 - "$IMC" "$T/good" "$W/pty.err" "$j" <<'EOF2' || fail "-j$j on a terminal"
import os, pty, subprocess, sys
imc, db, out, j = sys.argv[1:5]
master, slave = pty.openpty()
p = subprocess.Popen([imc, "-j" + j, "-p", db, "--headers", "-fno-diagnostics-show-caret"],
                     stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
p.wait()
open(out, "wb").write(data)
text = data.decode().replace("\r\n", "\n")
assert p.returncode == 1, p.returncode
# every state of the line, in order, and erased at the end
states = [s for s in text.split("\r\x1b[K") if s.startswith("iomemcheck: ") and " units, " in s]
assert states[0] == "iomemcheck: 0/5 units, 0 findings", states
# findings as the units report them: regs.h's of alpha.c, bravo.c and
# delta.c count thrice until the end, where they are reported once
assert states[-1] == "iomemcheck: 5/5 units, 7 findings", states
done = [int(s.split()[1].split("/")[0]) for s in states]
assert done == sorted(done), states
# what is left once the line is erased: the diagnostics of a pipe
plain = "".join(s for s in text.split("\r\x1b[K") if not (s.startswith("iomemcheck: ") and " units, " in s))
open(out + ".plain", "w").write(plain)
EOF2
status=0
"$IMC" -j$j -p good --headers -fno-diagnostics-show-caret >/dev/null 2>"$W/pipe.err" || status=$?
expect_status 1
expect_same "$W/pty.err.plain" "$W/pipe.err"
echo "-j$j: the progress line on a terminal, the same diagnostics"
done
grep -q 'units, ' "$W/pipe.err" && fail "a progress line on a pipe"
# no progress line for one unit, nor under kbuild (make runs many
# iomemchecks on one terminal)
python3 - "$IMC" "$T/good" "$INC" "$T/src/alpha.c" <<'EOF2' || fail "a progress line where none belongs"
import os, pty, subprocess, sys
imc, db, inc, one = sys.argv[1:5]
def on_tty(argv, env=None):
    master, slave = pty.openpty()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=slave,
                         env=dict(os.environ, **(env or {})))
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    p.wait()
    return p.returncode, data.decode()
rc, text = on_tty([imc, "-j4", "-I", inc, one])
assert rc == 1 and " units, " not in text and "\x1b[K" not in text, (rc, text)
rc, text = on_tty([imc, "-j4", "-p", db], {"KBUILD_CHECKSRC": "1"})
assert rc == 0 and " units, " not in text and "\x1b[K" not in text, (rc, text)
assert "warning: " in text, text
EOF2
# default_jobs CPUS SECONDS: the two units that need each other, under
# taskset -c CPUS; the writer opens fb.h (once wb.c's parse reads it) and
# then fa.h (which wa.c's parse is waiting for)
default_jobs() {
	rm -f fa.h fb.h
	mkfifo fa.h fb.h
	(exec 3>fb.h 4>fa.h) &
	writer=$!
	status=0
	timeout "$2" taskset -c "$1" "$IMC" -I "$INC" wa.c wb.c >"$OUT" 2>"$ERR" ||
		status=$?
	kill "$writer" 2>/dev/null || true
	wait "$writer" 2>/dev/null || true
	echo "\$ taskset -c $1 iomemcheck wa.c wb.c  -> $status"
}
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
	printf '#include "fa.h"\nint wa;\n' >wa.c
	printf '#include "fb.h"\nint wb;\n' >wb.c
	default_jobs 0,1 60
	[ "$status" -eq 0 ] || fail "two CPUs: exit $status, expected 0 (two jobs)"
	default_jobs 0 5
	[ "$status" -eq 124 ] || fail "one CPU: exit $status, expected a timeout (one job)"
else
	echo "one CPU: the default -j is not tested"
fi
echo PASS
