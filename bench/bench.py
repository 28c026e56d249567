#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The DRM benchmark of bench/run.sh (see there).

For every translation unit kbuild checked in testsuite/kernel/run.sh (its
recorded CHECK command lines under RESULTS/sparse/*.cmd) it runs, one unit at
a time, in the kernel tree:

  sparse        sparse  CHECKFLAGS c_flags unit.c          (exactly as kbuild)
  clang         clang-19 -fsyntax-only with the flags iomemcheck passes to
                libclang (checker/options.c: -D/-U/-I/-include/... kept,
                --arch=x86 -> --target, -D__CHECKER__, address_space mapping)
  clang-skip    libclang on the same, every function body skipped (parse-floor.c)
  clang-preamble  libclang, bodies skipped only in the #include preamble
  iomemcheck    iomemcheck CHECKFLAGS c_flags unit.c        (exactly as kbuild)
  gcc           the unit's compile command from kbuild's .cmd file, -o to a
                scratch file, no dependency file, plus -Wno-error
  gcc+plugin    the same with -fplugin=iomemcheck.so

each under /usr/bin/time, and sums wall and user+sys time and takes the peak
RSS over the units. -Wno-error: kbuild's defconfig builds with -Werror
(CONFIG_WERROR=y), and a plugin warning turned error would stop GCC before
code generation and make the plugin look cheaper than it is.
"""

import argparse
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time

TOOLS = ["sparse", "clang", "clang-skip", "clang-preamble", "iomemcheck", "gcc", "gcc+plugin"]

# checker/options.c, fixed_args and the kept options
CLANG_FIXED = ["-D__CHECKER__", "-Daddress_space(x)=btf_type_tag(#x)",
	       "-D__context__(...)=((void)0)", "-Dcontext(...)=", "-w", "-Wno-unknown-attributes",
	       "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
	       "-Wno-error=int-conversion",
	       "-Wno-error=incompatible-function-pointer-types",
	       "-Wno-error=incompatible-pointer-types", "-Wno-error=return-type",
	       "-ferror-limit=0"]
KEEP_JOINED_OR_SEP = ["-D", "-U", "-I", "-isystem", "-iquote", "-idirafter", "-include",
		      "-imacros", "-isysroot", "-x"]
KEEP_EXACT = {"-nostdinc", "-undef", "-ansi", "-m16", "-m32", "-m64", "-funsigned-char",
	      "-fno-unsigned-char", "-fsigned-char", "-fno-signed-char", "-fshort-wchar",
	      "-fms-extensions", "-fgnu89-inline", "-fno-gnu89-inline"}
ARCH = {"x86": "x86_64-linux-gnu", "x86_64": "x86_64-linux-gnu", "i386": "i386-linux-gnu",
	"arm64": "aarch64-linux-gnu"}
DROP_SEP = {"-o", "-MF", "-MT", "-MQ", "--param"}


def clang_args(argv):
	"""argv: CHECKFLAGS c_flags file, as recorded.  Returns clang's args."""
	out, target, i = list(CLANG_FIXED), None, 0
	while i < len(argv):
		a = argv[i]
		i += 1
		if a.startswith("-Wp,"):
			out += [t for t in a[4:].split(",") if t[:2] in ("-D", "-U") and len(t) > 2]
		elif a.startswith("--arch="):
			target = ARCH.get(a[7:])
		elif a in KEEP_EXACT or a.startswith("-std="):
			out.append(a)
		elif a in DROP_SEP:
			i += 1
		elif any(a.startswith(p) for p in KEEP_JOINED_OR_SEP):
			p = next(p for p in KEEP_JOINED_OR_SEP if a.startswith(p))
			if a == p and i < len(argv):
				out += [a, argv[i]]
				i += 1
			else:
				out.append(a)
		elif a.startswith("-"):
			continue
		else:
			out.append(a)
	if target:
		out.append("--target=" + target)
	return out


def gcc_command(src, unit, scratch):
	"""The unit's compile command from kbuild's .cmd file, made harmless."""
	d, base = os.path.split(unit)
	cmdfile = os.path.join(src, d, "." + base[:-2] + ".o.cmd")
	with open(cmdfile) as f:
		first = f.readline()
	text = first.split(":=", 1)[1].split(" ; ")[0].replace("$$", "$")
	argv = shlex.split(text)
	out, i = [], 0
	while i < len(argv):
		a = argv[i]
		i += 1
		if a == "-o":
			out += ["-o", scratch]
			i += 1
		elif a.startswith("-Wp,-MMD") or a.startswith("-Wp,-MD"):
			continue
		else:
			out.append(a)
	return out + ["-Wno-error"]


def timed(cmd, cwd, timeout):
	"""(wall, user+sys, maxrss KiB, exit status) of one command."""
	with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
		full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name] + cmd
		t0 = time.monotonic()
		try:
			p = subprocess.run(full, cwd=cwd, stdout=subprocess.DEVNULL,
					   stderr=subprocess.DEVNULL, timeout=timeout)
			rc = p.returncode
		except subprocess.TimeoutExpired:
			return time.monotonic() - t0, 0.0, 0, "timeout"
		fields = tf.read().split()[-4:]
		try:
			e, u, s, m = fields
			return float(e), float(u) + float(s), int(m), rc
		except ValueError:
			return time.monotonic() - t0, 0.0, 0, rc


def command(o, tool, unit, argv, scratch):
	if tool == "sparse":
		return ["sparse"] + argv
	if tool == "iomemcheck":
		return [o.checker] + argv
	if tool == "clang":
		return [o.clang, "-fsyntax-only"] + clang_args(argv)
	if tool in ("clang-skip", "clang-preamble"):
		mode = "all" if tool == "clang-skip" else "preamble"
		return [o.parse_floor, mode] + clang_args(argv)
	if tool in ("gcc", "gcc+plugin"):
		cmd = gcc_command(o.src, unit, os.path.join(scratch, "o.o"))
		return cmd[:1] + ["-fplugin=" + o.plugin] + cmd[1:] if tool == "gcc+plugin" else cmd
	sys.exit(f"bench: unknown tool {tool}")


def plugin_overhead(per_unit):
	"""Per-unit cost of the plugin: the median and the worst units."""
	rows = []
	for u, (w, c, m) in per_unit["gcc"].items():
		pw, pc, pm = per_unit["gcc+plugin"][u]
		if c and m:
			rows.append((pc / c - 1, pm / m - 1, u))
	if not rows:
		return ""
	cpu = sorted(r[0] for r in rows)
	rss = sorted(r[1] for r in rows)
	mid = len(rows) // 2
	out = [f"Plugin, per unit: median +{cpu[mid] * 100:.1f} % user+sys, "
	       f"+{rss[mid] * 100:.1f} % peak RSS; the units it costs most (one unit's "
	       "time on a shared machine can be noise: `bench/run.sh --instructions UNIT` "
	       "counts its cost exactly):", "",
	       "| unit | user+sys | peak RSS |", "|---|---:|---:|"]
	for dc, dm, u in sorted(rows, reverse=True)[:5]:
		out.append(f"| `{u}` | {dc * 100:+.1f} % | {dm * 100:+.1f} % |")
	return "\n".join(out)


def instructions(o, units):
	"""cc1's instruction count (callgrind) without and with the plugin: the
	stable measure of the plugin's cost on a shared machine."""
	print("| unit | gcc, instructions | gcc+plugin | plugin adds |")
	print("|---|---:|---:|---:|")
	for u in units:
		counts = []
		for plugin in ([], ["-fplugin=" + o.plugin]):
			with tempfile.TemporaryDirectory(prefix="imc-cg-") as d:
				cmd = gcc_command(o.src, u, os.path.join(d, "o.o"))
				cmd = ["valgrind", "--tool=callgrind", "--trace-children=yes",
				       "--trace-children-skip=*as,*collect2",
				       "--callgrind-out-file=" + os.path.join(d, "cg.%p"),
				       "--log-file=" + os.path.join(d, "log.%p")] + cmd[:1] + plugin + cmd[1:]
				subprocess.run(cmd, cwd=o.src, stdout=subprocess.DEVNULL,
					       stderr=subprocess.DEVNULL)
				n = 0
				for name in os.listdir(d):
					if name.startswith("log."):
						with open(os.path.join(d, name)) as f:
							for line in f:
								if "Collected :" in line:
									n = max(n, int(line.split(":")[-1]))
				counts.append(n)
		a, b = counts
		ratio = f"{(b / a - 1) * 100:+.1f} %" if a else "-"
		print(f"| `{u}` | {a:,} | {b:,} | {ratio} |", flush=True)
	return 0


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--results", required=True, help="testsuite/kernel results dir")
	ap.add_argument("--src", required=True, help="kernel source tree")
	ap.add_argument("--checker", required=True)
	ap.add_argument("--plugin", required=True)
	ap.add_argument("--clang", default="clang-19")
	ap.add_argument("--parse-floor", help="bench/parse-floor.c, built (tools clang-skip, clang-preamble)")
	ap.add_argument("--tools", default=",".join(TOOLS))
	ap.add_argument("--units", type=int, default=0, help="only the first N units (sorted)")
	ap.add_argument("--timeout", type=int, default=300)
	ap.add_argument("--out", help="write the Markdown table here")
	ap.add_argument("--nice", default="")
	ap.add_argument("--instructions", metavar="UNITS",
			help="instead: cc1's instructions with and without the plugin on these units (callgrind)")
	ap.add_argument("--repeat", type=int, default=1,
			help="run every command N times, keep the best (default 1)")
	o = ap.parse_args()

	cmds = {}
	d = os.path.join(o.results, "sparse")
	for name in sorted(os.listdir(d)):
		if name.endswith(".cmd") and name.startswith("drivers%gpu%drm%"):
			with open(os.path.join(d, name)) as f:
				cmds[name[:-4].replace("%", "/")] = f.read().splitlines()
	units = sorted(cmds)
	if o.units:
		units = units[:o.units]
	if not units:
		sys.exit("bench: no recorded units; run testsuite/kernel/run.sh --sparse-only first")
	if o.instructions:
		return instructions(o, o.instructions.split(","))
	tools = [t for t in o.tools.split(",") if t]
	scratch = tempfile.mkdtemp(prefix="imc-bench-")
	pre = o.nice.split()
	sums = {t: [0.0, 0.0, 0] for t in tools}
	bad = {t: [] for t in tools}
	per_unit = {t: {} for t in tools}
	t0 = time.monotonic()
	# Unit by unit, all tools in turn, the best of --repeat runs: a shared
	# machine's load then drifts alike for all tools.
	for n, u in enumerate(units, 1):
		for tool in tools:
			best, rc = None, 0
			for _ in range(o.repeat):
				w, c, m, rc = timed(pre + command(o, tool, u, cmds[u], scratch),
						    o.src, o.timeout)
				best = (w, c, m) if best is None else \
					(min(best[0], w), min(best[1], c), min(best[2], m))
			per_unit[tool][u] = best
			sums[tool][0] += best[0]
			sums[tool][1] += best[1]
			sums[tool][2] = max(sums[tool][2], best[2])
			# sparse/iomemcheck: 0/1 are fine (findings); the others: 0
			if not (rc in (0, 1) if tool in ("sparse", "iomemcheck") else rc == 0):
				bad[tool].append(f"{u}: exit {rc}")
		if n % 10 == 0 or n == len(units):
			print(f"bench: {n}/{len(units)} units ({time.monotonic() - t0:.0f}s)", flush=True)
	rows = {t: tuple(sums[t]) for t in tools}
	for tool in tools:
		wall, cpu, rss = rows[tool]
		print(f"{tool:12s} {len(units)} units  wall {wall:8.1f}s  user+sys {cpu:8.1f}s  "
		      f"peak RSS {rss / 1024:7.1f} MiB  failures {len(bad[tool])}", flush=True)
		for f in bad[tool][:10]:
			print(f"    {f}")
	overhead = plugin_overhead(per_unit) if "gcc" in tools and "gcc+plugin" in tools else ""
	if overhead:
		print("\n" + overhead)

	def ratio(tool, base, k):
		if base not in rows or not rows[base][k]:
			return "-"
		return f"{rows[tool][k] / rows[base][k]:.2f}"

	lines = ["| tool | wall s | user+sys s | peak RSS MiB | wall / sparse | cpu / sparse "
		 "| wall / gcc | cpu / gcc | failed units |",
		 "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
	for tool in tools:
		w, c, m = rows[tool]
		lines.append(f"| {tool} | {w:.1f} | {c:.1f} | {m / 1024:.1f} | {ratio(tool, 'sparse', 0)} "
			     f"| {ratio(tool, 'sparse', 1)} | {ratio(tool, 'gcc', 0)} | {ratio(tool, 'gcc', 1)} "
			     f"| {len(bad[tool])} |")
	table = "\n".join(lines)
	print()
	print(table)
	if o.out:
		ver = lambda cmd: (subprocess.run(cmd, capture_output=True, text=True).stdout
				   or "?").splitlines()[0]
		with open(o.out, "w") as f:
			f.write(f"""# Performance

Generated by `bench/run.sh` on {time.strftime('%Y-%m-%d')}; do not edit by hand.

What: the {len(units)} translation units of `drivers/gpu/drm/` that kbuild checks in
linux-source-6.1 with the configuration of `testsuite/kernel/run.sh` (x86_64
defconfig, i915 off, DRM and every driver using `struct iosys_map` built in),
one unit at a time, each tool with the command line kbuild gives it:

- **sparse**, **iomemcheck**: `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c`, as `make C=2` runs them;
- **clang**: `{o.clang} -fsyntax-only` with the flags iomemcheck passes to libclang
  (the parse alone, what iomemcheck's own parse costs);
- **clang-skip**: libclang parsing the same with every function body skipped
  (`CXTranslationUnit_SkipFunctionBodies`, `bench/parse-floor.c`): the floor
  of any libclang-based checker, below what one can use (it needs the main
  file's bodies);
- **clang-preamble**: libclang skipping bodies only in the preamble (the
  `#include`s at the top, which it precompiles first), keeping the main file's;
- **gcc**: the unit's compile command from kbuild's `.cmd` file (`-O2`, code
  generation included), plus `-Wno-error`;
- **gcc+plugin**: the same with `-fplugin=iomemcheck.so`.

Times are sums over the units of `/usr/bin/time` (wall, user+sys), each the
best of {o.repeat} run(s), all tools on one unit before the next unit; peak RSS
is the largest single process. Machine: {os.cpu_count()} cores, {platform.machine()},
shared with other work, every run under `nice -n 19`: wall times are noisy,
user+sys less so.

{table}

{overhead}

"failed units": units on which the tool exited with a status other than 0
(clang, gcc) or 0/1 (sparse, iomemcheck). The ratios are of the sums above.

Versions: {ver(['sparse', '--version'])}; {ver([o.clang, '--version'])};
{ver(['gcc', '--version'])}; {ver([o.checker, '--version'])}.
""")
		print(f"\nwrote {o.out}")
	return 1 if any(bad.values()) else 0


if __name__ == "__main__":
	sys.exit(main())
