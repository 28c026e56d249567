#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Do two builds of iomemcheck report the same on the kernel?

    testsuite/kernel/compare-builds.py OLD_BUILD NEW_BUILD [--units N]

For every DRM unit testsuite/kernel/run.sh recorded (run it first), runs
both checkers with the unit's kbuild CHECK command line and both plugins in
GCC with its compile command (-fsyntax-only), and compares exit status and
findings byte for byte. A speed-up must not change what is reported: this
is how it is shown (docs/scaling.md). Exit status 0 when all agree, 1 when
some unit differs, 2 when it cannot run.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "bench"))
import bench  # noqa: E402  (gcc_command: the unit's compile command)


def run(cmd, cwd, env):
    """(exit status, stdout, the findings: warning lines of stderr)"""
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return r.returncode, r.stdout, [l for l in r.stderr.splitlines()
                                    if l.endswith("]") and "warning:" in l]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old", help="build directory (checker/iomemcheck, plugin/iomemcheck.so)")
    ap.add_argument("new")
    ap.add_argument("--units", type=int, default=0, help="only the first N units")
    ap.add_argument("--kernel", default=os.environ.get("IMC_KERNEL_DIR", "/var/tmp/iomemcheck-kernel"))
    o = ap.parse_args()
    src = os.path.join(o.kernel, "linux-source-6.1")
    rec = os.path.join(o.kernel, "results", "sparse")
    if not os.path.isdir(rec):
        print(f"compare-builds: no recorded units in {rec}: run testsuite/kernel/run.sh --sparse-only")
        return 2
    units = sorted(n[:-4].replace("%", "/") for n in os.listdir(rec)
                   if n.endswith(".cmd") and n.startswith("drivers%gpu%drm%"))
    units = units[:o.units] if o.units else units
    env = dict(os.environ, IOMEMCHECK_RULES_DIR=os.path.join(REPO, "rules"))
    builds = [os.path.abspath(b) for b in (o.old, o.new)]
    for b in builds:
        for f in ("checker/iomemcheck", "plugin/iomemcheck.so"):
            if not os.path.exists(os.path.join(b, f)):
                print(f"compare-builds: no {f} in {b}")
                return 2
    differ = findings = 0
    for u in units:
        with open(os.path.join(rec, u.replace("/", "%") + ".cmd")) as f:
            argv = f.read().splitlines()
        gcc = bench.gcc_command(src, u, os.devnull) + ["-fsyntax-only"]
        got = []
        for b in builds:
            checker = run([os.path.join(b, "checker/iomemcheck")] + argv, src, env)
            plugin = run(gcc[:1] + ["-fplugin=" + os.path.join(b, "plugin/iomemcheck.so")]
                         + gcc[1:], src, env)
            got.append((checker, plugin))
        findings += len(got[1][0][2]) + len(got[1][1][2])
        if got[0] != got[1]:
            differ += 1
            print(f"DIFF {u}: checker {got[0][0][0]}/{got[1][0][0]}, "
                  f"plugin {got[0][1][0]}/{got[1][1][0]}")
    print(f"compare-builds: {len(units)} units, {differ} differ; "
          f"{findings} findings (checker + plugin) from {o.new}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
