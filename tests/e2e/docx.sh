#!/usr/bin/env bash
# End to end for the DOCX writer: builds input/ with -f docx, checks every
# package (zip listing, every part well-formed, the parts Word needs),
# builds again under other time zones and compares the bytes, converts all
# outputs with LibreOffice in one call and checks the PDFs: key texts,
# footnotes at the foot of their mark's page, landscape roadmap pages, A4
# with the margins of LAYOUT.md.  Prints "ok NAME" or "not ok NAME: why".
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SB="${SBORNIK:-build/sbornik}"
case "$SB" in /*) ;; *) SB="$ROOT/$SB" ;; esac
# Under make valgrind, tests/run.sh exports run_sbornik: use it.
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok docx/$1"; }
notok() { echo "not ok docx/$1: $2"; }
check() {   # check NAME COMMAND...: ok when the command succeeds
    local name=$1
    shift
    if "$@" >"$tmp/log" 2>&1; then ok "$name"; else notok "$name" "$(head -c 600 "$tmp/log" | tr '\n' ' ')"; fi
}

# ---------------------------------------------------------------- build
TZ=Asia/Yekaterinburg "$SB" build -f docx -o "$tmp/a" input 2>"$tmp/a.err"
rc=$?
sources=$(find input -name '*.md' ! -path '*/_*' ! -path '*/.*' | wc -l)
packages=$(find "$tmp/a" -name '*.docx' | wc -l)
# The build cache (a hidden folder) aside.
others=$(find "$tmp/a" -type f ! -name '*.docx' ! -path '*/.sbornik-cache/*' | wc -l)
if [ "$rc" = 0 ] && [ ! -s "$tmp/a.err" ] && [ "$packages" = "$sources" ] && [ "$others" = 0 ]; then
    ok build
else
    notok build "exit $rc, $sources sources, $packages packages, $others other files: $(head -c 300 "$tmp/a.err")"
fi
order="$tmp/a/docs/order-2017-970.docx"
coll="$tmp/a/portfolio-2022.docx"
[ -f "$order" ] || notok order-exists "no docs/order-2017-970.docx"
[ -f "$coll" ] || notok collection-exists "no portfolio-2022.docx"

# ---------------------------------------------------------------- packages
# Every package lists its parts and every part is well-formed XML.
bad=""
for f in $(cd "$tmp/a" && find . -name '*.docx' | sort); do
    d="$tmp/x/${f%.docx}"
    mkdir -p "$d"
    if ! unzip -l "$tmp/a/$f" >"$tmp/list" 2>&1 || ! unzip -q -o "$tmp/a/$f" -d "$d" 2>>"$tmp/list"; then
        bad="$bad $f(unzip)"
        continue
    fi
    for part in '[Content_Types].xml' _rels/.rels word/document.xml word/styles.xml \
                word/numbering.xml word/footnotes.xml word/settings.xml word/header1.xml \
                word/_rels/document.xml.rels docProps/core.xml docProps/app.xml; do
        grep -qF " $part" "$tmp/list" || bad="$bad $f(no $part)"
    done
    while IFS= read -r -d '' part; do
        xmllint --noout "$part" 2>/dev/null || bad="$bad $f(${part#$d/})"
    done < <(find "$d" -type f \( -name '*.xml' -o -name '*.rels' \) -print0)
done
if [ -z "$bad" ]; then ok packages-well-formed; else notok packages-well-formed "$bad"; fi

# The structure Word and a clerk rely on, read from the parts.
python3 - "$tmp/x" >"$tmp/struct.out" 2>&1 <<'EOF' || echo "not ok docx/structure-checks: $(tail -c 400 "$tmp/struct.out" | tr '\n' ' ')"
import re, sys, os
import xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
base = sys.argv[1]
def part(doc, name):
    return ET.parse(os.path.join(base, doc, name)).getroot()
def report(name, ok, why=''):
    print(('ok docx/' if ok else 'not ok docx/') + name + ('' if ok else ': ' + why))

# Points of the order: real numbering, no typed digits.
doc = part('docs/order-2017-970', 'word/document.xml')
points = [p for p in doc.iter(W + 'p')
          if p.find(f'{W}pPr/{W}pStyle') is not None
          and p.find(f'{W}pPr/{W}pStyle').get(W + 'val') == 'OrderPoint']
numbered = [p for p in points if p.find(f'{W}pPr/{W}numPr') is not None]
typed = [''.join(t.text or '' for t in p.iter(W + 't'))[:20] for p in points
         if re.match(r'\s*\d+[.)]\s', ''.join(t.text or '' for t in p.iter(W + 't')))]
report('order-points-numbered', len(numbered) == 4 and not typed,
       f'{len(points)} points, {len(numbered)} with numPr, typed: {typed}')
# Nor in any list or roadmap number cell of any package.
typed = []
for dirpath, _, files in os.walk(base):
    if dirpath.endswith('/word') and 'document.xml' in files:
        d = ET.parse(os.path.join(dirpath, 'document.xml')).getroot()
        for p in d.iter(W + 'p'):
            st = p.find(f'{W}pPr/{W}pStyle')
            if st is not None and st.get(W + 'val') in ('OrderPoint', 'ListParagraph', 'TableNumber', 'Reference'):
                text = ''.join(t.text or '' for t in p.iter(W + 't'))
                if p.find(f'{W}pPr/{W}numPr') is not None and re.match(r'\s*(\d+[.)]|[–•-])\s', text):
                    typed.append(text[:30])
report('no-typed-list-numbers', not typed, '; '.join(typed[:5]))
num = part('docs/order-2017-970', 'word/numbering.xml')
texts = [l.get(W + 'val') for l in num.iter(W + 'lvlText')]
report('numbering-formats', '%1.' in texts and '%2)' in texts and '–' in texts,
       f'level texts {sorted(set(texts))[:10]}')

# Styles for every role.
styles = part('docs/order-2017-970', 'word/styles.xml')
ids = {s.get(W + 'styleId') for s in styles.iter(W + 'style')}
roles = ['Normal', 'Heading1', 'Heading2', 'Heading3', 'DocTitle', 'OrderHeader', 'OrderKind',
         'DateNumber', 'Place', 'TextTitle', 'Directive', 'OrderPoint', 'Signature', 'Stamp',
         'AnnexMark', 'DraftMark', 'TableText', 'TableHeader', 'FootnoteText',
         'FootnoteReference', 'Field', 'Addressee', 'Executor', 'ArticleTitle', 'Abstract',
         'Reference', 'TOC1', 'TOC2', 'TableGrid']
missing = [r for r in roles if r not in ids]
report('styles-every-role', not missing, f'missing {missing}')
body_used = {e.get(W + 'val') for e in doc.iter(W + 'pStyle')} | {e.get(W + 'val') for e in doc.iter(W + 'rStyle')}
report('styles-used-defined', body_used <= ids, f'undefined {sorted(body_used - ids)}')

# Page set-up, header from the second page, hyphenation, language.
sects = list(doc.iter(W + 'sectPr'))
sizes = [(s.find(W + 'pgSz').get(W + 'w'), s.find(W + 'pgSz').get(W + 'h'), s.find(W + 'pgSz').get(W + 'orient')) for s in sects]
margins = {tuple(s.find(W + 'pgMar').get(W + k) for k in ('left', 'right', 'top', 'bottom')) for s in sects}
report('sections', len(sects) == 3 and sizes[0] == ('11906', '16838', None)
       and sizes[2] == ('16838', '11906', 'landscape') and margins == {('1701', '851', '1134', '1134')}
       and all(s.find(W + 'titlePg') is not None for s in sects),
       f'{len(sects)} sections {sizes} margins {margins}')
settings = part('docs/order-2017-970', 'word/settings.xml')
report('settings', settings.find(W + 'autoHyphenation') is not None
       and settings.find(W + 'evenAndOddHeaders').get(W + 'val') == '0'
       and settings.find(W + 'defaultTabStop') is not None, 'hyphenation/headers/tab stop')
lang = styles.find(f'{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang').get(W + 'val')
font = styles.find(f'{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts').get(W + 'ascii')
size = styles.find(f'{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz').get(W + 'val')
report('defaults', (lang, font, size) == ('ru-RU', 'Times New Roman', '28'), f'{lang} {font} {size}')
hdr = ET.tostring(part('docs/order-2017-970', 'word/header1.xml'), encoding='unicode')
report('header-page-field', 'PAGE' in hdr, 'no PAGE field in header1.xml')

# Roadmap table: repeated header row, unsplittable rows, section rows.
rows = list(doc.iter(W + 'tr'))
report('roadmap-table', any(r.find(f'{W}trPr/{W}tblHeader') is not None for r in rows)
       and all(r.find(f'{W}trPr/{W}cantSplit') is not None for r in rows)
       and any(c.find(f'{W}tcPr/{W}gridSpan') is not None for c in doc.iter(W + 'tc')),
       'tblHeader / cantSplit / gridSpan missing')

# Footnotes: real ones, one per mark.
fn = part('docs/order-2017-970', 'word/footnotes.xml')
notes = [f for f in fn.iter(W + 'footnote') if f.get(W + 'type') is None]
refs = list(doc.iter(W + 'footnoteReference'))
report('footnotes', len(notes) == 26 and len(refs) == 26
       and {r.get(W + 'id') for r in refs} == {n.get(W + 'id') for n in notes},
       f'{len(notes)} notes, {len(refs)} marks')

# Fields: content controls showing their caption as placeholder.
m = part('docs/model-letter-vpr-roadmaps', 'word/document.xml')
sdts = list(m.iter(W + 'sdt'))
captions = {s.find(f'{W}sdtPr/{W}alias').get(W + 'val') for s in sdts if s.find(f'{W}sdtPr/{W}alias') is not None}
report('fields-content-controls', len(sdts) >= 10 and 'дата' in captions and 'номер' in captions
       and all(s.find(f'{W}sdtPr/{W}showingPlcHdr') is not None for s in sdts),
       f'{len(sdts)} controls, captions {sorted(captions)[:5]}')

# References to a document of the same file are hyperlinks to its bookmark.
c = part('portfolio-2022', 'word/document.xml')
marks = {b.get(W + 'name') for b in c.iter(W + 'bookmarkStart')}
anchors = [h.get(W + 'anchor') for h in c.iter(W + 'hyperlink') if h.get(W + 'anchor')]
report('internal-links', anchors and all(a in marks for a in anchors),
       f'{len(anchors)} anchors, missing {[a for a in anchors if a not in marks][:5]}')

# The collection's contents: a TOC field whose entries are already there.
instr = ''.join(t.text or '' for t in c.iter(W + 'instrText'))
entries = [p for p in c.iter(W + 'p') if p.find(f'{W}pPr/{W}pStyle') is not None
           and p.find(f'{W}pPr/{W}pStyle').get(W + 'val') in ('TOC1', 'TOC2')]
texts = [''.join(t.text or '' for t in p.iter(W + 't')) for p in entries]
report('toc-filled', 'TOC \\o' in instr and len(entries) >= 20
       and any(t.startswith('Портфель модельных решений для образовательной') for t in texts),
       f'{len(entries)} entries')

# Document properties: dated by the document, never by the clock.
core = ET.tostring(part('docs/order-2017-970', 'docProps/core.xml'), encoding='unicode')
report('core-properties', '2017-03-29T00:00:00Z' in core and 'утверждении Концепции' in core,
       'created/title')
EOF
cat "$tmp/struct.out"

# ---------------------------------------------------------------- determinism
TZ=America/New_York "$SB" build -f docx -o "$tmp/b" input 2>/dev/null
diffs=""
for f in $(cd "$tmp/a" && find . -name '*.docx' | sort); do
    cmp -s "$tmp/a/$f" "$tmp/b/$f" || diffs="$diffs $f"
done
if [ -z "$diffs" ]; then ok byte-identical; else notok byte-identical "$diffs"; fi
if unzip -l "$order" | grep -q '2017-03-29 00:00   word/document.xml'; then
    ok zip-dated-by-document
else
    notok zip-dated-by-document "$(unzip -l "$order" | sed -n 4p)"
fi
SOURCE_DATE_EPOCH=1700000000 TZ=Pacific/Auckland "$SB" build -f docx -o "$tmp/c" input 2>/dev/null
if unzip -l "$tmp/c/docs/order-2017-970.docx" | grep -q '2023-11-14 22:13   word/document.xml' &&
   unzip -p "$tmp/c/docs/order-2017-970.docx" docProps/core.xml | grep -q '2023-11-14T22:13:20Z'; then
    ok source-date-epoch
else
    notok source-date-epoch "$(unzip -l "$tmp/c/docs/order-2017-970.docx" | sed -n 4p)"
fi

# ---------------------------------------------------------------- failures
# A broken stylesheet is a diagnostic and exit 3, never a crash or a file.
mkdir -p "$tmp/data/stylesheets/docx"
cp -r schemas "$tmp/data/"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/"><xsl:bogus/></xsl:template>\n' \
    >"$tmp/data/stylesheets/docx/package.xsl"
SBORNIK_DATA="$tmp/data" "$SB" build -f docx -o "$tmp/broken" input 2>"$tmp/broken.err"
rc=$?
if [ "$rc" = 3 ] && grep -q 'package.xsl: error: cannot load the stylesheet' "$tmp/broken.err" &&
   [ -z "$(find "$tmp/broken" -name '*.docx' 2>/dev/null)" ]; then
    ok broken-stylesheet
else
    notok broken-stylesheet "exit $rc: $(head -c 300 "$tmp/broken.err")"
fi
# An include from outside the stylesheets folder is refused.
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:include href="../../outside.xsl"/>\n</xsl:stylesheet>\n' \
    >"$tmp/data/stylesheets/docx/package.xsl"
cp stylesheets/docx/common.xsl "$tmp/data/outside.xsl"
SBORNIK_DATA="$tmp/data" "$SB" build -f docx -o "$tmp/broken2" input 2>"$tmp/broken2.err"
rc=$?
if [ "$rc" = 3 ] && grep -q 'cannot load the stylesheet' "$tmp/broken2.err"; then
    ok include-confined
else
    notok include-confined "exit $rc: $(head -c 300 "$tmp/broken2.err")"
fi

# ---------------------------------------------------------------- LibreOffice
if ! command -v soffice >/dev/null; then
    notok libreoffice "soffice not installed (make deps installs libreoffice-writer-nogui)"
    exit 0
fi
# The image case project too: a figure scaled to the text width.
(cd tests/cases/docx-image && "$SB" build -f docx -o "$tmp/img" project 2>/dev/null)
if unzip -p "$tmp/img/docs/report-images.docx" word/document.xml 2>/dev/null |
        grep -q '<wp:extent cx="5939790" cy="1484947"/>.*<wp:extent cx="1143000" cy="857250"/>'; then
    ok image-sizes
else
    notok image-sizes "the wide image is not 165 mm wide or the small one not at its size"
fi
mkdir -p "$tmp/pdf"
# One call for everything: LibreOffice takes seconds to start.
timeout 300 soffice --headless "-env:UserInstallation=file://$tmp/lo-profile" \
    --convert-to pdf --outdir "$tmp/pdf" "$tmp"/a/docs/*.docx "$tmp"/a/*.docx \
    "$tmp"/img/docs/*.docx >"$tmp/soffice.log" 2>&1
pdfs=$(find "$tmp/pdf" -name '*.pdf' | wc -l)
if [ "$pdfs" = $((packages + 1)) ]; then
    ok libreoffice-converts-all
else
    notok libreoffice-converts-all "$pdfs PDFs of $((packages + 1)): $(tail -c 300 "$tmp/soffice.log")"
fi

python3 - "$tmp/pdf" >"$tmp/pdf.out" 2>&1 <<'EOF' || echo "not ok docx/pdf-checks: $(tail -c 400 "$tmp/pdf.out" | tr '\n' ' ')"
import re, subprocess, sys, os
base = sys.argv[1]
def report(name, ok, why=''):
    print(('ok docx/' if ok else 'not ok docx/') + name + ('' if ok else ': ' + why))
def pages(name):
    """The text of every page, as pdftotext reads it."""
    path = os.path.join(base, name + '.pdf')
    if not os.path.exists(path):
        return []
    out = subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True, text=True).stdout
    return out.split('\f')[:-1] if out.endswith('\f') else out.split('\f')
def words(name):
    """Per page: (width, height, [(xmin, ymin, xmax, ymax, word)])."""
    path = os.path.join(base, name + '.pdf')
    out = subprocess.run(['pdftotext', '-bbox', path, '-'], capture_output=True, text=True).stdout
    result = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        ws = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
              re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page.group(3))]
        result.append((float(page.group(1)), float(page.group(2)), ws))
    return result
def flat(text):
    return re.sub(r'\s+', ' ', text.replace('\u00a0', ' '))
def bare(text, fold=False):
    """Without spaces and hyphens: a phrase matches however it was broken
    into lines, hyphenated or laid out in table cells; fold: in any case
    (a style may set capitals)."""
    text = re.sub(r'[\s\u00a0\u00ad-]+', '', text)
    return text.lower() if fold else text
def raw(name):
    path = os.path.join(base, name + '.pdf')
    if not os.path.exists(path):
        return ''
    return subprocess.run(['pdftotext', '-raw', path, '-'], capture_output=True, text=True).stdout

order = pages('order-2017-970')
all_text = bare(raw('order-2017-970'))
for key in ['01/970', '29.03.2017', 'ПРИКАЗЫВАЮ:', 'УТВЕРЖДЕНА', 'г. Челябинск',
            'Министр', 'А.И. Кузнецов', 'Совещание с руководителями органов местного самоуправления',
            'Ожидаемый результат', 'Формирование повестки и содержания Форума образовательной агломерации',
            '16–17 февраля', 'Введение']:
    report('pdf-text/' + key, bare(key) in all_text, 'not in the order PDF')
report('pdf-text/order-kind', re.search(r'П\s*Р\s*И\s*К\s*А\s*З', order[0] if order else '') is not None,
       'no ПРИКАЗ on page 1')

# Footnotes: the note is at the foot of the page of its mark.
def foot_check(doc, mark_text, note_text):
    for width, height, ws in words(doc):
        line = ' '.join(w for *_, w in ws)
        if note_text in flat(line):
            first = note_text.split()[0]
            ys = [y for _, y, _, _, w in ws if w == first]
            ms = [y for _, y, _, _, w in ws if w == mark_text.split()[-1]]
            return bool(ys) and bool(ms) and max(ys) > height * 0.55 and min(ms) < max(ys)
    return False
report('footnote-at-foot/1', foot_check('order-2017-970', 'регулирования отношений',
                                        'Федеральный закон от 29.12.2012 № 273-ФЗ (ред. от 03.02.2014)'),
       'note 1 not at the foot of the page of its mark')
report('footnote-at-foot/2', foot_check('concept-2017', 'образования (далее — ЕСОКО)',
                                        'Постановление Правительства Российской Федерации от 23.05.2015'),
       'note 2 not at the foot of the page of its mark')
report('footnote-at-foot/article', foot_check('article-ilina-2020', 'выступает ГБУ ДПО РЦОКИО',
                                              'Концепция регионального экспертного сообщества'),
       'the article note not at the foot')

# Page set-up: A4; the text inside the margins (30/15/20/20 mm).
mm = 72 / 25.4
p = words('concept-2017')
if p:
    width, height, ws = p[1]
    body = [w for w in ws if w[1] > 25 * mm]       # below the page number
    left = min(w[0] for w in body); right = max(w[2] for w in body)
    top = min(w[1] for w in body); bottom = max(w[3] for w in body)
    report('page-a4', abs(width - 210 * mm) < 1 and abs(height - 297 * mm) < 1, f'{width}x{height}')
    report('margins', abs(left - 30 * mm) < 2 and abs(right - (width - 15 * mm)) < 3
           and top >= 19 * mm and bottom <= height - 19 * mm,
           f'text from {left / mm:.1f} to {right / mm:.1f} mm, {top / mm:.1f} to {bottom / mm:.1f} mm')
else:
    report('page-a4', False, 'no concept PDF')

# Landscape roadmaps: every page of a six-column roadmap, and its pages in the order.
for name in ['roadmap-2017', 'roadmap-2019', 'roadmap-2022']:
    ps = words(name)
    report('landscape/' + name, ps and all(w > h for w, h, _ in ps), f'{[(w, h) for w, h, _ in ps][:3]}')
ps = words('order-2017-970')
rm = [i for i, (w, h, ws) in enumerate(ps) if 'результат' in ' '.join(x[4] for x in ws) and 'п/п' in ' '.join(x[4] for x in ws)]
report('landscape/annex-in-order', rm and all(ps[i][0] > ps[i][1] for i in rm)
       and ps[0][0] < ps[0][1], f'roadmap pages {rm}')
ps = words('roadmap-mmpg3-2020')
report('portrait/four-columns', ps and all(w < h for w, h, _ in ps), 'a four-column roadmap is portrait')

# The page number: not on the first page of a document, top centre from the second.
ps = pages('concept-2017')
report('page-numbers', len(ps) > 2 and not re.match(r'\s*\d+\s*\n', ps[0])
       and re.match(r'\s*2\s*\n', ps[1]) is not None, 'first page numbered or second not')

# Fields show their captions; the collection has its title pages and contents.
ml = bare(raw('model-letter-vpr-roadmaps'), True)
report('pdf-fields', bare('наименование органа местного самоуправления', True) in ml
       and bare('№ номер от дата') in ml, 'captions missing')
coll = pages('portfolio-2022')
if len(coll) > 4:
    report('collection-title-page', '[и др.]' in coll[0] and 'МЕЖМУНИЦИПАЛЬНОЕ' in coll[0] and 'ЧИРО' in coll[0]
           and '2023' in coll[0], flat(coll[0])[:200])
    report('collection-verso', 'УДК 37.07' in coll[1] and 'ББК 74.04' in coll[1]
           and 'ISBN 978-5-907538-14-6' in coll[1] and '© ЧИРО, 2023' in coll[1], flat(coll[1])[:200])
    toc = flat(coll[2])
    report('collection-contents', 'Содержание' in toc and 'Предисловие' in toc
           and re.search(r'Предисловие\.{5,} ?\d+', toc) is not None, toc[:200])
else:
    report('collection-pages', False, f'{len(coll)} pages')

# The image: a figure shrunk to the text width (1600 px over 165 mm is
# 246 pixels an inch), the small one at 96 dpi.
path = os.path.join(base, 'report-images.pdf')
out = subprocess.run(['pdfimages', '-list', path], capture_output=True, text=True).stdout if os.path.exists(path) else ''
rows = [l.split() for l in out.splitlines()[2:]]
ppi = sorted(int(r[12]) for r in rows if len(r) > 13 and r[12].isdigit())
report('pdf-image-scaled', len(ppi) == 2 and abs(ppi[0] - 96) <= 2 and abs(ppi[1] - 246) <= 3,
       f'x-ppi {ppi}')
EOF
cat "$tmp/pdf.out"
