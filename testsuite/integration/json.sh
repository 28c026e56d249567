#!/bin/sh
# integration.json: the --format=json report.
#  - shape: {"tool", "version", "findings": [{file, line, column, rule,
#    message, fixits: [{begin: {line, column}, end: {...}, text}],
#    events: [{file, line, column, kind, message}]}]}, nothing more,
#    nothing less; exact values for one file; every finding is also a text
#    diagnostic on stderr, every event a note line after it; findings
#    sorted; the map finding's path events exactly (source, branch, access;
#    H4's HTML report reads this schema);
#  - stdout, --output FILE and -o FILE carry the same bytes, and no
#    temporary file is left; a clean file gives "findings": [];
#  - determinism: the same files in another order on the command line give
#    byte-identical text, JSON and SARIF (with --headers: a header finding
#    seen by two files is reported once).
. "$(dirname "$0")/lib.sh"

cd src
cat >a.c <<'EOF'
#include <linux/io.h>
#include "regs.h"

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
	regs_kick(ctrl);
}

void copy(void __iomem *to, const void __iomem *from, size_t len)
{
	memcpy(to, from, len);
}
EOF
cat >b.c <<'EOF'
#include <linux/iosys-map.h>
#include "regs.h"

void blit(struct iosys_map *dst, const void *src, size_t len)
{
	memcpy(dst->vaddr, src, len);
}
EOF
cat >regs.h <<'EOF'
static inline void regs_kick(u32 __iomem *r)
{
	r[1] = 1;
}
EOF
cat >clean.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	writel(mode | 1, ctrl);
}
EOF

"$IMC" --version | cut -d' ' -f2 >"$T/version"
"$IMC" --list-rules | cut -d' ' -f1 >"$T/rules"

# ---- shape and values
chk --format=json a.c b.c
expect_status 1
cp "$OUT" "$T/ab.json"
python3 - "$T/ab.json" "$ERR" "$T/version" "$T/rules" <<'EOF' || fail "JSON report"
import json, sys
doc = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read().splitlines()
version = open(sys.argv[3]).read().strip()
rules = open(sys.argv[4]).read().split()

def check(cond, what):
    if not cond:
        sys.exit("FAIL: " + what)

def pos(p):
    return (isinstance(p, dict) and sorted(p) == ["column", "line"] and
            all(type(v) is int and v >= 1 for v in p.values()))

check(sorted(doc) == ["findings", "tool", "version"], "top-level keys")
check(doc["tool"] == "iomemcheck" and doc["version"] == version, "tool, version")
fs = doc["findings"]
for f in fs:
    check(sorted(f) == ["column", "events", "file", "fixits", "line", "message", "rule"],
          "finding keys")
    for e in f["events"]:
        check(sorted(e) == ["column", "file", "kind", "line", "message"] and
              pos({"line": e["line"], "column": e["column"]}) and
              e["kind"] in ("source", "branch", "call", "access", "note") and
              isinstance(e["message"], str) and "\n" not in e["message"], "event shape")
    # the finding's text diagnostic, then its events as notes
    i = text.index("%s:%d:%d: warning: %s [%s]" % (f["file"], f["line"], f["column"],
                                                   f["message"], f["rule"]))
    notes = [l for l in text[i + 1:i + 1 + len(f["events"]) + len(f["fixits"])]
             if ": note: " in l and ": note: fix-it:" not in l]
    check(notes == ["%s:%d:%d: note: %s" % (e["file"], e["line"], e["column"], e["message"])
                    for e in f["events"]], "events are the notes after %r" % f["message"])
    check(type(f["line"]) is int and type(f["column"]) is int, "line, column are numbers")
    check(f["rule"] in rules, "rule %s is in --list-rules" % f["rule"])
    check(isinstance(f["message"], str) and "\n" not in f["message"], "one-line message")
    for x in f["fixits"]:
        check(sorted(x) == ["begin", "end", "text"] and pos(x["begin"]) and pos(x["end"]) and
              isinstance(x["text"], str), "fix-it shape")
        check((x["begin"]["line"], x["begin"]["column"]) <= (x["end"]["line"], x["end"]["column"]),
              "fix-it begin <= end")
    # the same finding as a text diagnostic
    check("%s:%d:%d: warning: %s [%s]" % (f["file"], f["line"], f["column"], f["message"], f["rule"])
          in text, "finding %r is on stderr" % f)
check(len([l for l in text if ": warning: " in l]) == len(fs), "as many text diagnostics")
check([(f["file"], f["line"], f["column"], f["rule"]) for f in fs] ==
      sorted((f["file"], f["line"], f["column"], f["rule"]) for f in fs), "sorted")

check([(f["file"], f["line"], f["column"], f["rule"]) for f in fs] == [
    ("a.c", 6, 2, "iomem-deref"),
    ("a.c", 12, 2, "iomem-memfn"),
    ("b.c", 6, 2, "map-vaddr-unchecked"),
], "the findings of a.c and b.c (none from regs.h without --headers)")
check(fs[0] == {
    "file": "a.c", "line": 6, "column": 2, "rule": "iomem-deref",
    "message": "plain store through __iomem pointer 'ctrl'; use writel()",
    "fixits": [{"begin": {"line": 6, "column": 2}, "end": {"line": 6, "column": 18},
                "text": "writel(mode | 1, ctrl)"}],
    "events": []}, "a.c:6 exactly (typed __iomem: no events, as sparse)")
check(fs[1]["fixits"] == [], "memcpy I/O to I/O: no fix-it")
check(fs[2]["fixits"] == [{"begin": {"line": 6, "column": 2}, "end": {"line": 6, "column": 30},
                           "text": "iosys_map_memcpy_to(dst, 0, src, len)"}], "b.c:6 fix-it")
check(fs[2]["events"] == [
    {"file": "b.c", "line": 4, "column": 6, "kind": "source",
     "message": "map 'dst' comes from the caller of blit(): system or I/O memory"},
    {"file": "b.c", "line": 6, "column": 9, "kind": "branch",
     "message": "map 'dst' is read here without a test of is_iomem"},
    {"file": "b.c", "line": 6, "column": 2, "kind": "access",
     "message": "memcpy() on 'dst->vaddr'"}], "b.c:6 events")
EOF
echo "checked the JSON report"

# ---- the same bytes on stdout, in --output FILE and in -o FILE
chk --format=json --output "$T/report.json" a.c b.c
expect_status 1
expect_empty "$OUT"
expect_same "$T/report.json" "$T/ab.json"
chk --format=json -o "$T/report-o.json" a.c b.c
expect_same "$T/report-o.json" "$T/ab.json"
expect_dir . a.c b.c clean.c regs.h
# without --format=json|sarif, -o is GCC's and ignored
chk -o "$T/a.o" a.c
expect_status 1
[ ! -e "$T/a.o" ] || fail "-o wrote $T/a.o"

# ---- a clean file
chk --format=json clean.c
expect_status 0
expect_empty "$ERR"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(d["findings"] != [] or d["tool"] != "iomemcheck")' "$OUT" ||
	fail "clean.c: findings is not []"

# ---- determinism: text, JSON and SARIF whatever the order of the inputs
n=0
for order in "a.c b.c clean.c" "clean.c b.c a.c" "b.c clean.c a.c"; do
	n=$((n + 1))
	for fmt in json sarif; do
		# shellcheck disable=SC2086 # the order is a list of words
		chk --format=$fmt --headers $order
		expect_status 1
		cp "$OUT" "$T/$n.$fmt"
		cp "$ERR" "$T/$n.$fmt.txt"
	done
	# and the default text display, with source lines and carets
	status=0
	# shellcheck disable=SC2086
	"$IMC" -I "$INC" --headers $order 2>"$T/$n.txt" || status=$?
	expect_status 1
done
for f in json sarif json.txt sarif.txt txt; do
	expect_same "$T/1.$f" "$T/2.$f"
	expect_same "$T/1.$f" "$T/3.$f"
done
# with --headers the regs.h finding, seen through a.c and b.c, once
python3 - "$T/1.json" <<'EOF' || fail "--headers: regs.h finding"
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
mine = [(f["file"], f["line"], f["column"], f["rule"]) for f in fs if f["file"].endswith("regs.h")]
if mine != [("./regs.h", 3, 2, "iomem-deref")]:
    sys.exit("FAIL: regs.h findings %r" % mine)
EOF
echo PASS
