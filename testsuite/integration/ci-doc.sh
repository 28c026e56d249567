#!/bin/sh
# integration.ci-doc: the CI recipes of docs/ci.md, taken out of the page
# and run on a small CMake project (a real compile database, absolute paths):
#  - GitHub Actions: the workflow is well-formed for code scanning
#    (security-events: write, upload-sarif of the file the iomemcheck step
#    writes); the compile-database and iomemcheck steps pass with findings
#    and leave a SARIF report with them;
#  - GitLab CI: the job's script passes with findings and writes
#    gl-code-quality.json in GitLab's format (relative paths, unique
#    fingerprints that survive moving code), iomemcheck.json kept;
#  - the baseline recipe: passes on today's findings, fails on a new one, and
#    (known bug) in a checkout at another path;
#  - no recipe or page links to a made-up example.invalid address.
. "$(dirname "$0")/lib.sh"

DOC=$REPO/docs/ci.md
! grep -rn 'example\.invalid' "$REPO/README.md" "$REPO/docs" ||
	fail "a made-up example.invalid link in the documentation"
PATH=$(dirname "$IMC"):$PATH
export PATH
for PY in python3 /usr/bin/python3; do
	"$PY" -c 'import yaml' 2>/dev/null && break
done
"$PY" -c 'import yaml' 2>/dev/null || fail "no python3 with yaml (python3-yaml)"

# doc_block NAME: the code block after "<!-- integration.ci-doc: NAME -->"
doc_block() {
	awk -v m="<!-- integration.ci-doc: $1 -->" '
		$0 == m { found = 1; next }
		found && /^```/ { if (inside) exit; inside = 1; next }
		inside { print }' "$DOC"
}
for b in github gitlab baseline github-shards gitlab-shards; do
	doc_block $b >"$T/$b.txt"
	[ -s "$T/$b.txt" ] || fail "$DOC: no block marked integration.ci-doc: $b"
done

# A project like the docs assume: CMake, sources at the top.
mkdir a
cat >a/CMakeLists.txt <<EOF
cmake_minimum_required(VERSION 3.20)
project(drv C)
add_library(drv OBJECT drv.c clean.c)
target_include_directories(drv PRIVATE $INC)
EOF
cat >a/drv.c <<'EOF'
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
cat >a/clean.c <<'EOF'
#include <linux/io.h>

void stop(u32 __iomem *ctrl)
{
	writel(0, ctrl);
}
EOF
cp -r a pristine

# run_steps FILE DIR: runs each script of FILE (separated by lines "#---")
# with sh -e in DIR; status in $status, output in $OUT.
run_steps() {
	status=0
	(cd "$2" && awk -v d="$W/step." '/^#---$/ { n++; next } { print > (d n) }' "$1" &&
		for s in "$W"/step.*; do sh -e "$s" || exit; done) >"$OUT" 2>&1 ||
		status=$?
	rm -f "$W"/step.*
	echo "\$ (steps of ${1##*/} in ${2##*/}) -> $status"
}

# ---- GitHub Actions
"$PY" - "$T/github.txt" "$T/github-steps" <<'EOF' || fail "the GitHub workflow"
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
(job,) = wf["jobs"].values()
assert wf["permissions"]["security-events"] == "write", "security-events: write"
steps = {s.get("name"): s for s in job["steps"]}
check = [s for s in job["steps"] if s.get("id") == "iomemcheck"]
assert len(check) == 1, "one step with id iomemcheck"
upload = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
assert len(upload) == 1, "one upload-sarif step"
sarif = upload[0]["with"]["sarif_file"]
assert "-o %s" % sarif in check[0]["run"], "the iomemcheck step writes %s" % sarif
assert job["steps"].index(upload[0]) > job["steps"].index(check[0])
with open(sys.argv[2], "w") as out:
    out.write(steps["Compile database"]["run"] + "\n#---\n" + check[0]["run"] + "\n")
EOF
cp -r pristine gh
run_steps "$T/github-steps" gh
expect_status 0
[ -f gh/iomemcheck.sarif ] || fail "no iomemcheck.sarif"
python3 - gh/iomemcheck.sarif "$T/gh/drv.c" <<'EOF' || fail "iomemcheck.sarif"
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
got = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]
want = [("iomem-deref", "file://" + sys.argv[2], 5), ("iomem-memfn", "file://" + sys.argv[2], 10)]
assert got == want, got
EOF
echo "GitHub steps: ok"

# ---- GitLab CI
"$PY" - "$T/gitlab.txt" "$T/gitlab-steps" <<'EOF' || fail "the GitLab job"
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))["iomemcheck"]
assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
assert "iomemcheck.json" in job["artifacts"]["paths"]
assert job["artifacts"]["when"] == "always"
with open(sys.argv[2], "w") as out:
    out.write("\n#---\n".join(job["script"]) + "\n")
EOF
cp -r pristine gl
run_steps "$T/gitlab-steps" gl
expect_status 0
[ -f gl/iomemcheck.json ] || fail "no iomemcheck.json artifact"
cp gl/gl-code-quality.json "$W/cq1.json"
# the same findings two lines further down: the same fingerprints
{ printf '/* moved */\n\n'; cat pristine/drv.c; } >gl/drv.c
run_steps "$T/gitlab-steps" gl
expect_status 0
python3 - "$W/cq1.json" gl/gl-code-quality.json <<'EOF' || fail "gl-code-quality.json"
import json, sys
before, after = (json.load(open(f)) for f in sys.argv[1:3])
for issues in before, after:
    assert isinstance(issues, list) and len(issues) == 2, issues
    for i in issues:
        assert set(i) == {"description", "check_name", "fingerprint", "severity", "location"}, i
        assert i["severity"] in ("info", "minor", "major", "critical", "blocker"), i
        assert set(i["location"]) == {"path", "lines"} and i["location"]["path"] == "drv.c", i
    assert len({i["fingerprint"] for i in issues}) == len(issues), "unique fingerprints"
assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in before] == [
    ("iomemcheck/iomem-deref", 5), ("iomemcheck/iomem-memfn", 10)], before
assert [i["location"]["lines"]["begin"] for i in after] == [7, 12], after
assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after], "moved code, new fingerprints"
assert before[0]["description"] == "plain store through __iomem pointer 'ctrl'; use writel()"
EOF
echo "GitLab steps: ok"

# ---- sharded runs (github-shards, gitlab-shards): every shard's steps,
# then the merge, on a project of 6 units, equal one run's report
mkdir more
for n in 1 2 3 4 5; do
	sed "s/void start(/void start$n(/" a/drv.c >more/drv$n.c
done
cat >>pristine/CMakeLists.txt <<'EOF'
add_library(more OBJECT more/drv1.c more/drv2.c more/drv3.c more/drv4.c more/drv5.c)
EOF
echo "target_include_directories(more PRIVATE $INC)" >>pristine/CMakeLists.txt
cp -r more pristine/more
"$PY" - "$T/github-shards.txt" "$T/ghs" <<'EOF' || fail "the GitHub matrix workflow"
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
shard, merge = wf["jobs"]["shard"], wf["jobs"]["merge"]
assert wf["permissions"]["security-events"] == "write"
ks = shard["strategy"]["matrix"]["shard"]
assert ks == [1, 2, 3, 4], ks
assert merge["needs"] == "shard"
run = [s for s in shard["steps"] if s.get("id") == "iomemcheck"][0]["run"]
assert "--shard ${{ matrix.shard }}/${{ strategy.job-total }}" in run, run
up = [s for s in shard["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")][0]
down = [s for s in merge["steps"] if s.get("uses", "").startswith("actions/download-artifact@")][0]
assert up["with"]["path"] in run and down["with"]["merge-multiple"] is True
mrun = [s for s in merge["steps"] if s.get("id") == "merge"][0]["run"]
sarif = [s for s in merge["steps"]
         if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")][0]["with"]["sarif_file"]
assert "-o %s" % sarif in mrun
db = [s for s in shard["steps"] if s.get("name") == "Compile database"][0]["run"]
shard_cmd = run.replace("${{ matrix.shard }}", "@K@").replace("${{ strategy.job-total }}", "@N@")
open(sys.argv[2] + "-db", "w").write(db + "\n")
open(sys.argv[2] + "-shard", "w").write(shard_cmd + "\n")
open(sys.argv[2] + "-merge", "w").write(mrun + "\n")
EOF
"$PY" - "$T/gitlab-shards.txt" "$T/gls" <<'EOF' || fail "the GitLab parallel job"
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
shard, merge = doc["iomemcheck-shard"], doc["iomemcheck"]
assert shard["parallel"] == 4, shard["parallel"]
assert merge["needs"] == ["iomemcheck-shard"]
assert shard["artifacts"]["when"] == "always"
open(sys.argv[2] + "-shard", "w").write("\n#---\n".join(shard["script"]) + "\n")
open(sys.argv[2] + "-merge", "w").write("\n#---\n".join(merge["script"]) + "\n")
EOF
# GitHub: the four jobs of the matrix, then the merge job, in one tree
cp -r pristine ghs
run_steps "$T/ghs-db" ghs
expect_status 0
for k in 1 2 3 4; do
	sed -e "s/@K@/$k/g" -e "s/@N@/4/g" "$T/ghs-shard" >"$W/shard-cmd"
	run_steps "$W/shard-cmd" ghs
	expect_status 0
done
run_steps "$T/ghs-merge" ghs
expect_status 0
(cd ghs && iomemcheck -p build --format=sarif -o whole.sarif 2>/dev/null) || true
cmp -s ghs/iomemcheck.sarif ghs/whole.sarif || fail "GitHub: the merged shards differ from one run"
grep -c '"ruleId"' ghs/whole.sarif >"$W/n" || true
expect_one_line "$W/n" 12
echo "GitHub matrix: ok"
# GitLab: the parallel jobs (CI_NODE_INDEX of CI_NODE_TOTAL), then the merge
cp -r pristine gls
for k in 1 2 3 4; do
	CI_NODE_INDEX=$k CI_NODE_TOTAL=4
	export CI_NODE_INDEX CI_NODE_TOTAL
	run_steps "$T/gls-shard" gls
	expect_status 0
done
unset CI_NODE_INDEX CI_NODE_TOTAL
run_steps "$T/gls-merge" gls
expect_status 1 # findings fail the merge job
(cd gls && iomemcheck -p build --format=json -o whole.json 2>/dev/null) || true
cmp -s gls/iomemcheck.json gls/whole.json || fail "GitLab: the merged shards differ from one run"
echo "GitLab parallel: ok"

# ---- the baseline recipe, in a git checkout
new_repo a
(cd a && git add -A && git commit -q -m "drv" && cmake -S . -B build \
	-DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null) || fail "project a"
grep -v '^#' "$T/baseline.txt" >"$W/recipe"
grep '^iomemcheck .*--baseline ' "$W/recipe" >"$W/ci-check"
[ "$(wc -l <"$W/ci-check")" = 1 ] || fail "the recipe's CI command not found"
status=0
(cd a && sh -e "$W/recipe") >"$OUT" 2>&1 || status=$?
echo "\$ (baseline recipe in a) -> $status"
expect_status 0
[ -f a/iomemcheck-baseline.json ] || fail "no baseline written"
git -C a ls-files --error-unmatch iomemcheck-baseline.json >/dev/null ||
	fail "the recipe did not git add the baseline"
# a new finding fails CI, alone
cat >>a/drv.c <<'EOF'

void reset(u32 __iomem *ctrl)
{
	*ctrl = 0;
}
EOF
status=0
(cd a && sh -e "$W/ci-check") >"$OUT" 2>&1 || status=$?
echo "\$ (CI check in a, a new finding) -> $status"
expect_status 1
grep ': warning: ' "$OUT" | cut -d: -f1-3 >"$W/found"
expect_one_line "$W/found" "$T/a/drv.c:15:2"
# the same tree, checked out elsewhere, without the new finding
git -C a checkout -q drv.c
cp -r a b
rm -rf b/build
(cd b && cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null)
status=0
(cd b && sh -e "$W/ci-check") >"$OUT" 2>&1 || status=$?
echo "\$ (CI check in b, the baseline of a) -> $status"
# Baseline entries name files relative to the checkout: they match in b.
expect_status 0
echo PASS
