#!/usr/bin/env bash
# Bounded inputs (issue 9): a 20 MB source, a 10,000-row table (in a
# document and in a roadmap), lists and block quotes nested 1,000 levels
# deep, emphasis nested 100,000 deep, a line of 2 million '[' and titles,
# headings and table cells of 30,000 to 100,000 words each finish, in
# check and in a build of every format, with a result or a clear error at
# file:line:col.  The sources are made here
# (tests/e2e/bigsource.py); the timeouts and the memory limit (ulimit -v)
# are guards against a hang or a runaway, not timings; the time and peak
# memory are printed as comments.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
SB="${SBORNIK:-build/sbornik}"
case "$SB" in /*) ;; *) SB="$(pwd)/$SB" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
F=xml,pdf,docx,html,ics,csv,svg
LIMIT_KB=3000000            # virtual memory of each process
TIMEOUT=120
# AddressSanitizer reserves terabytes of address space: no ulimit -v there
# (make asan), the timeouts still hold.
grep -q __asan_init "$SB" 2>/dev/null && LIMIT_KB=unlimited

ok() { echo "ok bounded/$1"; }
notok() { echo "not ok bounded/$1: $2"; }

# run NAME ARGS…: sbornik under the guards; sets rc, err (stderr file) and
# prints the time and the peak resident memory.
run() {
    local name=$1
    shift
    err="$tmp/$name.err"
    (
        ulimit -v "$LIMIT_KB"
        if [ -x /usr/bin/time ]; then
            exec /usr/bin/time -f '%e %M' -o "$tmp/$name.time" timeout "$TIMEOUT" "$SB" "$@"
        fi
        exec timeout "$TIMEOUT" "$SB" "$@"
    ) >/dev/null 2>"$err"
    rc=$?
    # (GNU time puts "Command exited with non-zero status N" first.)
    read -r secs kb < <(tail -n 1 "$tmp/$name.time" 2>/dev/null) || { secs=?; kb=0; }
    case "$kb" in ''|*[!0-9]*) kb=0 ;; esac
    echo "# bounded/$name: exit $rc, $secs s, peak $((kb / 1024)) MB"
}

p="$tmp/p"
for kind in big table roadmap lists quotes; do
    python3 tests/e2e/bigsource.py "$kind" "$p"
done
# Emphasis 100,000 deep (it crashed on the stack before it was bounded).
{
    printf -- '---\nkind: document\nid: emphasis\ngenre: Справка\ntitle: Справка\n---\n'
    printf 'Текст '
    head -c 200000 /dev/zero | tr '\0' '*'
    printf 'слово'
    head -c 200000 /dev/zero | tr '\0' '*'
    printf '\n'
} >"$p/emphasis.md"

want_errors() {     # the errors of the project, in order
    cat <<EOF
$p/emphasis.md:7:7: error: emphasis, strikethrough and links nested more than 16 levels deep; the outputs have room for 16: flatten this part
$p/lists.md:19:19: error: lists and block quotes nested more than 9 levels deep; the outputs have room for 9: flatten this part
$p/quotes.md:28:19: error: lists and block quotes nested more than 9 levels deep; the outputs have room for 9: flatten this part
EOF
}

# 1. check: exit 1, exactly the errors of the three sources too deep.
run check check "$p"
if [ "$rc" = 1 ] && diff <(want_errors) <(grep ': error: ' "$err") >/dev/null; then
    ok check
else
    notok check "exit $rc: $(head -c 400 "$err")"
fi

# 2. build, every format: the same errors; the others written whole.
run build build -f $F -o "$tmp/out" "$p"
missing=""
for f in big.xml big.pdf big.docx big.html table.xml table.pdf table.docx table.html \
         roadmap-big.xml roadmap-big.pdf roadmap-big.docx roadmap-big.html \
         roadmap-big.ics roadmap-big.csv roadmap-big-timeline.svg; do
    [ -s "$tmp/out/docs/$f" ] || missing="$missing $f"
done
for f in lists quotes emphasis; do
    [ -e "$tmp/out/docs/$f.xml" ] && missing="$missing (written: $f)"
done
for f in "$tmp"/out/docs/*.docx; do
    [ -f "$f" ] && { unzip -tq "$f" >/dev/null 2>&1 || missing="$missing (broken: ${f##*/})"; }
done
rows=$(grep -c '^' "$tmp/out/docs/roadmap-big.csv" 2>/dev/null)
if [ "$rc" = 1 ] && diff <(want_errors) <(grep ': error: ' "$err") >/dev/null &&
   [ -z "$missing" ] && [ "${rows:-0}" -gt 10000 ]; then
    ok build-all-formats
else
    notok build-all-formats "exit $rc, missing:${missing:- none}, csv rows ${rows:-0}: $(head -c 300 "$err")"
fi

# 3. A line of 2 million '[' (each "[[" looked for its "]]" to the end:
# quadratic before).  An unknown reference, said at its place.
mkdir -p "$tmp/q"
{
    printf -- '---\nkind: document\nid: brackets\ngenre: Справка\ntitle: Справка\n---\n'
    head -c 2000000 /dev/zero | tr '\0' '['
    printf 'x]]\n'
} >"$tmp/q/brackets.md"
TIMEOUT=15 run brackets check "$tmp/q"
if [ "$rc" = 1 ] && grep -q "^$tmp/q/brackets.md:7:[0-9]*: error: unknown reference" "$err"; then
    ok brackets
else
    notok brackets "exit $rc: $(head -c 300 "$err")"
fi

# 4. Words without end: a title and a heading of 30,000 words (a PDF
# bookmark holds 65,535 bytes: libharu failed) and a roadmap whose table
# cells hold 100,000 words each (the line breaker visited every break ever
# made at each new one: minutes).  PDF only: the other formats are above.
mkdir -p "$tmp/w"
python3 - "$tmp/w" <<'PY'
import sys
d = sys.argv[1]
words = lambda n: " ".join(f"слово{i}" for i in range(n))
open(f"{d}/title.md", "w").write(
    f"---\nkind: document\nid: title\ngenre: Справка\ntitle: {words(30000)}\n---\n"
    f"## {words(30000)}\n\nТекст.\n")
open(f"{d}/cells.md", "w").write(
    "---\nkind: roadmap\nid: cells\ntitle: Дорожная карта\nyear: 2022\n---\n"
    "## Мероприятия\n\n| № | Мероприятие | Сроки | Исполнители | Результат |\n"
    f"|---|---|---|---|---|\n| 1 | {words(100000)} | март 2022 | ГБУ ДПО РЦОКИО | {words(100000)} |\n")
PY
TIMEOUT=30 run words build -f pdf -o "$tmp/wout" "$tmp/w"
if [ "$rc" = 0 ] && [ ! -s "$err" ] && qpdf --check "$tmp/wout/docs/title.pdf" >/dev/null 2>&1 &&
   qpdf --check "$tmp/wout/docs/cells.pdf" >/dev/null 2>&1; then
    ok words
else
    notok words "exit $rc: $(head -c 300 "$err")"
fi
