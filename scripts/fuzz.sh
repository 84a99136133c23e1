#!/usr/bin/env bash
# Builds a libFuzzer target with AddressSanitizer and runs it for a while (docs/ROBUSTNESS.md, "Fuzzing").
#
#   scripts/fuzz.sh envelope [SECONDS]          # envelopes, JSON, the attestation decoder, the
#                                               # verifier, base64, trust.json
#   scripts/fuzz.sh jobfile [SECONDS]           # the watch job-file (YAML) decoder
#   scripts/fuzz.sh envelope --replay FILE...   # run saved inputs (a crash) through the target once
#
# SECONDS defaults to 60. Everything goes under .fuzz-corpus/<target>/ (git-ignored):
#   seed/        regenerated on every run: attestations/, samples/payloads/, keys/*/trust.json (or
#                the job file) and every input of the hostile-input catalogue (Tests/HostileInputTests)
#   corpus/      what libFuzzer learnt; kept between runs
#   crashes/     crash-*, timeout-*, oom-*, leak-* reproducers: each must become a catalogue case
#   fuzz-0.log   libFuzzer's log of the last run
#
# Environment: FUZZ_SKIP_BUILD=1 (reuse .build-fuzz), FUZZ_CATALOGUE_SEEDS=0 (no `swift test` for
# seeds), FUZZ_CATALOGUE_DIR (seeds a test run already wrote with HOSTILE_SEED_DIR=that folder: used
# as they are, no `swift test`), FUZZ_TEST_SCRATCH (scratch path of the test build that writes the
# catalogue seeds; default .build), FUZZ_ARGS (extra libFuzzer flags).
# Exit status: 0 no problem found, 1 the target crashed, hung, leaked or ran out of memory,
# 2 the build failed, 64 usage.
set -euo pipefail

usage() {
    echo "usage: scripts/fuzz.sh envelope|jobfile [SECONDS] | envelope|jobfile --replay FILE..." >&2
    exit 64
}

build() {
    if [ "${FUZZ_SKIP_BUILD:-0}" = 1 ] && [ -x "$binary" ]; then return 0; fi
    mkdir -p "$root/.fuzz-corpus"
    local log="$root/.fuzz-corpus/build-$target.log"
    echo "building $product (release, -sanitize=fuzzer,address) in .build-fuzz; log: $log" >&2
    # Sanitizers: swiftc keeps only the last -sanitize= flag, and SwiftPM renders
    # `--sanitize=fuzzer --sanitize=address` as two flags in no fixed order (both seen here). The
    # Swift code then gets either no coverage (the fuzzer runs blind) or no ASan, and the command
    # lines change between runs, so nothing is built incrementally. So: SwiftPM is told only about
    # the fuzzer (it then links libFuzzer's main), swiftc gets both in one flag, C and C++ get ASan
    # on top. SwiftPM also builds the package's build-tool plugins with these flags; their link
    # fails (libFuzzer brings its own main) without affecting the fuzz products: judge by the product.
    if ! swift build -c release --product "$product" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
            -Xcc -fsanitize=address -Xcxx -fsanitize=address -Xswiftc -DFUZZING \
            --scratch-path .build-fuzz >"$log" 2>&1 \
        && ! grep -q "Build of product '$product' complete" "$log"; then
        grep -E "error:" "$log" | head -20 >&2
        echo "fuzz.sh: building $product failed (log: $log)" >&2
        exit 2
    fi
    # Both instrumentations must be in the Swift code under test: the JSON parser's state machine
    # (JSONParserState.swift) for the envelope target, the YAML reader (YAMLReader.swift) for the
    # job file's.
    local object symbols
    object="$root/.build-fuzz/release/"$([ "$target" = envelope ] \
        && echo ReserveCore.build/JSONParserState.swift.o || echo ReserveAlerts.build/YAMLReader.swift.o)
    if [ ! -f "$object" ]; then echo "fuzz.sh: $object is missing (was its source file renamed?)" >&2; exit 2; fi
    symbols=$(nm "$object")
    case "$symbols" in *__start___sancov_cntrs*) ;; *) echo "fuzz.sh: $object has no coverage instrumentation" >&2; exit 2 ;; esac
    case "$symbols" in *__asan_init*) ;; *) echo "fuzz.sh: $object has no ASan instrumentation" >&2; exit 2 ;; esac
}

seed() {
    rm -rf "$work/seed"
    mkdir -p "$work/seed" "$work/corpus" "$work/crashes"
    if [ "$target" = envelope ]; then
        find attestations samples/payloads keys -type f \( -name '*.json' -o -name '*.jws' -o -name '*.dsse' \) \
            -exec cp {} "$work/seed/" \;
        # A detached signature as the target reads it: payload, NUL, signature.
        local sig
        for sig in $(find attestations -name '*.json.sig'); do
            { cat "${sig%.sig}"; printf '\0'; cat "$sig"; } > "$work/seed/detached-$(basename "$sig")"
        done
    else
        cp attestations/watch.yaml "$work/seed/"
    fi
    # The hostile-input catalogue writes every input it feeds a reader (HOSTILE_SEED_DIR): the
    # tests as last built (CI has just built them), else after building them.
    if [ -n "${FUZZ_CATALOGUE_DIR:-}" ]; then
        if [ -d "$FUZZ_CATALOGUE_DIR/$target" ]; then cp "$FUZZ_CATALOGUE_DIR/$target/"* "$work/seed/"; fi
    elif [ "${FUZZ_CATALOGUE_SEEDS:-1}" = 1 ]; then
        local catalogue="$work/catalogue-seeds" scratch=${FUZZ_TEST_SCRATCH:-.build}
        rm -rf "$catalogue"
        if ! HOSTILE_SEED_DIR="$catalogue" swift test --skip-build --scratch-path "$scratch" \
                --filter HostileInputTests >"$work/catalogue-seeds.log" 2>&1 \
            && ! HOSTILE_SEED_DIR="$catalogue" swift test --scratch-path "$scratch" \
                --filter HostileInputTests >>"$work/catalogue-seeds.log" 2>&1; then
            echo "fuzz.sh: the catalogue did not pass (see $work/catalogue-seeds.log); using the seeds it wrote" >&2
        fi
        if [ -d "$catalogue/$target" ]; then cp "$catalogue/$target/"* "$work/seed/"; fi
    fi
    echo "seeds: $(ls "$work/seed" | wc -l) files; corpus: $(ls "$work/corpus" | wc -l) files" >&2
}

run() {
    local seconds=$1 before after dict="$root/Fuzz/Dictionaries/$target.dict"
    before=$(ls "$work/crashes" | wc -l)
    # One job, one worker: the machine has two cores and other builds run. libFuzzer logs to
    # $work/fuzz-0.log and writes new inputs to corpus/ (the first folder); seed/ is only read.
    (
        cd "$work"
        "$binary" -jobs=1 -workers=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$work/crashes/" -dict="$dict" ${FUZZ_ARGS:-} \
            "$work/corpus" "$work/seed" >/dev/null 2>&1 || true
    )
    local log="$work/fuzz-0.log"
    grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb" "$log" | tail -5 >&2 || true
    after=$(ls "$work/crashes" | wc -l)
    if ! grep -qE "^#[0-9]+[[:space:]]+INITED" "$log" || grep -q "no interesting inputs were found" "$log"; then
        echo "fuzz.sh: $product did not start fuzzing:" >&2
        tail -5 "$log" >&2
        return 2
    fi
    if grep -qE "ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|Fatal error|deadly signal" "$log" || [ "$after" -gt "$before" ]; then
        echo "fuzz.sh: $product found a problem; reproducers in $work/crashes:" >&2
        ls -t "$work/crashes" | head -5 >&2
        grep -E -A20 "ERROR: |Fatal error" "$log" | head -40 >&2 || true
        echo "replay: scripts/fuzz.sh $target --replay $work/crashes/<file>" >&2
        return 1
    fi
    echo "fuzz.sh: $product ran $seconds s without a problem" >&2
}

main() {
    cd "$(dirname "$0")/.."
    root=$PWD
    target=${1:-}
    case "$target" in envelope|jobfile) ;; *) usage ;; esac
    shift
    product="fuzz-$target"
    binary="$root/.build-fuzz/release/$product"
    work="$root/.fuzz-corpus/$target"
    # The Swift runtime's backtracer turns a sanitizer report into noise and can hold pipes open.
    export SWIFT_BACKTRACE=enable=no
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}

    if [ "${1:-}" = "--replay" ]; then
        shift
        [ $# -gt 0 ] || usage
        build
        "$binary" -runs=1 "$@"
        return
    fi
    local seconds=${1:-60}
    case "$seconds" in ''|*[!0-9]*) usage ;; esac
    seed
    build
    run "$seconds"
}

# All of the script is read before any of it runs: editing it during a run cannot change the run.
main "$@"
exit $?
