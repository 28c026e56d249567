#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The command-line contract of iomemcheck, one test per name:
#   sh cli.sh TEST IOMEMCHECK TESTS_DIR
# Exit status: 0 no findings, 1 findings, 2 tool error (with a one-line
# message on stderr).

set -u
test_name=$1
IMC=$2
TESTS=$3
DATA=$TESTS/data
TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The include flags every check of the data files needs (as kbuild's
# -include of compiler_types.h).
INC="-I $DATA/include -include $DATA/include/linux/compiler_types.h"

fail() {
	echo "FAIL $test_name: $*"
	echo "--- stdout"; cat "$TMP/out"
	echo "--- stderr"; cat "$TMP/err"
	exit 1
}

# run ARGS...: runs iomemcheck, status in $status, output in $TMP/out, err
run() {
	"$IMC" "$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
	echo "\$ iomemcheck $*  -> exit $status"
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

# expect_err_line REGEX: stderr is exactly one line, matching REGEX
expect_err_line() {
	[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "stderr is not one line"
	grep -Eq "$1" "$TMP/err" || fail "stderr does not match /$1/"
}

expect_err() {
	grep -Eq "$1" "$TMP/err" || fail "stderr does not match /$1/"
}

# A kbuild command line: CHECKFLAGS, then c_flags of an x86-64 build.
kbuild_flags() {
	cat <<EOF
-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise -Wno-return-void
-Wno-unknown-attribute --arch=x86 -mlittle-endian -m64
-Wp,-MMD,$TMP/.drv.o.d -nostdinc -I$DATA/include -I $DATA/include
-include $DATA/include/linux/compiler_types.h -D__KERNEL__ -std=gnu11
-fmacro-prefix-map=./= -Wall -Wundef -Werror=strict-prototypes
-Wno-trigraphs -fno-strict-aliasing -fno-common -fshort-wchar -fno-PIE
-Werror=implicit-function-declaration -Werror=implicit-int
-Werror=return-type -Wno-format-security -funsigned-char -mno-sse -mno-mmx
-mno-sse2 -mno-3dnow -mno-avx -fcf-protection=none -falign-jumps=1
-falign-loops=1 -mno-80387 -mno-fp-ret-in-387 -mpreferred-stack-boundary=3
-mskip-rax-setup -mtune=generic -mno-red-zone -mcmodel=kernel
-mindirect-branch=thunk-extern -mindirect-branch-register
-mfunction-return=thunk-extern -fno-jump-tables -mharden-sls=all
-fpatchable-function-entry=16,16 -fno-delete-null-pointer-checks -O2
--param=allow-store-data-races=0 --param max-inline-insns-single=600
-fstack-protector-strong -g -gdwarf-5 -pg -mrecord-mcount -mfentry
-DCC_USING_FENTRY -fno-strict-overflow -fno-stack-check -fconserve-stack
-Werror=date-time -DKBUILD_MODFILE="drivers/x/drv" -DKBUILD_BASENAME="drv"
-DKBUILD_MODNAME="drv" -D__KBUILD_MODNAME=kmod_drv -c -o $TMP/drv.o
EOF
}

# compile_commands.json for drv.c and clean.c, run from $DATA.
write_compile_db() {
	cat >"$TMP/compile_commands.json" <<EOF
[
  { "directory": "$DATA",
    "arguments": ["gcc", "-Wp,-MMD,$TMP/.drv.o.d", "-I", "include",
                  "-include", "include/linux/compiler_types.h",
                  "-O2", "-fno-PIE", "-mcmodel=kernel", "-c", "-o", "$TMP/drv.o",
                  "drv.c"],
    "file": "drv.c" },
  { "directory": "$DATA",
    "command": "cc -Iinclude -include include/linux/compiler_types.h -c -o $TMP/clean.o clean.c",
    "file": "clean.c" }
]
EOF
}


# target.c: parses only for the target its -DWANT_ names (a #error or a
# _Static_assert otherwise), and has one finding (line 18) to show that it
# was checked: aarch64 (LP64, little-endian), armbe (32 bits, big-endian),
# ppc64be, ppc64le.
write_target_file() {
	cat >"$TMP/target.c" <<'EOF'
#define __iomem __attribute__((noderef, address_space(__iomem)))
#if defined(WANT_aarch64)
#ifndef __aarch64__
#error "not parsed for aarch64"
#endif
_Static_assert(sizeof(long) == 8, "LP64");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "little-endian");
#elif defined(WANT_armbe)
_Static_assert(sizeof(long) == 4 && __arm__, "32-bit arm");
_Static_assert(__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__, "big-endian");
#elif defined(WANT_ppc64be)
_Static_assert(sizeof(long) == 8 && __powerpc64__, "ppc64");
_Static_assert(__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__, "big-endian");
#elif defined(WANT_ppc64le)
_Static_assert(sizeof(long) == 8 && __powerpc64__, "ppc64");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "little-endian");
#endif
int status(int __iomem *regs) { return *regs; }
EOF
}

# write_target_db COMPILER... WANT [FLAG...]: a database of target.c built
# by COMPILER (one word, or `ccache` and the compiler) with -DWANT_$WANT
# and the FLAGs
write_target_db() {
	cmd="\"$1\","
	shift
	if [ "$cmd" = '"ccache",' ]; then
		cmd="$cmd \"$1\","
		shift
	fi
	want=$1
	shift
	for f in "$@"; do cmd="$cmd \"$f\","; done
	cat >"$TMP/compile_commands.json" <<EOF
[ { "directory": "$TMP",
    "arguments": [$cmd "-DWANT_$want", "-c", "-o", "target.o", "target.c"],
    "file": "target.c" } ]
EOF
}

# the finding of target.c: it was parsed (for the right target) and checked
expect_target_checked() {
	expect_status 1
	expect_err "^$TMP/target.c:18:[0-9]+: warning: .*\[iomem-deref\]$"
}

case $test_name in
missing-file)
	run $INC "$TMP/no-such-file.c"
	expect_status 2
	expect_err_line "^iomemcheck: $TMP/no-such-file.c: No such file or directory$"
	;;
syntax-error)
	run $INC "$DATA/syntax.c"
	expect_status 2
	expect_err_line "^$DATA/syntax.c:4:[0-9]+: error: "
	;;
unknown-long-option)
	run --frobnicate $INC "$DATA/clean.c"
	expect_status 2
	expect_err_line "^iomemcheck: unknown option '--frobnicate'$"
	;;
unreadable-rules)
	run --rules "$TMP/missing.rules" $INC "$DATA/clean.c"
	expect_status 2
	expect_err_line "^iomemcheck: $TMP/missing.rules"
	;;
bad-rules-line)
	run --rules "$DATA/bad.rules" $INC "$DATA/clean.c"
	expect_status 2
	expect_err_line "^iomemcheck: $DATA/bad.rules:3: "
	;;
kbuild-command-line)
	# ~50 GCC-only flags are ignored; the finding is reported; neither the
	# dependency file (-Wp,-MMD,...) nor the object file (-o) is written.
	run $(kbuild_flags) "$DATA/drv.c"
	expect_status 1
	expect_err "^$DATA/drv.c:17:[0-9]+: warning: .*\[iomem-deref\]$"
	[ ! -e "$TMP/.drv.o.d" ] || fail "wrote the dependency file"
	[ ! -e "$TMP/drv.o" ] || fail "wrote the object file"
	;;
exit-zero)
	# kbuild stops (and deletes the object) when CHECK fails: sparse exits 0
	# with warnings, --exit-zero does the same; tool errors still count
	run --exit-zero $(kbuild_flags) "$DATA/drv.c"
	expect_status 0
	expect_err "^$DATA/drv.c:17:[0-9]+: warning: "
	run --exit-zero $INC "$DATA/syntax.c"
	expect_status 2
	;;
no-dependency-file)
	# the same with the clean file: nothing printed, nothing written
	run $(kbuild_flags) "$DATA/clean.c"
	expect_status 0
	[ ! -s "$TMP/err" ] || fail "printed something"
	[ ! -e "$TMP/.drv.o.d" ] || fail "wrote the dependency file"
	;;
compile-db)
	write_compile_db
	run -p "$TMP"
	expect_status 1
	# entries relative to their directory are reported by absolute name
	expect_err "^/.*/drv.c:17:[0-9]+: warning: .*\\[iomem-deref\\]$"
	[ ! -e "$TMP/.drv.o.d" ] || fail "wrote the dependency file"
	;;
compile-db-one-file)
	write_compile_db
	run -p "$TMP" "$DATA/clean.c"
	expect_status 0
	[ ! -s "$TMP/err" ] || fail "printed something"
	;;
compile-db-unlisted-file)
	# a file the database does not list gets the flags of a listed one
	# (libclang interpolates, as clang-tidy does): header-error.c needs
	# drv.c's -I and -include to parse (the note on the header's error
	# shows it was parsed with them; it needs the full parse, which sees
	# that inline function's body)
	write_compile_db
	IOMEMCHECK_SKIP_HEADER_BODIES=0
	export IOMEMCHECK_SKIP_HEADER_BODIES
	run -p "$TMP" "$DATA/header-error.c"
	expect_status 0
	expect_err "note: 1 error\\(s\\) in included files"
	run -p "$TMP" "$DATA/no-such-file.c"
	expect_status 2
	expect_err_line "^iomemcheck: $DATA/no-such-file.c: No such file or directory$"
	;;
compile-db-missing)
	run -p "$TMP/nowhere" "$DATA/clean.c"
	expect_status 2
	expect_err_line "^iomemcheck: $TMP/nowhere/compile_commands.json: No such file or directory$"
	;;
compile-db-cross-target)
	# the target of a cross build's database is the compiler's
	write_target_file
	write_target_db aarch64-linux-gnu-gcc aarch64 -mlittle-endian
	run -p "$TMP"
	expect_target_checked
	write_target_db /usr/bin/powerpc64-linux-gnu-gcc-12 ppc64be
	run -p "$TMP"
	expect_target_checked
	write_target_db ccache armeb-linux-gnueabi-gcc armbe
	run -p "$TMP"
	expect_target_checked
	# kbuild's c_flags turn the byte order: ppc64le and big-endian arm
	write_target_db powerpc64-linux-gnu-gcc ppc64le -mlittle-endian
	run -p "$TMP"
	expect_target_checked
	write_target_db arm-linux-gnueabi-gcc armbe -mbig-endian
	run -p "$TMP"
	expect_target_checked
	# the host compiler parses for the host: the aarch64 file fails
	write_target_db gcc aarch64
	run -p "$TMP"
	expect_status 2
	expect_err 'error: "not parsed for aarch64"'
	;;
compile-db-target-option)
	# --target and --arch on our command line win over the database's
	write_target_file
	write_target_db gcc aarch64
	run -p "$TMP" --target=aarch64-linux-gnu
	expect_target_checked
	run -p "$TMP" --arch=arm64
	expect_target_checked
	write_target_db aarch64-linux-gnu-gcc ppc64be
	run -p "$TMP"
	expect_status 2
	run -p "$TMP" --arch=powerpc64
	expect_target_checked
	run -p "$TMP" --target=powerpc64-linux-gnu
	expect_target_checked
	run -p "$TMP" --target=powerpc64-linux-gnu -mlittle-endian
	expect_status 2
	expect_err "big-endian"
	;;
arch-endian)
	# sparse's --arch= names with its byte order, turned by -mbig-endian
	# and -mlittle-endian as kbuild's CHECKFLAGS give them
	write_target_file
	run --arch=powerpc -m64 -DWANT_ppc64be "$TMP/target.c"
	expect_target_checked
	run --arch=powerpc -mbig-endian -m64 -DWANT_ppc64be "$TMP/target.c"
	expect_target_checked
	run --arch=powerpc -mlittle-endian -m64 -DWANT_ppc64le "$TMP/target.c"
	expect_target_checked
	run --arch=ppc64 -mlittle-endian -DWANT_ppc64le "$TMP/target.c"
	expect_target_checked
	run --arch=arm -mbig-endian -DWANT_armbe "$TMP/target.c"
	expect_target_checked
	run --arch=arm64 -mlittle-endian -m64 -DWANT_aarch64 "$TMP/target.c"
	expect_target_checked
	run --arch=arm64 -mbig-endian -m64 -DWANT_aarch64 "$TMP/target.c"
	expect_status 2
	expect_err "little-endian"
	;;
version)
	run --version
	expect_status 0
	grep -Eq "^iomemcheck [0-9]+\.[0-9]+" "$TMP/out" || fail "no version on stdout"
	;;
help)
	run --help
	expect_status 0
	grep -q -- "--rules FILE" "$TMP/out" || fail "--help does not list --rules"
	;;
list-rules)
	run --list-rules
	expect_status 0
	grep -Eq "^iomem-deref " "$TMP/out" || fail "iomem-deref not listed"
	;;
dump-ir)
	run --dump-ir $INC "$DATA/clean.c"
	expect_status 0
	grep -q "^func read_status @5:5 (status: ptr8(__iomem int4))$" "$TMP/out" ||
		fail "no IR of read_status"
	grep -q "call 'readl' : int4 @7:9 \[7:9-7:22)" "$TMP/out" ||
		fail "no call to readl with its range"
	;;
header-errors-tolerated)
	# an error in an inline function of a header costs that function
	# only: one note, then the file is checked; by default the header's
	# bodies are skipped (checker/parse.c), and so is the error
	run $INC "$DATA/header-error.c"
	expect_status 0
	[ ! -s "$TMP/err" ] || fail "printed something with the bodies skipped"
	IOMEMCHECK_SKIP_HEADER_BODIES=0
	export IOMEMCHECK_SKIP_HEADER_BODIES
	run $INC "$DATA/header-error.c"
	expect_status 0
	expect_err "^iomemcheck: $DATA/header-error.c: note: 1 error\(s\) in included files, 1 function\(s\) there not checked"
	expect_err "broken.h:6:13: error: use of undeclared identifier 'not_declared_anywhere'"
	;;
multiple-files)
	run $INC "$DATA/clean.c" "$DATA/drv.c"
	expect_status 1
	expect_err "drv.c:17:"
	run $INC "$DATA/drv.c" "$TMP/missing.c"
	expect_status 2
	expect_err "drv.c:17:"
	expect_err "^iomemcheck: $TMP/missing.c: No such file or directory$"
	;;
*)
	echo "cli.sh: unknown test '$test_name'"
	exit 2
	;;
esac
echo "PASS $test_name"
exit 0
