#!/usr/bin/env bash
# End to end for the HTML writer (issue 4).  Builds input/ with -f html,
# then checks every page with the Nu HTML checker, every internal link and
# #fragment with a link checker (python3, html.parser), the requisites of
# the sample documents in the text of their pages, a small project of its
# own (a draft order with an approved and an attached annex, an image, a
# reference to an annex on the same page), a broken stylesheet (exit 3,
# a diagnostic, no page), and screenshots of the order page and the
# collection's index by headless Chromium (kept in $SHOTS, default
# build/screenshots, to be looked at).
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SB="${SBORNIK:-build/sbornik}"
case "$SB" in /*) ;; *) SB="$ROOT/$SB" ;; esac
# Under make valgrind, tests/run.sh exports run_sbornik: use it.
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
VNU=tests/tools/node_modules/vnu-jar/build/dist/vnu.jar
SHOTS="${SHOTS:-build/screenshots}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() {     # say NAME OK-FLAG WHY
    if [ "$2" = 1 ]; then echo "ok $1"; else echo "not ok $1: $3"; fi
}

# ---------------------------------------------------------------- build
out="$tmp/out"
"$SB" build -f html -o "$out" input >"$tmp/build.out" 2>"$tmp/build.err"
rc=$?
ok=0; [ "$rc" = 0 ] && [ ! -s "$tmp/build.err" ] && ok=1
say html/build "$ok" "exit $rc: $(head -c 400 "$tmp/build.err")"

docs=$(grep -rL '^kind: collection' --include='*.md' input | wc -l)
pages=$(find "$out/docs" -name '*.html' | wc -l)
ok=0
[ "$docs" = "$pages" ] && [ -f "$out/index.html" ] && [ -f "$out/sbornik.css" ] &&
    [ -f "$out/portfolio-2022/index.html" ] && ok=1
say html/pages "$ok" "$pages pages for $docs documents, or index/css/collection missing"
only_html=1
# The build cache (a hidden folder) aside.
find "$out" -type f ! -name '*.html' ! -name 'sbornik.css' ! -path '*/.sbornik-cache/*' | grep -q . && only_html=0
say html/only-html "$only_html" "-f html wrote other files: $(find "$out" -type f ! -name '*.html' ! -name '*.css' ! -path '*/.sbornik-cache/*' | head -3)"

# ---------------------------------------------------------------- the Nu checker
nu_check() {    # nu_check NAME DIR
    if [ ! -f "$VNU" ]; then
        echo "not ok $1: no Nu checker at $VNU (make deps installs it)"
        return
    fi
    if java -jar "$VNU" --errors-only --format text $(find "$2" -name '*.html' | sort) \
        >"$tmp/vnu.log" 2>&1; then
        echo "ok $1"
    else
        echo "not ok $1: $(head -c 600 "$tmp/vnu.log" | tr '\n' ' ')"
    fi
}
nu_check html/nu-checker "$out"

# ---------------------------------------------------------------- links and text
# Counts from the trees, to compare the pages with.
count_in() {    # count_in SOURCE PATTERN
    "$SB" xml "$1" 2>/dev/null | grep -o "$2" | wc -l
}
export N_CONCEPT_NOTES=$(count_in input/2017/concept.md '<footnote ')
export N_RM2017_EVENTS=$(count_in input/2017/roadmap.md '<event ')
export N_MODEL_FIELDS=$(count_in input/2022/portfolio/municipal/full/01-order-vpr-procedure-monitoring.md '<field')

cat >"$tmp/check.py" <<'PY'
"""Link checker and page checks for the HTML writer's output.

Usage: check.py OUT_DIR (sample|own).  Prints "ok NAME" / "not ok NAME: why".
"""
import os
import re
import sys
import urllib.parse
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        if self.tag == "br":
            return " "
        parts = []
        for c in self.children:
            parts.append(c if isinstance(c, str) else c.text())
        return "".join(parts)

    def flat(self):
        return " ".join(self.text().replace("\u00a0", " ").split())

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        out = []
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.attrs.get("class", "").split():
                continue
            if any(n.attrs.get(k) != v for k, v in attrs.items()):
                continue
            out.append(n)
        return out

    def kids(self, tag):
        return [c for c in self.children if isinstance(c, Node) and c.tag == tag]

    def find(self, *a, **k):
        r = self.find_all(*a, **k)
        return r[0] if r else None


class Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


pages = {}


def page(rel):
    if rel not in pages:
        b = Builder()
        with open(os.path.join(OUT, rel), encoding="utf-8") as f:
            b.feed(f.read())
        pages[rel] = b
    return pages[rel].root


def result(name, problems):
    if problems:
        print(f"not ok {name}: " + "; ".join(problems[:5])[:600])
    else:
        print(f"ok {name}")


def expect(name, cond, why):
    result(name, [] if cond else [why])


OUT, MODE = sys.argv[1], sys.argv[2]
html_files = sorted(os.path.relpath(os.path.join(d, f), OUT)
                    for d, _, fs in os.walk(OUT) for f in fs if f.endswith(".html"))

# ------------------------------------------------------------ every page
meta_problems, link_problems = [], []
for rel in html_files:
    root = page(rel)
    if (pages[rel].doctype or "").lower() != "doctype html":
        meta_problems.append(f"{rel}: doctype {pages[rel].doctype!r}")
    html = root.find("html")
    if not html or html.attrs.get("lang") != "ru":
        meta_problems.append(f"{rel}: no <html lang=ru>")
    charsets = [m for m in root.find_all("meta") if "charset" in m.attrs or "http-equiv" in m.attrs]
    if len(charsets) != 1 or charsets[0].attrs.get("charset", "").lower() != "utf-8":
        meta_problems.append(f"{rel}: charset declarations {[m.attrs for m in charsets]}")
    title = root.find("title")
    if not title or not title.flat():
        meta_problems.append(f"{rel}: empty <title>")
    if root.find_all("script") or re.search(r"\son[a-z]+=", open(os.path.join(OUT, rel), encoding="utf-8").read()):
        meta_problems.append(f"{rel}: script")
    if rel.startswith("docs/"):
        names = {m.attrs.get("name") for m in root.find_all("meta")}
        if "author" not in names:
            meta_problems.append(f"{rel}: no author")
    # Links: relative, to files that exist, to fragments that exist there.
    for n in root.iter():
        for attr in ("href", "src"):
            url = n.attrs.get(attr)
            if url is None:
                continue
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("http", "https", "mailto", "tel", "ftp"):
                if n.tag in ("link", "img", "script"):
                    link_problems.append(f"{rel}: external resource {url}")
                continue
            if parts.scheme or parts.netloc or url.startswith("/"):
                link_problems.append(f"{rel}: not relative: {url}")
                continue
            path = urllib.parse.unquote(parts.path)
            target = os.path.normpath(os.path.join(os.path.dirname(rel), path)) if path else rel
            if target.startswith(".."):
                link_problems.append(f"{rel}: leaves the output: {url}")
                continue
            if not os.path.isfile(os.path.join(OUT, target)):
                link_problems.append(f"{rel}: broken {url}")
                continue
            if parts.fragment:
                if not target.endswith(".html"):
                    link_problems.append(f"{rel}: fragment into {target}")
                    continue
                frag = urllib.parse.unquote(parts.fragment)
                if not page(target).find_all(id=frag):
                    link_problems.append(f"{rel}: no #{frag} in {target}")
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        link_problems.append(f"{rel}: duplicate ids {sorted(dup)[:3]}")
result(f"html/{MODE}/page-metadata", meta_problems)
result(f"html/{MODE}/links", link_problems)

# ------------------------------------------------------------ the sample
if MODE == "sample":
    order = page("docs/order-2017-970.html")
    art = order.find("article", id="order-2017-970")
    req = art.find("header", cls="requisites")
    dl = art.find("p", cls="dateline")
    expect("html/order-requisites",
           req and "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ ЧЕЛЯБИНСКОЙ ОБЛАСТИ" in req.find("p", cls="org-header").flat()
           and req.find("p", cls="form").flat() == "ПРИКАЗ"
           and dl and [c.flat() for c in dl.find_all("span")] == ["29.03.2017", "№ 01/970"]
           and req.find("p", cls="place").flat() == "г. Челябинск",
           "header, П Р И К А З, date/№ line or place wrong")
    sig = art.find("div", cls="signature")
    expect("html/order-text",
           art.find("h1").flat().startswith("Об утверждении Концепции")
           and art.find("p", cls="directive").flat() == "ПРИКАЗЫВАЮ:"
           and len(art.find("ol", cls="points").kids("li")) == 2
           and sig and [s.flat() for s in sig.find_all("span")] == ["Министр", "А.И. Кузнецов"],
           "heading, ПРИКАЗЫВАЮ:, points or signature wrong")
    annexes = [a for a in order.find_all("article", cls="annex")]
    stamps = [a.find("div", cls="stamp") for a in annexes]
    expect("html/order-annexes",
           [a.attrs.get("id") for a in annexes] == ["concept-2017", "roadmap-2017"]
           and all(s and s.flat() == "УТВЕРЖДЕНА приказом Министерства образования и науки "
                   "Челябинской области от 29.03.2017 № 01/970" for s in stamps)
           and all(s.find("a").attrs.get("href") == "#order-2017-970" for s in stamps),
           f"annexes {[a.attrs.get('id') for a in annexes]}, stamps {[s.flat() if s else None for s in stamps]}")

    concept = page("docs/concept-2017.html")
    notes = concept.find("section", cls="footnotes").find_all("li")
    marks = concept.find_all("sup", cls="fnref")
    expect("html/concept-footnotes",
           len(notes) == int(os.environ["N_CONCEPT_NOTES"]) > 20
           and [n.attrs.get("id") for n in notes] == [f"fn-concept-2017-{i}" for i in range(1, len(notes) + 1)]
           and len(marks) >= len(notes)
           and all(n.find("a", cls="footnote-back").attrs["href"] == f"#fnref-concept-2017-{i}"
                   for i, n in enumerate(notes, 1)),
           f"{len(notes)} notes (tree: {os.environ['N_CONCEPT_NOTES']}), {len(marks)} marks")

    rm = page("docs/roadmap-2017.html")
    table = rm.find("table", cls="roadmap-table")
    head = [th.flat() for th in table.find("thead").find_all("th")]
    rows = [tr for tb in table.find_all("tbody") for tr in tb.find_all("tr") if "section-row" not in tr.attrs.get("class", "")]
    sections = table.find_all("tr", cls="section-row")
    first = [td.flat() for td in rows[0].find_all("td")] if rows else []
    expect("html/roadmap-table",
           head == ["№ п/п", "Наименование мероприятия", "Участники", "Исполнители/соисполнители",
                    "Сроки", "Ожидаемый результат"]
           and len(rows) == int(os.environ["N_RM2017_EVENTS"])
           and [r.find("td").flat() for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
           and sections and sections[0].find("th").attrs.get("colspan") == "6"
           and first[4] == "16–17 февраля 2017 г."
           and len(rows[0].find_all("p", cls="cell-line")) == 2,
           f"header {head}, {len(rows)} rows, first {first[:1]}/{first[4:5]}")
    expect("html/roadmap-timeline",
           rm.find("figure", cls="timeline") is not None
           and len(rm.find("figure", cls="timeline").find_all("g", cls="tl-event")) == len(rows),
           "no timeline with one row per event on the roadmap page")

    model = page("docs/model-order-vpr-procedure-monitoring.html")
    fields = model.find_all("span", cls="field")
    expect("html/model-fields",
           len(fields) == int(os.environ["N_MODEL_FIELDS"]) > 3
           and all(f.attrs.get("title", "").endswith(f.flat()) for f in fields)
           and any(f.flat() == "наименование муниципального образования" for f in fields)
           and model.find("p", cls="mark-model") is not None,
           f"{len(fields)} fields (tree: {os.environ['N_MODEL_FIELDS']}) or no model mark")

    comp = page("docs/compendium-2016-2019.html")
    refs = [a for a in comp.find_all("a", cls="ref") if a.attrs["href"] == "../docs/order-2017-970.html"]
    expect("html/references", refs and "01/970" in refs[0].flat(),
           "no [[order-2017-970]] link on the compendium page")

    coll = page("portfolio-2022/index.html")
    verso = coll.find("section", cls="verso").flat()
    entries = [a.attrs["href"] for a in coll.find("nav", cls="contents").find_all("a")]
    expect("html/collection",
           "ISBN 978-5-907538-14-6" in verso and "УДК 37.07" in verso and "ББК 74.04" in verso
           and "© ЧИРО, 2023" in verso and "[и др.]" in verso
           and coll.find("h1", cls="tp-title").flat().startswith("Межмуниципальное взаимодействие")
           and len(coll.find_all("li", cls="contents-part")) == 7
           and "../docs/order-2017-970.html" in entries and "../docs/concept-2017.html" in entries
           and len(entries) >= 16,
           f"verso or contents wrong ({len(entries)} entries)")

    index = page("index.html")
    linked = {a.attrs["href"] for a in index.find_all("a")}
    missing = [p for p in html_files if p != "index.html" and p not in linked]
    expect("html/index-links-all", not missing, f"not linked: {missing[:4]}")
    expect("html/index-no-absent-formats",
           not any(h.endswith((".pdf", ".docx", ".ics", ".csv", ".svg", ".xml")) for h in linked),
           "links formats not written in this run")

# ------------------------------------------------------------ our own project
if MODE == "own":
    d = page("docs/draft-order.html")
    arts = d.find_all("article")
    stamps = [a.find("div", cls="stamp") for a in arts[1:]]
    expect("html/own/draft-mark", d.find("p", cls="mark-draft").flat() == "ПРОЕКТ", "no ПРОЕКТ")
    expect("html/own/stamps",
           len(stamps) == 2 and stamps[0].flat().startswith("УТВЕРЖДЕН приказом")
           and stamps[1].flat().startswith("Приложение 2 к приказу"),
           f"stamps {[s.flat() if s else None for s in stamps]}")
    refs = [a.attrs["href"] for a in d.find_all("a", cls="ref")]
    expect("html/own/annex-refs-on-page", refs == ["#plan", "#note"], f"refs {refs}")
    img = d.find("img")
    expect("html/own/image",
           img is not None and img.attrs.get("src") == "../media/images/chart.png"
           and img.attrs.get("alt") == "Схема мероприятий"
           and open(os.path.join(OUT, "media/images/chart.png"), "rb").read()
           == open(os.path.join(sys.argv[3], "images/chart.png"), "rb").read(),
           "image not shown or not copied byte for byte")
PY

python3 "$tmp/check.py" "$out" sample

# ---------------------------------------------------------------- a project of our own
proj="$tmp/proj"
mkdir -p "$proj/images"
cat >"$proj/order.md" <<'EOF'
---
kind: order
id: draft-order
issuer: Министерство образования и науки Челябинской области
date: 2023-02-01
number: 01/1
place: Челябинск
title: О плане мероприятий
signatory: {position: Министр, name: А.И. Кузнецов}
status: draft
annexes: [plan, note]
---
В целях исполнения плана ([[plan]]) и справки ([[note|short]])

1. Утвердить прилагаемый план мероприятий.
2. Контроль исполнения настоящего приказа оставляю за собой.
EOF
cat >"$proj/plan.md" <<'EOF'
---
kind: document
id: plan
genre: План
title: План мероприятий
approved_by: draft-order
---
Мероприятия плана[^1] показаны на схеме.

![Схема мероприятий](images/chart.png)

[^1]: Сноска к плану.
EOF
cat >"$proj/note.md" <<'EOF'
---
kind: document
id: note
genre: Справка
title: Справка о ходе работ
---
Работы идут по плану.
EOF
# A 40×20 PNG, written by python3's zlib.
python3 - "$proj/images/chart.png" <<'PY'
import struct, sys, zlib
w, h = 40, 20
raw = b"".join(b"\x00" + bytes([200, 120, 40]) * w for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
"$SB" build -f html -o "$tmp/own" "$proj" >/dev/null 2>"$tmp/own.err"
rc=$?
ok=0; [ "$rc" = 0 ] && [ ! -s "$tmp/own.err" ] && ok=1
say html/own/build "$ok" "exit $rc: $(head -c 300 "$tmp/own.err")"
nu_check html/own/nu-checker "$tmp/own"
python3 "$tmp/check.py" "$tmp/own" own "$proj"

# ---------------------------------------------------------------- a broken stylesheet
data="$tmp/data"
mkdir -p "$data"
ln -s "$ROOT/schemas" "$data/schemas"
cp -r "$ROOT/stylesheets" "$data/stylesheets"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/">\n' \
    >"$data/stylesheets/html/order.xsl"
SBORNIK_DATA="$data" "$SB" build -f html -o "$tmp/broken" "$proj" >/dev/null 2>"$tmp/broken.err"
rc=$?
ok=0
[ "$rc" = 3 ] && grep -q 'stylesheets/html/html.xsl: error: cannot load the stylesheet: .*order.xsl' "$tmp/broken.err" &&
    ! find "$tmp/broken" -name '*.html' 2>/dev/null | grep -q . && ok=1
say html/broken-stylesheet "$ok" "exit $rc (want 3): $(head -c 300 "$tmp/broken.err")"

# ---------------------------------------------------------------- reproducible
TZ=Asia/Yekaterinburg LC_ALL=C "$SB" build -f html -o "$tmp/again" input >/dev/null 2>&1
ok=0; diff -r "$out" "$tmp/again" >/dev/null && ok=1
say html/reproducible "$ok" "two builds differ"

# ---------------------------------------------------------------- screenshots
mkdir -p "$SHOTS"
shot() {    # shot NAME PAGE
    local png="$SHOTS/$1.png" profile
    profile=$(mktemp -d)
    rm -f "$png"
    timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" --screenshot="$png" \
        --window-size=1200,1600 "file://$2" >"$tmp/chromium.log" 2>&1
    rm -rf "$profile"
    # A PNG, and not a blank one: a blank page compresses to a few KB.
    if [ -s "$png" ] && [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
        [ "$(stat -c %s "$png")" -gt 20000 ]; then
        echo "ok html/screenshot/$1"
    else
        echo "not ok html/screenshot/$1: no PNG or a blank one ($(tail -c 300 "$tmp/chromium.log"))"
    fi
}
shot order "$out/docs/order-2017-970.html"
shot collection "$out/portfolio-2022/index.html"
