#!/bin/sh
# integration.rules-vocabulary: rewrite conditions and placeholders are a
# closed set (docs/rules-format.md), checked when a rules file loads. A
# condition or placeholder outside it (a typo that would silently never
# match) is one error line naming FILE:LINE, exit 2 from the checker and a
# failed compile from the plugin, with the same line; the shipped rules and
# every documented condition load.
. "$(dirname "$0")/lib.sh"

cd src
printf 'int f(void) { return 0; }\n' >ok.c

# bad FILE LINE MESSAGE: both front ends refuse FILE with MESSAGE at LINE.
bad() {
	chk --rules "$1" ok.c
	expect_status 2
	[ "$(wc -l <"$ERR")" -eq 1 ] || fail "more than one line"
	grep -qxF "iomemcheck: $1:$2: $3" "$ERR" || fail "checker: not '$1:$2: $3'"
	plug -fplugin-arg-iomemcheck-rules="$1" -fsyntax-only ok.c
	[ "$status" -ne 0 ] || fail "plugin: exit 0 on $1"
	grep -qF "error: iomemcheck: $1:$2: $3" "$ERR" ||
		fail "plugin: not '$1:$2: $3'"
}

printf '# a typo\n\nrewrite memcpy dst=mpa -> f($2)\n' >cond.rules
bad cond.rules 3 "unknown rewrite condition 'dst=mpa' (docs/rules-format.md)"
printf 'rewrite load size=3 -> readb($ptr)\n' >width.rules
bad width.rules 1 "unknown rewrite condition 'size=3' (docs/rules-format.md)"
# a function's condition on an access subject
printf 'rewrite store dst=io -> writel($val, $ptr)\n' >subject.rules
bad subject.rules 1 "unknown rewrite condition 'dst=io' (docs/rules-format.md)"
printf 'rewrite declare of=map -> struct x $ptr = $mapobj\n' >walk.rules
bad walk.rules 1 "unknown rewrite condition 'of=map' (docs/rules-format.md)"
printf 'rewrite load from=map -> iosys_map_rd($map, $offset, $type)\n' >ph.rules
bad ph.rules 1 "unknown placeholder '\$offset' (docs/rules-format.md)"
printf 'rewrite memcpy src=io -> memcpy_fromio($1, $9, $3)\n' >arg.rules
bad arg.rules 1 "unknown placeholder '\$9' (docs/rules-format.md)"

# Every condition and placeholder the documentation lists loads.
cat >all.rules <<'RULES'
rewrite memcpy dst=io -> f($1, $2, $3, $4, $5, $6, $7, $8)
rewrite memcpy src=io -> f($map, $off)
rewrite memcpy dst=map -> f($map, $off)
rewrite memcpy src=map -> f($map, $off)
rewrite memcpy dst=map-copy -> f($mapobj, $n)
rewrite load size=1 -> f($ptr)
rewrite load size=2 -> f($ptr)
rewrite store size=4 -> f($val, $ptr)
rewrite store size=8 -> f($val, $ptr)
rewrite load plain=1 -> f($ptr)
rewrite store plain=8 -> f($ptr)
rewrite load from=map -> f($map, $off, $type)
rewrite store field=map -> f($map, $struct, $field, $val)
rewrite declare of=map-copy -> struct m $ptr = $mapobj
rewrite step of=map-copy -> g(&$ptr, $n)
RULES
chk --rules all.rules ok.c
expect_status 0
plug -fplugin-arg-iomemcheck-rules=all.rules -fsyntax-only ok.c
expect_status 0
echo "PASS rules-vocabulary"
