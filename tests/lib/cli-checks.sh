# cli-checks.sh: sourced by the command's TAP scripts (tests/cli.sh,
# tests/harden_cli.sh), once E (the binary), J (jget) and T (a work
# folder) are set.  Gives run and run_in, which leave stdout in $T/out,
# stderr in $T/err and the exit status in $status; check, one TAP line;
# out, a jget query of $T/out; err_has, a string on stderr.
# See LICENSE for copyright and licence.
n=0

# run ARGS...: run entrel; stdout in $T/out, stderr in $T/err, $status.
run() {
    "$E" "$@" >"$T/out" 2>"$T/err"
    status=$?
}

# run_in FILE ARGS...: the same with FILE on stdin.
run_in() {
    f=$1
    shift
    "$E" "$@" <"$f" >"$T/out" 2>"$T/err"
    status=$?
}

# check DESC EXPR: one TAP line; EXPR is shell evaluated after a run.
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
