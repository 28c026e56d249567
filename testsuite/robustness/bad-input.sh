#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Bad input to either front end, one test per name:
#   sh bad-input.sh TEST IOMEMCHECK PLUGIN GCC
#
# The contract (README "Exit status", issue 6): the tool could not do its
# job -> exit 2, exactly one line on stderr that says why and names the
# file, nothing on stdout, and no output file at all (not even an empty
# report) where `--format=json -o out.json` asked for one. --fix refuses
# without touching the file and leaves no temporary file behind. The GCC
# plugin turns the same problems into GCC errors (nonzero exit, no object
# file) and never an internal compiler error.
#
# Prints what it runs; exits 0 (PASS) or 1 (FAIL ...).

set -u
test_name=$1
IMC=$2
PLUGIN=$3
GCC=$4
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/data
TMP=$(mktemp -d "${TMPDIR:-/tmp}/imc-robust.XXXXXX")
trap 'chmod -R u+rwX "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
export LC_ALL=C
. "$HERE/lib.sh"

# A binary file to feed as C: an ELF executable.
BINARY=/bin/true
[ -f "$BINARY" ] || BINARY=$IMC

# The scratch directory holds copies of the data, so relative names in the
# messages are predictable.
cp "$DATA"/io.h "$DATA"/drv.c "$DATA"/clean.c "$DATA"/syntax.c \
	"$DATA"/bad.rules "$TMP"/
cd "$TMP" || exit 1

# check ARGS...: the checker with a JSON report requested into out.json.
check() {
	rm -f out.json
	run "$IMC" --format=json -o out.json "$@"
}

# expect_tool_error REGEX: the whole contract for a single bad input.
expect_tool_error() {
	expect_status 2
	expect_one_line "$1"
	expect_no_stdout
	expect_absent out.json
	expect_no_leftovers
}

# No temporary files (report or --fix) left anywhere in the scratch tree.
expect_no_leftovers() {
	left=$(find "$TMP" -name '*.tmp-*' -o -name '*.iomemcheck-*' | head -n 3)
	[ -z "$left" ] || fail "temporary files left behind: $left"
}

# --fix: the file is byte for byte what it was.
expect_unchanged() {
	cmp -s "$1" "$2" || fail "$1 was changed"
}

case $test_name in

# ---- the checker ----

missing-file)
	check nosuch.c
	expect_tool_error '^iomemcheck: nosuch\.c: No such file or directory$'
	check "$TMP/nosuch.c"
	expect_tool_error "^iomemcheck: $TMP/nosuch\\.c: "
	;;
missing-file-among-others)
	# One missing file among good ones: the findings of the others are
	# printed, but the run failed: exit 2 and still no report file.
	check drv.c nosuch.c clean.c
	expect_status 2
	expect_err '^drv\.c:8:2: warning: '
	expect_tool_lines 1 '^iomemcheck: nosuch\.c: No such file or directory$'
	expect_absent out.json
	;;
not-a-source)
	# What libclang only answers with an error number (4): said before it
	# sees the file, by both engines.
	mkdir dir
	for engine in "" --engine=gcc; do
		check $engine dir
		expect_tool_error '^iomemcheck: dir: Is a directory$'
		check $engine dir/
		expect_tool_error '^iomemcheck: dir/: Is a directory$'
		check $engine /dev/zero
		expect_tool_error '^iomemcheck: /dev/zero: not a regular file$'
		echo 'not C' >notes.txt
		check $engine notes.txt
		expect_tool_error '^iomemcheck: notes\.txt: not a C file \(a name ending in \.c, \.h or \.i, or -x c\)$'
	done
	# a FIFO is refused without being opened (an open would wait)
	mkfifo pipe.c
	run timeout 20 "$IMC" pipe.c
	expect_tool_error '^iomemcheck: pipe\.c: not a regular file$'
	# -x c: the name does not matter
	cp clean.c clean.txt
	run "$IMC" -x c clean.txt
	expect_status 0
	expect_no_stderr
	# unreadable: root reads anything, so as nobody where possible
	cp clean.c secret.c && chmod 000 secret.c
	if [ "$(id -u)" -ne 0 ]; then
		check secret.c
		expect_tool_error '^iomemcheck: secret\.c: Permission denied$'
	elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
	     chmod 755 "$TMP" &&
	     setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		test -x "$IMC"; then
		run setpriv --reuid=nobody --regid="$(id -g nobody)" \
			--clear-groups "$IMC" secret.c
		expect_tool_error '^iomemcheck: secret\.c: Permission denied$'
	else
		echo "NOTE: unreadable source not tested (root without setpriv/nobody)"
	fi
	;;
syntax-error)
	check syntax.c
	expect_tool_error '^syntax\.c:7:[0-9]+: error: '
	;;
unknown-option)
	check --frobnicate clean.c
	expect_tool_error "^iomemcheck: unknown option '--frobnicate'\$"
	check clean.c --rules
	expect_tool_error "^iomemcheck: option '--rules' needs an argument\$"
	check --format=xml clean.c
	expect_tool_error "^iomemcheck: unknown format 'xml'"
	;;
option-values)
	# values that cannot work are errors, not silently nothing: a rule
	# name misspelt in --fail-on would turn a CI gate off
	check --fail-on iomem-derf drv.c
	expect_tool_error "^iomemcheck: .*iomem-derf"
	# git's own complaint must not make it two lines
	check --diff no-such-revision drv.c
	expect_tool_error "^iomemcheck: .*no-such-revision"
	;;
binary-file)
	cp "$BINARY" x.c
	check x.c
	expect_tool_error '^x\.c:[0-9]+:[0-9]+: error: '
	# the same bytes behind a header name: errors in headers only cost
	# their functions (checker.header-errors-tolerated), so exit 0 with
	# a note; but no binary bytes on the terminal
	cp x.c bin.h
	printf '#include "bin.h"\nint f(void) { return 0; }\n' >inc.c
	check inc.c
	expect_status 0
	expect_no_stdout
	expect_err '^iomemcheck: inc\.c: note: [0-9]+ error\(s\) in included files'
	! grep -q '[^[:print:][:space:]]' "$TMP/err" ||
		fail "binary bytes on stderr"
	;;
empty-file)
	# Nothing to check is not an error: exit 0, silent.
	: >empty.c
	run "$IMC" empty.c
	expect_status 0
	expect_no_stdout
	expect_no_stderr
	check empty.c
	expect_status 0
	expect_no_stdout
	expect_no_stderr
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(len(r["findings"]) != 0)' \
		out.json || fail "out.json is not a report without findings"
	;;
rules-unreadable)
	# root reads any file whatever its mode: a missing path and a
	# directory are what cannot be read here.
	check --rules nosuch.rules clean.c
	expect_tool_error '^iomemcheck: nosuch\.rules: No such file or directory$'
	mkdir rules.d
	check --rules rules.d clean.c
	expect_tool_error '^iomemcheck: rules\.d(:[0-9]+)?: Is a directory$'
	IOMEMCHECK_RULES_DIR=$TMP/nowhere check clean.c
	expect_tool_error "^iomemcheck: $TMP/nowhere: No such file or directory\$"
	# a device is refused before it is read (/dev/zero would fill the
	# memory), a file over the cap by its size
	check --rules /dev/zero clean.c
	expect_tool_error '^iomemcheck: /dev/zero: not a regular file$'
	truncate -s 17M huge.rules
	check --rules huge.rules clean.c
	expect_tool_error '^iomemcheck: huge\.rules: larger than the limit of 16 MiB$'
	# a pipe (a shell's <(...)) is read, and stops at the cap
	mkfifo rules.fifo
	(head -c 17M /dev/zero >rules.fifo 2>/dev/null &)
	check --rules rules.fifo clean.c
	expect_tool_error '^iomemcheck: rules\.fifo: larger than the limit of 16 MiB$'
	;;
baseline-unusable)
	# --baseline and --merge read JSON a user names: no device, no
	# directory, nothing over 1 GiB (by its size: truncate makes a sparse
	# file); a pipe is still read (--baseline <(git show main:known.json))
	mkdir base.d
	for opt in --baseline --merge; do
		check $opt /dev/zero drv.c
		expect_tool_error '^iomemcheck: /dev/zero: not a regular file$'
		check $opt base.d drv.c
		expect_tool_error '^iomemcheck: base\.d: Is a directory$'
	done
	truncate -s 1025M huge.json
	check --baseline huge.json drv.c
	expect_tool_error '^iomemcheck: huge\.json: larger than the limit of 1024 MiB$'
	run sh -c "'$IMC' --write-baseline known.json drv.c >/dev/null 2>&1;
		cat known.json | '$IMC' --baseline /dev/stdin drv.c"
	expect_status 0
	expect_no_stderr
	;;
rules-malformed)
	check --rules bad.rules clean.c
	expect_tool_error "^iomemcheck: bad\\.rules:4: map-set needs a C identifier"
	# a NUL byte is named as such, on its line
	printf 'accessor readl\naccessor wri\000tel\n' >nul.rules
	check --rules nul.rules clean.c
	expect_tool_error '^iomemcheck: nul\.rules:2: NUL byte'
	# the last line without its newline still counts
	printf 'accessor readl\nfrobnicate x' >nonl.rules
	check --rules nonl.rules clean.c
	expect_tool_error "^iomemcheck: nonl\\.rules:2: unknown directive 'frobnicate'\$"
	# the directives of issue 11: one line, the file and line, exit 2
	printf 'io-source f mem=sometimes\n' >mem.rules
	check --rules mem.rules clean.c
	expect_tool_error "^iomemcheck: mem\\.rules:1: mem=sometimes: expected mem=io or mem=maybe\$"
	printf 'io-field nodot\n' >field.rules
	check --rules field.rules clean.c
	expect_tool_error "^iomemcheck: field\\.rules:1: io-field needs STRUCT.MEMBER after it\$"
	# le-to-cpu (issue 20): one width of 2, 4, 8, and nothing else
	printf 'le-to-cpu le32_to_cpu\n' >le.rules
	check --rules le.rules clean.c
	expect_tool_error "^iomemcheck: le\\.rules:1: le-to-cpu needs size=N\$"
	printf 'le-to-cpu le32_to_cpu size=3\n' >le.rules
	check --rules le.rules clean.c
	expect_tool_error "^iomemcheck: le\\.rules:1: size=3: expected 2, 4 or 8\$"
	printf 'le-to-cpu le32_to_cpu width=4\n' >le.rules
	check --rules le.rules clean.c
	expect_tool_error "^iomemcheck: le\\.rules:1: unknown key 'width' \\(size\\)\$"
	printf 'generation old if=a\ngeneration old if=b\n' >gen.rules
	check --rules gen.rules clean.c
	expect_tool_error "^iomemcheck: gen\\.rules:2: generation 'old' is defined twice\$"
	printf 'generation old when=a\n' >gen2.rules
	check --rules gen2.rules clean.c
	expect_tool_error "^iomemcheck: gen2\\.rules:1: generation: 'when=a' is not if=SYMBOL or unless=SYMBOL"
	check --api=pre-5.9 clean.c
	expect_tool_error "^iomemcheck: --api: unknown API generation 'pre-5.9' "
	;;
output-unwritable)
	# The report and the baseline are tried before any unit is parsed: the
	# only line is the output's (syntax.c's error would come first if it
	# had been parsed), and nothing is left behind.
	run "$IMC" --format=json -o nodir/out.json syntax.c
	expect_tool_error '^iomemcheck: nodir/out\.json: No such file or directory$'
	run "$IMC" --format=sarif -o drv.c/out.sarif syntax.c
	expect_tool_error '^iomemcheck: drv\.c/out\.sarif: Not a directory$'
	mkdir out.d
	run "$IMC" --format=json -o out.d syntax.c
	expect_tool_error '^iomemcheck: out\.d: Is a directory$'
	run "$IMC" --format=html -o drv.c/report syntax.c
	expect_tool_error '^iomemcheck: drv\.c: Not a directory$'
	run "$IMC" --write-baseline nodir/known.json syntax.c
	expect_tool_error '^iomemcheck: nodir/known\.json: No such file or directory$'
	run "$IMC" -p nodir --format=json -o nodir/out.json
	expect_tool_error '^iomemcheck: nodir/out\.json: No such file or directory$'
	# an HTML report's directory is made as mkdir -p: a new one is fine
	run "$IMC" --format=html -o new/report/dir clean.c
	expect_status 0
	[ -f new/report/dir/index.html ] || fail "no index.html in the new directory"
	# permission: root writes anywhere, so as nobody where possible
	mkdir locked && chmod 755 locked "$TMP"
	if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
	   setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		test -x "$IMC"; then
		run setpriv --reuid=nobody --regid="$(id -g nobody)" \
			--clear-groups "$IMC" --format=json -o locked/out.json \
			syntax.c
		expect_tool_error '^iomemcheck: locked/out\.json: Permission denied$'
	fi
	expect_no_leftovers
	[ -z "$(find "$TMP" -name '.iomemcheck-probe-*')" ] || fail "a probe left behind"
	;;
plugin-report-unwritable)
	# report= is tried before the unit is compiled: one line, no object
	run_plugin -fplugin-arg-iomemcheck-report=nodir/r.json -c syntax.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_one_line "^cc1: error: '-fplugin-arg-iomemcheck-report': nodir/r\\.json: No such file or directory\$"
	expect_absent x.o
	;;
compile-db-missing-file)
	mkdir db
	cat >db/compile_commands.json <<EOF
[ { "directory": "$TMP", "command": "cc -c gone.c", "file": "gone.c" },
  { "directory": "$TMP", "command": "cc -c clean.c", "file": "clean.c" } ]
EOF
	check -p db
	expect_tool_error 'gone\.c: No such file or directory$'
	cat >db/compile_commands.json <<EOF
[ { "directory": "$TMP/nodir", "command": "cc -c clean.c", "file": "clean.c" } ]
EOF
	check -p db
	expect_tool_error "$TMP/nodir"
	;;
compile-db-malformed)
	# libclang loads a damaged database silently (none, or the entries
	# before the damage): one line with the place of the error
	mkdir db
	printf '[ { "directory": "%s", "command": "cc -c clean.c"\n' "$TMP" \
		>db/compile_commands.json
	check -p db
	expect_tool_error '^iomemcheck: db/compile_commands\.json:2:1: invalid JSON: the text ends here \(truncated\?\)$'
	printf '[\n' >db/compile_commands.json
	check -p db
	expect_tool_error '^iomemcheck: db/compile_commands\.json:2:1: invalid JSON: the text ends here \(truncated\?\)$'
	printf '[ { "directory": "/", "file": "a.c" },\n  { "file" "b.c" } ]\n' \
		>db/compile_commands.json
	check -p db
	expect_tool_error "^iomemcheck: db/compile_commands\\.json:2:12: invalid JSON: expected ':'\$"
	printf '{ "directory": "/" }\n' >db/compile_commands.json
	check -p db
	expect_tool_error '^iomemcheck: db/compile_commands\.json: not a compile database \(a JSON array of entries\)$'
	: >db/compile_commands.json
	check -p db
	expect_tool_error '^iomemcheck: db/compile_commands\.json:1:1: invalid JSON: no JSON value, only blanks$'
	rm db/compile_commands.json
	mkdir db/compile_commands.json
	check -p db
	expect_tool_error '^iomemcheck: db/compile_commands\.json: Is a directory$'
	;;
fix-read-only)
	# chmod 444 first: the tool must look at the mode itself (for root
	# access(W_OK) succeeds and rename(2) needs only the directory).
	cp drv.c ro.c && chmod 444 ro.c
	run "$IMC" --fix ro.c
	expect_status 2
	expect_tool_lines 1 '^iomemcheck: ro\.c: '
	expect_unchanged ro.c drv.c
	# Then what is read-only whoever asks: a read-only bind mount in a
	# private mount namespace (root with CAP_SYS_ADMIN), and a file only
	# its mode keeps unprivileged `nobody` from writing (in a directory it
	# can write: a rename there would go through), where possible.
	# (Not root, the chmod 444 above is all it takes.)
	methods=0
	[ "$(id -u)" -eq 0 ] || methods=1
	mkdir romnt && cp drv.c io.h romnt/
	if [ "$(id -u)" -eq 0 ] && unshare -m sh -c \
		"mount --bind '$TMP/romnt' '$TMP/romnt' &&
		 mount -o remount,bind,ro '$TMP/romnt' '$TMP/romnt'" 2>/dev/null
	then
		echo "(read-only bind mount)"
		run unshare -m sh -c \
			"mount --bind '$TMP/romnt' '$TMP/romnt' &&
			 mount -o remount,bind,ro '$TMP/romnt' '$TMP/romnt' &&
			 cd '$TMP/romnt' && exec '$IMC' --fix drv.c"
		expect_status 2
		expect_tool_lines 1 '^iomemcheck: drv\.c: '
		expect_unchanged romnt/drv.c drv.c
		methods=$((methods + 1))
	fi
	if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
	   id nobody >/dev/null 2>&1; then
		mkdir nb && cp drv.c io.h nb/ && chmod 444 nb/drv.c &&
			chown -R nobody nb && chmod 777 nb && chmod 755 "$TMP"
		as_nobody="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
		if $as_nobody test -x "$IMC" -a -r "${IOMEMCHECK_RULES_DIR:-/}" \
			-a -w "$TMP/nb"; then
			echo "(as nobody)"
			run $as_nobody sh -c "cd '$TMP/nb' && exec '$IMC' --fix drv.c"
			expect_status 2
			expect_tool_lines 1 '^iomemcheck: drv\.c: '
			expect_unchanged nb/drv.c drv.c
			methods=$((methods + 1))
		fi
	fi
	expect_no_leftovers
	[ "$methods" -gt 0 ] ||
		echo "NOTE: only chmod 444 tested: root without CAP_SYS_ADMIN (no read-only bind mount) and without setpriv to a nobody who can reach the tool and $TMP"
	;;
fix-changed)
	# The file changes while the tool runs: it includes a FIFO, and the
	# writer changes the file once the parser opened the FIFO (after the
	# tool read the file, before it writes the fixes).
	{ echo '#include "fifo.h"'; cat drv.c; } >chg.c
	cp chg.c before.c
	mkfifo fifo.h
	timeout 60 sh -c 'exec 3>fifo.h; echo "/* edited */" >>chg.c;
		echo "/* header */" >&3' &
	writer=$!
	run timeout 60 "$IMC" --fix chg.c
	wait "$writer"
	expect_status 2
	expect_tool_lines 1 '^iomemcheck: chg\.c: changed since it was analysed'
	{ cat before.c; echo "/* edited */"; } >expected.c
	expect_unchanged chg.c expected.c
	expect_no_leftovers
	;;
fix-hard-link)
	# rename(2) would leave the other name with the old text
	cp drv.c one.c && ln one.c two.c
	run "$IMC" --fix one.c
	expect_status 2
	expect_tool_lines 1 '^iomemcheck: one\.c: has 2 hard links'
	expect_unchanged one.c drv.c
	expect_unchanged two.c drv.c
	expect_no_leftovers
	;;
fix-symlink-outside)
	mkdir tree outside
	cp drv.c io.h outside/
	cp io.h tree/
	ln -s ../outside/drv.c tree/link.c
	ln -s ../outside tree/outdir
	cd tree || exit 1
	run "$IMC" --fix link.c
	expect_status 2
	expect_tool_lines 1 '^iomemcheck: link\.c: .*symlink'
	expect_unchanged ../outside/drv.c ../drv.c
	# a symlinked directory on the way leads outside just the same
	run "$IMC" --fix outdir/drv.c
	expect_status 2
	expect_tool_lines 1 '^iomemcheck: outdir/drv\.c: .*symlink'
	expect_unchanged ../outside/drv.c ../drv.c
	expect_no_leftovers
	;;

# ---- the GCC plugin ----

plugin-rules-malformed)
	# one line, with no place in the unit (it was its last line, with a
	# caret on its closing brace)
	run_plugin -fplugin-arg-iomemcheck-rules=bad.rules -c clean.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_one_line '^cc1: error: iomemcheck: bad\.rules:4: map-set needs a C identifier after it$'
	expect_absent x.o
	run_plugin -fplugin-arg-iomemcheck-rules=/dev/zero -c clean.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_one_line '^cc1: error: iomemcheck: /dev/zero: not a regular file$'
	expect_absent x.o
	run_plugin -fplugin-arg-iomemcheck-rules=nosuch.rules -c clean.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_err 'error: .*nosuch\.rules: No such file or directory'
	expect_absent x.o
	run_plugin -fplugin-arg-iomemcheck-api=pre-5.9 -c clean.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_err "error: .*api.*: unknown API generation 'pre-5.9'"
	expect_absent x.o
	mkdir rules.d
	run_plugin -fplugin-arg-iomemcheck-rules=rules.d -c clean.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_err 'error: .*rules\.d'
	expect_absent x.o
	# a file without functions still has its rules checked
	: >empty.c
	run_plugin -fplugin-arg-iomemcheck-rules=bad.rules -c empty.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_err 'error: .*bad\.rules:4: '
	expect_absent x.o
	;;
plugin-unknown-arg)
	run_plugin -fplugin-arg-iomemcheck-frobnicate -c clean.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_err "error: .*-fplugin-arg-iomemcheck-frobnicate"
	expect_absent x.o
	run_plugin -fplugin-arg-iomemcheck-frobnicate=1 -c clean.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_err "error: .*-fplugin-arg-iomemcheck-frobnicate"
	expect_absent x.o
	;;
plugin-syntax-error)
	run_plugin -c syntax.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_err '^syntax\.c:7:[0-9]+: error: '
	expect_absent x.o
	cp "$BINARY" x.c
	run_plugin -c x.c -o x.o
	expect_nonzero
	expect_no_crash
	expect_err '^x\.c:1:[0-9]+: error: '
	expect_absent x.o
	;;
*)
	echo "bad-input.sh: unknown test '$test_name'"
	exit 2
	;;
esac
echo "PASS $test_name"
exit 0
