#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Deterministic output: the same input gives byte-identical text, JSON and
# SARIF whatever the order of the files on the command line (or in the
# compile database), and from one run to the next (ASLR changes every
# pointer, so nothing may depend on one).
#   sh determinism.sh IOMEMCHECK MAPAPI_INCLUDE
#
# data/det/{a,b,c}.c share a header with a finding of its own (reported
# with --headers once, not once per file).

set -u
IMC=$1
MAPAPI=$2
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-det.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C
test_name=determinism
. "$HERE/lib.sh"
cp "$HERE"/data/det/*.[ch] "$TMP"/
cd "$TMP" || exit 1

# report NAME FORMAT ARGS...: stdout+stderr in NAME.log, the report in
# NAME.FORMAT (text: none).
report() {
	name=$1 fmt=$2
	shift 2
	rm -f "$name.$fmt"
	if [ "$fmt" = text ]; then
		"$IMC" "$@" >"$name.log" 2>&1
	else
		"$IMC" --format="$fmt" -o "$name.$fmt" "$@" >"$name.log" 2>&1
	fi
	status=$?
	[ "$status" -eq 1 ] || { cat "$name.log"; fail "$name: exit $status, expected 1"; }
}

same() {
	cmp "$1" "$2" >/dev/null || {
		diff -u "$1" "$2" | head -n 40
		fail "$3: $1 and $2 differ"
	}
}

for fmt in text json sarif; do
	for headers in "" --headers; do
		tag=$fmt${headers:+-headers}
		set -- -I "$MAPAPI" $headers -fdiagnostics-parseable-fixits
		report "$tag-abc" "$fmt" "$@" a.c b.c c.c
		report "$tag-cba" "$fmt" "$@" c.c b.c a.c
		report "$tag-bca" "$fmt" "$@" b.c c.c a.c
		report "$tag-again" "$fmt" "$@" a.c b.c c.c
		for other in cba bca again; do
			same "$tag-abc.log" "$tag-$other.log" "$tag, order $other"
			[ "$fmt" = text ] ||
				same "$tag-abc.$fmt" "$tag-$other.$fmt" "$tag, order $other"
		done
		echo "same: $tag ($(wc -l <"$tag-abc.log") lines on stderr)"
	done
done

# The header's finding once, whatever the number of files including it.
n=$(grep -c '^\(\./\)\?shared\.h:12:9: warning: ' text-headers-abc.log)
[ "$n" -eq 1 ] || fail "the finding in shared.h reported $n times"

# A compile database, its entries in two orders.
for order in "a b c" "c a b"; do
	dir=db-$(echo "$order" | tr -d ' ')
	mkdir "$dir"
	{
		echo "["
		sep=""
		for f in $order; do
			printf '%s{ "directory": "%s", "file": "%s.c",\n' "$sep" "$TMP" "$f"
			printf '  "arguments": ["cc", "-I", "%s", "-c", "%s.c"] }\n' "$MAPAPI" "$f"
			sep=","
		done
		echo "]"
	} >"$dir/compile_commands.json"
	report "$dir" sarif -p "$dir"
done
same db-abc.log db-cab.log "compile database"
# SRCROOT (originalUriBaseIds) is each database's own directory: the one
# difference there must be
sed 's|/db-cab/"|/db-abc/"|' db-cab.sarif >db-cab-as-abc.sarif
[ "$(grep -c '/db-abc/"' db-cab-as-abc.sarif)" = 1 ] || fail "db-cab.sarif: not one SRCROOT"
same db-abc.sarif db-cab-as-abc.sarif "compile database"
echo "PASS determinism"
