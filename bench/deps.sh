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

# The Debian part is scripts/deps.sh's (which already installs LibreOffice
# Writer, poppler-utils, GNU time and npm for the tests), with the bench's
# own packages added; node only matters as a command.
extra="cmark-gfm pandoc libhpdf-dev"
command -v node >/dev/null 2>&1 || extra="$extra nodejs"
# shellcheck disable=SC2086
./scripts/deps.sh $extra

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
