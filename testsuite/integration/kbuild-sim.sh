#!/bin/sh
# integration.kbuild-sim: iomemcheck as kbuild's CHECK tool.
#  1. The command kbuild runs for `make C=1` (`$(CHECK) $(CHECKFLAGS)
#     $(c_flags) file.c`, KBUILD_CHECKSRC=1 in the environment): exit 0 like
#     sparse, the findings on stderr, nothing on stdout, and neither the
#     dependency file of -Wp,-MMD nor the object of -o written. With
#     CF=--werror in CHECKFLAGS: exit 1.
#  2. The same through make, with a miniature of kbuild's rule (the compile,
#     then the check; .DELETE_ON_ERROR): `make C=1 CHECK=iomemcheck` builds
#     and shows the findings; `CF=--werror` stops the build and the object is
#     deleted; without C= the checker does not run; CF="--rules FILE" adds
#     a project rule. The plugin through KCFLAGS (with its rules= argument)
#     reports the same findings during the build. These are the commands of
#     docs/kbuild.md.
# With IMC_ENGINE_ARGS="--engine=gcc --plugin=PLUGIN" (integration.kbuild-
# sim-gcc) every check runs through the GCC engine instead, with the same
# expectations.
# The map API headers need the C library's, so -nostdinc is followed by
# GCC's and the C library's include directories (as kbuild before 5.16 added
# GCC's with -isystem).
. "$(dirname "$0")/lib.sh"

command -v make >/dev/null || fail "make not found (scripts/install-deps)"
ENGINE=${IMC_ENGINE_ARGS:-}
GCC_INC=$(gcc -print-file-name=include)
MULTIARCH=$(gcc -print-multiarch)
cd src
cat >foo.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/io.h>

#ifndef __KERNEL__
#error "no -D__KERNEL__"
#endif

const char foo_name[] = KBUILD_MODNAME;

void foo_start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}
EOF

# ---- 1. the command line kbuild runs
# CHECKFLAGS and c_flags as kbuild has them (x86-64 defconfig with GCC 12,
# trimmed; only options that GCC accepts, as the GCC engine passes them on):
# words for the shell, -DKBUILD_MODNAME='"foo"' included.
CHECKFLAGS="-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise \
-Wno-return-void -Wno-unknown-attribute --arch=x86 -mlittle-endian -m64"
c_flags=$(tr '\n' ' ' <<EOF
-Wp,-MMD,./.foo.o.d -nostdinc -isystem $GCC_INC -I$INC
-idirafter /usr/include/$MULTIARCH -idirafter /usr/include
-include $INC/linux/compiler_types.h -D__KERNEL__ -std=gnu11
-fmacro-prefix-map=./= -Wall -Wundef -Werror=strict-prototypes
-Wno-trigraphs -fno-strict-aliasing -fno-common -fshort-wchar -fno-PIE
-Werror=implicit-function-declaration -funsigned-char -mno-sse -mno-mmx
-mno-80387 -mno-red-zone -mcmodel=kernel -mindirect-branch=thunk-extern
-mfunction-return=thunk-extern -fno-jump-tables -mharden-sls=all
-fpatchable-function-entry=16,16 -O2 -fno-allow-store-data-races
--param max-inline-insns-single=600 -fstack-protector-strong -g -gdwarf-5
-pg -mrecord-mcount -mfentry -DCC_USING_FENTRY -fno-strict-overflow
-fconserve-stack -DKBUILD_MODFILE='"drivers/foo/foo"' -DKBUILD_BASENAME='"foo"'
-DKBUILD_MODNAME='"foo"' -D__KBUILD_MODNAME=kmod_foo
EOF
)
# run_check [CF]: what make's shell runs for the recipe.
run_check() {
	status=0
	eval "\"\$IMC\" \$ENGINE $CHECKFLAGS $* $c_flags foo.c" >"$OUT" 2>"$ERR" || status=$?
	echo "\$ KBUILD_CHECKSRC=$KBUILD_CHECKSRC iomemcheck \$CHECKFLAGS $* \$c_flags foo.c -> $status"
}
cat >"$W/findings" <<'EOF'
foo.c:12:2: warning: plain store through __iomem pointer 'ctrl'; use writel() [iomem-deref]
foo.c:12:2: note: fix-it: replace 12:2-12:18 with 'writel(mode | 1, ctrl)'
    12 |         *ctrl = mode | 1;
       |         ^~~~~~~~~~~~~~~~
       |         writel(mode | 1, ctrl)
EOF

export KBUILD_CHECKSRC=1
run_check
expect_status 0
expect_empty "$OUT"
expect_same "$ERR" "$W/findings"
expect_dir . foo.c
run_check --werror
expect_status 1
expect_same "$ERR" "$W/findings"
KBUILD_CHECKSRC=2
run_check
expect_status 0
expect_dir . foo.c
unset KBUILD_CHECKSRC

# ---- 2. through make, and the GCC plugin through KCFLAGS
: "${PLUGIN:?PLUGIN must name iomemcheck.so}"
[ -f "$PLUGIN" ] || fail "$PLUGIN: the GCC plugin is not built"
# bar.c's finding needs a project rule: foo_regs() returns I/O memory
cat >bar.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/io.h>

void *foo_regs(void);

void bar_poke(void)
{
	u32 *r = foo_regs();

	*r = 1;
}
EOF
echo 'io-source  foo_regs' >"$T/foo.rules"
cat >Makefile <<EOF
# A miniature of kbuild's checker hook (Makefile, scripts/Makefile.build):
# C=1 sets KBUILD_CHECKSRC; each object is compiled, then checked with
# CHECKFLAGS (CF appended) and the compile's own flags. KCFLAGS goes to the
# compiler only.
ifeq ("\$(origin C)", "command line")
  KBUILD_CHECKSRC = \$(C)
endif
KBUILD_CHECKSRC ?= 0
export KBUILD_CHECKSRC
CHECK = sparse
CHECKFLAGS := -D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise \\
	-Wno-return-void -Wno-unknown-attribute \$(CF) --arch=x86 -mlittle-endian -m64
c_flags = -Wp,-MMD,\$(dir \$@).\$(notdir \$@).d -nostdinc -isystem $GCC_INC \\
	-I$INC -idirafter /usr/include/$MULTIARCH -idirafter /usr/include \\
	-include $INC/linux/compiler_types.h -D__KERNEL__ -std=gnu11 -O2 \\
	-fno-PIE -mno-red-zone -mcmodel=kernel -fno-strict-aliasing \$(KCFLAGS) \\
	-DKBUILD_BASENAME='"\$(basename \$@)"' -DKBUILD_MODNAME='"foo"'

.DELETE_ON_ERROR:
all: foo.o bar.o
%.o: %.c
	\$(CC) \$(c_flags) -c -o \$@ \$<
	@if [ "\$(KBUILD_CHECKSRC)" != 0 ]; then echo "  CHECK   \$<"; \\
	  \$(CHECK) \$(CHECKFLAGS) \$(c_flags) \$<; fi
EOF
# make_run ARG...: make's status in $status, its output in $OUT, $ERR, the
# findings (FILE:LINE:COL RULE, of the checker or the plugin) in $W/found.
make_run() {
	rm -f ./*.o ./.*.o.d
	status=0
	make -s CC=gcc "$@" >"$OUT" 2>"$ERR" || status=$?
	sed -n 's/^\([^ ]*:[0-9]*:[0-9]*\): warning: .*\[\(.*\)\]$/\1 \2/p' \
		"$ERR" >"$W/found"
	echo "\$ make $* -> $status"
}
make_run C=1 CHECK="$IMC $ENGINE"
expect_status 0
expect_same "$ERR" "$W/findings"
expect_file "$OUT" <<'EOF'
  CHECK   foo.c
  CHECK   bar.c
EOF
[ -f foo.o ] && [ -f bar.o ] || fail "make C=1: no foo.o, bar.o"
head -n 1 .foo.o.d | grep -q '^foo.o: foo.c' || fail "the dependency file is not GCC's"

make_run C=1 CHECK="$IMC $ENGINE" CF="--rules $T/foo.rules"
expect_status 0
expect_file "$W/found" <<'EOF'
foo.c:12:2 iomem-deref
bar.c:10:2 iomem-deref
EOF

make_run C=2 CHECK="$IMC $ENGINE" CF=--werror
expect_status 2
grep -q '^make: \*\*\* \[Makefile:[0-9]*: foo.o\] Error 1$' "$ERR" ||
	fail "make did not stop on the checker's exit status 1"
head -n 5 "$ERR" >"$W/head"
expect_same "$W/head" "$W/findings"
[ ! -e foo.o ] || fail "make C=2 CF=--werror: foo.o kept"

make_run CHECK="$IMC $ENGINE"
expect_status 0
expect_empty "$OUT"
expect_empty "$ERR"
[ -f foo.o ] && [ -f bar.o ] || fail "make: no foo.o, bar.o"

# the plugin reports during the compile itself, the same findings
make_run KCFLAGS="-fplugin=$PLUGIN"
expect_status 0
expect_one_line "$W/found" "foo.c:12:2 iomem-deref"
make_run KCFLAGS="-fplugin=$PLUGIN -fplugin-arg-iomemcheck-rules=$T/foo.rules"
expect_status 0
expect_file "$W/found" <<'EOF'
foo.c:12:2 iomem-deref
bar.c:10:2 iomem-deref
EOF
[ -f foo.o ] && [ -f bar.o ] || fail "make KCFLAGS=-fplugin=...: no objects"
echo PASS
