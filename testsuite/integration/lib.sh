# Sourced by every testsuite/integration/*.sh: the real iomemcheck on small
# files in a fresh temporary directory. The environment (set by
# CMakeLists.txt beside this file):
#   IMC   the iomemcheck binary        REPO  the source tree
# Each test cds into $T (removed on exit), writes its sources under $T/src
# and fails with `fail MESSAGE`, which shows the last run's output. $W holds
# this file's own scratch files ($OUT, $ERR: the last run's stdout, stderr).
set -eu

: "${IMC:?IMC must name the iomemcheck binary}"
: "${REPO:?REPO must name the source tree}"
INC=$REPO/mapapi/include
T=$(mktemp -d "${TMPDIR:-/tmp}/imc-int.XXXXXX")
# IMC_KEEP_TMP=1 keeps the directory for a look after a failure.
trap '[ -n "${IMC_KEEP_TMP:-}" ] || rm -rf "$T"' EXIT
W=$T/.scratch
OUT=$W/out
ERR=$W/err
mkdir "$W" "$T/src"
cd "$T"
# Messages and sort orders must not depend on the caller's locale.
LC_ALL=C
export LC_ALL

fail() {
	echo "FAIL: $*"
	for f in "$OUT" "$ERR"; do
		[ -f "$f" ] || continue
		echo "--- ${f##*/} (of the last run; first 40 lines)"
		head -n 40 "$f"
	done
	exit 1
}

# chk ARG...: runs iomemcheck with the map API on the include path and
# without the source excerpts (one "note: fix-it" line per fix-it instead);
# stdout goes to $OUT, stderr to $ERR, the exit status to $status.
chk() {
	status=0
	"$IMC" -I "$INC" -fno-diagnostics-show-caret "$@" >"$OUT" 2>"$ERR" ||
		status=$?
	echo "\$ iomemcheck $*  -> $status"
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

# expect_file FILE: FILE holds exactly the text on stdin (a here-document).
expect_file() {
	cat >"$W/expected"
	if ! cmp -s "$W/expected" "$1"; then
		echo "--- diff expected $1"
		diff -u "$W/expected" "$1" || true
		fail "$1 is not as expected"
	fi
}

# expect_same A B: byte-identical files.
expect_same() {
	cmp -s "$1" "$2" || fail "$1 and $2 differ"
}

# expect_empty FILE
expect_empty() {
	[ ! -s "$1" ] || fail "$1 is not empty"
}

# expect_one_line FILE TEXT: FILE is exactly the line TEXT.
expect_one_line() {
	printf '%s\n' "$2" | expect_file "$1"
}

# expect_dir DIR NAME...: DIR holds exactly these entries (no temporary
# files left behind).
expect_dir() {
	d=$1
	shift
	for name in "$@"; do echo "$name"; done | sort >"$W/want-ls"
	ls -A "$d" | grep -vx .scratch | sort >"$W/got-ls" || true
	cmp -s "$W/want-ls" "$W/got-ls" ||
		fail "$d holds: $(tr '\n' ' ' <"$W/got-ls"), expected: $*"
}

# Known bugs of the tool. A check that finds the buggy behaviour calls
# `xfail ID` and goes on; one that finds it fixed calls `xpass ID`, which
# fails so that the check becomes an ordinary assertion again. Anything
# else is an ordinary failure. The IDs are explained where they are used.
xfail() {
	echo "XFAIL (known bug $1)"
}

xpass() {
	fail "XPASS: known bug $1 seems fixed; turn its xfail branch into a plain assertion"
}

# new_repo DIR: a fresh git repository, with git isolated from the caller's
# configuration (no hooks, signing or templates of theirs).
new_repo() {
	HOME=$T/home
	GIT_CONFIG_NOSYSTEM=1
	GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
	GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
	export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
		GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
	mkdir -p "$HOME" "$1"
	git init -q -b main "$1"
}

# expect_option_error MESSAGE: the last run refused its command line: exit 2,
# nothing on stdout, and stderr is the one line "iomemcheck: MESSAGE".
expect_option_error() {
	expect_empty "$OUT"
	if [ "$status" = 1 ] && grep -q 'ERROR: LeakSanitizer: detected memory leaks' "$ERR" &&
		[ "$(head -n 1 "$ERR")" = "iomemcheck: $1" ]; then
		# Known bug cli-error-leak (checker/main.c main): when
		# imc_cli_parse() fails after it has collected files or flags,
		# main returns without imc_cli_free(); in the ASan build the leak
		# report turns exit status 2 into 1.
		xfail cli-error-leak
		return
	fi
	expect_status 2
	expect_one_line "$ERR" "iomemcheck: $1"
}

# plug ARG...: compiles with the GCC plugin ($PLUGIN), the map API on the
# include path and no source excerpts; like chk, stdout in $OUT, stderr in
# $ERR, the exit status in $status.
plug() {
	status=0
	"${GCC:-gcc}" -fplugin="$PLUGIN" -I "$INC" -fno-diagnostics-show-caret \
		"$@" >"$OUT" 2>"$ERR" || status=$?
	echo "\$ gcc -fplugin=iomemcheck.so $*  -> $status"
}

# diags FILE: the `file:line:col: warning|error: ...` lines of FILE (the
# findings, without fix-it notes or excerpts), in their order.
diags() {
	grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' "$1" || true
}

# same_findings: the last checker run ($ERR saved as $W/chk.err beforehand)
# and the last plugin run report the same findings, in the same order.
same_findings() {
	diags "$W/chk.err" >"$W/chk.diags"
	diags "$ERR" >"$W/plug.diags"
	if ! cmp -s "$W/chk.diags" "$W/plug.diags"; then
		diff -u "$W/chk.diags" "$W/plug.diags" || true
		fail "the checker and the plugin report different findings"
	fi
}
