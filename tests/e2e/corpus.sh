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
