#!/usr/bin/env bash
# Run every test of sbornik and end with one line "N passed, N failed".
#
#   unit tests   build/test_* (cmocka), one count per test function
#   case tests   tests/cases/<name>/: a project and what must come out
#   end to end   tests/e2e/*.sh: the sample project and the bench corpus
#
# SBORNIK and UNITDIR select the binaries (make asan sets them);
# VALGRIND=1 runs every sbornik call under valgrind's memcheck.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export SBORNIK="${SBORNIK:-$ROOT/build/sbornik}"
case "$SBORNIK" in /*) ;; *) SBORNIK="$ROOT/$SBORNIK" ;; esac
UNITDIR="${UNITDIR:-build}"
export SBORNIK_DATA="$ROOT" ROOT
passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL $1"; }

# sbornik, under valgrind when asked (a leak or error fails the call).
run_sbornik() {
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
            --suppressions="$ROOT/tests/valgrind.supp" --error-exitcode=99 "$SBORNIK" "$@"
    else
        "$SBORNIK" "$@"
    fi
}
export -f run_sbornik

# ---------------------------------------------------------------- unit
for t in "$UNITDIR"/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    log=$(mktemp)
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --leak-check=full --suppressions=tests/valgrind.supp \
            --error-exitcode=99 "$t" >"$log" 2>&1
    else
        "$t" >"$log" 2>&1
    fi
    rc=$?
    ok=$(grep -c '^\[       OK \]' "$log")
    # cmocka names a failed test twice (when it fails and in the summary).
    bad=$(grep '^\[  FAILED  \] [a-z_]' "$log" | sort -u | wc -l)
    passed=$((passed + ok))
    if [ "$rc" != 0 ] && [ "$bad" = 0 ]; then bad=1; fi
    if [ "$bad" != 0 ]; then
        failed=$((failed + bad))
        failures+=("unit/$name")
        echo "FAIL unit/$name"
        grep -E 'FAILED|ERROR|error|Invalid|definitely' "$log" | head -20
    fi
    rm -f "$log"
done

# ---------------------------------------------------------------- cases
# A case: project/ (the sources), cmd (arguments, default "check project";
# $OUT is a fresh output folder), expect (stderr, exactly), status (exit
# code, default 1), exists/absent (paths under $OUT after the run).
for dir in tests/cases/*/; do
    name=$(basename "$dir")
    [ -d "$dir" ] || continue
    out=$(mktemp -d)
    args="check project"
    [ -f "$dir/cmd" ] && args=$(sed "s|\$OUT|$out|g" "$dir/cmd")
    want_status=1
    [ -f "$dir/status" ] && want_status=$(cat "$dir/status")
    # shellcheck disable=SC2086
    (cd "$dir" && run_sbornik $args >"$out.stdout" 2>"$out.stderr")
    got_status=$?
    ok=1
    why=""
    if [ "$got_status" != "$want_status" ]; then
        ok=0; why="exit status $got_status, expected $want_status"
    fi
    if [ -f "$dir/expect" ] && ! diff -u "$dir/expect" "$out.stderr" >"$out.diff"; then
        ok=0; why="${why:+$why; }stderr differs"
    fi
    if [ -f "$dir/stdout" ] && ! diff -u "$dir/stdout" "$out.stdout" >>"$out.diff"; then
        ok=0; why="${why:+$why; }stdout differs"
    fi
    if [ -f "$dir/exists" ]; then
        while read -r f; do
            [ -z "$f" ] && continue
            [ -e "$out/$f" ] || { ok=0; why="${why:+$why; }missing output $f"; }
        done <"$dir/exists"
    fi
    if [ -f "$dir/absent" ]; then
        while read -r f; do
            [ -z "$f" ] && continue
            [ -e "$out/$f" ] && { ok=0; why="${why:+$why; }unexpected output $f"; }
        done <"$dir/absent"
    fi
    # Nothing half-written: no temporary file may be left behind.
    if find "$out" -name '.*sbornik-tmp*' | grep -q .; then
        ok=0; why="${why:+$why; }temporary file left"
    fi
    if [ "$ok" = 1 ]; then
        pass
    else
        fail "case/$name: $why"
        head -30 "$out.diff" 2>/dev/null
    fi
    rm -rf "$out" "$out.stdout" "$out.stderr" "$out.diff"
done

# ---------------------------------------------------------------- end to end
# Each script prints "ok NAME" or "not ok NAME: why" per check.
for script in tests/e2e/*.sh; do
    [ -f "$script" ] || continue
    while IFS= read -r line; do
        case "$line" in
            "ok "*) pass ;;
            "not ok "*) fail "e2e/${line#not ok }" ;;
            *) echo "$line" ;;
        esac
    done < <(bash "$script" 2>&1)
done

echo
if [ "$failed" != 0 ]; then
    echo "Failed:"
    printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
