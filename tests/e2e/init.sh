#!/usr/bin/env bash
# sbornik init and sbornik new: a new project builds at once with no
# diagnostic, every kind `new` makes checks clean in it, and every refusal
# is clear, exits 2 and writes nothing.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SB="${SBORNIK:-$ROOT/build/sbornik}"
case "$SB" in /*) ;; *) SB="$ROOT/$SB" ;; esac     # the tests cd around
# Under make valgrind, tests/run.sh exports run_sbornik: use it.
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A fixed "today" so that the project's year is known.
export SOURCE_DATE_EPOCH=1741000000     # 2025-03-03

verdict() { # verdict NAME STATUS WHY: ok when STATUS is 0
    if [ "$2" = 0 ]; then echo "ok $1"; else echo "not ok $1: $3"; fi
}
# expect NAME STATUS ERRFILE PATTERN: exit STATUS and PATTERN on stderr.
expect() {
    local got=$2 want=$3 err=$4 pattern=$5
    if [ "$got" = "$want" ] && grep -q -- "$pattern" "$err"; then
        echo "ok $1"
    else
        echo "not ok $1: exit $got (wanted $want): $(head -c 400 "$err" | tr '\n' ' ')"
    fi
}

# 1. init + build: exit 0, not one diagnostic, the outputs there.
(cd "$tmp" && "$SB" init proj) >"$tmp/init.out" 2>"$tmp/init.err"
rc=$?
verdict init/exit "$([ "$rc" = 0 ] && [ ! -s "$tmp/init.err" ]; echo $?)" \
    "exit $rc: $(head -c 400 "$tmp/init.err")"
missing=""
for f in sbornik.yaml .gitignore orders/order-2025-1.md documents/regulation-msoko.md \
    roadmaps/roadmap-2025.md models/model-regulation-vsoko.md collections/sbornik-2025.md; do
    [ -f "$tmp/proj/$f" ] || missing="$missing $f"
    grep -q "@[A-Z]*@" "$tmp/proj/$f" 2>/dev/null && missing="$missing $f(marker left)"
done
grep -qx "out/" "$tmp/proj/.gitignore" || missing="$missing .gitignore(out/)"
verdict init/files "$([ -z "$missing" ]; echo $?)" "missing:$missing"
grep -q "organisations:" "$tmp/proj/sbornik.yaml" && grep -q "^ *# .*организац" "$tmp/proj/sbornik.yaml"
verdict init/config-guidance $? "sbornik.yaml has no commented organisations block"

(cd "$tmp/proj" && "$SB" build -q .) >"$tmp/build.out" 2>"$tmp/build.err"
rc=$?
verdict init/build-clean "$([ "$rc" = 0 ] && [ ! -s "$tmp/build.err" ]; echo $?)" \
    "exit $rc: $(head -c 600 "$tmp/build.err")"
missing=""
for f in docs/order-2025-1.pdf docs/order-2025-1.docx docs/order-2025-1.html \
    docs/roadmap-2025.ics docs/model-regulation-vsoko.pdf sbornik-2025.pdf \
    sbornik-2025.docx sbornik-2025/index.html; do
    [ -s "$tmp/proj/out/$f" ] || missing="$missing $f"
done
verdict init/outputs "$([ -z "$missing" ]; echo $?)" "missing:$missing"
# The order carries its two annexes, each under its approval stamp.
"$SB" xml "$tmp/proj/orders/order-2025-1.md" >"$tmp/order.xml" 2>"$tmp/xml.err"
n=$(xmllint --xpath 'count(//annexes/*)' "$tmp/order.xml" 2>/dev/null)
verdict init/order-annexes "$([ "$n" = 2 ]; echo $?)" "$n annexes: $(head -c 300 "$tmp/xml.err")"
"$SB" check "$tmp/proj" >"$tmp/check.out" 2>"$tmp/check.err"
rc=$?
verdict init/check-clean "$([ "$rc" = 0 ] && [ ! -s "$tmp/check.err" ] &&
    grep -q "roadmap-2025.md: 4 events" "$tmp/check.out"; echo $?)" \
    "exit $rc: $(head -c 400 "$tmp/check.err")"

# 2. init refuses to overwrite, naming what is in the way; nothing changes.
(cd "$tmp/proj" && find . -type f ! -path './out/*' -exec md5sum {} + | sort) >"$tmp/before"
(cd "$tmp" && "$SB" init proj) >/dev/null 2>"$tmp/err"
expect init/refuses-existing $? 2 "$tmp/err" "refusing to overwrite.*sbornik.yaml"
(cd "$tmp/proj" && find . -type f ! -path './out/*' -exec md5sum {} + | sort) >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after"
verdict init/refusal-writes-nothing $? "files changed"
mkdir -p "$tmp/half" && echo "mine" >"$tmp/half/.gitignore"
(cd "$tmp" && "$SB" init half) >/dev/null 2>"$tmp/err"
expect init/refuses-one-file $? 2 "$tmp/err" "half/.gitignore"
left=$(cd "$tmp/half" && find . -type f | tr '\n' ' ')
verdict init/one-file-untouched "$([ "$left" = "./.gitignore " ] &&
    [ "$(cat "$tmp/half/.gitignore")" = mine ]; echo $?)" "now: $left"
echo x >"$tmp/plainfile"
(cd "$tmp" && "$SB" init plainfile) >/dev/null 2>"$tmp/err"
expect init/refuses-file-as-dir $? 2 "$tmp/err" "not a folder"
# init with no argument: the current folder.
mkdir -p "$tmp/here"
(cd "$tmp/here" && "$SB" init && "$SB" check .) >/dev/null 2>"$tmp/err"
verdict init/current-folder "$([ $? = 0 ] && [ -f "$tmp/here/sbornik.yaml" ] &&
    [ ! -s "$tmp/err" ]; echo $?)" "$(head -c 300 "$tmp/err")"
# No templates: an environment failure, and nothing written.
(cd "$tmp" && SBORNIK_DATA="$tmp/no-data" "$SB" init nodata) >/dev/null 2>"$tmp/err"
expect init/no-templates $? 3 "$tmp/err" "cannot read the template"
verdict init/no-templates-nothing-written "$([ ! -e "$tmp/nodata" ]; echo $?)" "nodata/ made"

# 3. new: every kind checks clean in the init'ed project, alone and all
#    together; the file is where it should be, a draft, with its id.
for kind in order letter document concept roadmap article collection; do
    id="new-$kind"
    (cd "$tmp/proj" && "$SB" new "$kind" "$id") >"$tmp/new.out" 2>"$tmp/new.err"
    rc=$?
    file="$tmp/proj/${kind}s/$id.md"
    verdict "new/$kind/created" "$([ "$rc" = 0 ] && [ -f "$file" ] && [ ! -s "$tmp/new.err" ] &&
        grep -q "^created ${kind}s/$id.md" "$tmp/new.out"; echo $?)" \
        "exit $rc: $(head -c 300 "$tmp/new.err")"
    grep -q "^id: $id$" "$file" && grep -q "^kind: $kind$" "$file" &&
        grep -q "^status: draft" "$file" && grep -q "^# " "$file" && ! grep -q "@[A-Z]*@" "$file"
    verdict "new/$kind/contents" $? "$(head -c 300 "$file" | tr '\n' ' ')"
    "$SB" check "$file" >"$tmp/check.out" 2>"$tmp/check.err"
    rc=$?
    verdict "new/$kind/check-clean" "$([ "$rc" = 0 ] && [ ! -s "$tmp/check.err" ]; echo $?)" \
        "exit $rc: $(head -c 400 "$tmp/check.err")"
done
"$SB" check "$tmp/proj" >/dev/null 2>"$tmp/check.err"
rc=$?
verdict new/project-check-clean "$([ "$rc" = 0 ] && [ ! -s "$tmp/check.err" ]; echo $?)" \
    "exit $rc: $(head -c 400 "$tmp/check.err")"
# The new collection binds the project's documents, not the annexes.
coll="$tmp/proj/collections/new-collection.md"
grep -q -- "- order-2025-1$" "$coll" && grep -q -- "- new-letter$" "$coll" &&
    ! grep -q -- "- regulation-msoko$" "$coll" && ! grep -q -- "- sbornik-2025$" "$coll"
verdict new/collection-items $? "$(sed -n '/items:/,/---/p' "$coll" | tr '\n' ' ')"
(cd "$tmp/proj" && "$SB" build -q -o "$tmp/out2" .) >/dev/null 2>"$tmp/build.err"
rc=$?
verdict new/build-clean "$([ "$rc" = 0 ] && [ ! -s "$tmp/build.err" ]; echo $?)" \
    "exit $rc: $(head -c 400 "$tmp/build.err")"
# With DIR, from another folder; an id with folders makes them.
(cd "$tmp" && "$SB" new order 2025/order-17 proj) >/dev/null 2>"$tmp/err"
verdict new/dir-argument "$([ $? = 0 ] && [ -f "$tmp/proj/orders/2025/order-17.md" ]; echo $?)" \
    "$(head -c 300 "$tmp/err")"
# From a subfolder: the project is found above.
mkdir -p "$tmp/proj/notes"
(cd "$tmp/proj/notes" && "$SB" new letter from-below) >/dev/null 2>"$tmp/err"
verdict new/finds-project-above "$([ $? = 0 ] && [ -f "$tmp/proj/letters/from-below.md" ]; echo $?)" \
    "$(head -c 300 "$tmp/err")"

# 4. new refuses, clearly, with exit 2, writing nothing.
(cd "$tmp/proj" && "$SB" new order new-order) >/dev/null 2>"$tmp/err"
expect new/refuses-taken-id $? 2 "$tmp/err" "id 'new-order' is taken: orders/new-order.md"
(cd "$tmp/proj" && "$SB" new letter order-2025-1) >/dev/null 2>"$tmp/err"
expect new/refuses-id-of-other-kind $? 2 "$tmp/err" "is taken: orders/order-2025-1.md"
printf 'not a source\n' >"$tmp/proj/orders/_x.md"
(cd "$tmp/proj" && "$SB" new order _x) >/dev/null 2>"$tmp/err"
expect new/refuses-existing-file $? 2 "$tmp/err" "orders/_x.md exists"
for bad in "two words" "../up" "a//b" ".hidden" "x.md" ""; do
    (cd "$tmp/proj" && "$SB" new order "$bad") >/dev/null 2>"$tmp/err"
    expect "new/refuses-id/${bad:-empty}" $? 2 "$tmp/err" "id '$bad'"
done
(cd "$tmp/proj" && "$SB" new memo m1) >/dev/null 2>"$tmp/err"
expect new/refuses-kind $? 2 "$tmp/err" "unknown kind 'memo' (known: order, letter"
(cd "$tmp/proj" && "$SB" new order) >/dev/null 2>"$tmp/err"
expect new/needs-id $? 2 "$tmp/err" "new wants a kind and an id"
(cd "$tmp" && "$SB" new order x1 no-such-folder) >/dev/null 2>"$tmp/err"
expect new/refuses-missing-dir $? 2 "$tmp/err" "no-such-folder: no such project folder"
left=$(cd "$tmp/proj" && find . -name 'x1.md' -o -name 'm1.md' -o -name 'up.md' | head -3)
verdict new/refusals-write-nothing "$([ -z "$left" ]; echo $?)" "written: $left"
