#!/bin/sh
# integration.fix-clash: two findings whose fix-its edit the same text.
# The core never gives one unit's findings overlapping edits; two units of
# one file do: two -p entries with other flags (a driver built twice), here
# `d->regs[0] = 1` rewritten with writel() for a u32 field and writew() for
# a u16 one. --fix applies a finding's edits all or none, in finding order
# (file, line, column): the first finding's are made, the clashing one's
# are all left out, with one note on stderr that names it; exit 1 (there
# are findings). The file is fixed once although two units have it.
# The plugin reports the findings of one compile: a later finding whose
# fix-its clash with an earlier one's is reported without them, with a
# note, so that -fdiagnostics-generate-patch (which merges overlapping
# edits into garbage) gives the earlier rewrite only.
. "$(dirname "$0")/lib.sh"

cat >src/regs.c <<'EOF'
#include <linux/io.h>
#include <linux/types.h>

struct dev {
	WIDTH *regs;
};

void setup(struct dev *d, phys_addr_t base)
{
	d->regs = ioremap(base, 16);
}

void poke(struct dev *d)
{
#ifdef EXTRA
	d->regs[1] = 2;
#endif
	d->regs[0] = 1;
#ifndef EXTRA
	d->regs[2] = 3;
#endif
}
EOF
cp src/regs.c orig.c
cat >src/compile_commands.json <<EOF
[ { "directory": "$T/src", "file": "regs.c",
    "command": "cc -DWIDTH=u32 -I$INC -c regs.c" },
  { "directory": "$T/src", "file": "regs.c",
    "command": "cc -DWIDTH=u16 -DEXTRA -I$INC -c regs.c" } ]
EOF
cd src

# The u16 unit's finding (line 16, both stores of its poke()) comes first
# and is made whole; the u32 unit's (line 18: regs[0] and regs[2]) clashes
# at line 18, so its line 20 stays as it is too.
note="iomemcheck: $T/src/regs.c:18:2: note: fix-its not applied (they overlap another finding's, applied first): plain store through 'd->regs', which may point to I/O memory: 'd->regs' was assigned I/O memory at line 10 (returned by ioremap() at line 10); use writel() on it through a __force cast while it is declared without __iomem (an __iomem type is the lasting fix) [iomem-deref]"

# then the finding of line 10 that has none, and the tally: the one file
# counted once
chk -p . --fix-dry-run regs.c
expect_status 1
grep '^iomemcheck:' "$ERR" >"$W/msg" || true
printf '%s\n%s\n%s\n' "$note" \
	"iomemcheck: $T/src/regs.c:10:2: note: no fix-it (no exact rewrite) [iomem-address-space]" \
	"iomemcheck: 2 fix-its for 1 file in the patch (nothing written)" >"$W/want"
expect_same "$W/msg" "$W/want"
grep -c 'note: fix-it: replace 18:2-18:16 with' "$ERR" >"$W/n" || true
expect_one_line "$W/n" 2
expect_same regs.c "$T/orig.c"

chk -p . --fix regs.c
expect_status 1
grep '^iomemcheck:' "$ERR" >"$W/msg" || true
sed 's/for 1 file in the patch (nothing written)/applied in 1 file/' "$W/want" >"$W/want-fix"
expect_same "$W/msg" "$W/want-fix"
expect_file regs.c <<'EOF'
#include <linux/io.h>
#include <linux/types.h>

struct dev {
	WIDTH *regs;
};

void setup(struct dev *d, phys_addr_t base)
{
	d->regs = ioremap(base, 16);
}

void poke(struct dev *d)
{
#ifdef EXTRA
	writew(2, (__force void __iomem *)&d->regs[1]);
#endif
	writew(1, (__force void __iomem *)&d->regs[0]);
#ifndef EXTRA
	d->regs[2] = 3;
#endif
}
EOF
expect_dir . compile_commands.json regs.c

# ---- the plugin: findings of one compile (test-findings), the second's
# fix-its (one of them clashing) left out whole, the third's kept
cd "$T"
printf 'int f(int *p, int *q)\n{\n\treturn *p + *q;\n}\n' >src/two.c
cat >two.findings <<'EOF'
3:9:test-rule:first
fixit 3:9-3:11 readl(p)
3:9:test-rule:second
fixit 3:9-3:16 readl(p) + readl(q)
fixit 3:14-3:16 readl(q)
3:14:test-rule:third
fixit 3:14-3:16 ioread32(q)
EOF
plug -fplugin-arg-iomemcheck-test-findings="$T/two.findings" \
	-fdiagnostics-parseable-fixits -fdiagnostics-generate-patch \
	-c src/two.c -o "$T/two.o"
expect_status 0
grep -v '^[-+@ ]' "$ERR" >"$W/diags" || true
expect_file "$W/diags" <<'EOF'
src/two.c:3:9: warning: first [test-rule]
fix-it:"src/two.c":{3:9-3:11}:"readl(p)"
src/two.c:3:9: warning: second [test-rule]
src/two.c:3:9: note: fix-its left out: they overlap those of the finding at 3:9
src/two.c:3:14: warning: third [test-rule]
fix-it:"src/two.c":{3:14-3:16}:"ioread32(q)"
EOF
grep '^[-+]	' "$ERR" >"$W/patch" || true
expect_file "$W/patch" <<'EOF'
-	return *p + *q;
+	return readl(p) + ioread32(q);
EOF
echo PASS
