#!/bin/sh
# integration.explain: --explain RULE.
#  - for every rule of --list-rules: exit 0, nothing on stderr, stdout is
#    the rule's page docs/rules/RULE.md byte for byte, then the section
#    "## Suppressing it" with the rule's own suppression comment;
#  - every page says what the rule finds (a title and a summary line) and
#    the pages are those of the rules (no page without a rule);
#  - an unknown rule, or none: exit 2, one line on stderr, nothing on stdout;
#  - the text is in the binary: it works from another directory with the
#    source tree out of reach (integration.man checks the installed binary).
. "$(dirname "$0")/lib.sh"

"$IMC" --list-rules | cut -d' ' -f1 >"$T/rules"
[ "$(wc -l <"$T/rules")" -ge 8 ] || fail "fewer rules than expected"
ls "$REPO/docs/rules" | sed 's/\.md$//' | sort >"$T/pages"
sort "$T/rules" | expect_file "$T/pages"

while read -r rule; do
	status=0
	(cd / && "$IMC" --explain "$rule") >"$OUT" 2>"$ERR" || status=$?
	echo "\$ iomemcheck --explain $rule  -> $status"
	expect_status 0
	expect_empty "$ERR"
	{
		cat "$REPO/docs/rules/$rule.md"
		cat <<PAGE

## Suppressing it

When the access is right (the memory is known to be system memory
on every path), say so where it happens, with a reason; the comment
goes on the finding's line or the line above:

    /* iomemcheck-ignore($rule): reason */

A finding without a reason is not suppressed. For a whole tree with
known findings record them once (\`iomemcheck --write-baseline FILE\`)
and report only new ones (\`--baseline FILE\`); \`--fail-on RULE,...\`
picks the rules that fail a CI job, and \`--diff=REV\` reports only
changed lines.
PAGE
	} | expect_file "$OUT"
	[ "$(head -n 1 "$OUT")" = "# $rule" ] || fail "$rule: the page's title is not '# $rule'"
	sed -n 3p "$OUT" | grep -q '^\*\*[^ ]' || fail "$rule: no summary under the title"
done <"$T/rules"

# the suppression comment of the page works: a finding, then none
cat >src/drv.c <<'EOF2'
#include <linux/io.h>

void start(u32 __iomem *ctrl)
{
	*ctrl = 1;
}
EOF2
chk src/drv.c
expect_status 1
"$IMC" --explain iomem-deref | grep 'iomemcheck-ignore(' | sed 's/reason/the test says so/' >"$T/comment"
awk -v c="$(sed 's/^ *//' "$T/comment")" '{ print } /^{$/ { print "\t" c }' src/drv.c >src/quiet.c
chk src/quiet.c
expect_status 0
expect_empty "$ERR"

# ---- errors
chk --explain no-such-rule
expect_option_error "--explain: unknown rule 'no-such-rule' (see --list-rules)"
chk --explain
expect_option_error "option '--explain' needs an argument"
echo PASS
