#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# testsuite/kernel/fix-run.sh -- `iomemcheck --fix` on real kernel code (slow,
# not part of ctest; run it after testsuite/kernel/run.sh has prepared the
# tree and recorded every unit's iomemcheck command line).
#
# On a working COPY of the prepared linux-6.1 tree (refreshed with rsync from
# the source tree, which is only ever read), for every unit whose recorded
# iomemcheck run (RESULTS/NAME.err, written by check-wrap) has findings:
#   1. runs the checker with the unit's recorded command line (same cwd, in
#      the copy) for the findings and their fix-its (--format json), then
#      again with --fix;
#   2. rebuilds the objects with kbuild (`make drivers/.../file.o`, the .o
#      removed first so every unit is really compiled; the kernel's own -Werror,
#      CONFIG_WERROR=y, is on -- the script refuses a tree without it);
#   3. runs sparse on them through kbuild (`make C=2 CHECK=sparse ...o`:
#      C=2 because C=1 checks only what make recompiles), once before the fix
#      and once after, and compares the warnings (file, text and the
#      expected/got lines; line numbers ignored, the rewrites move lines):
#      no new warning is allowed;
#   3b. runs the tree's scripts/checkpatch.pl --no-tree -f on each file
#      before and after the fix (checkpatch-new beside this script): no new
#      warning is allowed (lines ignored);
#   4. runs the checker again on the fixed file: no finding that had a
#      fix-it may remain (its line is carried through the diff of the file).
# It prints units, findings, findings with a fix-it (and %), files changed by
# --fix, files that compile, sparse's and checkpatch's new warnings and the findings that
# remain, then every finding without a fix-it with its message, and
# `fix-run: PASS` or `fix-run: FAIL (N failed assertions)` with the details.
#
# Usage: testsuite/kernel/fix-run.sh [--src DIR] [--results DIR] [--work DIR]
#            [--rescan] [--unit PATH]... [-j N]
#   --src DIR      the prepared kernel tree, only read
#                  (default $IMC_KERNEL_DIR/linux-source-6.1)
#   --results DIR  the recorded iomemcheck runs (RESULTS/NAME.cmd, .cwd, .err)
#                  (default $IMC_KERNEL_DIR/results/iomemcheck)
#   --work DIR     where the copy (WORK/linux-source-6.1), the checker
#                  snapshot and the logs (WORK/results/) go
#                  (default $IMC_FIX_DIR, else $IMC_KERNEL_DIR-fix)
#   --rescan       select the units on which the current checker has findings
#                  (every recorded unit is checked) instead of those whose
#                  recorded run had findings
#   --unit PATH    only this unit (drivers/gpu/drm/ast/ast_mode.c; repeatable)
#   --no-sync      use the working copy as it is (after a previous run: the
#                  fixed files are then the starting point; for debugging)
# Environment: IMC_KERNEL_DIR (default /var/tmp/iomemcheck-kernel), IMC_FIX_DIR,
#   IMC_BUILD_DIR (default REPO/build), IMC_CHECKER (snapshotted before use),
#   IMC_JOBS (default 2), IOMEMCHECK_RULES_DIR (default REPO/rules),
#   IMC_CHECKPATCH (default the copy's scripts/checkpatch.pl).
# Exit status: 0 all assertions hold, 1 some failed, 2 could not run.

set -uo pipefail
export LC_ALL=C LANG=C

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
root=${IMC_KERNEL_DIR:-/var/tmp/iomemcheck-kernel}
src=$root/linux-source-6.1
recorded=$root/results/iomemcheck
work=${IMC_FIX_DIR:-$root-fix}
build=${IMC_BUILD_DIR:-$repo/build}
checker=${IMC_CHECKER:-$build/checker/iomemcheck}
jobs=${IMC_JOBS:-2}
export IOMEMCHECK_RULES_DIR=${IOMEMCHECK_RULES_DIR:-$repo/rules}
rescan=0 sync=1 only=()

die() { echo "fix-run.sh: $*" >&2; exit 2; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

while [ $# -gt 0 ]; do
	case $1 in
	--src) src=$2; shift ;;
	--results) recorded=$2; shift ;;
	--work) work=$2; shift ;;
	--rescan) rescan=1 ;;
	--unit) only+=("${2#./}"); shift ;;
	--no-sync) sync=0 ;;
	-j) jobs=$2; shift ;;
	-j*) jobs=${1#-j} ;;
	-h|--help) sed -n '3,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) die "unknown option $1" ;;
	esac
	shift
done

start=$(date +%s)
for t in rsync sparse make python3; do
	command -v $t >/dev/null || die "$t not found (testsuite/kernel/run.sh installs what it needs)"
done
src=$(cd "$src" 2>/dev/null && pwd -P) || die "no kernel tree at $src (run testsuite/kernel/run.sh --prepare-only)"
[ -f "$src/.iomemcheck-prepared" ] || die "$src is not prepared (run testsuite/kernel/run.sh --prepare-only)"
grep -q '^CONFIG_WERROR=y' "$src/.config" || die "$src/.config has no CONFIG_WERROR=y"
[ -d "$recorded" ] || die "no recorded iomemcheck runs in $recorded (run testsuite/kernel/run.sh)"
recorded=$(cd "$recorded" && pwd -P)
[ -x "$checker" ] || die "no checker at $checker (build it, or set IMC_CHECKER)"
mkdir -p "$work" || die "cannot create $work"
work=$(cd "$work" && pwd -P)
case "$work/" in "$src/"*) die "the working copy must not be inside $src" ;; esac
copy=$work/linux-source-6.1
[ "$copy" != "$src" ] || die "the working copy would be the source tree"
out=$work/results

# ---- the working copy ---------------------------------------------------------
# rsync -a keeps the mtimes, so the objects built in the source tree stay up
# to date in the copy; --delete drops what an earlier run added, and a file an
# earlier --fix rewrote comes back (its size or mtime differ).
if [ $sync = 1 ]; then
	log "refreshing the working copy $copy from $src"
	nice -n 19 rsync -a --delete "$src/" "$copy/" || die "rsync into $copy failed"
fi
[ -f "$copy/Makefile" ] || die "no working copy at $copy (drop --no-sync)"
rm -rf "$out" && mkdir -p "$out/units" || die "cannot create $out"
mkdir -p "$work/tools"
cp "$checker" "$work/tools/iomemcheck.tmp" && mv "$work/tools/iomemcheck.tmp" "$work/tools/iomemcheck" ||
	die "cannot copy $checker"
checker=$work/tools/iomemcheck
"$checker" --version > "$out/iomemcheck.version" 2>&1 || die "$checker --version failed"
kmake() { (cd "$copy" && nice -n 19 make -j"$jobs" "$@"); }

# ---- the units ------------------------------------------------------------------
finding_re='^[^ ]+:[0-9]+:[0-9]+: (warning|error): .*\[[a-z0-9-]+\]$'
: > "$out/units.list"
for cmd in "$recorded"/*.cmd; do
	[ -f "$cmd" ] || continue
	base=${cmd%.cmd}
	unit=$(tail -n 1 "$cmd"); unit=${unit#./}
	if [ ${#only[@]} -gt 0 ]; then
		keep=0
		for u in "${only[@]}"; do [ "$u" = "$unit" ] && keep=1; done
		[ $keep = 1 ] || continue
	elif [ $rescan = 0 ]; then
		grep -Eq "$finding_re" "$base.err" 2>/dev/null || continue
	fi
	echo "$unit" >> "$out/units.list"
done
sort -u -o "$out/units.list" "$out/units.list"

# Run the checker with a unit's recorded command line, in the copy:
# imc UNIT EXTRA-ARG... (stdout/stderr to the caller).  The recorded cwd and
# every argument under the source tree are moved to the copy.
imc() {
	local unit=$1; shift
	local name=${unit//\//%}
	local cwd; cwd=$(cat "$recorded/$name.cwd" 2>/dev/null) || cwd=$src
	case "$cwd" in
	"$src"|"$src"/*) cwd=$copy${cwd#"$src"} ;;
	*) cwd=$copy ;;  # recorded elsewhere (another copy of the tree): its root
	esac
	local -a args=()
	local a
	while IFS= read -r a; do
		case "$a" in *"$src"*) a=${a//"$src"/"$copy"} ;; esac
		args+=("$a")
	done < "$recorded/$name.cmd"
	(cd "$cwd" && "$checker" "$@" "${args[@]}")
}

if [ $rescan = 1 ]; then
	log "rescan: the current checker on $(wc -l < "$out/units.list") recorded units"
	: > "$out/units.rescan"
	while read -r unit; do
		imc "$unit" --format json -o "$out/scan.json" > /dev/null 2>&1
		python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["findings"] else 1)' \
			"$out/scan.json" 2>/dev/null && echo "$unit" >> "$out/units.rescan"
	done < "$out/units.list"
	mv "$out/units.rescan" "$out/units.list"; rm -f "$out/scan.json"
fi
nunits=$(wc -l < "$out/units.list")
[ "$nunits" -gt 0 ] || die "no unit with findings in $recorded"
objs=$(sed 's/\.c$/.o/' "$out/units.list")
log "$nunits units with findings"

# ---- before: findings, sparse ------------------------------------------------
for unit in $(cat "$out/units.list"); do
	d=$out/units/${unit//\//%}
	mkdir -p "$d"
	[ -f "$copy/$unit" ] || die "$unit is not in the copy"
	cp "$copy/$unit" "$d/orig.c"
	imc "$unit" --format json -o "$d/before.json" > /dev/null 2> "$d/before.err"
	echo $? > "$d/before.rc"
done
log "sparse before the fix (make C=2 CHECK=sparse on $nunits objects)"
IMC_LOG_DIR=$out kmake -k C=2 CHECK="$here/check-wrap sparse-before sparse" $objs \
	> "$out/sparse-before.make.log" 2>&1
echo $? > "$out/sparse-before.status"

# ---- 1. --fix ----------------------------------------------------------------
log "iomemcheck --fix on $nunits units"
for unit in $(cat "$out/units.list"); do
	d=$out/units/${unit//\//%}
	imc "$unit" --fix > "$d/fix.out" 2> "$d/fix.err"
	echo $? > "$d/fix.rc"
	cp "$copy/$unit" "$d/fixed.c"
	diff -u --label "a/$unit" --label "b/$unit" "$d/orig.c" "$d/fixed.c" > "$d/fix.diff"
done

# ---- 2. kbuild, -Werror -----------------------------------------------------
log "kbuild: make on $nunits objects (removed first; CONFIG_WERROR=y)"
for o in $objs; do rm -f "$copy/$o"; done
kmake -k $objs > "$out/compile.make.log" 2>&1
echo $? > "$out/compile.status"
for unit in $(cat "$out/units.list"); do
	d=$out/units/${unit//\//%}
	o=${unit%.c}.o
	if [ -f "$copy/$o" ]; then
		echo 0 > "$d/compile.rc"
	else
		# Its own log, for the report.
		kmake "$o" > "$d/compile.log" 2>&1
		echo 1 > "$d/compile.rc"
	fi
done

# ---- 3. sparse after ---------------------------------------------------------
log "sparse after the fix"
IMC_LOG_DIR=$out kmake -k C=2 CHECK="$here/check-wrap sparse-after sparse" $objs \
	> "$out/sparse-after.make.log" 2>&1
echo $? > "$out/sparse-after.status"

# ---- 3b. checkpatch ----------------------------------------------------------
# The tree's scripts/checkpatch.pl on each file before and after the fix
# (checkpatch-new: the warnings the fixed file has beyond the old one's,
# lines ignored); IMC_CHECKPATCH names another one (a stub: ctest
# integration.checkpatch).
checkpatch=${IMC_CHECKPATCH:-$copy/scripts/checkpatch.pl}
log "checkpatch on the $nunits files before and after the fix ($checkpatch)"
for unit in $(cat "$out/units.list"); do
	d=$out/units/${unit//\//%}
	"$here/checkpatch-new" "$checkpatch" "$d/orig.c" "$d/fixed.c" \
		> "$d/checkpatch.new" 2> "$d/checkpatch.err"
	echo $? > "$d/checkpatch.rc"
done

# ---- 4. the checker again --------------------------------------------------
log "iomemcheck on the fixed files"
for unit in $(cat "$out/units.list"); do
	d=$out/units/${unit//\//%}
	imc "$unit" --format json -o "$d/after.json" > /dev/null 2> "$d/after.err"
	echo $? > "$d/after.rc"
done

# Put the copy's objects back to the unfixed sources' state is not needed: the
# next run's rsync restores both the sources and the objects.

# ---- the report ------------------------------------------------------------
python3 - "$out" "$(( $(date +%s) - start ))" <<'EOF'
import collections, difflib, json, os, re, sys

out, elapsed = sys.argv[1], int(sys.argv[2])
units = open(os.path.join(out, "units.list")).read().split()
failures = []

def load(path):
    try:
        with open(path) as f:
            return json.load(f)["findings"]
    except (OSError, ValueError, KeyError) as e:
        return None

def rc(path):
    try:
        return int(open(path).read().strip())
    except (OSError, ValueError):
        return -1

WARN = re.compile(r"^(.*?):(\d+):(\d+): (warning|error): (.*)$")
CONT = re.compile(r"^(.*?):(\d+):(\d+):\s{2,}(.*)$")

MOVED = re.compile(r"^((?:warning|error): )?incorrect type in initializer (\(.*?\)) \| (expected .*?) val \| ")

def same_warning(text):
    """A store rewritten to iosys_map_wr(map, off, T, v) moves the value
    into the macro's `T val = (v);`: sparse then words a mismatch the
    store already had (vkms: an __le16 into a u16 buffer) as the
    initializer of `val`; it is the same warning as before the fix."""
    return MOVED.sub(r"\1incorrect type in assignment \2 | \3 | ", text)

def sparse_warnings(label, unit):
    """sparse's warnings for UNIT as a multiset of (file, text), the
    expected/got continuation lines joined; line numbers left out."""
    path = os.path.join(out, label, unit.replace("/", "%") + ".err")
    if not os.path.exists(path):
        return None
    warns, full = [], []
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = WARN.match(line)
        if m:
            warns.append([m.group(1), m.group(4) + ": " + m.group(5)])
            full.append([line])
            continue
        m = CONT.match(line)
        if m and warns:
            warns[-1][1] += " | " + m.group(4).strip()
            full[-1].append(line)
    return collections.Counter((f, same_warning(t)) for f, t in warns), full

def line_map(old, new):
    """old line number (1-based) -> set of new line numbers it became."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    m = {}
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        for i in range(i1, i2):
            if tag == "equal":
                m[i + 1] = {j1 + (i - i1) + 1}
            elif tag == "replace":
                m[i + 1] = set(range(j1 + 1, j2 + 1)) or {j1 + 1}
            else:  # delete: the line is gone
                m[i + 1] = set()
    return m

tot = dict(findings=0, fixit=0, changed=0, compile=0, sparse_new=0, checkpatch_new=0,
           remaining_fixed=0, remaining=0, new_findings=0)
by_rule = collections.Counter()
fix_by_rule = collections.Counter()
without = []
rows = []
for unit in units:
    d = os.path.join(out, "units", unit.replace("/", "%"))
    before, after = load(os.path.join(d, "before.json")), load(os.path.join(d, "after.json"))
    if before is None or rc(os.path.join(d, "before.rc")) not in (0, 1):
        failures.append("%s: the checker failed before the fix (exit %d):\n    %s" % (
            unit, rc(os.path.join(d, "before.rc")),
            open(os.path.join(d, "before.err")).read().strip()[-2000:].replace("\n", "\n    ")))
        continue
    tot["findings"] += len(before)
    withfix = [f for f in before if f.get("fixits")]
    tot["fixit"] += len(withfix)
    for f in before:
        by_rule[f["rule"]] += 1
        if f.get("fixits"):
            fix_by_rule[f["rule"]] += 1
        else:
            without.append(f)
    fixrc = rc(os.path.join(d, "fix.rc"))
    if fixrc not in (0, 1):
        failures.append("%s: iomemcheck --fix failed (exit %d):\n    %s" % (
            unit, fixrc, open(os.path.join(d, "fix.err")).read().strip()[-2000:].replace("\n", "\n    ")))
    orig = open(os.path.join(d, "orig.c"), errors="replace").read().splitlines()
    fixed = open(os.path.join(d, "fixed.c"), errors="replace").read().splitlines()
    changed = orig != fixed
    tot["changed"] += changed
    if withfix and not changed:
        failures.append("%s: %d findings with a fix-it, but --fix changed nothing" % (unit, len(withfix)))
    if not withfix and changed:
        failures.append("%s: no finding had a fix-it, but --fix changed the file" % unit)
    # 2. compile
    compiled = rc(os.path.join(d, "compile.rc")) == 0
    tot["compile"] += compiled
    if not compiled:
        log = open(os.path.join(d, "compile.log"), errors="replace").read().splitlines()
        errs = [l for l in log if ": error:" in l][:20]
        failures.append("%s: does not compile after --fix (fix.diff in %s):\n    %s" % (
            unit, d, "\n    ".join(errs or log[-20:])))
    # 3. sparse
    sb, sa = sparse_warnings("sparse-before", unit), sparse_warnings("sparse-after", unit)
    new = []
    if sb is None or sa is None:
        failures.append("%s: sparse did not run %s the fix" % (unit, "before" if sb is None else "after"))
    else:
        extra = sa[0] - sb[0]
        if extra:
            for lines in sa[1]:
                w = WARN.match(lines[0])
                key = (w.group(1), same_warning(w.group(4) + ": " + w.group(5) +
                       "".join(" | " + CONT.match(c).group(4).strip() for c in lines[1:])))
                if extra[key] > 0:
                    extra[key] -= 1
                    new.append("\n      ".join(lines))
    tot["sparse_new"] += len(new)
    if new:
        failures.append("%s: sparse warns anew after --fix:\n    %s" % (unit, "\n    ".join(new)))
    # 3b. checkpatch
    cp_new = []
    if rc(os.path.join(d, "checkpatch.rc")) != 0:
        failures.append("%s: checkpatch did not run: %s" % (
            unit, open(os.path.join(d, "checkpatch.err")).read().strip()))
    else:
        cp_new = open(os.path.join(d, "checkpatch.new")).read().splitlines()[:-1]
    tot["checkpatch_new"] += len(cp_new)
    if cp_new:
        failures.append("%s: checkpatch warns anew after --fix (lines of fixed.c):\n    %s" % (
            unit, "\n    ".join(cp_new)))
    # 4. the checker again
    if after is None or rc(os.path.join(d, "after.rc")) not in (0, 1):
        failures.append("%s: the checker failed on the fixed file (exit %d)" % (unit, rc(os.path.join(d, "after.rc"))))
        after = []
    tot["remaining"] += len(after)
    lm = line_map(orig, fixed)
    # A finding after the fix is "the same" as one before when it has the
    # rule and sits on a line the old one's line became.
    def same_site(old, new_):
        return (old["rule"] == new_["rule"] and os.path.basename(old["file"]) == os.path.basename(new_["file"])
                and new_["line"] in lm.get(old["line"], set()))
    stayed = [(f, g) for f in withfix for g in after if same_site(f, g)]
    tot["remaining_fixed"] += len(stayed)
    for f, g in stayed:
        failures.append("%s:%d: a finding with a fix-it is still reported after --fix (line %d): %s [%s]" % (
            unit, f["line"], g["line"], g["message"], g["rule"]))
    unmatched = [g for g in after if not any(same_site(f, g) for f in before)]
    tot["new_findings"] += len(unmatched)
    for g in unmatched:
        failures.append("%s:%d: a new finding after --fix: %s [%s]" % (unit, g["line"], g["message"], g["rule"]))
    rows.append((unit, len(before), len(withfix), "yes" if changed else "no",
                 "yes" if compiled else "NO", len(new), len(cp_new), len(after)))

pct = lambda a, b: "%.0f %%" % (100.0 * a / b) if b else "-"
print("units with findings:        %d" % len(units))
print("findings:                   %d (%s)" % (tot["findings"], ", ".join(
    "%s %d" % kv for kv in sorted(by_rule.items()))))
print("findings with a fix-it:     %d (%s)%s" % (tot["fixit"], pct(tot["fixit"], tot["findings"]),
      "" if not fix_by_rule else " (" + ", ".join("%s %d/%d" % (r, fix_by_rule[r], by_rule[r]) for r in sorted(by_rule)) + ")"))
print("files changed by --fix:     %d of %d%s" % (tot["changed"], len(units),
      "" if tot["fixit"] else " (no finding has a fix-it: the steps below check unchanged files)"))
print("files that compile:         %d of %d (kbuild, CONFIG_WERROR=y)" % (tot["compile"], len(units)))
print("sparse new warnings:        %d" % tot["sparse_new"])
print("checkpatch new warnings:    %d" % tot["checkpatch_new"])
print("findings after --fix:       %d (of them still at a fixed finding: %d, new: %d)" % (
    tot["remaining"], tot["remaining_fixed"], tot["new_findings"]))
print()
print("%-44s %8s %6s %7s %8s %6s %6s %6s" % ("unit", "findings", "fix-it", "changed", "compiles",
                                             "sparse+", "chkpt+", "after"))
for r in rows:
    print("%-44s %8d %6d %7s %8s %6d %6d %6d" % r)
print()
print("findings without a fix-it: %d" % len(without))
for f in sorted(without, key=lambda f: (f["rule"], f["file"], f["line"])):
    print("  %s:%d:%d: [%s] %s" % (f["file"], f["line"], f["column"], f["rule"], f["message"]))
print()
print("elapsed: %ds; logs in %s" % (elapsed, out))
if failures:
    print("fix-run: FAIL (%d failed assertions)" % len(failures))
    for f in failures:
        print("  - " + f)
    sys.exit(1)
print("fix-run: PASS")
EOF
exit $?
