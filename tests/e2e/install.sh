#!/usr/bin/env bash
# make install / make uninstall into a temporary DESTDIR, and the installed
# copy at work: it finds its data with SBORNIK_DATA unset, from another
# folder, both where it was installed (bin/../share/sbornik) and, copied
# elsewhere, through the data folder compiled in for PREFIX.
# Prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A make of our own: none of the caller's flags or jobserver, no data
# folder from tests/run.sh.
unset MAKEFLAGS MFLAGS MAKELEVEL SBORNIK_DATA

prefix="$tmp/prefix"        # PREFIX: where the files would finally live
dest="$tmp/dest"            # DESTDIR: where make install puts them now
inst="$dest$prefix"
mk() {      # make in the source tree, building into a folder of our own
    make -s -C "$ROOT" BUILD="$tmp/build" PREFIX="$prefix" DESTDIR="$dest" "$@"
}

verdict() { # verdict NAME STATUS WHY: ok when STATUS is 0
    if [ "$2" = 0 ]; then echo "ok $1"; else echo "not ok $1: $3"; fi
}

# 1. make install puts everything in its place.
mk -j2 install >"$tmp/install.log" 2>&1
verdict install/make-install $? "$(tail -c 600 "$tmp/install.log" | tr '\n' ' ')"
missing=""
for f in bin/sbornik share/sbornik/schemas/sbornik.xsd \
    share/sbornik/stylesheets/sbornik.css share/sbornik/stylesheets/html/html.xsl \
    share/sbornik/stylesheets/docx/package.xsl share/sbornik/stylesheets/timeline.xsl \
    share/sbornik/fonts/LiberationSerif-Regular.ttf share/sbornik/fonts/LICENSE \
    share/sbornik/templates/init/sbornik.yaml share/sbornik/templates/init/.gitignore \
    share/sbornik/templates/new/order.md \
    share/man/man1/sbornik.1 share/bash-completion/completions/sbornik; do
    [ -f "$inst/$f" ] || missing="$missing $f"
done
[ -x "$inst/bin/sbornik" ] || missing="$missing (bin/sbornik not executable)"
verdict install/files "$([ -z "$missing" ]; echo $?)" "missing:$missing"
# Every data file of the tree, and nothing else, under share/sbornik.
(cd "$ROOT" && find schemas stylesheets fonts templates -type f | LC_ALL=C sort) >"$tmp/want"
(cd "$inst/share/sbornik" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/data.diff"
verdict install/data-complete $? "$(head -c 400 "$tmp/data.diff" | tr '\n' ' ')"

# 2. The installed copy, run from another folder, builds a copy of input/.
mkdir -p "$tmp/work" "$tmp/elsewhere"
cp -r "$ROOT/input" "$tmp/work/project"
(cd "$tmp/elsewhere" && "$inst/bin/sbornik" --version) >"$tmp/version" 2>&1
grep -q "^data: $inst/share/sbornik (the installation the binary runs from)" "$tmp/version"
verdict install/finds-its-data $? "$(tr '\n' ' ' <"$tmp/version")"
(cd "$tmp/elsewhere" && "$inst/bin/sbornik" build -q -o out ../work/project) \
    >"$tmp/build.out" 2>"$tmp/build.err"
verdict install/build $? "$(head -c 600 "$tmp/build.err" | tr '\n' ' ')"
missing=""
for f in docs/order-2017-970.pdf docs/order-2017-970.docx docs/order-2017-970.html \
    docs/roadmap-2017.ics portfolio-2022.pdf portfolio-2022.docx \
    portfolio-2022/index.html index.html; do
    [ -s "$tmp/elsewhere/out/$f" ] || missing="$missing $f"
done
verdict install/outputs "$([ -z "$missing" ]; echo $?)" "missing:$missing"
(cd "$tmp/elsewhere" && "$inst/bin/sbornik" init fresh >/dev/null 2>&1 &&
    cd fresh && "$inst/bin/sbornik" build -q . >/dev/null 2>"$tmp/init.err" &&
    [ ! -s "$tmp/init.err" ])
verdict install/init-build $? "$(head -c 400 "$tmp/init.err" | tr '\n' ' ')"

# 3. A copy of the binary away from its installation uses the folder
#    compiled in: PREFIX/share/sbornik (here PREFIX is made to exist).
ln -s "$inst" "$prefix"
mkdir -p "$tmp/loose/bin"
cp "$inst/bin/sbornik" "$tmp/loose/bin/sbornik"
(cd "$tmp/elsewhere" && "$tmp/loose/bin/sbornik" --version) >"$tmp/version" 2>&1
grep -q "^data: $prefix/share/sbornik (compiled in)" "$tmp/version"
verdict install/compiled-in-prefix $? "$(tr '\n' ' ' <"$tmp/version")"
(cd "$tmp/elsewhere" && "$tmp/loose/bin/sbornik" check ../work/project) >/dev/null 2>"$tmp/check.err"
verdict install/compiled-in-works $? "$(head -c 400 "$tmp/check.err" | tr '\n' ' ')"
rm "$prefix"
# Another PREFIX rebuilds the binary with that one compiled in.
make -s -C "$ROOT" BUILD="$tmp/build" PREFIX="$tmp/other" DESTDIR="$tmp/dest2" install \
    >"$tmp/install2.log" 2>&1
cp "$tmp/dest2$tmp/other/bin/sbornik" "$tmp/loose/bin/sbornik"
(cd "$tmp/elsewhere" && "$tmp/loose/bin/sbornik" --version) >"$tmp/version" 2>&1
grep -q "^data: $tmp/other/share/sbornik (compiled in)" "$tmp/version"
verdict install/prefix-change-rebuilds $? "$(tr '\n' ' ' <"$tmp/version") $(tail -c 300 "$tmp/install2.log")"
# SBORNIK_DATA still wins.
v=$(cd "$tmp/elsewhere" && SBORNIK_DATA="$ROOT" "$inst/bin/sbornik" --version | sed -n 2p)
verdict install/env-wins "$([ "$v" = "data: $ROOT (from SBORNIK_DATA)" ]; echo $?)" "$v"

# 4. The man page renders, and bash completion loads.
page="$inst/share/man/man1/sbornik.1"
MANWIDTH=80 man -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err"
grep -q "DIAGNOSTIC CODES" "$tmp/man.txt" && grep -q "E-YAML-SYNTAX" "$tmp/man.txt" &&
    [ ! -s "$tmp/man.err" ]
verdict install/man-renders $? "$(head -c 300 "$tmp/man.err")"
bash -c "source '$inst/share/bash-completion/completions/sbornik' && complete -p sbornik" \
    >"$tmp/complete" 2>&1
grep -q "_sbornik" "$tmp/complete"
verdict install/completion-loads $? "$(head -c 300 "$tmp/complete")"

# 5. make uninstall removes exactly what install put there.
touch "$dest/keep-me"
mk uninstall >"$tmp/uninstall.log" 2>&1
verdict install/make-uninstall $? "$(tail -c 400 "$tmp/uninstall.log" | tr '\n' ' ')"
left=$(find "$dest" \( -type f -o -type l \) ! -path "$dest/keep-me" | head -5 | tr '\n' ' ')
verdict install/uninstall-leaves-nothing "$([ -z "$left" ] && [ -f "$dest/keep-me" ]; echo $?)" \
    "left: $left"
