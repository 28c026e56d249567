#!/bin/sh
# integration.plugin-baseline: -fplugin-arg-iomemcheck-baseline=FILE reads
# the checker's baseline (--write-baseline) and drops the findings it knows,
# as the checker's --baseline does: the same new findings survive, also
# after the old ones moved; -Werror and werror then fail only on new ones;
# a baseline that cannot be read is an error of both.
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
EOF
chk --write-baseline "$T/known.json" drv.c
expect_status 1

# ---- everything known: no finding, no error even with werror
chk --baseline "$T/known.json" drv.c
expect_status 0
expect_empty "$ERR"
plug -Werror -fplugin-arg-iomemcheck-werror -fplugin-arg-iomemcheck-baseline="$T/known.json" -c drv.c -o drv.o
expect_status 0
expect_empty "$ERR"

# ---- new findings, one whose line reads like an old one; the old ones
# moved down and re-indented
{
	head -n 2 drv.c
	printf '\n\n\n'
	tail -n +3 drv.c | sed 's/^\t\*ctrl = mode | 1;$/\t  *ctrl  =  mode | 1;/'
	cat <<'EOF'

void stop(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
	memset(ctrl, 0, 4);
}
EOF
} >new.c
mv new.c drv.c
chk --baseline "$T/known.json" drv.c
expect_status 1
cp "$ERR" "$W/chk.err"
diags "$ERR" >"$W/lines"
expect_file "$W/lines" <<'EOF'
drv.c:18:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:19:2: warning: memset() on I/O memory: destination 'ctrl' is __iomem; use memset_io() [iomem-memfn]
EOF
plug -Werror -fplugin-arg-iomemcheck-baseline="$T/known.json" -c drv.c -o drv.o
expect_status 0
same_findings
# with werror: the new findings fail the compile, the known ones do not
plug -fplugin-arg-iomemcheck-werror -fplugin-arg-iomemcheck-baseline="$T/known.json" -c drv.c -o drv.o
expect_status 1
sed 's/: error: /: warning: /' "$ERR" >"$W/as-warnings"
diags "$W/as-warnings" | expect_file "$W/lines"
# and the unit's report holds only the new ones, as the checker's
chk --baseline "$T/known.json" --format=json -o chk.json drv.c
expect_status 1
plug -fplugin-arg-iomemcheck-baseline="$T/known.json" -fplugin-arg-iomemcheck-report=plug.json -c drv.c -o drv.o
expect_status 0
expect_same chk.json plug.json

# ---- a baseline that cannot be used
for bad in missing.json garbage.json; do
	echo 'not json' >garbage.json
	chk --baseline "$bad" drv.c
	expect_status 2
	cp "$ERR" "$W/chk.err"
	plug -fplugin-arg-iomemcheck-baseline="$bad" -c drv.c -o drv.o
	expect_status 1
	# the checker's one line, as a GCC error
	sed 's/^iomemcheck: /cc1: error: iomemcheck: /' "$W/chk.err" | expect_file "$ERR"
done
echo PASS
