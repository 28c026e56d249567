#!/bin/sh
# integration.flags: sparse's -W flags and the rule switches.
#  - -Wsparse-error (sparse's): findings print as "error:" and exit 1, also
#    under kbuild (KBUILD_CHECKSRC=1/2) where findings otherwise exit 0;
#    -Wno-sparse-error after it cancels it (the last one wins), as sparse.
#  - -Werror: the same outside kbuild; under kbuild it is the compiler's
#    (CONFIG_WERROR puts it in c_flags) and ignored, as sparse ignores it.
#  - -Wno-RULE / -WRULE for every rule id, the last one wins; the plugin's
#    disable=RULE,... / enable=RULE,... the same, in their order.
#  - -Wno-iomem-foo (looks like ours, no such rule): one warning line,
#    ignored, the exit status as without it; the plugin refuses disable=foo.
#  - sparse's other -W flags (kbuild's CHECKFLAGS) are accepted and ignored.
. "$(dirname "$0")/lib.sh"

cd src
cat >drv.c <<'EOF2'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}

void clear(void __iomem *fb, size_t len)
{
	memset(fb, 0, len);
}
EOF2
cat >"$W/warnings" <<'EOF2'
drv.c:5:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
drv.c:5:2: note: fix-it: replace 5:2-5:18 with 'writel(mode | 1, ctrl)'
drv.c:10:2: warning: memset() on I/O memory: destination 'fb' is __iomem; use memset_io() [iomem-memfn]
drv.c:10:2: note: fix-it: replace 10:2-10:20 with 'memset_io(fb, 0, len)'
EOF2
sed 's/: warning: /: error: /' "$W/warnings" >"$W/errors"
# --fail-on=iomem-memfn: only that rule's finding is an error
sed '3s/: warning: /: error: /' "$W/warnings" >"$W/memfn-error"
sed -n 3,4p "$W/warnings" >"$W/no-deref"
sed -n 1,2p "$W/warnings" >"$W/no-memfn"
sed 's/: warning: /: error: /' "$W/no-deref" >"$W/no-deref-errors"
unset KBUILD_CHECKSRC

# expect STATUS TEXT ARG...: iomemcheck ARG... drv.c exits STATUS and
# prints exactly the file TEXT on stderr, nothing on stdout.
expect() {
	want=$1
	text=$2
	shift 2
	chk "$@" drv.c
	expect_status "$want"
	expect_empty "$OUT"
	expect_same "$ERR" "$text"
}

sparse_checkflags="-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise
-Wno-return-void -Wno-unknown-attribute --arch=x86 -mlittle-endian -m64"

for c in "" 1 2; do
	if [ -n "$c" ]; then
		export KBUILD_CHECKSRC=$c
		findings=0
		werror=0
		werror_text=$W/warnings
	else
		unset KBUILD_CHECKSRC
		findings=1
		werror=1
		werror_text=$W/errors
	fi
	expect $findings "$W/warnings"
	expect 1 "$W/errors" -Wsparse-error
	expect $findings "$W/warnings" -Wsparse-error -Wno-sparse-error
	expect 1 "$W/errors" -Wno-sparse-error -Wsparse-error
	expect $werror "$werror_text" -Werror
	expect $findings "$W/warnings" -Werror -Wno-error
	expect 1 "$W/errors" -Werror -Wsparse-error
	expect 0 "$W/errors" -Wsparse-error --exit-zero
	expect 1 "$W/memfn-error" -Wsparse-error --fail-on=iomem-memfn
	expect 0 "$W/warnings" -Wsparse-error --fail-on=map-flag-mismatch
	# shellcheck disable=SC2086 # kbuild's flags, one word each
	expect 1 "$W/errors" $sparse_checkflags -Wsparse-error -Wsparse-all \
		-Wno-address-space -Wcontext -Wno-decl
	# the rule switches, last one wins
	expect $findings "$W/no-deref" -Wno-iomem-deref
	expect $findings "$W/no-memfn" -Wno-iomem-memfn
	expect $findings "$W/warnings" -Wno-iomem-deref -Wiomem-deref
	expect $findings "$W/no-deref" -Wiomem-deref -Wno-iomem-deref
	expect 0 /dev/null -Wno-iomem-deref -Wno-iomem-memfn
	expect 0 /dev/null -Wno-iomem-deref -Wno-iomem-memfn -Wsparse-error
	expect 1 "$W/no-deref-errors" -Wno-iomem-deref -Wsparse-error \
		--fail-on=iomem-memfn
done
unset KBUILD_CHECKSRC

# looks like ours, is not a rule: a warning, ignored
for flag in -Wno-iomem-foo -Wiomem-derefs -Wno-map-vaddr -Wno-iomemcheck; do
	{
		echo "iomemcheck: warning: $flag: no such rule (see --list-rules); ignored"
		cat "$W/warnings"
	} >"$W/typo"
	expect 1 "$W/typo" "$flag"
done
# GCC's and sparse's own flags that are not ours: silently ignored
expect 1 "$W/warnings" -Wno-address-of-packed-member -Wno-maybe-uninitialized \
	-Wshadow -Wno-shadow -Wall -Werror=implicit-function-declaration

# ---- the plugin: disable=, enable=, in order; the same findings
P=-fplugin-arg-iomemcheck
plug "$P-disable=iomem-deref" -c drv.c -o drv.o
expect_status 0
diags "$ERR" >"$W/plug.diags"
grep -v ': note: ' "$W/no-deref" | expect_file "$W/plug.diags"
plug "$P-disable=iomem-deref,iomem-memfn" -c drv.c -o drv.o
expect_status 0
expect_empty "$ERR"
plug "$P-disable=iomem-deref,iomem-memfn" "$P-enable=iomem-memfn" -c drv.c -o drv.o
expect_status 0
diags "$ERR" >"$W/plug.diags"
grep -v ': note: ' "$W/no-deref" | expect_file "$W/plug.diags"
plug "$P-enable=iomem-deref" "$P-disable=iomem-deref" "$P-werror" -c drv.c -o drv.o
expect_status 1
diags "$ERR" >"$W/plug.diags"
grep -v ': note: ' "$W/no-deref-errors" | expect_file "$W/plug.diags"
plug "$P-disable=iomem-foo" -c drv.c -o drv.o
expect_status 1
grep -qx "cc1: error: '$P-disable': unknown rule 'iomem-foo' (see 'iomemcheck --list-rules')" "$ERR" ||
	fail "plugin: unknown rule in disable="
plug "$P-disable" -c drv.c -o drv.o
expect_status 1
grep -qx "cc1: error: option '$P-disable' needs a value" "$ERR" ||
	fail "plugin: disable without a value"
echo PASS
