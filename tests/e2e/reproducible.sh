#!/usr/bin/env bash
# Reproducible builds (FORMAT.md §5, issue 9): the same sources give
# byte-identical outputs in every format whatever the clock, the time zone,
# the locale, -j, the folder the project lies in and the order of its files
# on disk; with SOURCE_DATE_EPOCH set and unset.  Two builds of input/ that
# differ in all of these at once are compared file by file with cmp.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SB="${SBORNIK:-build/sbornik}"
case "$SB" in /*) ;; *) SB="$ROOT/$SB" ;; esac
tmp=$(mktemp -d)
shm=""
trap 'rm -rf "$tmp" ${shm:+"$shm"}' EXIT
F=xml,pdf,docx,html,ics,csv,svg

ok() { echo "ok reproducible/$1"; }
notok() { echo "not ok reproducible/$1: $2"; }

# Copy A: cp -a into this file system (ext4 lists a folder in hash order).
mkdir -p "$tmp/a"
cp -a input "$tmp/a/input"
# Copy B: elsewhere and deeper, on tmpfs when there is one (it lists a
# folder newest first: files created in name order come out reversed),
# else here in reverse order; other modification times.
shm=$(mktemp -d -p /dev/shm 2>/dev/null) || shm=""
b="${shm:-$tmp/b}/x/y/проект"
mkdir -p "$b"
order=-r
[ -n "$shm" ] && order=""
(cd input && find . -type d | sort $order) | while read -r d; do mkdir -p "$b/$d"; done
(cd input && find . -type f | sort $order) | while read -r f; do cat "input/$f" >"$b/$f"; done
find "$b" -exec touch -h -d '2031-07-15 23:59:59' {} +
for d in . 2022/portfolio/school; do
    if [ "$(cd "$tmp/a/input/$d" && ls -U | tr '\n' ' ')" != "$(cd "$b/$d" && ls -U | tr '\n' ' ')" ]; then
        echo "# reproducible: the copies list input/$d in different orders"
    fi
done

# A Russian locale: the system's, else compiled here (localedef, no root),
# else C.UTF-8.
ru=C.UTF-8
if locale -a 2>/dev/null | grep -qix 'ru_RU.utf8'; then
    ru=ru_RU.UTF-8
elif command -v localedef >/dev/null && [ -f /usr/share/i18n/locales/ru_RU ]; then
    mkdir -p "$tmp/locale"
    localedef -i ru_RU -f UTF-8 "$tmp/locale/ru_RU.UTF-8" >/dev/null 2>&1
    if [ -d "$tmp/locale/ru_RU.UTF-8" ]; then
        export LOCPATH="$tmp/locale"
        ru=ru_RU.UTF-8
    fi
fi
echo "# reproducible: locales C and $ru"
# Another clock: faketime when installed (make deps installs it).
clock=()
if command -v faketime >/dev/null && faketime '2031-07-15 23:59:59' true 2>/dev/null; then
    clock=(faketime '2031-07-15 23:59:59')
    # Under make asan: libfaketime is preloaded before the ASan runtime.
    if grep -q __asan_init "$SB" 2>/dev/null; then
        clock=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" "${clock[@]}")
    fi
else
    echo "# reproducible: no faketime; the clock is not moved"
fi

# Every output of folder $2 equals that of $3, same names (cache aside).
same() {
    local name=$1 x=$2 y=$3 f diff=""
    (cd "$x" && find . -type f ! -path './.sbornik-*' | sort) >"$tmp/lx"
    (cd "$y" && find . -type f ! -path './.sbornik-*' | sort) >"$tmp/ly"
    if ! cmp -s "$tmp/lx" "$tmp/ly"; then
        notok "$name" "not the same files: $(diff "$tmp/lx" "$tmp/ly" | grep '^[<>]' | head -3 | tr '\n' ' ')"
        return
    fi
    while read -r f; do
        cmp -s "$x/$f" "$y/$f" || diff="$diff ${f#./}"
    done <"$tmp/lx"
    if [ -z "$diff" ] && [ "$(wc -l <"$tmp/lx")" -gt 60 ]; then
        ok "$name"
    else
        notok "$name" "differ:$(echo "$diff" | cut -c1-300) ($(wc -l <"$tmp/lx") files)"
    fi
}

for sde in unset 1700000000; do
    if [ "$sde" = unset ]; then unset SOURCE_DATE_EPOCH; else export SOURCE_DATE_EPOCH=$sde; fi
    (cd "$tmp/a" && TZ=UTC LANG=C LC_ALL=C "$SB" build -j 1 -f $F -o "$tmp/out-a-$sde" input \
        >/dev/null 2>"$tmp/err-a")
    rc_a=$?
    (cd "$b/.." && TZ=Pacific/Kiritimati LANG=$ru LC_ALL=$ru LANGUAGE=ru \
        "${clock[@]}" "$SB" build -j 2 -f $F -o "$tmp/out-b-$sde" "$(basename "$b")" \
        >/dev/null 2>"$tmp/err-b")
    rc_b=$?
    if [ "$rc_a" != 0 ] || [ "$rc_b" != 0 ]; then
        notok "sde-$sde" "exit $rc_a and $rc_b: $(head -c 200 "$tmp/err-a") $(head -c 200 "$tmp/err-b")"
        continue
    fi
    same "sde-$sde" "$tmp/out-a-$sde" "$tmp/out-b-$sde"
done
unset SOURCE_DATE_EPOCH

# SOURCE_DATE_EPOCH is what dates the build where the documents do not:
# the two pairs above differ somewhere (the HTML index's build date …).
if diff -rq -x '.sbornik-*' "$tmp/out-a-unset" "$tmp/out-a-1700000000" >/dev/null 2>&1; then
    notok sde-used "SOURCE_DATE_EPOCH changed no output"
else
    ok sde-used
fi
