#!/usr/bin/env bash
# End to end for the PDF writer: every PDF of input/ checked with real
# clients (qpdf, poppler), the order's requisites measured where LAYOUT.md
# puts them, and a small project for what input/ lacks (an image, a note
# longer than a page, a draft, a link to an annex).
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
SB="${SBORNIK:-build/sbornik}"
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
CHECK="python3 tests/e2e/pdfcheck.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }

"$SB" build -f xml,pdf -o "$tmp/out" input 2>"$tmp/err"
rc=$?
docs=$(find input -name '*.md' | xargs grep -L '^kind: collection' | wc -l)
pdfs=$(find "$tmp/out/docs" -name '*.pdf' | wc -l)
if [ "$rc" = 0 ] && [ "$docs" = "$pdfs" ] && [ ! -s "$tmp/err" ]; then
    ok pdf/build-all
else
    notok pdf/build-all "exit $rc, $docs documents, $pdfs PDFs: $(head -c 300 "$tmp/err")"
fi

for pdf in "$tmp"/out/docs/*.pdf; do
    name=$(basename "$pdf" .pdf)
    if qpdf --check "$pdf" >"$tmp/q" 2>&1; then ok "pdf/qpdf/$name"; else notok "pdf/qpdf/$name" "$(tail -3 "$tmp/q")"; fi
    # Every font embedded, subset, with a Unicode map.
    bad=$(pdffonts "$pdf" 2>&1 | awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes")')
    if [ -z "$bad" ] && [ "$(pdffonts "$pdf" | wc -l)" -gt 2 ]; then ok "pdf/fonts/$name"; else notok "pdf/fonts/$name" "$bad"; fi
    if r=$($CHECK words "$pdf" "$tmp/out/docs/$name.xml"); then ok "pdf/words/$name"; else notok "pdf/words/$name" "$r"; fi
    if r=$($CHECK margins "$pdf"); then ok "pdf/margins/$name"; else notok "pdf/margins/$name" "$r"; fi
done

order="$tmp/out/docs/order-2017-970.pdf"
if r=$($CHECK order "$order"); then ok pdf/order-requisites; else notok pdf/order-requisites "$r"; fi

# Info dictionary from the document, dates from it (no clock).
nbsp=$(printf '\302\240')
info=$(pdfinfo "$order" | sed "s/$nbsp/ /g")
if echo "$info" | grep -q '^Title: *Об утверждении Концепции' &&
   echo "$info" | grep -q '^Author: *А.И. Кузнецов' &&
   echo "$info" | grep -q '^CreationDate: *Wed Mar 29 00:00:00 2017 UTC'; then
    ok pdf/info
else
    notok pdf/info "$(echo "$info" | head -6 | tr '\n' ' ')"
fi

# Bookmarks: the order, its two annexes under it, the concept's sections.
outline=$(qpdf --json --json-key=outlines "$order" | python3 -c '
import json, sys
def walk(items, depth):
    for it in items:
        print(depth, it["title"])
        walk(it.get("kids", []), depth + 1)
walk(json.load(sys.stdin)["outlines"], 0)' | sed "s/$nbsp/ /g")
if echo "$outline" | grep -q '^0 Об утверждении' &&
   echo "$outline" | grep -q '^1 Концепция межмуниципального' &&
   echo "$outline" | grep -q '^1 «Дорожная карта»' &&
   echo "$outline" | grep -q '^2 Введение'; then
    ok pdf/bookmarks
else
    notok pdf/bookmarks "$(echo "$outline" | head -5 | tr '\n' '|')"
fi

# Reproducible: another time zone and locale, the same bytes.
TZ=Pacific/Auckland LANG=C "$SB" build -f pdf -o "$tmp/again" input 2>/dev/null
same=1
for pdf in "$tmp"/out/docs/*.pdf; do
    cmp -s "$pdf" "$tmp/again/docs/$(basename "$pdf")" || same=0
done
if [ "$same" = 1 ]; then ok pdf/reproducible; else notok pdf/reproducible "PDFs differ between builds"; fi

# Fonts: every face embedded as a subset of the glyphs drawn (HarfBuzz),
# named TAG+PostScript name with a tag of its own, its font program a small
# part of the font file (~380 KB); so a one-page letter and a one-page
# order stay under 60 KB (libharu's own embedding made them ~100 KB).
if r=$(python3 - "$tmp"/out/docs/*.pdf <<'PY'
import re, subprocess, sys
problems = []
for pdf in sys.argv[1:]:
    name = pdf.rsplit("/", 1)[-1]
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout.split("\n")[2:]
    names = [line.split()[0] for line in fonts if line.strip()]
    for n in names:
        if not re.fullmatch(r"[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", n):
            problems.append("%s: font %s" % (name, n))
    if len({n[:6] for n in names}) != len(names):
        problems.append("%s: a tag shared by two faces: %s" % (name, names))
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                         capture_output=True).stdout
    programs = [int(x) for x in re.findall(rb"/Length1 (\d+)", qdf)]
    if len(programs) != len(names) or any(p > 64000 for p in programs):
        problems.append("%s: font programs of %s bytes for %d fonts" % (name, programs, len(names)))
print("; ".join(problems[:5]))
sys.exit(1 if problems else 0)
PY
); then
    ok pdf/font-subsets
else
    notok pdf/font-subsets "$r"
fi
one="$tmp/one"
mkdir -p "$one"
cat >"$one/order.md" <<'EOF'
---
kind: order
id: order-one
issuer: {name: Министерство образования и науки Челябинской области, header: [МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ, ЧЕЛЯБИНСКОЙ ОБЛАСТИ]}
date: 2017-03-29
number: 01/970
place: Челябинск
title: Об утверждении Концепции межмуниципального взаимодействия в решении задач эффективного управления качеством образования
signatory: {position: Министр, name: А.И. Кузнецов}
---
В целях формирования востребованной региональной системы оценки качества образования и образовательных результатов на всех уровнях образования и в соответствии с планом работы Министерства образования и науки на 2017 год

1. Утвердить прилагаемую Концепцию межмуниципального взаимодействия в решении задач эффективного управления качеством образования на основе результатов региональной системы оценки качества образования.
2. Контроль исполнения настоящего приказа оставляю за собой.
EOF
"$SB" build -f pdf -o "$tmp/oneout" "$one" 2>/dev/null
for pdf in "$tmp/oneout/docs/order-one.pdf" "$tmp/out/docs/letter-2023-128.pdf"; do
    name=$(basename "$pdf" .pdf)
    size=$(stat -c %s "$pdf" 2>/dev/null || echo 0)
    pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    if [ "$pages" = 1 ] && [ "$size" -gt 0 ] && [ "$size" -le 61440 ]; then
        ok "pdf/size/$name"
    else
        notok "pdf/size/$name" "$size bytes, ${pages:-no} pages (one page, at most 60 KB)"
    fi
done

# ---------------------------------------------------------------- a small project
p="$tmp/proj"
mkdir -p "$p/images"
python3 - "$p/images/chart.png" <<'PY'
import struct, sys, zlib
w, h = 120, 60
raw = b"".join(b"\x00" + b"".join(bytes((x * 2 % 256, y * 4 % 256, 160))
                                  for x in range(w)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
      + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
long=$(printf 'Длинное примечание о порядке проведения мониторинга и о сроках представления отчётности в органы управления образованием. %.0s' $(seq 1 60))
cat >"$p/order.md" <<EOF
---
kind: order
id: order-test
issuer: Министерство образования и науки Челябинской области
date: 2022-03-15
number: 01/500
title: О проведении мониторинга
signatory: {position: Министр, name: А.И. Кузнецов}
status: draft
annexes: [plan-test]
---
В соответствии с планом работы и в целях обеспечения качества образования[^1], а также во исполнение [[plan-test]].

1. Утвердить прилагаемый план.
2. Контроль исполнения настоящего приказа оставляю за собой.

[^1]: $long
EOF
cat >"$p/plan.md" <<'EOF'
---
kind: document
id: plan-test
genre: План
title: План проведения мониторинга
approved_by: order-test
---
## Общие положения

План определяет порядок проведения мониторинга.

![Диаграмма участия муниципалитетов](images/chart.png)

Мониторинг проводится ежегодно.

| Этап | Срок |
|---|---|
| Подготовка[^1] | март |
| Проведение | апрель |

[^1]: Табличное примечание о подготовке.
EOF
"$SB" build -f xml,pdf -o "$tmp/pout" "$p" 2>"$tmp/perr"
rc=$?
tpdf="$tmp/pout/docs/order-test.pdf"
if [ "$rc" = 0 ] && [ -f "$tpdf" ]; then ok pdf/small-build; else notok pdf/small-build "exit $rc: $(head -c 300 "$tmp/perr")"; fi
if r=$($CHECK words "$tpdf" "$tmp/pout/docs/order-test.xml"); then ok pdf/small-words; else notok pdf/small-words "$r"; fi
# The image, once, scaled into the text.
if [ "$(pdfimages -list "$tpdf" 2>/dev/null | awk 'NR > 2' | wc -l)" = 1 ]; then
    ok pdf/image
else
    notok pdf/image "$(pdfimages -list "$tpdf" 2>&1 | head -4 | tr '\n' ' ')"
fi
# ПРОЕКТ at the top right of the first page.
proj=$(pdftotext -bbox -f 1 -l 1 "$tpdf" - | grep '>ПРОЕКТ<' | sed 's/.*xMax="\([0-9.]*\)".*yMin="\{0,1\}.*/\1/')
if pdftotext -bbox -f 1 -l 1 "$tpdf" - | grep '>ПРОЕКТ<' | awk -F'"' '{ exit !($6 > 552 && $4 < 75) }'; then
    ok pdf/draft-mark
else
    notok pdf/draft-mark "ПРОЕКТ not at the top right: $proj"
fi
# A note longer than the room left runs on: its last words on a later page.
pages=$(pdfinfo "$tpdf" | awk '/^Pages:/ { print $2 }')
first=$(pdftotext -f 1 -l 1 "$tpdf" - | grep -c 'Длинное примечание')
later=$(pdftotext -f 2 -l "$pages" "$tpdf" - | grep -c 'Длинное примечание')
if [ "$first" -ge 1 ] && [ "$later" -ge 1 ]; then ok pdf/note-continues; else notok pdf/note-continues "page 1: $first, later pages: $later"; fi
# A note marked in a table is set at 10 pt (its words about 11 pt high),
# one marked in the text at 12 pt (about 13).
hs=$(pdftotext -bbox "$tpdf" - | python3 -c '
import re, sys
t = sys.stdin.read()
def h(word):
    m = re.search(r"yMin=\"([\d.]+)\" xMax=\"[\d.]+\" yMax=\"([\d.]+)\">" + word + "<", t)
    return float(m.group(2)) - float(m.group(1)) if m else 0
print("%.1f %.1f" % (h("Табличное"), h("Длинное")))')
if python3 -c "import sys; a, b = map(float, '$hs'.split()); sys.exit(0 if 10 < a < 12 and 12.5 < b < 14.5 else 1)"; then
    ok pdf/table-note-10pt
else
    notok pdf/table-note-10pt "heights of a table note and a text note: $hs"
fi
# [[plan-test]] is a link to the annex's first page in the same PDF.
if qpdf --qdf --object-streams=disable "$tpdf" "$tmp/q.pdf" &&
   python3 - "$tmp/q.pdf" <<'PY'
import re, sys
objs = open(sys.argv[1], "rb").read().split(b"endobj")
links = [o for o in objs if b"/Subtype /Link" in o and b"/Dest" in o]
sys.exit(0 if links else 1)
PY
then
    ok pdf/reference-link
else
    notok pdf/reference-link "no link annotation with a destination"
fi

# A six-column roadmap on landscape pages, its header on every one of
# them; a four-column one stays portrait.
rm17="$tmp/out/docs/roadmap-2017.pdf"
land=$(pdfinfo -f 1 -l 100 "$rm17" | awk '/^Page .* size:/ { print ($4 > $6) ? "L" : "P" }' | sort -u | tr -d '\n')
heads=$(for k in $(seq 1 "$(pdfinfo "$rm17" | awk '/^Pages:/ { print $2 }')"); do
    pdftotext -f "$k" -l "$k" "$rm17" - | grep -c 'Наименование'; done | sort -u | tr '\n' ' ')
if [ "$land" = L ] && [ "$heads" = "1 " ]; then
    ok pdf/roadmap-landscape-header
else
    notok pdf/roadmap-landscape-header "orientations '$land', header counts per page '$heads'"
fi
mm=$(pdfinfo -f 1 -l 1 "$tmp/out/docs/roadmap-mmpg3-2020.pdf" | awk '/^Page .* size:/ { print ($4 > $6) ? "L" : "P" }')
if [ "$mm" = P ]; then ok pdf/roadmap-portrait; else notok pdf/roadmap-portrait "$mm"; fi

# ---------------------------------------------------------------- the collection
coll="$tmp/out/portfolio-2022.pdf"
"$SB" build -f pdf -o "$tmp/out" input 2>/dev/null
if [ -f "$coll" ] && qpdf --check "$coll" >/dev/null 2>&1 && r=$($CHECK margins "$coll"); then
    ok pdf/collection-valid
else
    notok pdf/collection-valid "missing, or qpdf/margins: ${r:-}"
fi
if r=$(python3 - "$coll" <<'PY'
import json, re, subprocess, sys
pdf = sys.argv[1]
def text(first, last=None, *args):
    return subprocess.run(["pdftotext", *args, "-f", str(first), "-l", str(last or first), pdf, "-"],
                          capture_output=True, text=True).stdout.replace("\u00a0", " ")
pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
problems = []
title = text(1)
if "[и др.]" not in title or "МЕЖМУНИЦИПАЛЬНОЕ" not in title or "Челябинск" not in title:
    problems.append("title page lacks authors [и др.], the title in capitals or the city")
verso = text(2)
m = re.search(r"– (\d+) с\.", verso.replace("\n", " "))
if not m or int(m.group(1)) != pages:
    problems.append("verso page count %s, the PDF has %d pages" % (m and m.group(1), pages))
for need in ("УДК 37.07", "ББК 74.04", "ISBN 978-5-907538-14-6", "© ЧИРО, 2023"):
    if need not in verso:
        problems.append("verso lacks %r" % need)
# Page numbers: none on the title pages, the page's own number from page 3.
for k in (1, 2):
    top = text(k).strip().split("\n")[0]
    if top.strip().isdigit():
        problems.append("a page number on title page %d" % k)
for k in (3, 10, pages):
    first = text(k).strip().split("\n")[0].strip()
    if first != str(k):
        problems.append("page %d shows %r at the top" % (k, first))
# The contents: every entry's number is where the bookmark of that title lands.
outl = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf],
                                 capture_output=True, text=True).stdout)["outlines"]
marks = {}
def walk(items):
    for it in items:
        key = re.sub(r"\s+", " ", it["title"].replace("\u00a0", " "))[:40]
        marks.setdefault(key, []).append(it.get("destpageposfrom1"))
        walk(it.get("kids", []))
walk(outl)
toc = text(3, 4, "-layout")
entries = 0
for line in toc.split("\n"):
    mm = re.match(r"^\s*(\S.*?)\s*(?:\.\s*){3,}(\d+)\s*$", line)
    if not mm:
        continue
    entries += 1
    head = re.sub(r"\s+", " ", mm.group(1))[:25]
    hits = [p for t, ps in marks.items() if t.startswith(head) for p in ps]
    if hits and int(mm.group(2)) not in hits:
        problems.append("contents gives %s for %r, its bookmark %s" % (mm.group(2), head, hits))
if entries < 10:
    problems.append("only %d contents entries with dot leaders" % entries)
print("; ".join(problems[:5]))
sys.exit(1 if problems else 0)
PY
); then
    ok pdf/collection-pages
else
    notok pdf/collection-pages "$r"
fi

# Fonts that cannot be read: one diagnostic, exit 3, no PDF written.
data="$tmp/data"
mkdir -p "$data"
ln -s "$(pwd)/schemas" "$data/schemas"
ln -s "$(pwd)/stylesheets" "$data/stylesheets"
SBORNIK_DATA="$data" "$SB" build -f pdf -o "$tmp/nofonts" input 2>"$tmp/nf.err"
rc=$?
if [ "$rc" = 3 ] && grep -q "cannot load Liberation Serif" "$tmp/nf.err" &&
   [ -z "$(find "$tmp/nofonts" -name '*.pdf' 2>/dev/null)" ]; then
    ok pdf/no-fonts
else
    notok pdf/no-fonts "exit $rc: $(head -c 200 "$tmp/nf.err")"
fi
