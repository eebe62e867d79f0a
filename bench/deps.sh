#!/bin/sh
# Install what make bench compares sbornik with, and nothing when it is all
# there: from Debian (apt-get) the floor's cmark-gfm, pandoc, LibreOffice
# Writer, poppler-utils (pdfinfo), libhpdf-dev (for bench/floor.c) and GNU
# time (CPU and peak memory of each command); then the Typst anchor, the npm
# package pinned in ../shared/bench/typst/package.json, with `npm ci` into
# build/bench/typst/ (bench/typst/ keeps its lock file).  Only make bench
# calls this; make test needs none of it.
set -eu
cd "$(dirname "$0")/.."

PKGS="cmark-gfm pandoc libreoffice-writer-nogui poppler-utils libhpdf-dev time"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
    echo "bench deps: installing$missing"
    if [ "$(id -u)" != 0 ]; then
        echo "bench deps: not root; install these packages first:$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
fi

# Typst: the shared package.json (the pin) with our lock file, installed
# again whenever either changes.  The lock lists every platform's build of
# the native addon, as npm ci wants, and keeps no download addresses.
SHARED=../shared/bench/typst
DIR=build/bench/typst
PKG=@myriaddreamin/typst-ts-node-compiler
if [ ! -f "$SHARED/package.json" ]; then
    echo "bench deps: $SHARED/package.json is missing" >&2
    exit 1
fi
if [ ! -f "$DIR/node_modules/$PKG/package.json" ] ||
   ! cmp -s "$SHARED/package.json" "$DIR/package.json" ||
   ! cmp -s bench/typst/package-lock.json "$DIR/package-lock.json"; then
    echo "bench deps: installing Typst ($PKG, npm ci into $DIR)"
    rm -rf "$DIR"
    mkdir -p "$DIR"
    cp "$SHARED/package.json" bench/typst/package-lock.json "$DIR/"
    (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi
