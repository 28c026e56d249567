#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# sh lower.sh IOMEMCHECK CASE.c: the IR of CASE.c (`--dump-ir`) must equal
# CASE.ir. The cases are self-contained kernel-style C; each .ir was checked
# by hand against the lowering contract (checker/lower.c, core/ir.h).
# To accept a deliberate change: sh lower.sh IOMEMCHECK CASE.c --update
set -u
IMC=$1
CASE=$2
IR=${CASE%.c}.ir
TMP=$(mktemp "${TMPDIR:-/tmp}/imc-lower.XXXXXX")
trap 'rm -f "$TMP" "$TMP.err"' EXIT

cd "$(dirname "$CASE")" || exit 1
"$IMC" --dump-ir "$(basename "$CASE")" >"$TMP" 2>"$TMP.err"
status=$?
if [ "$status" -ge 2 ]; then
	echo "FAIL: iomemcheck exit status $status"
	cat "$TMP.err"
	exit 1
fi
if [ "${3:-}" = "--update" ]; then
	cp "$TMP" "$(basename "$IR")"
	echo "updated $IR"
	exit 0
fi
if ! diff -u "$(basename "$IR")" "$TMP"; then
	echo "FAIL: IR differs from $IR (- expected, + got)"
	exit 1
fi
echo "PASS $(basename "$CASE")"
