# tap.sh: sourced by the command's TAP scripts (tests/cli.sh,
# tests/harden_gz.sh), with E set to the entrel binary.  Makes the work
# folder T (removed on exit) and gives:
#   run ARGS...      entrel ARGS; stdout in $T/out, stderr in $T/err, $status
#   check DESC EXPR  one TAP line; EXPR is shell evaluated after a run
#   err_has TEXT     whether stderr holds TEXT
# See LICENSE for copyright and licence.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0

run() {
    "$E" "$@" >"$T/out" 2>"$T/err"
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

err_has() { grep -qF -- "$1" "$T/err"; }
