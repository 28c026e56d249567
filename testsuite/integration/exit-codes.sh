#!/bin/sh
# integration.exit-codes: 0 clean, 1 findings, 2 tool error, and what moves
# them: --fail-on (only those rules fail; the others are still printed),
# --exit-zero, kbuild's KBUILD_CHECKSRC=1/2 (exit 0 like sparse, findings
# still printed) unless --werror; tool errors stay 2 everywhere; bad option
# values are tool errors with one line on stderr.
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
cat >clean.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	writel(mode | 1, ctrl);
}
EOF
cat >"$W/findings" <<'EOF'
drv.c:5:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:5:2: note: fix-it: replace 5:2-5:18 with 'writel(mode | 1, ctrl)'
drv.c:10:2: warning: memset() on I/O memory: destination 'fb' is __iomem; use memset_io() [iomem-memfn]
drv.c:10:2: note: fix-it: replace 10:2-10:20 with 'memset_io(fb, 0, len)'
EOF
unset KBUILD_CHECKSRC

# expect STATUS ARG...: iomemcheck ARG... exits STATUS, and prints the two
# findings of drv.c (or nothing for clean.c) on stderr, nothing on stdout.
expect() {
	want=$1
	shift
	chk "$@"
	expect_status "$want"
	expect_empty "$OUT"
	case " $* " in
	*" drv.c "*) expect_same "$ERR" "$W/findings" ;;
	*) expect_empty "$ERR" ;;
	esac
}

expect 0 clean.c
expect 1 drv.c
expect 1 drv.c clean.c
expect 0 --exit-zero drv.c
expect 1 --werror drv.c

# --fail-on: a list, repeatable, exact rule names
expect 1 --fail-on=iomem-deref drv.c
expect 1 --fail-on iomem-memfn drv.c
expect 0 --fail-on=map-flag-mismatch drv.c
expect 0 --fail-on=map-flag-mismatch,iomem-address-space drv.c
expect 1 --fail-on=map-flag-mismatch,iomem-memfn drv.c
expect 1 --fail-on=map-flag-mismatch --fail-on=iomem-deref drv.c
expect 0 --fail-on=iomem-deref --exit-zero drv.c

# kbuild: make C=1 / C=2 export KBUILD_CHECKSRC
for c in 1 2; do
	KBUILD_CHECKSRC=$c
	export KBUILD_CHECKSRC
	expect 0 drv.c
	expect 1 --werror drv.c
	expect 0 --werror clean.c
	expect 0 --werror --fail-on=map-flag-mismatch drv.c
	expect 1 --werror --fail-on=iomem-memfn drv.c
done
for c in 0 ""; do
	KBUILD_CHECKSRC=$c
	expect 1 drv.c
done
unset KBUILD_CHECKSRC

# tool errors: 2 whatever asks for 0
for flags in "" --exit-zero "--fail-on=map-flag-mismatch"; do
	# shellcheck disable=SC2086 # no flag is no word
	chk $flags missing.c
	expect_status 2
	expect_one_line "$ERR" "iomemcheck: missing.c: No such file or directory"
done
export KBUILD_CHECKSRC=1
chk missing.c
expect_status 2
unset KBUILD_CHECKSRC
# a missing file among good ones: the others are still checked
chk drv.c missing.c
expect_status 2
grep -c ': warning: ' "$ERR" >"$W/n"
expect_one_line "$W/n" 2

# bad option values: exit 2, one line, nothing checked
bad() {
	msg=$1
	shift
	chk "$@"
	expect_option_error "$msg"
}
bad "unknown format 'xml' (text, json, sarif, html)" --format=xml drv.c
bad "unknown format 'JSON' (text, json, sarif, html)" --format JSON drv.c
bad "unknown format '' (text, json, sarif, html)" --format= drv.c
bad "option '--format' needs an argument" drv.c --format
bad "--fix and --fix-dry-run exclude each other" --fix --fix-dry-run drv.c
bad "unknown option '--frobnicate'" --frobnicate drv.c
bad "no input files (try --help)" --format=json
export KBUILD_CHECKSRC=1
bad "unknown format 'xml' (text, json, sarif, html)" --format=xml drv.c
echo PASS
