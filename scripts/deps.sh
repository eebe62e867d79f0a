#!/bin/sh
# Install, with apt-get, every Debian package the build and the tests need
# that is not installed yet; do nothing when all are there.  Extra package
# names given as arguments are added (make valgrind asks for valgrind).
set -eu
PKGS="build-essential pkg-config
libxml2-dev libxml2-utils libxslt1-dev libzip-dev
libcmark-gfm-dev libcmark-gfm-extensions-dev
libhpdf-dev libyaml-dev libhyphen-dev hyphen-ru zlib1g-dev
libcmocka-dev python3 $*"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
    echo "deps: not root; install these packages first:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
