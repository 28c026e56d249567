#!/bin/sh
# integration.plugin-report: -fplugin-arg-iomemcheck-report=FILE writes the
# unit's findings with the core's writers, byte for byte the report the
# checker writes for the same file (--format=json|sarif -o FILE): the
# format by the name (.json, .sarif) or format=json|sarif; suppressed
# findings are not in it; a clean unit, and one without functions, give an
# empty list; no temporary file is left; bad arguments are errors.
. "$(dirname "$0")/lib.sh"

cd src
cat >drv.c <<'EOF'
#include <linux/io.h>
#include <linux/iosys-map.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	*ctrl = mode | 1;
}

void blit(struct iosys_map *dst, const void *src, size_t len)
{
	memcpy(dst->vaddr, src, len);
}

void quiet(u32 __iomem *r)
{
	*r = 1; /* iomemcheck-ignore(iomem-deref): boot console */
}
EOF
cat >clean.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	writel(mode | 1, ctrl);
}
EOF
printf 'int x;\n' >nofunc.c

for f in drv clean nofunc; do
	for fmt in json sarif; do
		chk --format=$fmt -o chk.$fmt $f.c
		cp "$ERR" "$W/chk.err"
		plug -fplugin-arg-iomemcheck-report=plug.$fmt -c $f.c -o $f.o
		expect_status 0
		same_findings
		expect_same chk.$fmt plug.$fmt
		# the format named, whatever the file is called
		plug -fplugin-arg-iomemcheck-report=plug.out -fplugin-arg-iomemcheck-format=$fmt \
			-fsyntax-only $f.c
		expect_status 0
		expect_same chk.$fmt plug.out
		rm chk.$fmt plug.$fmt plug.out
	done
done
plug -fplugin-arg-iomemcheck-report=drv.json -c drv.c -o drv.o
python3 -c 'import json, sys
print("\n".join("%s:%d:%d %s" % (f["file"], f["line"], f["column"], f["rule"])
                for f in json.load(open(sys.argv[1]))["findings"]))' drv.json >"$W/found"
expect_file "$W/found" <<'EOF'
drv.c:6:2 iomem-deref
drv.c:11:2 map-vaddr-unchecked
EOF
rm drv.json *.o
expect_dir . drv.c clean.c nofunc.c

# ---- bad arguments
plug -fplugin-arg-iomemcheck-report=drv.txt -c drv.c -o drv.o
expect_status 1
grep -q "^cc1: error: '-fplugin-arg-iomemcheck-report': 'drv.txt': name a '.json' or '.sarif' file, or give '-fplugin-arg-iomemcheck-format'$" "$ERR" ||
	fail "report name without format"
plug -fplugin-arg-iomemcheck-report=drv.json -fplugin-arg-iomemcheck-format=xml -c drv.c -o drv.o
expect_status 1
grep -q "^cc1: error: '-fplugin-arg-iomemcheck-format': 'xml' is not json or sarif$" "$ERR" ||
	fail "bad format"
plug -fplugin-arg-iomemcheck-format=json -c drv.c -o drv.o
expect_status 1
grep -q "^cc1: error: '-fplugin-arg-iomemcheck-format' without '-fplugin-arg-iomemcheck-report'$" "$ERR" ||
	fail "format without report"
plug -fplugin-arg-iomemcheck-report="$T/no-such-dir/r.json" -c drv.c -o drv.o
expect_status 1
# tried before the unit is compiled: that line alone, no findings before it
grep -q "^cc1: error: '-fplugin-arg-iomemcheck-report': $T/no-such-dir/r.json: No such file or directory$" "$ERR" ||
	fail "unwritable report"
[ "$(wc -l <"$ERR")" -eq 1 ] || fail "unwritable report: not the only line"
rm -f drv.o
expect_dir . drv.c clean.c nofunc.c
expect_dir "$T" src
echo PASS
