#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# plugin.installed-rules: an installed tree (cmake --install --prefix),
# moved nowhere near the build, without IOMEMCHECK_RULES_DIR: the plugin
# (PREFIX/lib/.../iomemcheck.so) and the checker (PREFIX/bin/iomemcheck)
# both read PREFIX/share/iomemcheck/rules, which the core finds from the
# tool's own file (the plugin used to set IOMEMCHECK_RULES_DIR itself).
#   sh installed-rules.sh GCC BUILD_DIR MAPAPI_INCLUDE
set -u
GCC=$1
BUILD=$2
MAPAPI=$3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-installed.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C
unset IOMEMCHECK_RULES_DIR

fail() {
	echo "FAIL installed-rules: $*"
	for f in out err; do
		[ -s "$TMP/$f" ] && { echo "--- $f"; cat "$TMP/$f"; }
	done
	exit 1
}

cmake --install "$BUILD" --prefix "$TMP/inst" >"$TMP/out" 2>&1 ||
	fail "cmake --install failed"
SO=$(find "$TMP/inst" -name iomemcheck.so | head -n 1)
CHK=$TMP/inst/bin/iomemcheck
RULES=$TMP/inst/share/iomemcheck/rules
[ -n "$SO" ] && [ -x "$CHK" ] && [ -d "$RULES" ] || fail "not installed"
cat >"$TMP/drv.c" <<'EOF2'
#include <linux/io.h>

void start(u32 __iomem *ctrl)
{
	*ctrl = 1;
}
EOF2
cd /

# Both front ends find the installed rules: a finding each.
"$GCC" -fplugin="$SO" -I "$MAPAPI" -fsyntax-only "$TMP/drv.c" \
	>"$TMP/out" 2>"$TMP/err" || fail "gcc with the plugin failed"
grep -q 'drv.c:5:2: warning: .*\[iomem-deref\]' "$TMP/err" ||
	fail "plugin: no finding"
"$CHK" -I "$MAPAPI" "$TMP/drv.c" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] || fail "checker: exit status not 1"
grep -q 'drv.c:5:2: warning: .*\[iomem-deref\]' "$TMP/err" ||
	fail "checker: no finding"

# ... and those, not the source tree's: a bad file there is an error in both.
echo "no-such-directive x" >"$RULES/zz-local.rules"
"$GCC" -fplugin="$SO" -I "$MAPAPI" -fsyntax-only "$TMP/drv.c" \
	>"$TMP/out" 2>"$TMP/err" && fail "plugin: the bad rules file was not read"
grep -q "error: iomemcheck: $RULES/zz-local.rules:1: " "$TMP/err" ||
	fail "plugin: the error does not name the installed file"
"$CHK" -I "$MAPAPI" "$TMP/drv.c" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] || fail "checker: the bad rules file was not read (exit 2)"
grep -q "^iomemcheck: $RULES/zz-local.rules:1: " "$TMP/err" ||
	fail "checker: the error does not name the installed file"
echo PASS
