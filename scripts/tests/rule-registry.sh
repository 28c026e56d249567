#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# scripts/rule-registry on a made-up tree of one rule: exit 0 when it is
# registered, documented and expected by a case; exit 1 and the line for a
# rule-id literal in a check, a missing page, a missing case, a stray page;
# exit 2 without a registry.
#   sh rule-registry.sh SCRIPT
set -u
script=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/imc-registry.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL rule-registry: $*"; cat "$tmp/out"; exit 1; }
run() {
	python3 "$script" "$tmp/src" >"$tmp/out" 2>&1
	status=$?
	[ "$status" -eq "$1" ] || fail "exit $status, expected $1 ($2)"
	[ -z "$3" ] || grep -qxF "$3" "$tmp/out" || fail "no line '$3' ($2)"
}

src="$tmp/src"
mkdir -p "$src/core/rules" "$src/core/checks" "$src/docs/rules" \
	"$src/testsuite/cases"
printf '[IMC_RULE_A] = {"rule-a", "A"},\n' >"$src/core/rules/catalogue.c"
printf 'add_finding(a, IMC_RULE_A, at, m); /* "rule-a" */\n' \
	>"$src/core/checks/check_a.c"
echo "# rule-a" >"$src/docs/rules/rule-a.md"
echo "x = 1; /* expect: rule-a */" >"$src/testsuite/cases/a.c"
run 0 "a registered, documented, tested rule" ""

printf 'add_finding(a, "rule-a", at, m);\n' >>"$src/core/checks/check_a.c"
run 1 "a literal" 'rule-registry: core/checks/check_a.c:2: rule id "rule-a" outside the registry'
printf 'add_finding(a, IMC_RULE_A, at, m);\n' >"$src/core/checks/check_a.c"

rm "$src/docs/rules/rule-a.md"
echo "# rule-b" >"$src/docs/rules/rule-b.md"
run 1 "no page" "rule-registry: rule-a: no page docs/rules/rule-a.md"
grep -qxF "rule-registry: docs/rules/rule-b.md: no such rule in the registry" \
	"$tmp/out" || fail "no line for the stray page"
mv "$src/docs/rules/rule-b.md" "$src/docs/rules/rule-a.md"

echo "x = 1; /* expect: rule-b */" >"$src/testsuite/cases/a.c"
run 1 "no case" "rule-registry: rule-a: no testsuite case expects it"

rm "$src/core/rules/catalogue.c"
run 2 "no registry" ""
echo "PASS rule-registry"
