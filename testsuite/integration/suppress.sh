#!/bin/sh
# integration.suppress: `/* iomemcheck-ignore(RULE): reason */` on the
# finding's line or the line above hides that finding, and only that one:
# not without a reason, not for another rule, not from two lines above, not
# the other rule's finding on the same line. Suppressed findings are in no
# report (text, JSON) and do not make the exit status 1.
. "$(dirname "$0")/lib.sh"

cd src
cat >drv.c <<'EOF'
#include <linux/io.h>

void above(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-deref): boot console, x86 only */
	*r = 1;
}

void same_line(u32 __iomem *r)
{
	*r = 2; /* iomemcheck-ignore(iomem-deref): boot console */
}

void cplusplus_comment(u32 __iomem *r)
{
	// iomemcheck-ignore(iomem-deref): boot console
	*r = 3;
}

void no_reason(u32 __iomem *r)
{
	*r = 4; /* iomemcheck-ignore(iomem-deref): */
}

void no_reason_above(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-deref): */
	*r = 5;
}

void no_colon(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-deref) boot console */
	*r = 6;
}

void wrong_rule(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-memfn): boot console */
	*r = 7;
}

void two_lines_above(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-deref): boot console */

	*r = 8;
}

void one_of_two(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-memfn): scratch area */
	memset(r, 0, 4); *r = 9;
}
EOF
chk drv.c
expect_status 1
expect_file "$ERR" <<'EOF'
drv.c:22:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:22:2: note: fix-it: replace 22:2-22:8 with 'writel(4, r)'
drv.c:28:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:28:2: note: fix-it: replace 28:2-28:8 with 'writel(5, r)'
drv.c:34:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:34:2: note: fix-it: replace 34:2-34:8 with 'writel(6, r)'
drv.c:40:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:40:2: note: fix-it: replace 40:2-40:8 with 'writel(7, r)'
drv.c:47:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:47:2: note: fix-it: replace 47:2-47:8 with 'writel(8, r)'
drv.c:53:19: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:53:19: note: fix-it: replace 53:19-53:25 with 'writel(9, r)'
EOF

# The same findings in the JSON report.
chk --format=json drv.c
expect_status 1
python3 -c 'import json, sys
print(" ".join(str(f["line"]) for f in json.load(open(sys.argv[1]))["findings"]))' \
	"$OUT" >"$W/lines"
expect_one_line "$W/lines" "22 28 34 40 47 53"

# All suppressed: exit 0.
cat >quiet.c <<'EOF'
#include <linux/io.h>

void quiet(u32 __iomem *r)
{
	*r = 1; /* iomemcheck-ignore(iomem-deref): boot console, x86 only */
}
EOF
chk quiet.c
expect_status 0
expect_empty "$ERR"

# The same under -p, with a compile database entry relative to its
# directory (as Meson writes them), run from elsewhere.
mkdir -p "$T/build"
cat >"$T/build/compile_commands.json" <<EOF
[ { "directory": "$T/src", "command": "cc -I$INC -c quiet.c", "file": "quiet.c" } ]
EOF
cd "$T"
chk -p build
cd src
expect_status 0

# An empty reason followed by code on the same line.
cat >sneaky.c <<'EOF'
#include <linux/io.h>

void sneaky(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-deref): */ *r = 1;
}
EOF
chk sneaky.c
# The reason must be inside the comment: code after `*/` is no reason.
expect_status 1
echo PASS
