#!/bin/sh
# integration.man: what `cmake --install` installs, used from there.
#  - bin/iomemcheck, share/iomemcheck/rules/, share/man/man1/iomemcheck.1;
#  - the installed binary, without IOMEMCHECK_RULES_DIR and run from
#    elsewhere, finds its rules (a finding) and explains every rule;
#  - the man page renders with groff (-ww: every warning) and man -l
#    without a warning, and is complete: it names every option of --help,
#    every rule of --list-rules, and has the sections a man page has.
. "$(dirname "$0")/lib.sh"

: "${BUILD:?BUILD must name the build directory}"
cmake --install "$BUILD" --prefix "$T/inst" >"$T/install.log" 2>&1 ||
	{ cat "$T/install.log"; fail "cmake --install failed"; }
PAGE=$T/inst/share/man/man1/iomemcheck.1
for f in bin/iomemcheck share/iomemcheck/rules/kernel-io.rules share/man/man1/iomemcheck.1; do
	[ -f "$T/inst/$f" ] || fail "not installed: $f"
done

# ---- the installed binary on its own
unset IOMEMCHECK_RULES_DIR
cat >src/drv.c <<'EOF2'
#include <linux/io.h>

void start(u32 __iomem *ctrl)
{
	*ctrl = 1;
}
EOF2
IMC=$T/inst/bin/iomemcheck
cd /
chk "$T/src/drv.c"
cd "$T"
expect_status 1
grep -q "drv.c:5:2: warning: .*\[iomem-deref\]" "$ERR" || fail "the installed binary: no finding"
"$IMC" --list-rules | cut -d' ' -f1 >"$T/rules"
while read -r rule; do
	(cd / && "$IMC" --explain "$rule") >"$OUT" 2>"$ERR" || fail "installed: --explain $rule"
	# the page as rendered (integration.explain checks the text)
	[ "$(head -n 1 "$OUT")" = "$rule" ] ||
		fail "installed: --explain $rule is not its page"
	grep -q "iomemcheck-ignore($rule)" "$OUT" || fail "no suppression section"
done <"$T/rules"

# ---- the page renders without warnings
groff -man -Tutf8 -ww -z "$PAGE" >"$OUT" 2>"$ERR" || fail "groff failed"
expect_empty "$ERR"
MANWIDTH=80 man --warnings -l "$PAGE" >"$T/page.txt" 2>"$ERR" || fail "man -l failed"
expect_empty "$ERR"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS RULES SUPPRESSIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	grep -qx "$s" "$T/page.txt" || fail "the man page has no section $s"
done

# ---- complete: every option of --help, every rule
"$IMC" --help | sed -n 's/^  \(-[^ ]*\).*/\1/p' >"$T/options"
[ "$(wc -l <"$T/options")" -ge 25 ] || fail "fewer options in --help than expected"
while read -r opt; do
	grep -q -- "$opt" "$T/page.txt" || fail "the man page does not document $opt"
done <"$T/options"
while read -r rule; do
	grep -q "^       $rule\$" "$T/page.txt" || fail "the man page does not list rule $rule"
done <"$T/rules"
for status in 0 1 2; do
	grep -q "^       $status  " "$T/page.txt" || fail "the man page has no exit status $status"
done
grep -q "iomemcheck-ignore(" "$T/page.txt" || fail "the man page does not show a suppression"
version=$("$IMC" --version | cut -d' ' -f2)
grep -q "iomemcheck $version" "$T/page.txt" || fail "the man page is not of version $version"
echo PASS
