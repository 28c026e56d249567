#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Time both front ends on generated translation units (gen-big.py).

    scaling.py [--sizes 1000,10000,100000] [--checker BIN] [--plugin SO]
    scaling.py --small ...     # the ctest robustness.scaling-small

For each shape (one function; functions of 10 statements) and size it
generates the file, runs the checker (JSON report) and GCC with the plugin
(-c -O0; plain GCC too, as the baseline), checks that each found exactly
the findings the generator promises, and prints wall time, CPU time and
peak memory. Then the curve: every 10x step of input must cost at most 11x
the CPU time (user + system), for the checker and for what the plugin adds
to GCC's own time (`plugin` = gcc+plugin - gcc; GCC's -O0 compile itself
is not quite linear). Steps whose smaller time is under 0.2 s are shown but
not judged: start-up dominates them. --small runs 1000 statements of each shape and checks only
the findings. Exit status 1 if a count is wrong, a run fails, or (without
--no-judge) a step is superlinear.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
GEN = os.path.join(HERE, "gen-big.py")
FINDING = re.compile(r": warning: .* \[[a-z0-9-]+\]$")
SHAPES = ["one-function", "many-functions"]


def timed(argv, stderr_path, timeout):
    """Runs argv; returns (exit status, wall seconds, CPU seconds (user +
    system), peak RSS in MB)."""
    with open(stderr_path, "wb") as err:
        start = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                pid, status, usage = os.wait4(p.pid, 0)
                return (None, timeout, usage.ru_utime + usage.ru_stime,
                        usage.ru_maxrss / 1024)
            time.sleep(0.01)
        wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return (p.returncode, wall, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checker", default=os.path.join(REPO, "build/checker/iomemcheck"))
    ap.add_argument("--plugin", default=os.path.join(REPO, "build/plugin/iomemcheck.so"))
    ap.add_argument("--gcc", default="gcc")
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="statements per file, comma-separated")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--no-plugin", action="store_true")
    ap.add_argument("--small", action="store_true",
                    help="1000 statements, check the findings only")
    ap.add_argument("--no-judge", action="store_true",
                    help="print the curve, do not fail on it")
    ap.add_argument("--timeout", type=float, default=1800)
    a = ap.parse_args()
    sizes = [1000] if a.small else [int(s) for s in a.sizes.split(",")]
    shapes = a.shapes.split(",")
    os.environ.setdefault("IOMEMCHECK_RULES_DIR", os.path.join(REPO, "rules"))
    tools = ["checker"] + ([] if a.no_plugin else ["gcc+plugin", "gcc"])
    ok = True
    times = {}
    print(f"{'shape':<15} {'statements':>10} {'tool':<11} {'wall s':>8} "
          f"{'CPU s':>8} {'MB':>6} {'findings':>8}")
    with tempfile.TemporaryDirectory(prefix="imc-scaling.") as tmp:
        for shape in shapes:
            for n in sizes:
                src = os.path.join(tmp, f"{shape}-{n}.c")
                with open(src, "w") as out:
                    subprocess.run([sys.executable, GEN, shape, str(n)],
                                   stdout=out, check=True)
                want = int(subprocess.run(
                    [sys.executable, GEN, "--expect", shape, str(n)],
                    capture_output=True, text=True, check=True).stdout)
                for tool in tools:
                    err = os.path.join(tmp, "err")
                    report = os.path.join(tmp, "report.json")
                    if tool == "checker":
                        # one finding per access: the generator's count
                        # (grouping would fold one function's map accesses)
                        argv = [a.checker, "--per-access", "--format=json",
                                "-o", report, src]
                        good = {1} if want else {0}
                    else:
                        argv = [a.gcc, "-O0", "-c", src, "-o",
                                os.path.join(tmp, "x.o"),
                                "-fno-diagnostics-show-caret"]
                        if tool == "gcc+plugin":
                            argv[1:1] = ["-fplugin=" + a.plugin,
                                         "-fplugin-arg-iomemcheck-per-access"]
                        good = {0}
                    status, wall, cpu, mb = timed(argv, err, a.timeout)
                    got = "-"
                    if tool == "checker" and status in (0, 1):
                        with open(report) as f:
                            got = len(json.load(f)["findings"])
                    elif tool == "gcc+plugin":
                        with open(err, errors="replace") as f:
                            got = sum(1 for line in f if FINDING.search(line.rstrip("\n")))
                    print(f"{shape:<15} {n:>10} {tool:<11} {wall:>8.2f} "
                          f"{cpu:>8.2f} {mb:>6.0f} {got:>8}", flush=True)
                    times[shape, tool, n] = cpu
                    if status not in good:
                        ok = False
                        with open(err, errors="replace") as f:
                            tail = f.read()[-2000:]
                        print(f"  FAIL: exit status {status}\n{tail}")
                    elif tool != "gcc" and got != want:
                        ok = False
                        print(f"  FAIL: {got} findings, expected {want}")
        if "gcc+plugin" in tools:
            # what the plugin adds: GCC's own -O0 compile is not linear
            tools.append("plugin")
            for key in list(times):
                if key[1] == "gcc+plugin":
                    times[key[0], "plugin", key[2]] = max(
                        0.0, times[key] - times[key[0], "gcc", key[2]])
        if not a.small and len(sizes) > 1:
            print("\nthe curve (CPU time ratio per step of input size; CPU "
                  "rather than wall time,\nwhich a busy machine inflates):")
            for shape in shapes:
                for tool in tools:
                    for lo, hi in zip(sizes, sizes[1:]):
                        t0, t1 = times[shape, tool, lo], times[shape, tool, hi]
                        size_ratio = hi / lo
                        ratio = t1 / t0 if t0 > 0 else float("inf")
                        limit = 1.1 * size_ratio
                        judged = t0 >= 0.2 and tool in ("checker", "plugin")
                        verdict = ("ok" if ratio <= limit else "SUPERLINEAR") \
                            if judged else "(start-up)" if t0 < 0.2 else ""
                        print(f"  {shape:<15} {tool:<11} {lo:>7} -> {hi:<7} "
                              f"x{size_ratio:<4.0f} time x{ratio:6.2f}  {verdict}")
                        if judged and ratio > limit and not a.no_judge:
                            ok = False
    print("PASS scaling" if ok else "FAIL scaling")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
