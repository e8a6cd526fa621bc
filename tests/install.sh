#!/bin/sh
# install.sh: `make install` into a staging root (DESTDIR) and what a user
# does next: compile examples/embed.c with `pkg-config --cflags --libs
# entrel` against it and run it, run the installed command with its data
# and plugins, then `make uninstall` leaves no file behind.  One TAP line
# per check.  Usage: sh tests/install.sh BUILD_DIR
# See LICENSE for copyright and licence.
set -u
B=${1:?usage: install.sh BUILD_DIR}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
R=$T/root
P=$R/usr
n=0
status=0

check() {
    n=$((n + 1))
    if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; sed 's/^/#   /' "$T/err" | head -8; fi
}

make -s --no-print-directory install B="$B" PREFIX=/usr DESTDIR="$R" >"$T/out" 2>"$T/err"
status=$?
check "make install PREFIX=/usr DESTDIR=...: exit 0" '[ $status -eq 0 ]'
check "installed: command, library with its soname links, archive, headers, pkg-config file, man page" \
    '[ -x "$P/bin/entrel" ] && [ -f "$P/lib/libentrel.so.0.1.0" ] && [ "$(readlink "$P/lib/libentrel.so.0")" = libentrel.so.0.1.0 ] && [ -L "$P/lib/libentrel.so" ] && [ -f "$P/lib/libentrel.a" ] && [ -f "$P/include/entrel.h" ] && [ -f "$P/include/entrel_plugin.h" ] && [ -f "$P/lib/pkgconfig/entrel.pc" ] && [ -f "$P/share/man/man1/entrel.1" ]'
check "installed: the library's soname is libentrel.so.0" \
    'objdump -p "$P/lib/libentrel.so.0.1.0" | grep -q "SONAME *libentrel.so.0"'
check "installed: default rules, gazetteers, lexicons and plugins" \
    '[ -d "$P/share/entrel/fr" ] && [ -d "$P/share/entrel/en" ] && ls "$P/share/entrel/gazetteers/"*.tsv >/dev/null && [ -d "$P/share/entrel/lexicons" ] && [ -f "$P/lib/entrel/plugins/dates.so" ] && [ -f "$P/lib/entrel/plugins/acronyms.so" ]'

flags=$(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --define-variable=prefix="$P" --cflags --libs entrel 2>"$T/err")
# shellcheck disable=SC2086
cc -std=c11 -o "$T/embed" examples/embed.c $flags 2>"$T/err"
status=$?
check "examples/embed.c compiles with pkg-config --cflags --libs entrel" '[ $status -eq 0 ] && echo "$flags" | grep -q -- "-lentrel"'
LD_LIBRARY_PATH="$P/lib" "$T/embed" "$P/share/entrel" >"$T/out" 2>"$T/err"
status=$?
check "the embed program runs on the installed library and rules" \
    '[ $status -eq 0 ] && grep -q "^PER	Jean Dupont	" "$T/out"'
ENTREL_DATA="$P/share/entrel" ENTREL_PLUGINS="$P/lib/entrel/plugins" "$P/bin/entrel" --format jsonl --no-text \
    tests/data/fr-hanoi-convention.txt >"$T/out" 2>"$T/err"
status=$?
check "the installed command finds entities, dates and relations with the installed data" \
    '[ $status -eq 0 ] && grep -q "\"value\":\"2025-03-26\"" "$T/out" && grep -q "\"type\":\"presided_over\"" "$T/out"'
LD_LIBRARY_PATH="$P/lib" lua5.4 -e "package.cpath = '$P/lib/lua/5.4/?.so'
    local e = assert(require('entrel').engine { rules = { '$P/share/entrel/fr' }, data_dir = '$P/share/entrel' })
    print(e:extract('Le ministre Jean Dupont a parlé.').entities[1].text)" >"$T/out" 2>"$T/err"
status=$?
check "the installed Lua module loads and extracts" '[ $status -eq 0 ] && [ "$(cat "$T/out")" = "Jean Dupont" ]'
"$P/bin/entrel" --help >"$T/out" 2>"$T/err"
check "the installed command names its data under PREFIX" 'strings "$P/bin/entrel" | grep -q "^/usr/share/entrel$"'

make -s --no-print-directory uninstall B="$B" PREFIX=/usr DESTDIR="$R" >"$T/out" 2>"$T/err"
status=$?
check "make uninstall removes every file it installed" '[ $status -eq 0 ] && [ -z "$(find "$R" -type f -o -type l)" ]'
echo "1..$n"
