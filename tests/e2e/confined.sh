#!/usr/bin/env bash
# Confined builds (FORMAT.md §5, issue 9): no output outside DIR, even
# through a symbolic link inside DIR; entity-like text from the sources
# stays text in every format; and the XML parsing of sbornik itself never
# loads a DTD, expands entities or touches the network.  (What the sources
# may read is checked by tests/cases: *-dotdot, *-absolute, *symlink*,
# *entity-bomb*, yaml-billion-laughs.)
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
SB="${SBORNIK:-build/sbornik}"
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok confined/$1"; }
notok() { echo "not ok confined/$1: $2"; }

mkdir -p "$tmp/p"
cat >"$tmp/p/spravka.md" <<'EOF'
---
kind: document
id: spravka
genre: Справка
title: "Справка &lol9; о мониторинге <!ENTITY x SYSTEM 'file:///etc/passwd'>"
---
Результаты мониторинга &lol9; и &xxe; представлены ниже; &amp; &#x26; &copy; остаются знаками.

| Показатель | Значение &lol9; |
|---|---|
| Доля, % | 12 &lol9; |
EOF

# 1. DIR/docs is a symbolic link to a folder outside DIR: nothing is
# written through it; one error naming it; exit 3.
mkdir -p "$tmp/out" "$tmp/elsewhere"
ln -s ../elsewhere "$tmp/out/docs"
"$SB" build -o "$tmp/out" "$tmp/p" >/dev/null 2>"$tmp/err"
rc=$?
want="$tmp/out/docs: error: a symbolic link inside the output folder; outputs are never written through one: remove it"
if [ "$rc" = 3 ] && [ -z "$(ls -A "$tmp/elsewhere")" ] && grep -qxF "$want" "$tmp/err" &&
   [ "$(grep -c 'symbolic link inside the output folder' "$tmp/err")" = 1 ] &&
   ! find "$tmp/out" "$tmp/elsewhere" -name '.*sbornik-tmp*' | grep -q .; then
    ok docs-symlink-refused
else
    notok docs-symlink-refused "exit $rc, elsewhere: $(ls -A "$tmp/elsewhere" | head -3 | tr '\n' ' '): $(head -c 300 "$tmp/err")"
fi

# 2. An output that is a symbolic link to a file outside DIR is replaced
# by the new file; the file it pointed to is untouched.
rm "$tmp/out/docs"
mkdir -p "$tmp/out/docs"
echo "не трогать" >"$tmp/elsewhere/victim"
ln -s ../../elsewhere/victim "$tmp/out/docs/spravka.xml"
"$SB" build -f xml -o "$tmp/out" "$tmp/p" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" = 0 ] && [ "$(cat "$tmp/elsewhere/victim")" = "не трогать" ] &&
   [ -f "$tmp/out/docs/spravka.xml" ] && [ ! -L "$tmp/out/docs/spravka.xml" ]; then
    ok output-symlink-replaced
else
    notok output-symlink-replaced "exit $rc, victim: $(head -c 100 "$tmp/elsewhere/victim"): $(head -c 300 "$tmp/err")"
fi

# 3. Entity-like text stays text: escaped in XML, HTML and DOCX, printed
# as written in the PDF, never expanded or resolved.
"$SB" build -o "$tmp/o" "$tmp/p" >/dev/null 2>"$tmp/err"
rc=$?
bad=""
[ "$rc" = 0 ] || bad="exit $rc: $(head -c 200 "$tmp/err")"
# (Typography may put a no-break space after a short word: match words.)
xml="$tmp/o/docs/spravka.xml"
[ "$(grep -o '&amp;lol9;\|&amp;xxe;' "$xml" | wc -l)" = 5 ] || bad="$bad xml-body"
grep -q '<title[^>]*>Справка &amp;lol9;.*&lt;!ENTITY x SYSTEM' "$xml" || bad="$bad xml-title"
grep -q '<!DOCTYPE\|<!ENTITY' "$xml" && bad="$bad xml-doctype"
[ "$(grep -o '&amp;lol9;\|&amp;xxe;' "$tmp/o/docs/spravka.html" | wc -l)" -ge 5 ] || bad="$bad html"
[ "$(unzip -p "$tmp/o/docs/spravka.docx" word/document.xml | grep -o '&amp;lol9;\|&amp;xxe;' | wc -l)" -ge 5 ] || bad="$bad docx"
[ "$(pdftotext "$tmp/o/docs/spravka.pdf" - 2>/dev/null | grep -o '&lol9;\|&xxe;' | wc -l)" -ge 5 ] || bad="$bad pdf"
if [ -z "$bad" ]; then ok entity-text-stays-text; else notok entity-text-stays-text "$bad"; fi

# 4. sbornik's own XML parsing: every parse says its options and asks for
# no network (the parse functions without options are not used); nothing
# substitutes entities or loads external DTDs.
nonet=$(grep -nE '(xmlRead|xmlCtxtRead|htmlRead|htmlCtxtRead)[A-Za-z]*\(' src/*.c src/pdf/*.c | grep -v 'XML_PARSE_NONET')
nonet="$nonet$(grep -nE '(xmlParse(File|Memory|Doc)|xmlSAXParse[A-Za-z]*|htmlParse(File|Doc)|xsltParseStylesheetFile|xmlRecoverFile)\(' src/*.c src/pdf/*.c)"
risky=$(grep -nE 'XML_PARSE_(NOENT|DTDLOAD|DTDATTR|DTDVALID|HUGE)|xmlSubstituteEntitiesDefault\(1\)|xmlLoadExtDtdDefaultValue *= *[1-9]|XSLT_PARSE_OPTIONS' src/*.c src/pdf/*.c)
if [ -z "$nonet" ] && [ -z "$risky" ]; then
    ok xml-parse-options
else
    notok xml-parse-options "$(echo "$nonet $risky" | head -c 300)"
fi
