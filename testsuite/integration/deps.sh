#!/bin/sh
# integration.deps: one list of packages (scripts/packages), so a package a
# test needs cannot be installed by hand and forgotten (issue 10: csmith's
# headers). Checks that the README's dependency table is that list, that
# every package in it exists in the configured archive, and that no script
# of the tree installs packages itself instead of through install-deps.
. "$(dirname "$0")/lib.sh"

"$REPO/scripts/install-deps" --markdown >"$OUT" 2>"$ERR" ||
	fail "install-deps --markdown failed"
awk '/^## Dependencies/ { s = 1; next } /^## / { s = 0 } s && /^\|/' \
	"$REPO/README.md" >readme-table
diff -u readme-table "$OUT" >table.diff ||
	{ cat table.diff; fail "README's dependency table differs from scripts/install-deps --markdown"; }

# Names the list cannot install (a typo, a package of another release).
pkgs=$(sed -e '/^#/d' -e '/^[[:space:]]*$/d' -e 's/|.*//' "$REPO/scripts/packages")
for p in $pkgs; do
	apt-cache show "$p" >/dev/null 2>&1 || fail "scripts/packages: $p is not a package apt knows"
done

# Scripts that install packages on their own (docs/ show users' CI jobs).
cd "$REPO"
git ls-files | grep -v -e '^docs/' -e '\.md$' -e 'CMakeLists.txt$' -e '^scripts/install-deps$' |
	xargs grep -ln 'apt-get[^|;&]* install' >"$OUT" 2>/dev/null || true
[ ! -s "$OUT" ] || fail "these install packages themselves, not through scripts/install-deps: $(cat "$OUT")"

scripts/install-deps no-such-package >"$OUT" 2>"$ERR" && fail "install-deps accepted a package not in the list"
grep -q "no-such-package is not in" "$ERR" || fail "install-deps: no message for an unknown package"
echo "PASS: README table = scripts/packages ($(echo $pkgs | wc -w) packages), no other installer"
