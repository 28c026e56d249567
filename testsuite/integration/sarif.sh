#!/bin/sh
# integration.sarif: --format=sarif checked by Microsoft's SARIF validator
# (npm @microsoft/sarif-multitool, installed into $SARIF_PREFIX on first
# use) and by content: the rule metadata is the --list-rules catalogue,
# every result carries exactly what the JSON report says (location, rule,
# message, fix-its, the path events as codeFlows[0].threadFlows[0].locations
# that GitHub code scanning draws), and applying a result's `fixes` gives
# what --fix writes.
# Four reports are validated: relative paths (sparse style), absolute paths
# (-p with a compile database, the CI case), relative to SRCROOT with the
# database at the tree's top, a path with a space.
. "$(dirname "$0")/lib.sh"

: "${SARIF_PREFIX:?SARIF_PREFIX must name where the validator is installed}"
VALIDATOR_PKG=@microsoft/sarif-multitool@5.7.0

command -v npm >/dev/null ||
	fail "npm not found: this test needs Node.js and npm for Microsoft's SARIF validator (scripts/install-deps installs them)"
if [ ! -x "$SARIF_PREFIX/node_modules/.bin/sarif-multitool" ]; then
	echo "installing $VALIDATOR_PKG into $SARIF_PREFIX"
	npm install --prefix "$SARIF_PREFIX" --no-audit --no-fund --loglevel=error \
		"$VALIDATOR_PKG" >"$T/npm.log" 2>&1 ||
		{ cat "$T/npm.log"; fail "npm install $VALIDATOR_PKG failed"; }
fi

cat >src/drv.c <<'EOF'
#include <linux/io.h>
#include <linux/iosys-map.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}

void blit(struct iosys_map *dst, const void *src, size_t len)
{
	memcpy(dst->vaddr, src, len);
}

void copy(void __iomem *to, const void __iomem *from, size_t len)
{
	memcpy(to, from, len);
}
EOF

# validate FILE: runs the validator on FILE; any error it reports fails
# the test (the KNOWN classes below name bugs fixed since, kept as
# regressions to look for); warnings are fine.
validate() {
	file=$1
	shift
	rm -f "$T/validation.sarif"
	# (what `npx --prefix "$SARIF_PREFIX" sarif-multitool` runs, without
	# npx's fallback to downloading a package of that name)
	"$SARIF_PREFIX/node_modules/.bin/sarif-multitool" validate \
		-o "$T/validation.sarif" "$file" >"$T/validator.log" 2>&1 ||
		{ cat "$T/validator.log"; fail "the validator failed on $file"; }
	[ -f "$T/validation.sarif" ] ||
		{ cat "$T/validator.log"; fail "the validator wrote no results"; }
	python3 - "$T/validation.sarif" >"$T/validation.txt" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
if not all(i.get("executionSuccessful") for i in run.get("invocations", [])):
    print("ERROR the validator did not run successfully")
for r in run.get("results", []):
    if r.get("level", "warning") != "error":
        continue
    rule, args = r["ruleId"], r["message"].get("arguments", [])
    where = args[0] if args else ""
    # Known bug sarif-helpuri (core/report/output.c sarif_rules): helpUri is the
    # relative "docs/rules/RULE.md", SARIF requires an absolute URI.
    if rule == "SARIF1005" and where.endswith(".helpUri"):
        print("KNOWN sarif-helpuri")
    # Known bug sarif-uri (core/report/output.c sarif_artifact): artifactLocation.uri
    # is the raw path: an absolute path is not made a file:// URI (SARIF1004),
    # a space is not percent-encoded (SARIF1002).
    elif rule in ("SARIF1004", "SARIF1002") and where.endswith("artifactLocation.uri"):
        print("KNOWN sarif-uri")
    else:
        print("ERROR", rule, args)
EOF
	if grep -e '^ERROR' -e '^KNOWN' "$T/validation.txt"; then
		cat "$T/validator.log"
		fail "$file: the SARIF validator reports errors"
	fi
	echo "validated $file"
}

# ---- sparse-style command line: relative paths
cd src
chk --format=sarif drv.c
expect_status 1
cp "$OUT" "$T/drv.sarif"
chk --format=json drv.c
cp "$OUT" "$T/drv.json"
cp drv.c "$T/fixed.c"
(cd "$T" && "$IMC" -I "$INC" --fix fixed.c 2>/dev/null) || true
"$IMC" --list-rules >"$T/rules.txt"
"$IMC" --version >"$T/version.txt"
cd "$T"
validate drv.sarif

python3 - drv.sarif drv.json rules.txt version.txt src/drv.c fixed.c <<'EOF' || fail "drv.sarif content"
import json, sys
sarif, rep = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
catalogue = [l.split(None, 1) for l in open(sys.argv[3]).read().splitlines()]
version = open(sys.argv[4]).read().split()[1]
source, fixed = open(sys.argv[5]).read(), open(sys.argv[6]).read()

def check(cond, what):
    if not cond:
        sys.exit("FAIL: " + what)

check(sarif["version"] == "2.1.0", "version")
check(len(sarif["runs"]) == 1, "one run")
run = sarif["runs"][0]
driver = run["tool"]["driver"]
check(driver["name"] == "iomemcheck", "driver name")
check(driver["version"] == version, "driver version is --version's")
# rule metadata: the catalogue of --list-rules, in its order
rules = driver["rules"]
check([(r["id"], r["shortDescription"]["text"]) for r in rules] ==
      [(n, s.strip()) for n, s in catalogue], "rules are --list-rules")
for r in rules:
    check(r["defaultConfiguration"]["level"] == "warning", r["id"] + " level")
    check("docs/rules/%s.md" % r["id"] in r["help"]["text"], r["id"] + " help names its page")
    check("helpUri" not in r, r["id"] + " no relative helpUri")
# no made-up links (it was informationUri https://example.invalid/...)
check("informationUri" not in driver, "no informationUri")
check("example.invalid" not in open(sys.argv[1]).read(), "no example.invalid link")

# results: exactly the JSON report's findings, same order
results, findings = run["results"], rep["findings"]
check([r["ruleId"] for r in results] ==
      ["iomem-deref", "map-vaddr-unchecked", "iomem-memfn"], "the three results")
check(len(results) == len(findings), "as many results as JSON findings")
for r, f in zip(results, findings):
    check(r["ruleId"] == f["rule"] and r["message"]["text"] == f["message"], "rule/message")
    check(rules[r["ruleIndex"]]["id"] == r["ruleId"], "ruleIndex points at the rule")
    check(r["level"] == "warning", "level")
    (loc,) = r["locations"]
    phys = loc["physicalLocation"]
    check(phys["artifactLocation"]["uri"] == "drv.c", "uri")
    check(phys["region"] == {"startLine": f["line"], "startColumn": f["column"]}, "region")
    # the events, in order, as the one thread flow of the one code flow
    if not f["events"]:
        check("codeFlows" not in r, "no codeFlows without events")
    else:
        (flow,) = r["codeFlows"]
        (thread,) = flow["threadFlows"]
        check([(l["location"]["physicalLocation"]["artifactLocation"]["uri"],
                l["location"]["physicalLocation"]["region"],
                l["location"]["message"]["text"], l["properties"]["kind"],
                l["executionOrder"]) for l in thread["locations"]] ==
              [(e["file"], {"startLine": e["line"], "startColumn": e["column"]},
                e["message"], e["kind"], i + 1) for i, e in enumerate(f["events"])],
              "thread flow locations are the events")
    if not f["fixits"]:
        check("fixes" not in r, "no fixes without fix-its")
        continue
    (fix,) = r["fixes"]
    (change,) = fix["artifactChanges"]
    check(change["artifactLocation"]["uri"] == "drv.c", "fix uri")
    check([(x["deletedRegion"], x["insertedContent"]["text"]) for x in change["replacements"]] ==
          [({"startLine": x["begin"]["line"], "startColumn": x["begin"]["column"],
             "endLine": x["end"]["line"], "endColumn": x["end"]["column"]}, x["text"])
           for x in f["fixits"]], "replacements are the fix-its")

# exact values of the first result
r = results[0]
check(r["message"]["text"] == "plain store through __iomem pointer 'ctrl'; use writel()", "message 0")
check(r["locations"][0]["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 2}, "region 0")
check(r["fixes"][0]["artifactChanges"][0]["replacements"] ==
      [{"deletedRegion": {"startLine": 6, "startColumn": 2, "endLine": 6, "endColumn": 18},
        "insertedContent": {"text": "writel(mode | 1, ctrl)"}}], "replacement 0")
check("fixes" not in results[2], "memcpy I/O to I/O has no fix")
# the map finding's path, with SARIF's kinds for ours
locs = results[1]["codeFlows"][0]["threadFlows"][0]["locations"]
check([(l["location"]["physicalLocation"]["region"]["startLine"], l["kinds"],
        l["nestingLevel"], l["location"]["message"]["text"]) for l in locs] ==
      [(9, ["acquire"], 0, "map 'dst' comes from the caller of blit(): system or I/O memory"),
       (11, ["branch"], 0, "map 'dst' is read here without a test of is_iomem"),
       (11, ["memory"], 0, "memcpy() on 'dst->vaddr'")], "codeFlows of the map finding")

# applying every result's fixes (SARIF regions: 1-based, end exclusive)
lines = source.split("\n")
def offset(line, col):
    return sum(len(l) + 1 for l in lines[:line - 1]) + col - 1
edits = sorted((offset(d["startLine"], d["startColumn"]), offset(d["endLine"], d["endColumn"]),
                x["insertedContent"]["text"])
               for r in results for f in r.get("fixes", [])
               for c in f["artifactChanges"] for x in c["replacements"]
               for d in [x["deletedRegion"]])
out = source
for b, e, text in reversed(edits):
    out = out[:b] + text + out[e:]
check(out == fixed, "the SARIF fixes applied give what --fix writes")
EOF
echo "checked drv.sarif content"

# ---- -p with a compile database: absolute paths, as CMake writes them
mkdir build
cat >build/compile_commands.json <<EOF
[ { "directory": "$T/build",
    "command": "cc -I$INC -O2 -c -o drv.o $T/src/drv.c",
    "file": "$T/src/drv.c" } ]
EOF
chk -p build --format=sarif -o abs.sarif
expect_status 1
expect_empty out
validate abs.sarif
python3 - abs.sarif "$T/src/drv.c" <<'EOF' || fail "abs.sarif: absolute paths are file:// URIs"
import json, sys
uri = json.load(open(sys.argv[1]))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
assert uri == "file://" + sys.argv[2], uri
EOF

# ---- -p with the database at the tree's top: the files below it relative
# to SRCROOT (originalUriBaseIds), which is the database's directory; a
# file outside it (here none) would stay absolute as above
sed 's|"directory": "[^"]*"|"directory": "'"$T"'"|' build/compile_commands.json \
	>compile_commands.json
chk -p . --format=sarif -o rel.sarif
expect_status 1
validate rel.sarif
python3 - rel.sarif "$T" <<'EOF' || fail "rel.sarif: not relative to SRCROOT"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": "file://" + sys.argv[2] + "/"}}, \
    run["originalUriBaseIds"]
r = run["results"][0]
want = {"uri": "src/drv.c", "uriBaseId": "SRCROOT"}
assert r["locations"][0]["physicalLocation"]["artifactLocation"] == want, r["locations"]
assert r["fixes"][0]["artifactChanges"][0]["artifactLocation"] == want, r["fixes"]
for t in r.get("codeFlows", [{}])[0].get("threadFlows", []):
    for l in t["locations"]:
        assert l["location"]["physicalLocation"]["artifactLocation"] == want, l
EOF
rm compile_commands.json

# ---- a file name with a space
cp src/drv.c "src/my drv.c"
chk --format=sarif --output space.sarif "src/my drv.c"
expect_status 1
validate space.sarif
grep -q '"uri":[[:space:]]*"src/my%20drv.c"' space.sarif || fail "space.sarif: the space is not percent-encoded"
echo PASS
