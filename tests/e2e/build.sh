#!/usr/bin/env bash
# End to end for how `sbornik build` runs (issues 9, 10, 11): machine
# diagnostics (--diagnostics=json|github) against the text ones, colours
# and the progress line on a terminal (a pty from script(1)) and not
# elsewhere, the build cache (only what an edit touches is rewritten, and
# the outputs are the same as a build without the cache), -j, and
# --watch rebuilding after an edit and a save by rename.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SB="${SBORNIK:-build/sbornik}"
case "$SB" in /*) ;; *) SB="$ROOT/$SB" ;; esac
tmp=$(mktemp -d)
watch_pid=""
trap '[ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

say() {     # say NAME OK-FLAG WHY
    if [ "$2" = 1 ]; then echo "ok $1"; else echo "not ok $1: $3"; fi
}

# ------------------------------------------------------- diagnostics
bad=tests/cases/diagnostics-sorted/project
(cd tests/cases/diagnostics-sorted && "$SB" check project) 2>"$tmp/text" >/dev/null
rc_text=$?
(cd tests/cases/diagnostics-sorted && "$SB" check --diagnostics=json project) 2>"$tmp/json" >/dev/null
rc_json=$?
(cd tests/cases/diagnostics-sorted && "$SB" build --diagnostics github -o "$tmp/gh-out" project) 2>"$tmp/github" >/dev/null
rc_gh=$?
# Every JSON line parses, has the six keys, and prints back as the text line.
python3 - "$tmp/json" "$tmp/text" >"$tmp/json.why" 2>&1 <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
text = open(sys.argv[2], encoding="utf-8").read().splitlines()
back = []
for l in lines:
    d = json.loads(l)
    assert set(d) == {"file", "line", "column", "severity", "code", "message"}, d
    assert d["code"].startswith(("E-", "W-")), d
    back.append(f'{d["file"]}:{d["line"]}:{d["column"]}: {d["severity"]}: {d["message"]}')
assert back == text, (back, text)
assert len(back) == 6, back
PY
ok=0; [ -s "$tmp/json" ] && [ ! -s "$tmp/json.why" ] && [ "$rc_json" = 1 ] && [ "$rc_text" = 1 ] && ok=1
say build/diagnostics-json "$ok" "exit $rc_json/$rc_text: $(head -c 600 "$tmp/json.why")"
ok=0
[ "$rc_gh" = 1 ] && [ "$(wc -l <"$tmp/github")" = 6 ] &&
    grep -q '^::error file=project/b-spravka.md,line=7,col=22,title=E-[A-Z-]*::unknown reference \[\[order-2017-907\]\]' "$tmp/github" &&
    ! grep -qv '^::error file=' "$tmp/github" && ok=1
say build/diagnostics-github "$ok" "exit $rc_gh: $(head -c 600 "$tmp/github")"
"$SB" check --diagnostics=xml input >/dev/null 2>"$tmp/usage"
rc=$?
ok=0; [ "$rc" = 2 ] && grep -q "text, json or github, not 'xml'" "$tmp/usage" && ok=1
say build/diagnostics-unknown "$ok" "exit $rc: $(cat "$tmp/usage")"

# ------------------------------------------- terminal: colour, progress
# script(1) gives the command a terminal; its output is what one would see.
on_tty() { script -qec "$1" /dev/null </dev/null; }
on_tty "cd '$ROOT/tests/cases/diagnostics-sorted' && '$SB' check project" >"$tmp/tty" 2>&1
on_tty "cd '$ROOT/tests/cases/diagnostics-sorted' && NO_COLOR=1 '$SB' check project" >"$tmp/tty-nocolor" 2>&1
ok=0
grep -q $'\033\\[1;31merror:' "$tmp/tty" && grep -q '\^' "$tmp/tty" &&
    ! grep -q $'\033\\[' "$tmp/tty-nocolor" && grep -q '\^' "$tmp/tty-nocolor" &&
    ! grep -q $'\033\\[' "$tmp/text" && ok=1
say build/colour "$ok" "colour on a terminal, none with NO_COLOR or in a file: $(head -c 300 "$tmp/tty" | od -c | head -5)"

on_tty "'$SB' build -f xml -j 1 -o '$tmp/p1' input" >"$tmp/progress" 2>&1
on_tty "'$SB' build -q -f xml -j 1 -o '$tmp/p2' input" >"$tmp/quiet" 2>&1
"$SB" build -f xml -j 1 -o "$tmp/p3" input >"$tmp/pipe" 2>&1
ok=0
grep -q '\[0/19\] input/' "$tmp/progress" && grep -q $'\r\033\\[K' "$tmp/progress" &&
    ! grep -q '\[0/19\]' "$tmp/quiet" && [ ! -s "$tmp/pipe" ] && ok=1
say build/progress "$ok" "progress: $(head -c 200 "$tmp/progress" | od -c | head -3); quiet: $(head -c 100 "$tmp/quiet"); pipe: $(head -c 100 "$tmp/pipe")"

# ------------------------------------------------------------ the cache
proj="$tmp/proj"
cp -r input "$proj"
formats=xml,pdf,docx,html,ics,csv,svg
"$SB" build -j 2 -f "$formats" -o "$tmp/c" "$proj" 2>"$tmp/c.err"
rc1=$?
# Inode numbers tell what was rewritten: each write renames a new file in.
inodes() { (cd "$1" && find . -type f ! -path './.sbornik-cache/*' -printf '%i %p\n' | sort -k2); }
inodes "$tmp/c" >"$tmp/before"
"$SB" build -j 2 -f "$formats" -o "$tmp/c" "$proj" 2>>"$tmp/c.err"
inodes "$tmp/c" >"$tmp/again"
# Index pages are rewritten every time; documents only when they change.
changed_again=$(diff "$tmp/before" "$tmp/again" | grep '^>' | grep -v 'index.html\|sbornik.css' | wc -l)
ok=0; [ "$rc1" = 0 ] && [ "$changed_again" = 0 ] && [ ! -s "$tmp/c.err" ] && ok=1
say build/cache-unchanged "$ok" "exit $rc1, $changed_again outputs rewritten with nothing changed: $(head -c 300 "$tmp/c.err")"

letter=$(grep -rl '^kind: letter' --include='*.md' "$proj" | head -1)
letter_id=$(sed -n 's/^id: *//p' "$letter" | head -1)
[ -n "$letter_id" ] || letter_id=$(basename "$letter" .md)
echo "Дополнительный абзац, добавленный при проверке кэша." >>"$letter"
"$SB" build -j 2 -f "$formats" -o "$tmp/c" "$proj" 2>>"$tmp/c.err"
inodes "$tmp/c" >"$tmp/after"
rewritten=$(join -j 2 "$tmp/before" "$tmp/after" | awk '$2 != $3 {print $1}' | grep -v 'index.html$\|sbornik.css$' | sort | tr '\n' ' ')
# The letter, and the collection that holds it (portfolio-2022).
ok=0
case "$rewritten" in *"docs/$letter_id.pdf"*) ok=1 ;; esac
others=$(echo "$rewritten" | tr ' ' '\n' | grep . | grep -v "docs/$letter_id\.\|portfolio-2022" | tr '\n' ' ')
[ -n "$others" ] && ok=0
say build/cache-edit "$ok" "rewritten after editing $letter_id: $rewritten"

# The same edited sources without the cache, in another folder: identical.
"$SB" build --no-cache -j 1 -f "$formats" -o "$tmp/full" "$proj" 2>>"$tmp/c.err"
diff -r -x .sbornik-cache "$tmp/c" "$tmp/full" >"$tmp/cache.diff" 2>&1
ok=0; [ ! -s "$tmp/cache.diff" ] && ok=1
say build/cache-identical "$ok" "cached build differs from a full one: $(head -c 300 "$tmp/cache.diff")"
# --no-cache rewrites everything even when the cache says fresh.
inodes "$tmp/full" >"$tmp/full1"
"$SB" build --no-cache -j 2 -f "$formats" -o "$tmp/full" "$proj" 2>>"$tmp/c.err"
inodes "$tmp/full" >"$tmp/full2"
same=$(join -j 2 "$tmp/full1" "$tmp/full2" | awk '$2 == $3' | wc -l)
ok=0; [ "$same" = 0 ] && ok=1
say build/no-cache "$ok" "$same outputs kept by --no-cache"
# A deleted output is written again.
rm "$tmp/c/docs/$letter_id.pdf"
"$SB" build -j 2 -f "$formats" -o "$tmp/c" "$proj" 2>>"$tmp/c.err"
ok=0; [ -f "$tmp/c/docs/$letter_id.pdf" ] && cmp -s "$tmp/c/docs/$letter_id.pdf" "$tmp/full/docs/$letter_id.pdf" && ok=1
say build/cache-deleted-output "$ok" "a deleted output was not written again"

# ------------------------------------------------------------ --watch
wproj="$tmp/w"
cp -r input "$wproj"
wl=$(grep -rl '^kind: letter' --include='*.md' "$wproj" | head -1)
"$SB" build --watch -f xml,html -o "$tmp/wout" "$wproj" 2>"$tmp/watch.log" &
watch_pid=$!
wait_lines() {  # wait_lines N: until the log has N "built" lines (20 s at most)
    for _ in $(seq 200); do
        [ "$(grep -c ' built ' "$tmp/watch.log")" -ge "$1" ] && return 0
        sleep 0.1
    done
    return 1
}
ok=0
if wait_lines 1 && grep -q 'watching' "$tmp/watch.log"; then
    echo "Абзац, дописанный в режиме наблюдения." >>"$wl"
    if wait_lines 2 && grep -q 'дописанный' "$tmp/wout/docs/$letter_id.xml"; then
        # An editor's save: a new file renamed over the old one.  (Words are
        # matched one by one: typography glues «в» to the next with a NBSP.)
        sed 's/дописанный/сохранённый переименованием/' "$wl" >"$wl.new"
        mv "$wl.new" "$wl"
        if wait_lines 3 && grep -q 'переименованием' "$tmp/wout/docs/$letter_id.xml"; then
            # A broken source: an error, and the watch goes on.
            printf -- '---\nkind: letter\n' >"$wproj/broken.md"
            if wait_lines 4 && grep -q 'broken.md:.*error' "$tmp/watch.log" &&
                grep ' built ' "$tmp/watch.log" | tail -1 | grep -q ' 1 error' &&
                kill -0 "$watch_pid" 2>/dev/null; then
                ok=1
            fi
        fi
    fi
fi
second=$(grep ' built ' "$tmp/watch.log" | sed -n 2p)
case "$second" in *" built 2 of "*) ;; *) ok=0 ;; esac
kill -TERM "$watch_pid" 2>/dev/null
wait "$watch_pid"
rc=$?
watch_pid=""
[ "$rc" = 0 ] || ok=0
say build/watch "$ok" "exit $rc; log: $(head -c 800 "$tmp/watch.log")"
