#!/usr/bin/env bash
# Builds a libFuzzer target with AddressSanitizer and runs it for a while (README "Fuzzing").
#
#   scripts/fuzz.sh envelope [SECONDS]    # envelopes, JSON, attestation decoder, verifier, base64, trust.json
#   scripts/fuzz.sh jobfile [SECONDS]     # the watch job-file (YAML) decoder
#   scripts/fuzz.sh envelope --replay FILE...   # run saved inputs (a crash) through the target once
#
# SECONDS defaults to 60. Everything goes under .fuzz-corpus/<target>/ (git-ignored):
#   seed/      regenerated on every run: attestations/, samples/payloads/, keys/*/trust.json (or
#              the job files) and every input of the hostile-input catalogue (Tests/HostileInputTests)
#   corpus/    what libFuzzer learnt; kept between runs
#   crashes/   crash-*, timeout-*, oom-*, leak-* reproducers: each one must become a catalogue case
#   fuzz-0.log libFuzzer's log of the last run
#
# Environment: FUZZ_SKIP_BUILD=1 (reuse .build-fuzz), FUZZ_CATALOGUE_SEEDS=0 (no `swift test` for
# seeds), FUZZ_TEST_SCRATCH (scratch path of the test build used for catalogue seeds; default
# .build), FUZZ_ARGS (extra libFuzzer flags). Exit status 1 when the target crashed, hung or leaked.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

target=${1:-}
case "$target" in
    envelope|jobfile) ;;
    *) echo "usage: scripts/fuzz.sh envelope|jobfile [SECONDS] | --replay FILE..." >&2; exit 64 ;;
esac
shift
product="fuzz-$target"
binary="$root/.build-fuzz/release/$product"
# The Swift runtime's backtracer turns a sanitizer report into noise and can hold pipes open.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}

build() {
    if [ "${FUZZ_SKIP_BUILD:-0}" = 1 ] && [ -x "$binary" ]; then return 0; fi
    mkdir -p "$root/.fuzz-corpus"
    local log="$root/.fuzz-corpus/build-$target.log"
    echo "building $product (release, -sanitize=fuzzer,address) in .build-fuzz; log: $log" >&2
    # SwiftPM also builds the package's build-tool plugins with these flags; their link fails
    # (libFuzzer brings its own main) without affecting the fuzz products: judge by the product.
    if swift build -c release --product "$product" --sanitize=fuzzer --sanitize=address \
        -Xswiftc -DFUZZING --scratch-path .build-fuzz >"$log" 2>&1 \
        || grep -q "Build of product '$product' complete" "$log"; then
        return 0
    fi
    grep -E "error:" "$log" | head -20 >&2
    echo "fuzz.sh: building $product failed (log: $log)" >&2
    exit 2
}

if [ "${1:-}" = "--replay" ]; then
    shift
    build
    exec "$binary" -runs=1 "$@"
fi

seconds=${1:-60}
work="$root/.fuzz-corpus/$target"
mkdir -p "$work/corpus" "$work/crashes"
rm -rf "$work/seed"
mkdir -p "$work/seed"

# Seeds from the shipped files.
if [ "$target" = envelope ]; then
    find attestations samples/payloads keys -type f \( -name '*.json' -o -name '*.jws' -o -name '*.dsse' \) \
        -exec cp {} "$work/seed/" \;
    # A detached signature as the target reads it: payload, NUL, signature.
    for sig in $(find attestations -name '*.json.sig'); do
        { cat "${sig%.sig}"; printf '\0'; cat "$sig"; } > "$work/seed/detached-$(basename "$sig")"
    done
else
    cp attestations/watch.yaml "$work/seed/"
fi

# Seeds from the hostile-input catalogue: the test suite writes every input it feeds a reader.
if [ "${FUZZ_CATALOGUE_SEEDS:-1}" = 1 ]; then
    catalogue="$work/catalogue-seeds"
    rm -rf "$catalogue"
    if HOSTILE_SEED_DIR="$catalogue" swift test --scratch-path "${FUZZ_TEST_SCRATCH:-.build}" \
        --filter HostileInputTests >"$work/catalogue-seeds.log" 2>&1; then
        :
    else
        echo "fuzz.sh: the catalogue did not pass (see $work/catalogue-seeds.log); using the seeds it wrote" >&2
    fi
    [ -d "$catalogue/$target" ] && cp "$catalogue/$target/"* "$work/seed/" 2>/dev/null || true
fi
echo "seeds: $(ls "$work/seed" | wc -l) files; corpus: $(ls "$work/corpus" | wc -l) files" >&2

build

before=$(ls "$work/crashes" | wc -l)
dict="$root/Fuzz/Dictionaries/$target.dict"
[ -f "$dict" ] || dict=""
# One job, one worker: the machine has two cores and other builds run. The log goes to
# $work/fuzz-0.log; new inputs to corpus/ (the first folder), seeds are read only.
(
    cd "$work"
    "$binary" -jobs=1 -workers=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/crashes/" ${dict:+-dict="$dict"} ${FUZZ_ARGS:-} \
        "$work/corpus" "$work/seed" >/dev/null 2>&1 || true
)
log="$work/fuzz-0.log"
grep -E "^#[0-9]+ +(INITED|DONE)|^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb" "$log" | tail -5 || true
after=$(ls "$work/crashes" | wc -l)
if grep -qE "ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|Fatal error|deadly signal" "$log" || [ "$after" -gt "$before" ]; then
    echo "fuzz.sh: $product found a problem; reproducers in $work/crashes:" >&2
    ls -t "$work/crashes" | head -5 >&2
    grep -E -A20 "ERROR: |Fatal error" "$log" | head -40 >&2 || true
    exit 1
fi
echo "fuzz.sh: $product ran $seconds s without a crash" >&2
