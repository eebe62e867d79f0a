#!/usr/bin/env bash
# The benchmark portfolio (../shared/bench/make_corpus.py, small N) must
# check clean: the generator writes the format the benchmark relies on.
set -u
cd "$(dirname "$0")/../.."
SB="${SBORNIK:-build/sbornik}"
# Under make valgrind, tests/run.sh exports run_sbornik: use it.
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
GEN=../shared/bench/make_corpus.py
if [ ! -f "$GEN" ]; then
    echo "# corpus: skipped, no generator at $GEN"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$GEN" "$tmp" -n 7 --format sbornik >/dev/null
"$SB" check "$tmp/project" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" = 0 ] && [ ! -s "$tmp/err" ]; then
    echo "ok corpus/check-n7"
else
    echo "not ok corpus/check-n7: exit $rc: $(head -c 600 "$tmp/err")"
fi
"$SB" build -o "$tmp/o" "$tmp/project" 2>"$tmp/err"
n=$(find "$tmp/o" -name '*.xml' | wc -l)
src=$(find "$tmp/project" -name '*.md' | wc -l)
if [ "$n" = "$src" ] && xmllint --noout --nonet --schema schemas/sbornik.xsd "$tmp/o/portfolio.xml" 2>/dev/null; then
    echo "ok corpus/build-n7"
else
    echo "not ok corpus/build-n7: $n trees for $src sources"
fi
# The whole portfolio as a bound collection, and each document, in PDF.
"$SB" build -f pdf -o "$tmp/pdf" "$tmp/project" 2>"$tmp/err"
pages=$(pdfinfo "$tmp/pdf/portfolio.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
if [ -n "$pages" ] && [ "$pages" -gt 40 ] && qpdf --check "$tmp/pdf/portfolio.pdf" >/dev/null 2>&1 &&
   [ "$(find "$tmp/pdf/docs" -name '*.pdf' | wc -l)" = "$((src - 1))" ]; then
    echo "ok corpus/pdf-n7"
else
    echo "not ok corpus/pdf-n7: collection pages '${pages:-none}': $(head -c 300 "$tmp/err")"
fi
