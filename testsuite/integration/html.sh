#!/bin/sh
# integration.html: the HTML report (--format=html -o DIR, and --merge
# --format=html over JSON reports), checked as files and as Debian's
# headless Chromium renders them:
#  - DIR holds exactly index.html and one page per finding, named
#    RULE-FILE-LINE.html; the same findings give byte-identical files (files
#    in another order, or the JSON report of the checker or of the GCC
#    plugin rendered with --merge --format=html); written over an earlier
#    report, the pages of findings that are gone are removed;
#  - the pages are self-contained (no script, nothing fetched) and the
#    source is HTML-escaped;
#  - in Chromium's DOM (--dump-dom): the index has one row per finding in
#    rule, file, line order and the counts per rule; a finding's page has
#    its primary line highlighted with the warning under it, the fix-it as
#    diff lines (exact), and the path events as numbered markers: the
#    real events of map-param.c's report, and exact ones in a report that
#    carries three events;
#  - screenshots of the index, of a finding page and of one with events
#    are kept in $BUILD/artifacts (html-index.png, html-finding.png,
#    html-events.png): PNGs of the window's size with more than a blank
#    page in them;
#  - a report rendered where its sources are not: pages that say so;
#  - errors: no -o, -o naming a file, a report that is not one: one line,
#    exit 2.
. "$(dirname "$0")/lib.sh"

command -v chromium >/dev/null ||
	fail "chromium is not installed (scripts/install-deps chromium)"
: "${BUILD:?BUILD must name the build tree}"
ART=$BUILD/artifacts
mkdir -p "$ART"

# chromium ARG... URL: headless, as root too (no sandbox), with a profile
# and HOME of its own, never hanging the test.
chromium_run() {
	mkdir -p "$T/home"
	HOME=$T/home timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --hide-scrollbars \
		--user-data-dir="$T/chromium" "$@" 2>"$W/chromium.err" ||
		{ cat "$W/chromium.err"; fail "chromium $* failed"; }
}

# dom PAGE: the page's DOM after Chromium loaded it (--dump-dom), one line
# per element with a class: "tag.class#id[data-event]: text" (a table
# row's cells joined by " | "); see dom.py below.
dom() {
	chromium_run --dump-dom "file://$1" >"$W/dom.html"
	python3 "$W/dom.py" <"$W/dom.html" >"$W/dom" || fail "no DOM for $1"
}
cat >"$W/dom.py" <<'EOF'
import sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # [tag, label, text parts]
        self.lines = []
        self.complete = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        label = None
        if a.get("class") and tag in ("tr", "div", "li", "p"):
            label = "%s.%s" % (tag, a["class"])
            label += "#" + a["id"] if a.get("id") else ""
            label += "[%s]" % a["data-event"] if a.get("data-event") else ""
        self.open.append([tag, label, []])

    def handle_endtag(self, tag):
        self.complete |= tag == "html"
        while self.open:
            t, label, parts = self.open.pop()
            text = "".join(parts)
            if self.open:
                parent = self.open[-1]
                sep = " | " if t == "td" and parent[2] else ""
                parent[2].append(sep + text)
            if label:
                self.lines.append("%s: %s" % (label, text))
            if t == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)

d = Dom()
d.feed(sys.stdin.read())
d.close()
if not d.complete:
    sys.exit("no </html>")
print("\n".join(d.lines))
EOF

# count PATTERN: how many lines of the last DOM match (grep -E).
count() {
	grep -cE "$1" "$W/dom" || true
}

expect_count() {
	n=$(count "$2")
	[ "$n" = "$1" ] || fail "$n DOM lines match '$2', expected $1"
}

# screenshot PAGE NAME: $ART/NAME, a PNG of 1280x1000 with more than a
# blank page in it.
screenshot() {
	rm -f "$ART/$2"
	(cd "$T" && chromium_run --window-size=1280,1000 \
		--screenshot="$ART/$2" "file://$1") >/dev/null
	python3 - "$ART/$2" <<'EOF' || fail "$ART/$2 is not a non-blank 1280x1000 PNG"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1280, 1000), (w, h)
# filtered image data (PNG's row filters make flat areas zeros): a blank
# page has almost no nonzero bytes (0.03 %), one heading 0.05 %, a page
# of text some 3 %
idat, pos = b"", 8
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
nonzero = sum(1 for b in raw if b) / len(raw)
assert nonzero > 0.01, "blank: %.4f of the bytes nonzero" % nonzero
assert len(data) > 20000, len(data)
EOF
	echo "screenshot: $ART/$2 ($(wc -c <"$ART/$2") bytes)"
}

cd src
cat >blit.c <<'EOF'
#include <linux/io.h>
#include <linux/iosys-map.h>

/* <b>not bold</b> & "quoted" */
void start(u32 __iomem *ctrl, u32 mode)
{
	if (mode < 4 && mode > 1)
		*ctrl = mode | 1;
}

void to_map(struct iosys_map *map, const void *src, size_t off, size_t len)
{
	void *dst = map->vaddr + off;

	memcpy(dst, src, len);
}
EOF
cp "$REPO/testsuite/cases/map-param.c" .
cat >clean.c <<'EOF'
#include <linux/io.h>

void start(u32 __iomem *ctrl, u32 mode)
{
	writel(mode | 1, ctrl);
}
EOF

# ---- the files
chk --format=html -o ../out blit.c map-param.c
expect_status 1
expect_empty "$OUT"
diags "$ERR" >"$W/diags"
chk --format=json -o ../report.json blit.c map-param.c
expect_status 1
# one page per finding, by rule, file and line
python3 - ../report.json >"$W/pages" <<'EOF'
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
for f in sorted(fs, key=lambda f: (f["rule"], f["file"], f["line"], f["column"])):
    print("%s-%s-%d.html" % (f["rule"], f["file"], f["line"]))
EOF
grep -q '^iomem-deref-blit.c-8.html$' "$W/pages" || fail "no iomem-deref page"
grep -q '^map-vaddr-unchecked-blit.c-15.html$' "$W/pages" || fail "no map page"
[ "$(wc -l <"$W/diags")" = "$(wc -l <"$W/pages")" ] ||
	fail "$(wc -l <"$W/pages") findings in the report, $(wc -l <"$W/diags") on stderr"
# shellcheck disable=SC2046
expect_dir ../out index.html $(cat "$W/pages")
# self-contained, escaped
if grep -lE '<script|<link|src=|https?:' ../out/*.html; then
	fail "pages refer to scripts or other files"
fi
grep -q '>	if (mode &lt; 4 &amp;&amp; mode &gt; 1)</td>' ../out/iomem-deref-blit.c-8.html ||
	fail "the source line is not escaped as expected"
grep -q '&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;' ../out/iomem-deref-blit.c-8.html ||
	fail "the comment is not escaped as expected"

# ---- the same files: other order, a rendered JSON report, the plugin's
chk --format=html -o ../out2 map-param.c blit.c
expect_status 1
diff -r ../out ../out2 >/dev/null || fail "another file order gives other pages"
chk --merge --format=html -o ../out3 ../report.json
expect_status 1
diff -r ../out ../out3 >/dev/null || fail "the rendered JSON report differs"
plug -fplugin-arg-iomemcheck-report=../plug-blit.json -fsyntax-only blit.c
expect_status 0
plug -fplugin-arg-iomemcheck-report=../plug-param.json -fsyntax-only map-param.c
expect_status 0
chk --merge --format=html -o ../out4 ../plug-param.json ../plug-blit.json
expect_status 1
diff -r ../out ../out4 >/dev/null || fail "the plugin's reports give other pages"
chk --merge --format=html --exit-zero -o ../out5 ../report.json
expect_status 0
# a report written over an earlier one: the pages of findings that are
# gone go too; in a directory without a report of ours nothing else goes
cp -r ../out ../again
chk --format=html -o ../again blit.c
expect_status 1
expect_dir ../again index.html iomem-deref-blit.c-8.html map-vaddr-unchecked-blit.c-15.html
mkdir ../mine
echo '<p>mine</p>' >../mine/notes.html
chk --format=html -o ../mine blit.c
expect_dir ../mine index.html iomem-deref-blit.c-8.html map-vaddr-unchecked-blit.c-15.html notes.html
rm -rf ../again ../mine
# a clean run: an index that says so, no pages
chk --format=html -o ../clean clean.c
expect_status 0
expect_dir ../clean index.html
grep -q '<p class="none">No findings.</p>' ../clean/index.html || fail "clean index"
rm -rf ../out2 ../out3 ../out4 ../out5 ../clean

# sources that are not there (the report rendered from elsewhere): the
# findings still listed, the pages say so
(cd .. && "$IMC" --merge --format=html -o nosrc report.json >"$OUT" 2>"$ERR") &&
	fail "--merge --format=html without the sources: exit 0"
expect_empty "$ERR"
grep -q '^<p class="nosource">source not available: No such file or directory</p>$' \
	../nosrc/map-vaddr-unchecked-blit.c-15.html || fail "no 'source not available'"
grep -q '^<p class="nosource">the fix-it does not apply to the source as it is now</p>$' \
	../nosrc/map-vaddr-unchecked-blit.c-15.html || fail "no note for the fix-it"
rm -r ../nosrc

# ---- errors
chk --format=html blit.c
expect_option_error "--format=html needs -o DIR"
chk --format=html -o blit.c blit.c
expect_status 2
tail -n 1 "$ERR" >"$W/last"
expect_one_line "$W/last" "iomemcheck: blit.c: Not a directory"
chk --merge --format=html -o ../bad clean.c
expect_status 2
expect_one_line "$ERR" "iomemcheck: clean.c: not an iomemcheck JSON report"

# ---- the index in Chromium
dom "$T/out/index.html"
grep '^tr\.finding' "$W/dom" | cut -d'|' -f2 | tr -d ' ' >"$W/locs"
python3 - ../report.json >"$W/want-locs" <<'EOF'
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
for f in sorted(fs, key=lambda f: (f["rule"], f["file"], f["line"], f["column"])):
    print("%s:%d:%d" % (f["file"], f["line"], f["column"]))
EOF
expect_same "$W/want-locs" "$W/locs"
# (the path column aside: it says how many events the report has)
grep '^tr\.finding' "$W/dom" | grep 'blit\.c' | cut -d'|' -f1-3,5- >"$W/rows"
expect_file "$W/rows" <<'EOF'
tr.finding#rule-iomem-deref: iomem-deref | blit.c:8:3 | plain store through __iomem pointer 'ctrl'; use writel() | yes | view
tr.finding#rule-map-vaddr-unchecked: map-vaddr-unchecked | blit.c:15:2 | memcpy() on I/O memory: destination 'dst' may be I/O: map 'map' is not tested for is_iomem on this path; use iosys_map_memcpy_to() | yes | view
EOF
nmap=$(grep -c '^map-vaddr-unchecked-' "$W/pages")
grep '^tr\.rule-count' "$W/dom" | cut -d'|' -f1,2 >"$W/counts"
expect_file "$W/counts" <<EOF
tr.rule-count: iomem-deref | 1 
tr.rule-count: map-vaddr-unchecked | $nmap 
EOF
screenshot "$T/out/index.html" html-index.png

# ---- a finding's page: primary line, warning, fix-it diff
page=$T/out/map-vaddr-unchecked-blit.c-15.html
dom "$page"
grep -E '^tr\.line primary|^div\.bubble warning' "$W/dom" >"$W/primary"
expect_file "$W/primary" <<'EOF'
tr.line primary#F1L15: 15 | 	memcpy(dst, src, len);
div.bubble warning#warning: ! memcpy() on I/O memory: destination 'dst' may be I/O: map 'map' is not tested for is_iomem on this path; use iosys_map_memcpy_to()
EOF
grep -E '^div\.(del|add|ctx|hunk|file):' "$W/dom" >"$W/diff"
expect_file "$W/diff" <<'EOF'
div.file: --- a/blit.c
div.file: +++ b/blit.c
div.hunk: @@ -11,6 +11,6 @@
div.ctx:  void to_map(struct iosys_map *map, const void *src, size_t off, size_t len)
div.ctx:  {
div.del: -	void *dst = map->vaddr + off;
div.add: +
div.ctx:  
div.del: -	memcpy(dst, src, len);
div.add: +	iosys_map_memcpy_to(map, off, src, len);
div.ctx:  }
EOF
screenshot "$page" html-finding.png

# ---- path events: the real ones of map-param.c's report...
python3 - ../report.json >"$W/events" <<'EOF'
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    if f["file"] == "map-param.c" and f["line"] == 27:
        for i, e in enumerate(f.get("events", []), 1):
            print("%d %s:%d %s" % (i, e["file"], e["line"], e["message"]))
EOF
dom "$T/out/map-vaddr-unchecked-map-param.c-27.html"
sed -n 's/^div\.bubble[a-z ]*#E[0-9]*\[\([0-9]*\)\]: [0-9]* \(.*\)/\1 \2/p' "$W/dom" |
	sed 's/[←→]//g' >"$W/bubbles"
cut -d' ' -f1,3- "$W/events" | expect_file "$W/bubbles"
nev=$(wc -l <"$W/events")
[ "$(grep -c '^li\.event-item' "$W/dom")" = "$nev" ] || fail "not $nev events listed"
[ "$nev" -ge 3 ] || fail "$nev path events for map-param.c:27 (source, branch, access)"
dom "$T/out/index.html"
steps=$(grep '^tr\.finding.* map-param\.c:27:' "$W/dom" | cut -d'|' -f4 | tr -d ' ')
case $nev in
0) [ -z "$steps" ] ;;
1) [ "$steps" = 1step ] ;;
*) [ "$steps" = "${nev}steps" ] ;;
esac || fail "the index says '$steps' for $nev events"

# ...and exact ones: three events in a report, numbered on their lines
python3 - ../report.json >../events.json <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
for f in doc["findings"]:
    if f["file"] == "blit.c" and f["line"] == 15:
        f["events"] = [
            {"file": "blit.c", "line": 11, "column": 31, "kind": "source",
             "message": "map 'map' is a parameter: system or I/O memory"},
            {"file": "blit.c", "line": 13, "column": 14, "kind": "note",
             "message": "'dst' points into 'map' (<vaddr> + off)"},
            {"file": "blit.c", "line": 15, "column": 2, "kind": "access",
             "message": "memcpy() writes through 'dst'"}]
print(json.dumps(doc, indent=2))
EOF
chk --merge --format=html -o ../ev ../events.json
expect_status 1
dom "$T/ev/map-vaddr-unchecked-blit.c-15.html"
grep -E '^(tr\.line (event|primary)|div\.bubble|li\.event-item)' "$W/dom" >"$W/ev"
expect_file "$W/ev" <<'EOF'
li.event-item: blit.c:11 source map 'map' is a parameter: system or I/O memory
li.event-item: blit.c:13 note 'dst' points into 'map' (<vaddr> + off)
li.event-item: blit.c:15 access memcpy() writes through 'dst'
tr.line event#F1L11: 11 | void to_map(struct iosys_map *map, const void *src, size_t off, size_t len)
div.bubble#E1[1]: 1 map 'map' is a parameter: system or I/O memory→
tr.line event#F1L13: 13 | 	void *dst = map->vaddr + off;
div.bubble#E2[2]: 2 'dst' points into 'map' (<vaddr> + off)←→
tr.line primary#F1L15: 15 | 	memcpy(dst, src, len);
div.bubble#E3[3]: 3 memcpy() writes through 'dst'←→
div.bubble warning#warning: ! memcpy() on I/O memory: destination 'dst' may be I/O: map 'map' is not tested for is_iomem on this path; use iosys_map_memcpy_to()
EOF
grep '^tr\.finding' "$W/dom" && fail "a finding page with index rows"
screenshot "$T/ev/map-vaddr-unchecked-blit.c-15.html" html-events.png
# ---- -p with the database at the tree's top: the index names the files
# below it relative to it, the pages still show their source
cd "$T"
printf '[{"directory": "%s", "file": "src/blit.c", "arguments": ["cc", "-I%s", "-c", "src/blit.c"]}]\n' \
	"$T" "$INC" >compile_commands.json
chk -p . --format=html -o "$T/tree-html"
expect_status 1
grep -o '<td class="loc">[^<]*</td>' "$T/tree-html/index.html" >"$W/locs"
expect_file "$W/locs" <<'EOF'
<td class="loc">src/blit.c:8:3</td>
<td class="loc">src/blit.c:15:2</td>
EOF
grep -q '<title>iomem-deref at src/blit.c:8</title>' \
	"$T/tree-html/iomem-deref-blit.c-8.html" || fail "the page's title is not relative"
grep -q 'mode | 1' "$T/tree-html/iomem-deref-blit.c-8.html" ||
	fail "the page lost its source"
rm compile_commands.json
echo "PASS"
