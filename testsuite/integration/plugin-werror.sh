#!/bin/sh
# integration.plugin-werror: the -Werror contract of the GCC plugin, beside
# the checker's exit status on the same file.
#  - By default the plugin's findings are warnings that -Werror does not
#    promote (as sparse under kbuild's C=1): a -Werror (CONFIG_WERROR)
#    compile succeeds, prints the checker's findings as warnings, and
#    builds the object the compile without the plugin builds; GCC's own
#    warnings still fail it.
#  - -fplugin-arg-iomemcheck-werror makes them errors (the checker's
#    --werror: exit 1); with fail-on=RULE[,RULE] only those rules' (the
#    checker's --fail-on); an unknown rule is refused by both.
. "$(dirname "$0")/lib.sh"

cd src
cat >drv.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}

void clear(void __iomem *fb, size_t len)
{
	memset(fb, 0, len);
}

void quiet(u32 __iomem *r)
{
	*r = 1; /* iomemcheck-ignore(iomem-deref): boot console */
}
EOF
cat >expected <<'EOF'
drv.c:5:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:10:2: warning: memset() on I/O memory: destination 'fb' is __iomem; use memset_io() [iomem-memfn]
EOF
chk drv.c
expect_status 1
cp "$ERR" "$W/chk.err"
diags "$ERR" | expect_file expected

# ---- -Werror: warnings, exit 0, the object built, same bytes as without
for flags in "-Werror" "-Wall -Wextra -Werror" "-Werror -O2 -g -gno-record-gcc-switches"; do
	# shellcheck disable=SC2086
	plug $flags -c drv.c -o drv.o
	expect_status 0
	same_findings
	grep -q 'treated as errors' "$ERR" && fail "-Werror note"
	# shellcheck disable=SC2086
	gcc -I "$INC" $flags -c drv.c -o plain.o || fail "compile without the plugin"
	cmp -s drv.o plain.o || fail "$flags: the object differs from the plain compile"
	rm drv.o plain.o
done
# -fsyntax-only reports at another point (PLUGIN_FINISH): the same
plug -Werror -fsyntax-only drv.c
expect_status 0
same_findings
# -w still hides them
plug -Werror -w -c drv.c -o drv.o
expect_status 0
expect_empty "$ERR"

# GCC's own warnings are still errors under -Werror
cat >unused.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	int unused;

	*ctrl = mode | 1;
}
EOF
plug -Wall -Werror -c unused.c -o unused.o
expect_status 1
grep -q "^unused.c:5:13: error: unused variable 'unused' \[-Werror=unused-variable\]$" "$ERR" ||
	fail "no -Werror=unused-variable error"
grep -q "^unused.c:7:2: warning: .* \[iomem-deref\]$" "$ERR" || fail "no finding"
[ ! -e unused.o ] || fail "object built"

# ---- werror: errors (checker: --werror, exit 1 even under kbuild)
KBUILD_CHECKSRC=1
export KBUILD_CHECKSRC
chk drv.c
expect_status 0
chk --werror drv.c
expect_status 1
unset KBUILD_CHECKSRC
rm -f drv.o
plug -fplugin-arg-iomemcheck-werror -c drv.c -o drv.o
expect_status 1
[ ! -e drv.o ] || fail "object built despite errors"
diags "$ERR" >"$W/lines"
expect_file "$W/lines" <<'EOF'
drv.c:5:2: error: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:10:2: error: memset() on I/O memory: destination 'fb' is __iomem; use memset_io() [iomem-memfn]
EOF
sed 's/: error: /: warning: /' "$ERR" >"$W/as-warnings"
diags "$W/as-warnings" | expect_file expected

# ---- werror + fail-on: only those rules fail (checker: --fail-on)
chk --fail-on=iomem-memfn drv.c
expect_status 1
plug -fplugin-arg-iomemcheck-werror -fplugin-arg-iomemcheck-fail-on=iomem-memfn -c drv.c -o drv.o
expect_status 1
diags "$ERR" >"$W/lines"
expect_file "$W/lines" <<'EOF'
drv.c:5:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:10:2: error: memset() on I/O memory: destination 'fb' is __iomem; use memset_io() [iomem-memfn]
EOF
# a list, and repeated arguments
plug -fplugin-arg-iomemcheck-werror -fplugin-arg-iomemcheck-fail-on=map-vaddr-unchecked,iomem-deref \
	-fplugin-arg-iomemcheck-fail-on=iomem-forced-access -c drv.c -o drv.o
expect_status 1
diags "$ERR" >"$W/lines"
expect_file "$W/lines" <<'EOF'
drv.c:5:2: error: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:10:2: warning: memset() on I/O memory: destination 'fb' is __iomem; use memset_io() [iomem-memfn]
EOF
# no finding of the fail-on rules: both succeed
chk --fail-on=map-vaddr-unchecked,iomem-address-space drv.c
expect_status 0
plug -Werror -fplugin-arg-iomemcheck-werror -fplugin-arg-iomemcheck-fail-on=map-vaddr-unchecked,iomem-address-space \
	-c drv.c -o drv.o
expect_status 0
same_findings
[ -e drv.o ] || fail "no object"
# fail-on without werror changes nothing (as --fail-on under kbuild)
plug -Werror -fplugin-arg-iomemcheck-fail-on=iomem-deref -c drv.c -o drv.o
expect_status 0
same_findings

# ---- an unknown rule: refused by both
chk --fail-on=iomem-deref,iomem-bogus drv.c
expect_status 2
expect_one_line "$ERR" "iomemcheck: --fail-on: unknown rule 'iomem-bogus' (see --list-rules)"
plug -fplugin-arg-iomemcheck-werror -fplugin-arg-iomemcheck-fail-on=iomem-deref,iomem-bogus -c drv.c -o drv.o
expect_status 1
grep -q "^cc1: error: '-fplugin-arg-iomemcheck-fail-on': unknown rule 'iomem-bogus' (see 'iomemcheck --list-rules')$" "$ERR" ||
	fail "unknown rule not refused"
echo PASS
