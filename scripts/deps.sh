#!/bin/sh
# deps.sh: install the Debian packages entrel builds and tests with, only
# when some are missing.  Root runs apt-get itself; anyone else is told the
# exact line to run.  "apt-get update" runs once, and only before an install,
# because a fresh machine's package lists are empty.
set -eu

# clang builds the sanitizer tests and the libFuzzer targets; valgrind
# checks the command for leaks; python3 scores the precision trap set; lua5.4
# runs the Lua module's test; GNU parallel runs the scale-out test;
# jsonschema validates the output against docs/entrel.schema.json;
# chromium renders the HTML writer's page headless.
PACKAGES="liblua5.4-dev libpcre2-dev libunistring-dev libjansson-dev \
libstemmer-dev libcmocka-dev unicode-data pkg-config make gcc clang \
libclang-rt-14-dev valgrind python3 python3-jsonschema lua5.4 parallel chromium"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "entrel needs these Debian packages:$missing" >&2
    echo "run as root:  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi

echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
