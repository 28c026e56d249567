#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Prints the realbugs table: per case, the marked findings of before.c
that each front end finds, and the findings on after.c (marked ones are
known remaining bugs, the rest false positives).

Usage: testsuite/realbugs/table.py [--checker BIN] [--plugin SO]
"""
import argparse
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MARK = re.compile(r"expect:\s*([a-z0-9-]+)")
DIAG = re.compile(r"^[^:]+:(\d+):\d+: warning: .* \[([a-z0-9-]+)\]$")


def marks(path):
	out = []
	with open(path) as f:
		for n, line in enumerate(f, 1):
			out += [(n, r) for r in MARK.findall(line)]
	return out


def findings(cmd, cwd):
	r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
			   env=dict(os.environ, LC_ALL="C"))
	return [(int(m[1]), m[2]) for m in map(DIAG.match, r.stderr.splitlines()) if m]


def run(args, case, name):
	d = os.path.join(HERE, case)
	inc = os.path.join(REPO, "mapapi", "include")
	# one finding per access: each line the upstream fix changed counts
	chk = findings([args.checker, "--per-access", "-I", inc,
			"-fno-diagnostics-show-caret", name], d)
	plg = findings(["gcc", "-fplugin=" + args.plugin, "-fplugin-arg-iomemcheck-per-access",
			"-I", inc, "-fsyntax-only", "-fno-diagnostics-show-caret", name], d)
	return marks(os.path.join(d, name)), chk, plg


def found(want, got):
	left, n = list(got), 0
	for w in want:
		if w in left:
			left.remove(w)
			n += 1
	return n, len(left)


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--checker", default=os.path.join(REPO, "build/checker/iomemcheck"))
	ap.add_argument("--plugin", default=os.path.join(REPO, "build/plugin/iomemcheck.so"))
	args = ap.parse_args()
	print("| case | marked (before) | found: checker / plugin | other findings (before) "
	      "| findings on after.c: marked (known bugs) / other |")
	print("|---|---|---|---|---|")
	tot = [0, 0, 0, 0, 0]
	for case in sorted(os.listdir(HERE)):
		if not os.path.isdir(os.path.join(HERE, case)):
			continue
		bm, bc, bp = run(args, case, "before.c")
		am, ac, ap_ = run(args, case, "after.c")
		fc, xc = found(bm, bc)
		fp, _ = found(bm, bp)
		afound, aother = found(am, ac)
		print(f"| {case} | {len(bm)} | {fc} / {fp} | {xc} | {afound} / {aother} |")
		for i, v in enumerate((len(bm), fc, fp, xc, aother)):
			tot[i] += v
	print(f"| total | {tot[0]} | {tot[1]} / {tot[2]} | {tot[3]} | other on after.c: {tot[4]} |")


if __name__ == "__main__":
	main()
