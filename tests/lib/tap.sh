# tap.sh: sourced by the command's TAP scripts (tests/cli.sh,
# tests/harden_cli.sh, tests/harden_gz.sh), once E (the binary) and J
# (jget) are set.  Makes the work folder T, removed on exit, unless the
# script made its own.  Gives:
#   run ARGS...          entrel ARGS; stdout in $T/out, stderr in $T/err, $status
#   run_in FILE ARGS...  the same with FILE on stdin
#   check DESC EXPR      one TAP line; EXPR is shell evaluated after a run
#   out QUERY...         a jget query of $T/out
#   err_has TEXT         whether stderr holds TEXT
# See LICENSE for copyright and licence.
if [ -z "${T:-}" ]; then
    T=$(mktemp -d)
    trap 'rm -rf "$T"' EXIT
fi
n=0

run() {
    "$E" "$@" >"$T/out" 2>"$T/err"
    status=$?
}

run_in() {
    f=$1
    shift
    "$E" "$@" <"$f" >"$T/out" 2>"$T/err"
    status=$?
}

check() {
    n=$((n + 1))
    if eval "$2"; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        echo "#   status $status; stderr:"
        sed 's/^/#   /' "$T/err" | head -5
    fi
}

out() { "$J" "$@" <"$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
