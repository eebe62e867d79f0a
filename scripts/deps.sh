#!/bin/sh
# Install, with apt-get, every Debian package the build and the tests need
# that is not installed yet, then the one test tool that comes from the npm
# registry (the Nu HTML checker, vnu-jar, pinned in tests/tools/); do
# nothing when all are there.  Extra package names given as arguments are
# added (make valgrind asks for valgrind).
set -eu
cd "$(dirname "$0")/.."

# Build: compiler, libraries.  Tests: cmocka, xmllint, poppler (pdftotext,
# pdffonts, pdfinfo, pdftoppm), qpdf, LibreOffice for DOCX (Writer) and for
# the roadmaps' CSV (Calc), Chromium for HTML screenshots, python3 with
# icalendar for calendars, man, groff and col for the man page; strace,
# faketime, time (GNU) and locales for the atomic, reproducible and
# bounded builds.
PKGS="build-essential pkg-config
libxml2-dev libxml2-utils libxslt1-dev libzip-dev
libcmark-gfm-dev libcmark-gfm-extensions-dev
libhpdf-dev libharfbuzz-dev libyaml-dev libhyphen-dev hyphen-ru zlib1g-dev libxxhash-dev
libcmocka-dev python3 python3-icalendar man-db groff-base bsdextrautils
poppler-utils qpdf libreoffice-writer-nogui libreoffice-calc-nogui chromium
strace faketime time locales $*"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
# Java and npm only matter as commands: a machine may have its own.
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
    echo "deps: installing$missing"
    if [ "$(id -u)" != 0 ]; then
        echo "deps: not root; install these packages first:$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
fi

# The Nu HTML checker, at the version pinned in tests/tools/package.json.
if [ -f tests/tools/package.json ] && [ ! -f tests/tools/node_modules/vnu-jar/build/dist/vnu.jar ]; then
    echo "deps: installing the Nu HTML checker (npm)"
    (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error)
fi
