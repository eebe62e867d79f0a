#!/usr/bin/env bash
# Bash completion (completion/sbornik.bash): source it, fill COMP_WORDS and
# COMP_CWORD as bash would, call the function and look at COMPREPLY.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck source=../../completion/sbornik.bash
source completion/sbornik.bash

# complete_as NAME WANT WORD...: complete the last WORD; COMPREPLY, sorted
# and joined by spaces, must be WANT.
complete_as() {
    local name=$1 want=$2
    shift 2
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _sbornik 2>"$tmp/err"
    local got
    got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort -u | tr '\n' ' ')
    got=${got% }
    if [ "$got" = "$want" ] && [ ! -s "$tmp/err" ]; then
        echo "ok completion/$name"
    else
        echo "not ok completion/$name: got '$got', wanted '$want' $(head -c 200 "$tmp/err")"
    fi
}

complete -p sbornik 2>/dev/null | grep -q -- "-F _sbornik"
if [ $? = 0 ]; then echo "ok completion/registered"; else echo "not ok completion/registered"; fi

# Commands and options.
complete_as commands "--help --version build check init new xml" sbornik ""
complete_as command-prefix "check" sbornik ch
complete_as build-options "--diagnostics= --help --no-cache --quiet --watch -f -j -o -q" \
    sbornik build -
complete_as build-long "--no-cache" sbornik build --no
complete_as check-options "--diagnostics= --help" sbornik check -
complete_as init-options "--help" sbornik init -
# Formats after -f: a comma list, completing its last element.
complete_as formats "csv docx html ics pdf svg xml" sbornik build -f ""
complete_as format-prefix "docx" sbornik build -f d
complete_as format-list "pdf,html" sbornik build -f pdf,h
complete_as format-list-skips-listed "pdf,csv,docx" sbornik build -o out -f pdf,csv,d
complete_as format-list-all "html,csv html,docx html,ics html,pdf html,svg html,xml" \
    sbornik build -f html,
# --diagnostics= whole, or split at '=' as COMP_WORDBREAKS does.
complete_as diagnostics-whole "--diagnostics=github --diagnostics=json --diagnostics=text" \
    sbornik check --diagnostics=
complete_as diagnostics-whole-prefix "--diagnostics=json" sbornik build --diagnostics=j
complete_as diagnostics-split "github json text" sbornik xml --diagnostics =
complete_as diagnostics-split-prefix "github" sbornik build --diagnostics = g
complete_as diagnostics-space "text" sbornik check --diagnostics t
# Kinds after new; nothing for the id; folders for DIR.
complete_as kinds "article collection concept document letter order roadmap" sbornik new ""
complete_as kind-prefix "collection concept" sbornik new co
complete_as new-id "" sbornik new order ""
# Paths: folders for build and -o, sources and folders for check and xml.
mkdir -p "$tmp/p/sub" "$tmp/p/subway"
: >"$tmp/p/a.md"
: >"$tmp/p/notes.txt"
cd "$tmp/p" || exit 1
complete_as build-path "sub subway" sbornik build su
complete_as output-dir "sub subway" sbornik build -o ""
complete_as check-path "a.md sub subway" sbornik check ""
complete_as xml-file "a.md" sbornik xml a
complete_as init-dir "sub subway" sbornik init s
complete_as new-dir "sub subway" sbornik new order o-1 ""
cd "$ROOT" || exit 1
