#!/bin/sh
# integration.plugin-suppress: an `iomemcheck-ignore(RULE): reason` comment
# means the same to the GCC plugin as to the checker (both call the core's
# imc_findings_suppress): the same findings survive, on the same lines, in
# the same order, and a unit whose findings are all suppressed prints none.
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

void wrong_rule(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-memfn): boot console */
	*r = 5;
}

void two_lines_above(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-deref): boot console */

	*r = 6;
}

void one_of_two(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-memfn): scratch area */
	memset(r, 0, 4); *r = 7;
}

void sneaky(u32 __iomem *r)
{
	/* iomemcheck-ignore(iomem-deref): */ *r = 8;
}
EOF
chk drv.c
expect_status 1
cp "$ERR" "$W/chk.err"
diags "$ERR" >"$W/lines"
expect_file "$W/lines" <<'EOF'
drv.c:22:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:28:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:35:2: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:41:19: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
drv.c:46:40: warning: plain store through __iomem pointer 'r'; use writel() [iomem-deref]
EOF
plug -c drv.c -o drv.o
expect_status 0
same_findings

# -fsyntax-only (no PLUGIN_FINISH_UNIT) suppresses the same way.
plug -fsyntax-only drv.c
expect_status 0
same_findings

# All suppressed: nothing printed by either.
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
plug -Wall -c quiet.c -o quiet.o
expect_status 0
expect_empty "$ERR"

# In a header, with -fplugin-arg-iomemcheck-headers / --headers.
cat >regs.h <<'EOF'
static inline void regs_clear(u32 __iomem *r, size_t n)
{
	memset(r, 0, n); /* iomemcheck-ignore(iomem-memfn): x86 only */

	memset(r + 8, 0, n);
}
EOF
cat >hdr.c <<'EOF'
#include <linux/io.h>
#include "regs.h"

void go(u32 __iomem *r)
{
	regs_clear(r, 4);
}
EOF
chk --headers hdr.c
expect_status 1
# (libclang names the header "./regs.h", GCC "regs.h": not what this
# test is about)
sed 's|^\./||' "$ERR" >"$W/chk.err"
diags "$W/chk.err" >"$W/lines"
expect_file "$W/lines" <<'EOF'
regs.h:5:2: warning: memset() on I/O memory: destination 'r' is __iomem; use memset_io() [iomem-memfn]
EOF
plug -fplugin-arg-iomemcheck-headers -c hdr.c -o hdr.o
expect_status 0
same_findings
echo PASS
