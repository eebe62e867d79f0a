#!/usr/bin/env bash
# Run the libFuzzer targets of tests/fuzz/ (make fuzz builds them into
# build-fuzz/ first), one after another, each for $FUZZ_SECONDS seconds
# at the lowest priority (nice 19: a fuzzer takes a whole core).
#
#   FUZZ_SECONDS=30 tests/fuzz/run.sh frontmatter markdown period refs
#
# For each target: seeds made afresh from input/ and tests/cases/
# (tests/fuzz/seeds.py → build-fuzz/seeds/NAME), the corpus the fuzzer
# grows kept in build-fuzz/corpus/NAME between runs, the dictionary
# tests/fuzz/NAME.dict, and whatever crashes in build-fuzz/crashes/ (rerun
# one with build-fuzz/fuzz_NAME FILE).  A crash, a leak, a sanitizer
# report, an input slower than 30 s or above 2 GB fails the run; the
# others still run.  Ends with one line per target and a summary.
set -u
cd "$(dirname "$0")/../.."
SECONDS_EACH="${FUZZ_SECONDS:-600}"
OUT=build-fuzz
targets=("$@")
[ ${#targets[@]} = 0 ] && targets=(frontmatter markdown period refs)

python3 tests/fuzz/seeds.py "$OUT/seeds" || exit 1
mkdir -p "$OUT/crashes" "$OUT/logs"

summary=()
failed=0
for t in "${targets[@]}"; do
    bin="$OUT/fuzz_$t"
    [ -x "$bin" ] || { echo "fuzz: $bin is not built (make fuzz)" >&2; exit 2; }
    mkdir -p "$OUT/corpus/$t"
    dict=()
    [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
    log="$OUT/logs/$t.log"
    echo "fuzz: $t for ${SECONDS_EACH}s (log: $log)"
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
    nice -n 19 "$bin" "${dict[@]}" -max_total_time="$SECONDS_EACH" \
        -timeout=30 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$OUT/crashes/$t-" \
        "$OUT/corpus/$t" "$OUT/seeds/$t" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if [ "$rc" = 0 ]; then
        line="ok     $t: ${runs:-?} runs in ${SECONDS_EACH}s (${secs:-?}/s), no crash"
    else
        failed=$((failed + 1))
        what=$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|==ERROR' "$log")
        art=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
        line="FAILED $t: exit $rc: ${what:-see $log} ${art:+(input: $art)}"
        tail -40 "$log"
    fi
    echo "$line"
    summary+=("$line")
done

echo
printf '%s\n' "${summary[@]}"
echo "$(( ${#targets[@]} - failed )) passed, $failed failed"
[ "$failed" = 0 ]
