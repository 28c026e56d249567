#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Do the two front ends report the same on real kernel code?

    testsuite/kernel/parity.py [--results DIR] [--prefix "DIR/ ..."] [-j N]

For every unit the checker step of testsuite/kernel/run.sh recorded
(RESULTS/iomemcheck/NAME.cmd, written by check-wrap: kbuild's CHECK command
line), runs
  - the checker on that command line, with -fdiagnostics-parseable-fixits;
  - GCC with the plugin on the same command line: kbuild's CHECKFLAGS (the
    sparse-only arguments before the compiler flags) and the dependency-file
    option dropped, -fsyntax-only -fplugin=PLUGIN and the diagnostic flags
    testsuite/run-case uses added;
and compares their findings as (file, line, rule, message, fix-its).  Every
difference is printed under the unit's name; a front end that fails (exit
status other than 0/1 for the checker, an ICE or an error for GCC) counts as
a difference too.  Columns are not compared (the findings are identified by
line; run-case compares columns on the testsuite's cases).

With --engine, the second front end is `iomemcheck --engine=gcc` (GCC with
the plugin as the checker's parser, checker/gccengine.c) on the recorded
command line as it is: the same comparison, written to RESULTS/parity-engine/
and RESULTS/parity-engine.summary.

Writes RESULTS/parity/NAME.checker.err, NAME.plugin.err and NAME.diff (the
last only for units that differ) and RESULTS/parity.summary.
Exit status: 0 the front ends agree on every unit, 1 some unit differs,
2 could not run.
"""

import argparse
import collections
import concurrent.futures
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# What testsuite/run-case gives GCC: byte columns, parseable fix-its, no
# excerpt, colours or URLs.
GCC_DIAG_FLAGS = ["-fdiagnostics-column-unit=byte",
		  "-fdiagnostics-parseable-fixits",
		  "-fno-diagnostics-show-caret",
		  "-fdiagnostics-color=never",
		  "-fdiagnostics-urls=never"]

# kbuild's CHECKFLAGS for sparse (Makefile, arch/x86/Makefile): GCC does not
# know some of them (--arch=, -mlittle-endian, -Wbitwise) and predefines the
# others.  They come before c_flags, which begin with -Wp,-MMD,DEPFILE.
SPARSE_ONLY = re.compile(r"^(-D__linux__|-Dlinux|-D__STDC__|-Dunix|-D__unix__|"
			 r"-Wbitwise|-Wno-return-void|-Wno-unknown-attribute|"
			 r"-D__x86_64__|-D__i386__|--arch=.*|-mlittle-endian|-mbig-endian|-m64|-m32)$")

DIAG = re.compile(r"^(.+?):(\d+):(\d+): warning: (.*) \[((?:iomem|map)-[a-z0-9-]+)\]$")
FIXIT = re.compile(r'^fix-it:("(?:[^"\\]|\\.)*"):\{(\d+):(\d+)-(\d+):(\d+)\}:("(?:[^"\\]|\\.)*")$')
TOOL_ERROR = re.compile(r"(: error: |: fatal error: |internal compiler error|"
			r"^iomemcheck: |Segmentation fault|Aborted)")
Finding = collections.namedtuple("Finding", "file line rule message fixits")


def plugin_argv(check_argv):
	"""The compiler's arguments from kbuild's CHECK arguments."""
	out = []
	in_checkflags = any(a.startswith(("-Wp,-MMD", "-Wp,-MD")) for a in check_argv)
	for a in check_argv:
		if a.startswith(("-Wp,-MMD", "-Wp,-MD")):
			in_checkflags = False  # kbuild's c_flags start here
			continue
		if in_checkflags and SPARSE_ONLY.match(a):
			continue
		out.append(a)
	return out


def findings_of(text, cwd, src):
	"""(sorted [Finding], [tool error line]) from a front end's stderr."""
	def name(path):
		path = os.path.realpath(os.path.join(cwd, path))
		rel = os.path.relpath(path, src)
		return path if rel.startswith("..") else rel

	found, errors, current = [], [], None
	for line in text.splitlines():
		if m := DIAG.match(line):
			current = [name(m[1]), int(m[2]), m[5], m[4], []]
			found.append(current)
		elif (m := FIXIT.match(line)) and current:
			current[4].append(f"{name(m[1][1:-1])}:{{{m[2]}:{m[3]}-{m[4]}:{m[5]}}}:{m[6]}")
		else:
			current = None
			if TOOL_ERROR.search(line):
				errors.append(line)
	return sorted(Finding(*f[:4], tuple(f[4])) for f in found), errors


def run(cmd, cwd, timeout):
	try:
		r = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
				   timeout=timeout, env=ENV)
	except subprocess.TimeoutExpired:
		return "timeout", ""
	return r.returncode, r.stderr.decode("utf-8", "replace")


def render(f):
	text = f"{f.file}:{f.line}: {f.message} [{f.rule}]"
	return text + "".join(f"\n      fix-it:{x}" for x in f.fixits)


def compare_unit(unit, o):
	"""(unit, checker findings, plugin findings, [difference text])"""
	base = unit.replace("/", "%")
	rec = os.path.join(o.results, o.label)
	with open(os.path.join(rec, base + ".cmd")) as f:
		argv = f.read().splitlines()
	try:
		with open(os.path.join(rec, base + ".cwd")) as f:
			cwd = f.read().strip()
	except FileNotFoundError:
		cwd = o.src
	if not os.path.isdir(cwd):
		cwd = o.src
	checker_cmd = [o.checker, "-fdiagnostics-parseable-fixits"] + argv
	if o.engine:
		second_cmd = [o.checker, "--engine=gcc", "--gcc=" + o.gcc, "--plugin=" + o.plugin,
			      "-fdiagnostics-parseable-fixits"] + argv
	else:
		second_cmd = ([o.gcc, "-fplugin=" + o.plugin] + GCC_DIAG_FLAGS + plugin_argv(argv)
			      + ["-fsyntax-only"])
	out = {}
	diffs = []
	for label, cmd in (("checker", checker_cmd), (o.second, second_cmd)):
		rc, err = run(["nice", "-n", str(o.nice)] + cmd, cwd, o.timeout)
		with open(os.path.join(o.out, f"{base}.{label}.err"), "w") as f:
			f.write("$ " + shlex.join(cmd) + "\n" + err)
		found, errors = findings_of(err, cwd, o.src)
		ok = rc in (0, 1) if label != "plugin" else rc == 0 or (rc == 1 and not errors)
		if errors or not ok:
			diffs.append(f"  {label} failed (exit {rc}):\n" +
				     "".join(f"      {l}\n" for l in errors[:5]).rstrip("\n"))
		out[label] = found
	only_c = list((collections.Counter(out["checker"]) - collections.Counter(out[o.second])).elements())
	only_p = list((collections.Counter(out[o.second]) - collections.Counter(out["checker"])).elements())
	diffs += ["  only checker: " + render(f) for f in sorted(only_c)]
	diffs += [f"  only {o.second}:  " + render(f) for f in sorted(only_p)]
	if diffs:
		with open(os.path.join(o.out, base + ".diff"), "w") as f:
			f.write(unit + "\n" + "\n".join(diffs) + "\n")
	return unit, out["checker"], out[o.second], diffs


def units_of(o):
	rec = os.path.join(o.results, o.label)
	names = sorted(n[:-len(".cmd")] for n in os.listdir(rec) if n.endswith(".cmd"))
	units = [n.replace("%", "/") for n in names]
	prefixes = tuple(o.prefix.split()) or ("",)
	units = [u for u in units if u.startswith(prefixes)]
	if o.unit:
		units = [u for u in units if u in o.unit]
	return units


# The recorded lines are kbuild's CHECK command lines, and kbuild exports
# KBUILD_CHECKSRC to CHECK: without it the checker would honour the -Werror
# of CONFIG_WERROR and print its findings as errors (as sparse would).
ENV = dict(os.environ, LC_ALL="C", LANG="C", KBUILD_CHECKSRC="2")


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	kernel = os.environ.get("IMC_KERNEL_DIR", "/var/tmp/iomemcheck-kernel")
	build = os.environ.get("IMC_BUILD_DIR", os.path.join(REPO, "build"))
	ap.add_argument("--results", default=os.path.join(kernel, "results"),
			help="run.sh's results directory; default: %(default)s")
	ap.add_argument("--src", default=os.path.join(kernel, "linux-source-6.1"))
	ap.add_argument("--label", default="iomemcheck",
			help="check-wrap label whose command lines are replayed; default: %(default)s")
	ap.add_argument("--checker", default=os.environ.get("IMC_CHECKER",
							    os.path.join(build, "checker/iomemcheck")))
	ap.add_argument("--plugin", default=os.environ.get("IMC_PLUGIN",
							   os.path.join(build, "plugin/iomemcheck.so")))
	ap.add_argument("--gcc", default="gcc")
	ap.add_argument("--engine", action="store_true",
			help="compare the checker with its --engine=gcc, not with GCC and the plugin")
	ap.add_argument("--prefix", default="", help="only units under these directories (space-separated)")
	ap.add_argument("--unit", action="append", help="only this unit (repeatable)")
	ap.add_argument("-j", type=int, default=int(os.environ.get("IMC_JOBS", "2")))
	ap.add_argument("--nice", type=int, default=19)
	ap.add_argument("--timeout", type=float, default=600)
	o = ap.parse_args()
	o.checker, o.plugin = os.path.abspath(o.checker), os.path.abspath(o.plugin)
	o.src = os.path.realpath(o.src)
	ENV.setdefault("IOMEMCHECK_RULES_DIR", os.path.join(REPO, "rules"))
	for path, what in ((o.checker, "checker"), (o.plugin, "plugin"), (o.src, "kernel tree"),
			   (os.path.join(o.results, o.label), "recorded units")):
		if not os.path.exists(path):
			print(f"parity: no {what} at {path}", file=sys.stderr)
			return 2
	o.second = "engine" if o.engine else "plugin"
	name = "parity-engine" if o.engine else "parity"
	o.out = os.path.join(o.results, name)
	os.makedirs(o.out, exist_ok=True)
	for n in os.listdir(o.out):
		os.unlink(os.path.join(o.out, n))
	units = units_of(o)
	if not units:
		print(f"parity: no recorded unit under '{o.prefix}' in {o.results}/{o.label}", file=sys.stderr)
		return 2

	n_checker = n_plugin = n_same = 0
	differing = []
	with concurrent.futures.ThreadPoolExecutor(max(1, o.j)) as pool:
		for unit, c, p, diffs in pool.map(lambda u: compare_unit(u, o), units):
			n_checker += len(c)
			n_plugin += len(p)
			n_same += sum((collections.Counter(c) & collections.Counter(p)).values())
			if diffs:
				differing.append(unit)
				print(f"DIFF {unit}")
				print("\n".join(diffs))
				sys.stdout.flush()
	n_diff = n_checker + n_plugin - 2 * n_same
	summary = (f"{name}: {len(units)} units compared, findings: checker {n_checker}, "
		   f"{o.second} {n_plugin}, identical {n_same}, differences {n_diff}; "
		   f"{len(differing)} units differ")
	with open(os.path.join(o.results, name + ".summary"), "w") as f:
		f.write(summary + "\n" + "".join(u + "\n" for u in differing))
	print(summary)
	print(f"{name}: PASS" if not differing else f"{name}: FAIL (see {o.out}/*.diff)")
	return 1 if differing else 0


if __name__ == "__main__":
	sys.exit(main())
