#!/bin/sh
# integration.explain: --explain RULE.
#  - for every rule of --list-rules: exit 0, nothing on stderr, stdout is
#    the rule's page docs/rules/RULE.md rendered as man would (no Markdown
#    left), then the section "Suppressing it" with the rule's own
#    suppression comment; one page exactly, and bold on a terminal;
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

# every page rendered for a terminal, as man would: no Markdown left
# (headings' '#', code spans' backticks, '**', links' '](...)')
while read -r rule; do
	status=0
	(cd / && "$IMC" --explain "$rule") >"$OUT" 2>"$ERR" || status=$?
	echo "\$ iomemcheck --explain $rule  -> $status"
	expect_status 0
	expect_empty "$ERR"
	[ "$(head -n 1 "$OUT")" = "$rule" ] || fail "$rule: the page's title is not '$rule'"
	sed -n 3p "$OUT" | grep -q '^    [^ ]' || fail "$rule: no summary under the title"
	! grep -n '^#\|`\|\*\*\|](' "$OUT" || fail "$rule: Markdown left in the text"
	grep -q "^        /\* iomemcheck-ignore($rule): reason \*/\$" "$OUT" ||
		fail "$rule: no suppression comment"
	[ "$(awk '{ print length }' "$OUT" | sort -n | tail -n 1)" -le 78 ] ||
		grep -q '^    -\{10,\}' "$OUT" || fail "$rule: a line over 78 columns outside a table"
done <"$T/rules"

# one page exactly: the text indented and filled to 78 columns, the code
# block indented further, plain text (not a terminal)
"$IMC" --explain map-incr-before-vunmap >"$OUT"
expect_file "$OUT" <<'PAGE'
map-incr-before-vunmap

    A map advanced in place and later passed to the vunmap of the same object.

        dma_buf_vmap(buf, &map);
        iosys_map_incr(&map, offset);   /* reported here */
        ...
        dma_buf_vunmap(buf, &map);      /* unmaps the wrong address */

    vunmap needs the address vmap returned. The drm fb-helper had exactly this
    bug (fixed in 7d4d269c0973 "drm/fb-helper: Copy dma-buf map before
    flushing shadow fb"). Advance a copy: struct iosys_map dst = map;
    iosys_map_incr(&dst, offset); or IOSYS_MAP_INIT_OFFSET(&map, offset).
    Which calls advance and which release a map: map-incr, map-unmap in
    rules/iosys-map.rules.

    Tests: testsuite/cases/map-incr-vunmap.c.

Suppressing it

    When the access is right (the memory is known to be system memory on every
    path), say so where it happens, with a reason; the comment goes on the
    finding's line or the line above:

        /* iomemcheck-ignore(map-incr-before-vunmap): reason */

    A finding without a reason is not suppressed. For a whole tree with known
    findings record them once (iomemcheck --write-baseline FILE) and report
    only new ones (--baseline FILE); --fail-on RULE,... picks the rules that
    fail a CI job, and --diff=REV reports only changed lines.
PAGE
# a table: cells without markup, columns aligned under a rule of dashes
"$IMC" --explain iomem-deref | grep -A2 '^    code  ' >"$T/table"
expect_file "$T/table" <<'TABLE'
    code                                                fix-it
    --------------------------------------------------  -----------------------------------------------
    v = *p; (u32)                                       v = readl(p);
TABLE
# on a terminal, headings and strong text in bold
if command -v script >/dev/null; then
	script -qec "'$IMC' --explain map-incr-before-vunmap" /dev/null >"$T/tty"
	grep -q "$(printf '^\033\\[1mmap-incr-before-vunmap\033\\[0m')" "$T/tty" ||
		fail "the title is not bold on a terminal"
	grep -q "$(printf '^    \033\\[1mA map advanced')" "$T/tty" ||
		fail "the summary is not bold on a terminal"
fi

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
