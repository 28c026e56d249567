#!/bin/sh
# integration.hostile-names: every command that takes a path, on file names
# a shell would act on: quotes, $(...), ;...;, a space, a newline, a leading
# '-'. Nothing runs them (no file PWNED appears anywhere), exit statuses and
# outputs are the ones of an ordinary name:
#  - --fix-dry-run: the patch applies with `git apply` and `patch -p1` (the
#    newline too: the name is C-quoted as git quotes it, and both read that)
#    and gives what --fix writes;
#  - --fix; -p with a compile database of such files (--fix-dry-run from the
#    tree's top, JSON); --diff=REV in a git repository;
#  - --format=json|sarif|html -o and --write-baseline with such output
#    names; the plugin's report= and baseline=.
# A leading '-' is given after "--" to the checker and as ./-name to gcc
# (which has no "--").
. "$(dirname "$0")/lib.sh"

NL='
'
# name N: the Nth hostile name (1..7)
name() {
	case $1 in
	1) printf '%s' "q'uote.c" ;;
	2) printf '%s' 'd"quote.c' ;;
	3) printf '%s' '$(touch PWNED).c' ;;
	4) printf '%s' ';touch PWNED;.c' ;;
	5) printf '%s' 'sp ace.c' ;;
	6) printf '%s' "new${NL}line.c" ;;
	7) printf '%s' '-lead.c' ;;
	esac
}
NAMES="1 2 3 4 5 6 7"

no_pwned() {
	found=$(find "$T" -name PWNED)
	[ -z "$found" ] || fail "a shell ran a file name: $found"
}

cat >orig.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}
EOF
sed 's/\*ctrl = mode | 1;/writel(mode | 1, ctrl);/' orig.c >fixed.c
cmp -s orig.c fixed.c && fail "the expected fix is the original"

# ---- one file at a time: --fix-dry-run, the patch with both tools, --fix
cd src
for i in $NAMES; do
	n=$(name $i)
	cp ../orig.c "./$n"
	chk --fix-dry-run -- "$n"
	expect_status 1
	[ "$(grep -c ': warning: ' "$ERR")" = 1 ] || fail "$n: not one finding"
	for tool in git patch; do
		rm -rf "$T/apply" && mkdir "$T/apply"
		cp ../orig.c "$T/apply/$n"
		case $tool in
		git) (cd "$T/apply" && git apply -p1) <"$OUT" ;;
		patch) (cd "$T/apply" && patch -s -p1) <"$OUT" ;;
		esac || fail "$n: the patch does not apply with $tool"
		expect_same "$T/apply/$n" ../fixed.c
		expect_dir "$T/apply" "$n"
	done
	expect_same "./$n" ../orig.c
	chk --fix -- "$n"
	expect_status 1
	expect_same "./$n" ../fixed.c
	chk --fix -- "$n"
	expect_status 0
	no_pwned
done
# the seven files and nothing else (no temporary file left)
[ "$(find . -type f -printf x | wc -c)" = 7 ] || fail "src holds: $(ls -A)"
cd ..

# ---- -p: a compile database of such files, at the tree's top (as the
# kernel's `make compile_commands.json` writes it)
mkdir -p tree/drv tree/build
for i in $NAMES; do cp orig.c "tree/drv/$(name $i)"; done
python3 - "$T/tree" "$INC" >tree/compile_commands.json <<'EOF'
import json, sys
top, inc = sys.argv[1], sys.argv[2]
names = ["q'uote.c", 'd"quote.c', '$(touch PWNED).c', ';touch PWNED;.c',
         'sp ace.c', 'new\nline.c', '-lead.c']
print(json.dumps([{"directory": top + "/drv",
                   "arguments": ["cc", "-I" + inc, "-c", "./" + n],
                   "file": "./" + n} for n in names], indent=1))
EOF
cd tree
chk -p . --fix-dry-run
expect_status 1
[ "$(grep -c ': warning: ' "$ERR")" = 7 ] || fail "-p: not 7 findings"
cp "$OUT" "$T/tree.patch"
# the patch names the files below the database's directory: it applies
# from the tree's top with -p1 (a name with a space ends in a tab, as git
# writes it)
grep '^+++ ' "$T/tree.patch" | sed 's/	$//' | LC_ALL=C sort >"$W/heads"
cat >"$W/want" <<'EOF'
+++ "b/drv/d\"quote.c"
+++ "b/drv/new\nline.c"
+++ b/drv/$(touch PWNED).c
+++ b/drv/-lead.c
+++ b/drv/;touch PWNED;.c
+++ b/drv/q'uote.c
+++ b/drv/sp ace.c
EOF
expect_same "$W/heads" "$W/want"
for tool in git patch; do
	rm -rf "$T/apply" && cp -r "$T/tree" "$T/apply"
	case $tool in
	git) (cd "$T/apply" && git apply -p1) <"$T/tree.patch" ;;
	patch) (cd "$T/apply" && patch -s -p1) <"$T/tree.patch" ;;
	esac || fail "-p: the patch does not apply with $tool from the tree's top"
	for i in $NAMES; do expect_same "$T/apply/drv/$(name $i)" "$T/fixed.c"; done
done
rep="$T/out \$(touch PWNED) ;touch PWNED;'\"dir"
mkdir "$rep"
for fmt in json sarif; do
	chk -p . --format=$fmt -o "$rep/r;touch PWNED;'.$fmt"
	expect_status 1
	expect_empty "$OUT"
done
python3 - "$rep/r;touch PWNED;'.json" "$rep/r;touch PWNED;'.sarif" >"$W/files" <<'EOF'
import json, os, sys, urllib.parse
for f in sorted(json.load(open(sys.argv[1]))["findings"], key=lambda f: f["file"]):
    print("json", repr(os.path.basename(f["file"])))
sarif = json.load(open(sys.argv[2]))
for r in sorted(sarif["runs"][0]["results"],
                key=lambda r: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]):
    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    print("sarif", repr(os.path.basename(urllib.parse.unquote(uri))))
EOF
python3 - >"$W/want" <<'EOF'
names = ["q'uote.c", 'd"quote.c', '$(touch PWNED).c', ';touch PWNED;.c',
         'sp ace.c', 'new\nline.c', '-lead.c']
for fmt in ("json", "sarif"):
    for n in sorted(names):
        print(fmt, repr(n))
EOF
sort -s -k1,1 "$W/files" >"$W/files.sorted"
sort -s -k1,1 "$W/want" >"$W/want.sorted"
expect_same "$W/want.sorted" "$W/files.sorted"
chk -p . --format=html -o "$rep/html"
expect_status 1
[ "$(ls "$rep/html" | grep -c '^iomem-deref-.*\.html$')" = 7 ] ||
	fail "the HTML report has not 7 finding pages"
chk -p . --write-baseline "$rep/known;touch PWNED;'.json"
expect_status 1
chk -p . --baseline "$rep/known;touch PWNED;'.json"
expect_status 0
chk -p . --fix
expect_status 1
for i in $NAMES; do expect_same "drv/$(name $i)" "$T/fixed.c"; done
# a database elsewhere (a build directory): the files outside it keep
# their absolute names
for i in $NAMES; do cp ../orig.c "drv/$(name $i)"; done
mv compile_commands.json build/
chk -p build --fix-dry-run
expect_status 1
[ "$(grep -c '^+++ b/'"$T"'/tree/drv/' "$OUT")" = 5 ] ||
	fail "-p build: not the absolute names (5 unquoted)"
[ "$(grep -c '^+++ "b/'"$T"'/tree/drv/' "$OUT")" = 2 ] ||
	fail "-p build: not the absolute names (2 quoted)"
no_pwned
cd ..

# ---- --diff=REV in a git repository
new_repo repo
cd repo
for i in $NAMES; do
	cp ../orig.c "./$(name $i)"
done
git add -A
git commit -q -m "hostile names"
for i in $NAMES; do
	n=$(name $i)
	chk --diff=HEAD -- "$n"
	expect_status 0
	expect_empty "$ERR"
	printf '\nvoid stop(u32 __iomem *ctrl)\n{\n\t*ctrl = 0;\n}\n' >>"./$n"
	chk --diff=HEAD -- "$n"
	expect_status 1
	[ "$(grep -c ':10:2: warning: ' "$ERR")" = 1 ] ||
		fail "$n: not the one new finding (line 10)"
	[ "$(grep -c ': warning: ' "$ERR")" = 1 ] || fail "$n: the old finding counted"
done
# a revision git would take for an option is no revision
chk "--diff=--output=$T/written" -- "$(name 1)"
expect_status 2
expect_one_line "$ERR" "iomemcheck: --diff=--output=$T/written: not a git revision here"
[ ! -e "$T/written" ] || fail "git took the revision for an option"
no_pwned
cd ..

# ---- the plugin: report= and baseline= with such names
mkdir plug
cd plug
for i in $NAMES; do
	n=$(name $i)
	cp ../orig.c "./$n"
	plug "-fplugin-arg-iomemcheck-report=$rep/p;touch PWNED;'$i.json" -c "./$n" -o x.o
	expect_status 0
	[ "$(grep -c ': warning: ' "$ERR")" = 1 ] || fail "plugin: $n: not one finding"
	python3 -c 'import json, os, sys
print(os.path.basename(json.load(open(sys.argv[1]))["findings"][0]["file"]), end="")' \
		"$rep/p;touch PWNED;'$i.json" >"$W/got-name"
	printf '%s' "$n" >"$W/want-name"
	expect_same "$W/want-name" "$W/got-name"
	chk --write-baseline "$rep/b \$(touch PWNED)'$i.json" "./$n"
	expect_status 1
	plug "-fplugin-arg-iomemcheck-baseline=$rep/b \$(touch PWNED)'$i.json" -c "./$n" -o x.o
	expect_status 0
	expect_empty "$ERR"
done
no_pwned
echo PASS
