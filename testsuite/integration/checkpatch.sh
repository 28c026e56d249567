#!/bin/sh
# integration.checkpatch: testsuite/kernel/checkpatch-new, the step of
# kernel/fix-run.sh that runs the kernel's scripts/checkpatch.pl on each
# file before and after --fix and reports the warnings that are new. The
# kernel tree is not here, so a stub stands in for checkpatch.pl: it makes
# checkpatch's one complaint about line length (LONG_LINE, more than 100
# columns, tabs to 8), in the format that `--emacs --terse --show-types`
# gives. Asserted: after --fix on the case fix-long-line, no new warning
# (the wrapped fix-its); the same rewrite left on one line, the one new
# warning at its line, exactly; a warning that was there before (a line
# moved by the fix) is not new; a checkpatch that fails: exit 2, one line.
. "$(dirname "$0")/lib.sh"

NEW=$REPO/testsuite/kernel/checkpatch-new
cat >"$T/checkpatch.pl" <<'STUB'
#!/usr/bin/env python3
# stub of scripts/checkpatch.pl: LONG_LINE only, `--emacs --terse` format
import sys
assert sys.argv[1:6] == ["--no-tree", "--emacs", "--terse", "--no-summary", "--show-types"], sys.argv
assert sys.argv[6] == "-f", sys.argv
path = sys.argv[7]
status = 0
for n, line in enumerate(open(path), 1):
    width = len(line.rstrip("\n").expandtabs(8))
    if width > 100:
        print("%s:%d: WARNING:LONG_LINE: line length of %d exceeds 100 columns" % (path, n, width))
        status = 1
sys.exit(status)
STUB
chmod +x "$T/checkpatch.pl"

cp "$REPO/testsuite/cases/fix-long-line.c" src/long.c
cp src/long.c orig.c
cd src
chk --fix long.c
expect_status 1
"$NEW" "$T/checkpatch.pl" "$T/orig.c" long.c >"$OUT"
expect_one_line "$OUT" "checkpatch new: 0"

# the first rewrite on one line, as before the wrapping
sed '21s|.*|\twritel(queue_write_pointer_value \| 1, \&engine_regs->command_queue_write_pointer_register); /* expect: iomem-deref */|' \
	"$T/orig.c" >unwrapped.c
"$NEW" "$T/checkpatch.pl" "$T/orig.c" unwrapped.c >"$OUT"
expect_file "$OUT" <<'EOT'
21: WARNING:LONG_LINE: line length of 124 exceeds 100 columns
checkpatch new: 1
EOT
# a long line that was there before, one line lower now: not new
{ echo "/* one line more */"; cat unwrapped.c; } >moved.c
"$NEW" "$T/checkpatch.pl" unwrapped.c moved.c >"$OUT"
expect_one_line "$OUT" "checkpatch new: 0"

# a checkpatch that cannot run
printf '#!/bin/sh\necho "no such tree" >&2\nexit 3\n' >"$T/broken.pl"
chmod +x "$T/broken.pl"
status=0
"$NEW" "$T/broken.pl" "$T/orig.c" long.c >"$OUT" 2>"$ERR" || status=$?
expect_status 2
expect_one_line "$ERR" "checkpatch-new: $T/broken.pl exited 3: no such tree"
echo PASS
