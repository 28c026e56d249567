#!/bin/sh
# integration.shard: --shard K/N and --merge.
#  - which units a shard gets: of the units sorted by path, the Kth, the
#    (K+N)th, ...: exact membership for 7 units in 3 shards, the same for
#    the database in another order; the shards are disjoint and cover all;
#  - N = 3 (and 2, 7, 9: shards without units) shards' JSON reports, SARIF
#    reports and baselines, each merged with --merge, are byte-identical to
#    the unsharded run's (with --headers: a header finding seen by units of
#    two shards is reported once); --merge's exit status is that of the run
#    (1: findings; 0 with --exit-zero; --fail-on);
#  - the merged SARIF passes Microsoft's SARIF validator;
#  - --merge's errors: no reports, an unreadable or foreign file, reports of
#    different kinds, versions or trees, --format that does not match: exit 2 and
#    one line; a missing shard's unit stays an error in every shard.
. "$(dirname "$0")/lib.sh"

cd src
# unit NAME: a file with a finding in function NAME, and one in regs.h
for name in golf alpha echo charlie foxtrot bravo delta; do
	cat >"$name.c" <<EOF2
#include <linux/io.h>
#include "regs.h"

void $name(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
	regs_kick(ctrl);
}
EOF2
done
cat >regs.h <<'EOF2'
static inline void regs_kick(u32 __iomem *r)
{
	r[1] = 1;
}
EOF2
cd "$T"
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
db build golf.c alpha.c echo.c charlie.c foxtrot.c bravo.c delta.c
db shuffled delta.c charlie.c golf.c bravo.c alpha.c foxtrot.c echo.c

# units DIR K/N: the files shard K/N of DIR checks (from its JSON report)
units() {
	"$IMC" -j2 -p "$1" --shard "$2" --format=json 2>/dev/null | python3 -c '
import json, sys
print(" ".join(f["file"].rsplit("/", 1)[1] for f in json.load(sys.stdin)["findings"]))'
}
for d in build shuffled; do
	units $d 1/3 >"$W/s1"
	units $d 2/3 >"$W/s2"
	units $d 3/3 >"$W/s3"
	expect_one_line "$W/s1" "alpha.c delta.c golf.c"
	expect_one_line "$W/s2" "bravo.c echo.c"
	expect_one_line "$W/s3" "charlie.c foxtrot.c"
done
units build 1/1 >"$W/all"
expect_one_line "$W/all" "alpha.c bravo.c charlie.c delta.c echo.c foxtrot.c golf.c"

# ---- N shards merged = the unsharded run, for each kind of report
for n in 3 2 7 9; do
	for fmt in json sarif baseline; do
		case $fmt in
		baseline) out() { echo "--write-baseline $1"; } ;;
		*) out() { echo "--format=$fmt -o $1"; } ;;
		esac
		status=0
		# shellcheck disable=SC2046 # out gives several words
		"$IMC" -p build --headers $(out "$W/whole.$fmt") 2>/dev/null || status=$?
		expect_status 1
		files=
		k=1
		while [ $k -le $n ]; do
			status=0
			# shellcheck disable=SC2046
			"$IMC" -p build --headers --shard $k/$n $(out "$W/part$k.$fmt") 2>"$ERR" || status=$?
			[ "$status" = 1 ] || { [ "$status" = 0 ] && [ "$n" -gt 7 ]; } ||
				fail "shard $k/$n: exit status $status"
			files="$files $W/part$k.$fmt"
			k=$((k + 1))
		done
		# shellcheck disable=SC2086 # a list of files
		chk --merge $files -o "$W/merged.$fmt"
		expect_status 1
		expect_empty "$OUT"
		expect_empty "$ERR"
		cmp -s "$W/merged.$fmt" "$W/whole.$fmt" || {
			diff -u "$W/whole.$fmt" "$W/merged.$fmt" | head -30
			fail "$n shards of $fmt merged differ from the unsharded run"
		}
		echo "$n shards, $fmt: merged = unsharded"
	done
done
# the header finding, seen by every shard, is in the merged report once
grep -c '"file":[[:space:]]*".*regs.h"' "$W/merged.json" >"$W/n" || true
expect_one_line "$W/n" 1
# to stdout, and the exit status of the merged findings
chk --merge "$W/part1.json" "$W/part2.json"
expect_status 1
expect_empty "$ERR"
chk --merge "$W/part1.json" "$W/part2.json" -o "$W/m.json"
expect_same "$OUT" /dev/null
chk --merge --exit-zero "$W/part1.json" "$W/part2.json"
expect_status 0
chk --merge --fail-on iomem-memfn "$W/part1.json" "$W/part2.json"
expect_status 0
chk --merge --fail-on iomem-deref "$W/part1.sarif" "$W/part2.sarif"
expect_status 1
"$IMC" -p build --shard 9/9 --format=json -o "$W/empty.json"
chk --merge "$W/empty.json"
expect_status 0

# ---- the merged SARIF passes the validator (integration.sarif installs it)
VALIDATOR=$SARIF_PREFIX/node_modules/.bin/sarif-multitool
if [ ! -x "$VALIDATOR" ]; then
	command -v npm >/dev/null || fail "npm not found (scripts/install-deps installs it)"
	npm install --prefix "$SARIF_PREFIX" --no-audit --no-fund --loglevel=error \
		@microsoft/sarif-multitool@5.7.0 >"$T/npm.log" 2>&1 ||
		{ cat "$T/npm.log"; fail "npm install of the SARIF validator failed"; }
fi
"$IMC" -p build --headers --shard 1/3 --format=sarif -o "$W/v1.sarif" 2>/dev/null || true
"$IMC" -p build --headers --shard 2/3 --format=sarif -o "$W/v2.sarif" 2>/dev/null || true
"$IMC" -p build --headers --shard 3/3 --format=sarif -o "$W/v3.sarif" 2>/dev/null || true
"$IMC" --merge "$W/v1.sarif" "$W/v2.sarif" "$W/v3.sarif" -o "$T/merged.sarif" || true
"$VALIDATOR" validate -o "$T/validation.sarif" "$T/merged.sarif" >"$T/validator.log" 2>&1 ||
	{ cat "$T/validator.log"; fail "the validator failed"; }
python3 - "$T/validation.sarif" "$T/merged.sarif" <<'EOF2' || { cat "$T/validator.log"; fail "merged.sarif is not valid SARIF"; }
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert all(i.get("executionSuccessful") for i in run.get("invocations", [])), "validator failed"
errors = [(r["ruleId"], r["message"].get("arguments")) for r in run.get("results", [])
          if r.get("level", "warning") == "error"]
assert not errors, errors
merged = json.load(open(sys.argv[2]))
assert len(merged["runs"]) == 1
assert len(merged["runs"][0]["results"]) == 8, len(merged["runs"][0]["results"])
ids = [r["id"] for r in merged["runs"][0]["tool"]["driver"]["rules"]]
assert len(ids) == len(set(ids)) >= 8, ids
EOF2
echo "validated the merged SARIF"

# ---- errors
chk --merge
expect_option_error "--merge: no reports to merge"
chk --merge "$W/part1.json" "$W/nothere.json"
expect_option_error "$W/nothere.json: No such file or directory"
echo '{"a": 1}' >"$W/foreign.json"
chk --merge "$W/part1.json" "$W/foreign.json"
expect_option_error "$W/foreign.json: not an iomemcheck JSON report, SARIF report or baseline"
echo 'garbage' >"$W/garbage.json"
chk --merge "$W/garbage.json"
expect_option_error "$W/garbage.json: not an iomemcheck JSON report, SARIF report or baseline"
chk --merge "$W/part1.json" "$W/part2.sarif"
expect_option_error "$W/part1.json is an iomemcheck JSON report, $W/part2.sarif is a SARIF report: merge reports of one kind"
chk --merge "$W/part1.json" "$W/part2.baseline"
expect_option_error "$W/part1.json is an iomemcheck JSON report, $W/part2.baseline is an iomemcheck baseline: merge reports of one kind"
# other_version IN OUT: the report IN as another version's
other_version() {
	python3 - "$1" "$2" <<'EOF2'
import json, sys
doc = json.load(open(sys.argv[1]))
if "runs" in doc:
    doc["runs"][0]["tool"]["driver"]["version"] = "0.0.0-other"
else:
    doc["version"] = "0.0.0-other"
json.dump(doc, open(sys.argv[2], "w"))
EOF2
}
other_version "$W/part2.json" "$W/other.json"
chk --merge "$W/part1.json" "$W/other.json"
expect_option_error "$W/part1.json: iomemcheck $("$IMC" --version | cut -d' ' -f2), $W/other.json: iomemcheck 0.0.0-other: merge reports of one version"
other_version "$W/part2.sarif" "$W/other.sarif"
# reports of two trees (-p of two databases: the JSON root, SARIF's
# SRCROOT) would mix names relative to different tops
for fmt in json sarif; do
	"$IMC" -p shuffled --shard 1/3 --format=$fmt -o "$W/tree2.$fmt" 2>/dev/null || true
	chk --merge "$W/part1.$fmt" "$W/tree2.$fmt"
	expect_option_error "$W/part1.$fmt and $W/tree2.$fmt are reports of different trees (other -p directories): merge reports of one"
done
chk --merge "$W/part1.sarif" "$W/other.sarif"
expect_option_error "$W/other.sarif: another tool, version or rule catalogue than $W/part1.sarif"
chk --merge --format=sarif "$W/part1.json"
expect_option_error "--format=sarif, but $W/part1.json is an iomemcheck JSON report"
chk --merge -p build "$W/part1.json"
expect_option_error "--merge takes only reports: no -p, --shard, --fix, --baseline or --diff"
# no temporary file left by --merge -o
if ls -A "$W" | grep -q 'tmp'; then fail "a temporary file left in $W"; fi
# a file named on the command line that is missing: an error in every shard
for k in 1 2 3; do
	chk -p build --shard $k/3 "$T/src/alpha.c" "$T/src/nothere.c"
	expect_status 2
	grep -q "^iomemcheck: $T/src/nothere.c: No such file or directory\$" "$ERR" ||
		fail "shard $k/3: no error for the missing file"
done
echo PASS
