#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Assertions and numbers of testsuite/kernel/run.sh.

Reads what run.sh recorded under RESULTS/:
  sparse/, iomemcheck/   per unit (check-wrap): NAME.err, NAME.rc, units
  sparse.status, iomemcheck.status   "MAKE_EXIT SECONDS"
  direct.status, direct.make.log     iomemcheck under kbuild without wrapper
  plugin.status, plugin.make.log     the slice built with -fplugin
  plugin/plain/, plugin/with/        objects without and with the plugin
  NAME.summary (--parity NAME)       parity.py's counts and differing units

--arch ARCH: the results of run.sh --arch ARCH (its own tree, no run
without check-wrap: no direct.status); the header names the arch and tree.

and fails (exit 1) on: a tool error (exit status other than 0/1, a crash, an
"error:" line, an exit status that disagrees with the findings), a unit sparse
checked that iomemcheck did not, a kbuild run that failed because of the tool,
an ICE, an object the plugin changed, a sparse __iomem finding iomemcheck does
not report at the same file:line, a map-* finding that is not in (or is
missing from) the expectation file, or a parity run (--parity) that did not
run or found a unit on which the front ends differ.
"""

import argparse
import collections
import os
import re
import sys

DIAG = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)?\s*"
		  r"(?P<kind>warning|error|fatal error|note|internal compiler error):\s*"
		  r"(?P<msg>.*?)(?P<tags>(?:\s+\[[A-Za-z0-9_=-]+\])*)\s*$")
RULE = re.compile(r"^(?:iomem|map)-[a-z0-9-]+$")
IOMEM_RULES = {"iomem-deref", "iomem-address-space", "iomem-memfn"}
UNIT_PREFIX = "drivers/gpu/drm/"  # --prefix: "" for the whole-defconfig mode
Finding = collections.namedtuple("Finding", "file line col rule msg unit")


def norm(path, src):
	"""Source-tree-relative path of a diagnostic's file."""
	if os.path.isabs(path):
		rel = os.path.relpath(path, src)
		path = rel if not rel.startswith("..") else path
	return os.path.normpath(path)


def unit_name(path):
	return path[2:] if path.startswith("./") else path


def read(path, default=""):
	try:
		with open(path, encoding="utf-8", errors="replace") as f:
			return f.read()
	except FileNotFoundError:
		return default


def units_of(d):
	"""{unit: base name of its files} for one check-wrap label directory."""
	out = {}
	for line in read(os.path.join(d, "units")).split():
		u = unit_name(line)
		if u.startswith(prefixes()):
			out[u] = u.replace("/", "%")
	return out


def set_prefix(prefix):
	global UNIT_PREFIX
	UNIT_PREFIX = prefix


def prefixes():
	"""UNIT_PREFIX as str.startswith() takes it: several, space-separated."""
	return tuple(UNIT_PREFIX.split()) or ("",)


def in_scope(exp):
	"""The expectations about files under UNIT_PREFIX."""
	return {k: v for k, v in exp.items() if k[0].startswith(prefixes())}


def sparse_findings(d, src):
	"""{(file, line): set(kind)} of sparse's __iomem warnings."""
	found = collections.defaultdict(set)
	for unit, base in units_of(d).items():
		lines = read(os.path.join(d, base + ".err")).splitlines()
		for i, text in enumerate(lines):
			m = DIAG.match(text)
			if not m or m["kind"] != "warning":
				continue
			msg, kind = m["msg"], None
			if "different address spaces" in msg:
				# The "expected"/"got" lines follow with the same prefix.
				ctx = " ".join(lines[i + 1:i + 3])
				if "__iomem" in ctx:
					kind = "address-space"
			elif "cast removes address space '__iomem'" in msg:
				kind = "cast-removes-address-space"
			elif "dereference of noderef expression" in msg:
				# sparse does not say which space; __user/__rcu/__percpu
				# are noderef too.  Kept apart below.
				kind = "noderef"
			if kind:
				found[(norm(m["file"], src), int(m["line"]))].add(kind)
	return found


def tool_findings(text, src, unit, promoted=None):
	"""Findings and errors in a front end's stderr.  A finding GCC turned
	into an error (-Werror) counts as a finding, and is appended to
	`promoted` when given (else it is an error too)."""
	out, errors = [], []
	for line in text.splitlines():
		m = DIAG.match(line)
		if not m:
			if re.search(r"internal compiler error|Segmentation fault|Aborted|"
				     r"AddressSanitizer|runtime error:", line):
				errors.append((unit, line))
			continue
		tags = re.findall(r"\[([^\]]+)\]", m["tags"])
		rule = next((t for t in tags if RULE.match(t)), None)
		if rule and m["kind"] in ("warning", "error"):
			out.append(Finding(norm(m["file"], src), int(m["line"]), int(m["col"] or 0),
					   rule, m["msg"], unit))
			if m["kind"] == "error":
				(promoted if promoted is not None else errors).append((unit, line))
		elif m["kind"] in ("error", "fatal error", "internal compiler error"):
			errors.append((unit, line))
	return out, errors


def group_errors(errors):
	"""[(unit, line)] -> lines 'N units: LINE (first: UNIT)', most frequent first."""
	by = collections.defaultdict(list)
	for unit, line in errors:
		by[line].append(unit)
	return [f"{len(us)} unit(s), first {us[0]}: {line}"
		for line, us in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


def parse_expected(path):
	"""{(file, line, rule): verdict} from an expectation file."""
	exp = {}
	for n, raw in enumerate(read(path).splitlines(), 1):
		body, _, verdict = raw.partition("#")
		body = body.strip()
		if not body:
			continue
		m = re.match(r"^(\S+?):(\d+):\s+((?:map|iomem)-[a-z0-9-]+)$", body)
		if not m:
			sys.exit(f"{path}:{n}: cannot parse: {raw}")
		exp[(m[1], int(m[2]), m[3])] = verdict.strip()
	return exp


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--results", required=True)
	ap.add_argument("--src", required=True)
	ap.add_argument("--expected", required=True)
	ap.add_argument("--expected-beyond", required=True,
			help="iomem-* findings at lines sparse does not report, with verdicts")
	ap.add_argument("--no-checker", action="store_true")
	ap.add_argument("--no-plugin", action="store_true")
	ap.add_argument("--elapsed", type=int, default=0)
	ap.add_argument("--prefix", default=UNIT_PREFIX,
			help="units (and expectations) under this directory")
	ap.add_argument("--arch", help="results of run.sh --arch ARCH")
	ap.add_argument("--parity", action="append", default=[], metavar="NAME",
			help="fail unless RESULTS/NAME.summary says no unit differs (repeatable)")
	o = ap.parse_args()
	set_prefix(o.prefix)
	R = o.results
	failures = []

	def fail(summary, details=()):
		failures.append((summary, list(details)))

	print(f"== kernel test: {tree_of(o)}, {UNIT_PREFIX or scope_of(o)} ==")
	sparse_units = units_of(os.path.join(R, "sparse"))
	sp = sparse_findings(os.path.join(R, "sparse"), o.src)
	sp_rc, sp_secs = (read(os.path.join(R, "sparse.status"), "? ?").split() + ["?"])[:2]
	print(f"sparse: {len(sparse_units)} units, make exit {sp_rc}, {sp_secs}s; "
	      f"__iomem findings at {len(sp)} distinct file:line "
	      f"({sum(1 for k in sp.values() if k != {'noderef'})} address-space/cast, "
	      f"{sum(1 for k in sp.values() if k == {'noderef'})} noderef-only)")

	findings = []
	if not o.no_checker:
		d = os.path.join(R, "iomemcheck")
		units = units_of(d)
		mk_rc, secs = (read(os.path.join(R, "iomemcheck.status"), "? ?").split() + ["?"])[:2]
		statuses = collections.Counter()
		tool_errors = []
		for unit, base in sorted(units.items()):
			rc = read(os.path.join(d, base + ".rc"), "?").strip()
			statuses[rc] += 1
			f, errs = tool_findings(read(os.path.join(d, base + ".err")), o.src, unit)
			findings += f
			tool_errors += errs
			# Under kbuild (KBUILD_CHECKSRC set) findings exit 0, as sparse
			# does: a nonzero CHECK would stop the build.
			if rc != "0":
				tool_errors.append((unit, f"exit status {rc}"
						   + (" (killed by a signal)" if rc.isdigit() and int(rc) >= 128 else "")
						   + f" under kbuild ({len(f)} findings)"))
		print(f"iomemcheck: {len(units)} units, make exit {mk_rc}, {secs}s; exit statuses "
		      + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
		if tool_errors:
			fail(f"iomemcheck: {len(tool_errors)} tool errors in "
			     f"{len({u for u, _ in tool_errors})} units", group_errors(tool_errors))
		missing_units = sorted(set(sparse_units) - set(units))
		if missing_units:
			fail(f"iomemcheck did not check {len(missing_units)} units sparse checked",
			     missing_units)
		if mk_rc == "?":
			fail(f"no make exit status recorded ({os.path.join(R, 'iomemcheck.status')})")
		elif mk_rc != "0":
			fail(f"make C=2 with iomemcheck (wrapped) exited {mk_rc}",
			     read(os.path.join(R, "iomemcheck.make.log")).splitlines()[-15:])

		distinct = {(f.file, f.line, f.rule): f for f in findings}
		by_rule = collections.Counter(r for (_, _, r) in distinct)
		print(f"findings: {len(findings)} reported, {len(distinct)} distinct file:line:rule; by rule: "
		      + (", ".join(f"{r} {n}" for r, n in sorted(by_rule.items())) or "none"))

		# Every sparse __iomem finding at the same file:line.
		have = {(f.file, f.line) for f in distinct.values() if f.rule in IOMEM_RULES}
		strict = {k: v for k, v in sp.items() if v != {"noderef"}}
		matched = sorted(k for k in strict if k in have)
		unmatched = sorted(k for k in strict if k not in have)
		nd = {k for k, v in sp.items() if v == {"noderef"}}
		print(f"sparse __iomem findings matched: {len(matched)}/{len(strict)}"
		      + (f"; noderef-only (space unknown) matched {len(nd & have)}/{len(nd)}" if nd else ""))
		if unmatched:
			fail(f"{len(unmatched)} sparse __iomem findings not reported by iomemcheck",
			     [f"{f}:{l}: {', '.join(sorted(sp[(f, l)]))}" for f, l in unmatched])
		for f, l in sorted(nd - have):
			print(f"  note: sparse noderef at {f}:{l} not reported (may be __user/__rcu/__percpu)")

		for path in (o.expected, o.expected_beyond):
			if not os.path.exists(path):
				fail(f"no expectation file {path}: its findings are all unreviewed")
		# map-* findings against the expectation file.
		exp = in_scope(parse_expected(o.expected))
		got = {k: f for k, f in distinct.items() if k[2].startswith("map-")}
		unexpected = sorted(set(got) - set(exp))
		missing = sorted(set(exp) - set(got))
		print(f"map findings: {len(got)} reported, {len(exp)} expected, "
		      f"{len(unexpected)} unexpected, {len(missing)} missing")
		if unexpected:
			fail(f"{len(unexpected)} unexpected map findings (add to {os.path.basename(o.expected)} "
			     "with a verdict, or fix the tool)",
			     [f"{k[0]}:{k[1]}: {k[2]}  # verdict: TODO -- {got[k].msg}" for k in unexpected])
		if missing:
			fail(f"{len(missing)} expected map findings not reported",
			     [f"{k[0]}:{k[1]}: {k[2]}  # {exp[k]}" for k in missing])
		# iomem-* findings where sparse says nothing (provenance through
		# __force, struct members, untyped producers): each reviewed.
		sparse_lines = set(sp)
		beyond = {k: f for k, f in distinct.items()
			  if k[2].startswith("iomem-") and (k[0], k[1]) not in sparse_lines}
		bexp = in_scope(parse_expected(o.expected_beyond))
		b_unexp = sorted(set(beyond) - set(bexp))
		b_missing = sorted(set(bexp) - set(beyond))
		verdicts = collections.Counter(
			"true" if v.startswith("verdict: true") else
			"false" if v.startswith("verdict: false") else "other"
			for k, v in bexp.items() if k in beyond)
		print(f"iomem findings beyond sparse: {len(beyond)} reported "
		      f"({', '.join(f'{r} {n}' for r, n in sorted(collections.Counter(k[2] for k in beyond).items())) or 'none'}), "
		      f"{len(bexp)} expected; reviewed: {verdicts['true']} true, {verdicts['false']} false, "
		      f"{verdicts['other']} other")
		if b_unexp:
			fail(f"{len(b_unexp)} unreviewed iomem findings beyond sparse (add to "
			     f"{os.path.basename(o.expected_beyond)} with a verdict, or fix the tool)",
			     [f"{k[0]}:{k[1]}: {k[2]}  # verdict: TODO -- {beyond[k].msg}" for k in b_unexp])
		if b_missing:
			fail(f"{len(b_missing)} expected iomem findings beyond sparse not reported",
			     [f"{k[0]}:{k[1]}: {k[2]}  # {bexp[k]}" for k in b_missing])
		for k in sorted(distinct):
			print(f"  {k[0]}:{k[1]}: {k[2]}: {distinct[k].msg}")

		if not o.arch:
			check_direct(R, fail)

	if not o.no_plugin:
		prc, psecs = (read(os.path.join(R, "plugin.status"), "? ?").split() + ["?"])[:2]
		log = read(os.path.join(R, "plugin.make.log"))
		promoted = []
		pf, perrs = tool_findings(log, o.src, "plugin", promoted)
		objs = read(os.path.join(R, "plugin", "objects")).split()
		same, differ, gone = [], [], []
		for ob in objs:  # from the -Wno-error pass
			a = os.path.join(R, "plugin", "plain", ob.replace("/", "%"))
			b = os.path.join(R, "plugin", "with", ob.replace("/", "%"))
			if not os.path.exists(b):
				gone.append(ob)
			elif read_bytes(a) == read_bytes(b):
				same.append(ob)
			else:
				differ.append(ob)
		nrc, nsecs = (read(os.path.join(R, "plugin-nowerror.status"), "? ?").split() + ["?"])[:2]
		nlog = read(os.path.join(R, "plugin-nowerror.make.log"))
		_, nerrs = tool_findings(nlog, o.src, "plugin -Wno-error")
		pd = {(f.file, f.line, f.rule) for f in pf}
		print(f"plugin: {len(objs)} objects; as documented (kbuild's -Werror): make exit {prc}, "
		      f"{psecs}s, {len(pd)} distinct findings; with -Wno-error: make exit {nrc}, {nsecs}s, "
		      f"objects identical to the plain build {len(same)}/{len(objs)}")
		for name, text in (("plugin", log), ("plugin -Wno-error", nlog)):
			if "internal compiler error" in text:
				fail(f"{name}: internal compiler error",
				     [l for l in text.splitlines() if "internal compiler error" in l])
		if nerrs:
			fail(f"plugin -Wno-error: {len(nerrs)} errors", group_errors(nerrs)[:40])
		if nrc != "0":
			fail(f"make KCFLAGS='-fplugin=... -Wno-error' exited {nrc}",
			     [l for l in nlog.splitlines() if "***" in l][:15])
		if perrs:
			fail(f"plugin: {len(perrs)} errors", group_errors(perrs)[:40])
		if promoted:
			fail(f"plugin: {len(promoted)} findings became errors (kbuild passes -Werror: "
			     "CONFIG_WERROR=y in defconfig) and failed the build",
			     [l for _, l in promoted][:10])
		if prc != "0":
			fail(f"make KCFLAGS=-fplugin=... exited {prc}",
			     [l for l in log.splitlines() if "***" in l][:15])
		if differ:
			fail(f"plugin changed {len(differ)} objects", differ)
		if gone:
			fail(f"{len(gone)} objects not built with the plugin (-Wno-error)", gone)
		if not o.no_checker:
			srcs = {ob[:-2] + ".c" for ob in objs}
			ck = {(f.file, f.line, f.rule) for f in findings if f.unit in srcs}
			only_c, only_p = sorted(ck - pd), sorted(pd - ck)
			print(f"checker vs plugin on the slice: {len(ck & pd)} agree, "
			      f"{len(only_c)} checker only, {len(only_p)} plugin only (informational)")
			for k in only_c:
				print(f"  checker only: {k[0]}:{k[1]}: {k[2]}")
			for k in only_p:
				print(f"  plugin only:  {k[0]}:{k[1]}: {k[2]}")

	for name in o.parity:
		check_parity(R, name, fail)
	if o.elapsed:
		print(f"time: {o.elapsed}s in total")
	for summary, details in failures:
		print(f"FAIL: {summary}")
		for d in details:
			print(f"    {d}")
	print(f"kernel: {'FAIL' if failures else 'PASS'} ({len(failures)} failed assertions)")
	return 1 if failures else 0


def tree_of(o):
	"""The kernel tree the results are of, for the header."""
	if o.arch:
		return f"linux-source-6.1 for {o.arch} ({o.src})"
	return "linux-source-6.1"


def scope_of(o):
	return "every unit the run checked" if o.arch else "all of defconfig"


def check_direct(R, fail):
	"""As a user runs it: make C=2 CHECK=iomemcheck without the wrapper."""
	drc = read(os.path.join(R, "direct.status"), "?").strip()
	dlog = read(os.path.join(R, "direct.make.log"))
	print(f"make C=2 CHECK=iomemcheck drivers/gpu/drm/tiny/ (no wrapper): make exit {drc}")
	if drc != "0":
		fail("kbuild run with iomemcheck as CHECK failed: a CHECK that exits non-zero "
		     "fails the object (and deletes the .o); the checker must exit 0 under kbuild",
		     [l for l in dlog.splitlines() if "***" in l or ": error:" in l][:15])


def check_parity(R, name, fail):
	"""parity.py's RESULTS/NAME.summary: its counts line, then one differing
	unit a line. Missing: parity.py did not run (or could not)."""
	path = os.path.join(R, name + ".summary")
	lines = read(path).splitlines()
	if not lines:
		fail(f"{name}: no summary ({path}): parity.py did not run")
		return
	print(lines[0])
	if lines[1:]:
		fail(f"{name}: the front ends differ on {len(lines) - 1} units "
		     f"(see {os.path.join(R, name)}/*.diff)", lines[1:])


def read_bytes(path):
	with open(path, "rb") as f:
		return f.read()


if __name__ == "__main__":
	sys.exit(main())
