# SPDX-License-Identifier: GPL-2.0-only
# Helpers shared by the robustness scripts (sourced, not run).
#
# The caller sets test_name and TMP (a scratch directory it removes).
# shellcheck disable=SC2154 # test_name, TMP: set by the caller

# fail MESSAGE: prints FAIL with the last command's output, exits 1.
fail() {
	echo "FAIL $test_name: $*"
	for f in out err; do
		if [ -s "$TMP/$f" ]; then
			echo "--- std$f"
			head -c 4000 "$TMP/$f" | cat -v
			echo
		fi
	done
	exit 1
}

# skip MESSAGE: the test cannot run here (ctest SKIP_RETURN_CODE 77).
skip() {
	echo "SKIP $test_name: $*"
	exit 77
}

# run CMD ARGS...: status in $status, output in $TMP/out and $TMP/err.
run() {
	echo "\$ $*"
	"$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
	echo "  -> exit $status"
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

expect_nonzero() {
	[ "$status" -ne 0 ] || fail "exit status 0, expected failure"
}

expect_no_stdout() {
	[ ! -s "$TMP/out" ] || fail "printed something on stdout"
}

expect_no_stderr() {
	[ ! -s "$TMP/err" ] || fail "printed something on stderr"
}

# expect_one_line REGEX: stderr is exactly one line, it matches REGEX
# (extended), and it is printable text (a binary input must not reach the
# terminal).
expect_one_line() {
	[ "$(wc -l <"$TMP/err")" -eq 1 ] ||
		fail "stderr has $(wc -l <"$TMP/err") lines, expected one"
	grep -Eq -- "$1" "$TMP/err" || fail "stderr does not match /$1/"
	! LC_ALL=C grep -q '[^[:print:][:space:]]' "$TMP/err" ||
		fail "stderr has non-printable bytes"
}

# expect_err REGEX: some line of stderr matches REGEX.
expect_err() {
	grep -Eq -- "$1" "$TMP/err" || fail "stderr does not match /$1/"
}

# expect_tool_lines N REGEX: exactly N lines of stderr are the tool's own
# ("iomemcheck: ..."), the others being findings; the first matches REGEX.
expect_tool_lines() {
	n=$(grep -c '^iomemcheck: ' "$TMP/err")
	[ "$n" -eq "$1" ] || fail "$n 'iomemcheck:' lines on stderr, expected $1"
	grep '^iomemcheck: ' "$TMP/err" | head -n 1 | grep -Eq -- "$2" ||
		fail "the 'iomemcheck:' line does not match /$2/"
}

expect_absent() {
	if [ -e "$1" ] || [ -L "$1" ]; then
		fail "$1 exists (a partial output file)"
	fi
}

# expect_no_crash: neither a sanitizer report nor a GCC internal error nor
# a death by signal (status > 128) in the last command.
expect_no_crash() {
	[ "$status" -lt 128 ] || fail "killed by signal $((status - 128))"
	! grep -Eq 'internal compiler error|Please submit a full bug report' \
		"$TMP/err" || fail "GCC internal compiler error"
	! grep -Eq 'ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:' \
		"$TMP/err" || fail "sanitizer report"
}

# asan_preload PLUGIN: the LD_PRELOAD a plugin built with -fsanitize needs
# to load into cc1 (empty for an ordinary plugin). cc1 is not instrumented,
# so the runtime must come first.
asan_preload() {
	libs=""
	if command -v readelf >/dev/null 2>&1; then
		needed=$(readelf -d "$1" 2>/dev/null)
	else
		needed=$(ldd "$1" 2>/dev/null)
	fi
	for lib in asan ubsan; do
		case $needed in
		*lib$lib.so*)
			libs="$libs $("${GCC:-gcc}" -print-file-name=lib$lib.so)" ;;
		esac
	done
	echo "${libs# }"
}

# run_plugin ARGS...: runs $GCC with -fplugin=$PLUGIN (see run). A plugin
# built with sanitizers (IMC_SANITIZE) gets its runtime preloaded; GCC's
# own allocations are not leaks to report.
run_plugin() {
	preload=$(asan_preload "$PLUGIN")
	if [ -n "$preload" ]; then
		echo "(preloading $preload)"
		run env LD_PRELOAD="$preload" \
			ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
			"$GCC" -fplugin="$PLUGIN" "$@"
	else
		run "$GCC" -fplugin="$PLUGIN" "$@"
	fi
}
