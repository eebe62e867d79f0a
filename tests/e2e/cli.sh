#!/usr/bin/env bash
# The command line's own documentation: --help of sbornik and of every
# command, --version, and the man page doc/sbornik.1, which must render
# cleanly and list every command, every option the helps name, every
# environment variable and every diagnostic code reported in src/ (so a
# new code without a line in the man page fails make test).
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
SB="${SBORNIK:-build/sbornik}"
if declare -F run_sbornik >/dev/null; then SB=run_sbornik; fi
MAN=doc/sbornik.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

verdict() { # verdict NAME STATUS WHY: ok when STATUS is 0
    if [ "$2" = 0 ]; then echo "ok $1"; else echo "not ok $1: $3"; fi
}

# 1. Help: on stdout, exit 0, nothing on stderr; each command its own.
"$SB" --help >"$tmp/help" 2>"$tmp/err"
rc=$?
ok=$([ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && grep -q "init \[DIR\]" "$tmp/help" &&
    grep -q "new KIND ID" "$tmp/help" && grep -q "man sbornik" "$tmp/help"; echo $?)
verdict cli/help "$ok" "exit $rc: $(head -c 300 "$tmp/err")"
for cmd in build check xml init new; do
    for flag in --help -h; do
        "$SB" "$cmd" "$flag" >"$tmp/$cmd.help" 2>"$tmp/err"
        rc=$?
        ok=$([ "$rc" = 0 ] && [ ! -s "$tmp/err" ] &&
            head -1 "$tmp/$cmd.help" | grep -q "^usage: sbornik $cmd"; echo $?)
        verdict "cli/help/$cmd$flag" "$ok" "exit $rc: $(head -c 300 "$tmp/$cmd.help" "$tmp/err")"
    done
done
# --help anywhere after the command wins over the rest.
"$SB" build -o "$tmp/never" --help >"$tmp/h" 2>&1
verdict cli/help/after-options "$([ $? = 0 ] && [ ! -e "$tmp/never" ] &&
    head -1 "$tmp/h" | grep -q "^usage: sbornik build"; echo $?)" "$(head -c 200 "$tmp/h")"
"$SB" --version >"$tmp/version" 2>"$tmp/err"
rc=$?
ok=$([ "$rc" = 0 ] && head -1 "$tmp/version" | grep -Eq '^sbornik [0-9]+\.[0-9]+\.[0-9]+$' &&
    grep -q "^data: " "$tmp/version"; echo $?)
verdict cli/version "$ok" "exit $rc: $(tr '\n' ' ' <"$tmp/version")"
"$SB" frobnicate >/dev/null 2>"$tmp/err"
verdict cli/unknown-command "$([ $? = 2 ] && grep -q "unknown command" "$tmp/err"; echo $?)" \
    "$(head -c 200 "$tmp/err")"

# 2. The man page renders without a warning (groff -k: UTF-8 in).
groff -k -man -Tutf8 -ww -z "$MAN" >"$tmp/groff.err" 2>&1
verdict cli/man-renders "$([ $? = 0 ] && [ ! -s "$tmp/groff.err" ]; echo $?)" \
    "$(head -c 400 "$tmp/groff.err")"
MANWIDTH=100 man -l "$MAN" 2>/dev/null | col -b >"$tmp/man.txt"
: >"$tmp/nosection"
for section in NAME SYNOPSIS COMMANDS OPTIONS "OUTPUT FILES" FILES ENVIRONMENT \
    "EXIT STATUS" DIAGNOSTICS "DIAGNOSTIC CODES"; do
    grep -q "^$section\$" "$tmp/man.txt" || echo "$section" >>"$tmp/nosection"
done
verdict cli/man-sections "$([ ! -s "$tmp/nosection" ]; echo $?)" \
    "missing: $(tr '\n' ' ' <"$tmp/nosection")"

# The roff source with \- made plain, for exact matches.
sed 's/\\-/-/g; s/\\(em/—/g' "$MAN" >"$tmp/man.src"

# 3. Every diagnostic code reported in src/ has its line in the man page.
grep -ohE '"[EW]-[A-Z0-9]+(-[A-Z0-9]+)*"' src/*.c src/pdf/*.c | tr -d '"' | sort -u >"$tmp/codes"
missing=""
while read -r code; do
    grep -Eq "^\.B $code\$" "$tmp/man.src" || missing="$missing $code"
done <"$tmp/codes"
verdict cli/man-every-code "$([ -s "$tmp/codes" ] && [ -z "$missing" ]; echo $?)" \
    "not in $MAN:$missing"
# ... and lists no code that does not exist any more.
stale=""
for code in $(grep -oE '^\.B [EW]-[A-Z0-9-]+$' "$tmp/man.src" | cut -c4-); do
    grep -qx "$code" "$tmp/codes" || stale="$stale $code"
done
verdict cli/man-no-stale-code "$([ -z "$stale" ]; echo $?)" "not in src/:$stale"

# 4. Every command, every option named by a help, the exit codes and the
#    environment variables are in the man page.
missing=""
for word in "build" "check" "xml" "init" "new" SBORNIK_DATA SOURCE_DATE_EPOCH NO_COLOR; do
    grep -q "$word" "$tmp/man.src" || missing="$missing $word"
done
for cmd in build check xml init new; do
    for opt in $(grep -oE '(^|[ [])--?[a-z][a-z-]*' "$tmp/$cmd.help" | tr -d ' [' | sort -u); do
        grep -q -- "$opt" "$tmp/man.src" || missing="$missing $cmd:$opt"
    done
done
for kind in order letter document concept roadmap article collection; do
    grep -q "^\.BR $kind" "$tmp/man.src" || missing="$missing kind:$kind"
done
for code in 0 1 2 3; do
    sed -n '/^\.SH EXIT STATUS/,/^\.SH DIAGNOSTICS/p' "$tmp/man.src" | grep -qx "\.B $code" ||
        missing="$missing exit:$code"
done
verdict cli/man-complete "$([ -z "$missing" ]; echo $?)" "not in $MAN:$missing"

# 5. The README links the man page.
grep -q "doc/sbornik.1" README.md
verdict cli/readme-links-man $? "README.md does not name doc/sbornik.1"
