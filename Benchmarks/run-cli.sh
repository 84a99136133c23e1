#!/usr/bin/env bash
# Benchmarks that need separate processes (docs/PERFORMANCE.md), on one corpus made in this run:
#   1. `verify` on a folder, one core (taskset -c 0) against every core, without and with recording;
#   4. the same loop in Python (Benchmarks/peers/verify_peer.py) against `verify` (recording), each
#      on the same cores: both on one core (taskset -c 0), both on every core (the issue's third
#      goal: at least 3x the peer).
#
#   Benchmarks/run-cli.sh [COUNT] [ROUNDS] [LINES] [ALGORITHMS]
#       defaults: 20000 envelopes, 3 rounds (medians), 40 reserve lines, "mixed" (ECDSA P-256 and
#       Ed25519; "ecdsa" signs every envelope with P-256)
#
# Builds release binaries in .build-bench (BENCH_BIN=DIR uses the binaries already in DIR instead:
# `.ci/run` runs it briefly on the debug build), writes the corpus (100 coins) to a temporary
# folder and removes it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
rounds=${2:-3}
lines=${3:-40}
algorithms=${4:-mixed}
scratch=.build-bench
at=2026-11-20T00:00:00Z

if [ -n "${BENCH_BIN:-}" ]; then
    bin=$BENCH_BIN
else
    swift build -c release --scratch-path "$scratch" --product reserve-verifier >/dev/null
    swift build -c release --scratch-path "$scratch" --product bench-corpus >/dev/null
    bin="$scratch/release"
fi
coins=100
[ "$count" -lt 100 ] && coins=10
work=$(mktemp -d /tmp/reserve-bench-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
corpus=(--count "$count" --coins "$coins" --lines "$lines")
[ "$algorithms" = ecdsa ] && corpus+=(--ecdsa-only)
"$bin/bench-corpus" write "$work" "${corpus[@]}" >&2

# Seconds taken by a command (its output discarded; exit 1, "not eligible", is fine).
elapsed() {
    local start end status
    start=$(date +%s%N)
    set +e
    "$@" >/dev/null 2>"$work/stderr"
    status=$?
    set -e
    end=$(date +%s%N)
    if [ "$status" -gt 1 ]; then
        echo "failed ($status): $*" >&2
        cat "$work/stderr" >&2
        exit 1
    fi
    echo "scale=3; ($end - $start) / 1000000000" | bc
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rate() { echo "scale=0; $count / $1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }

verify=("$bin/reserve-verifier" verify "$work/envelopes" --keys "$work/keys" --at "$at")
declare -a one two one_rec two_rec peer peer_all
for round in $(seq 1 "$rounds"); do
    one+=("$(elapsed taskset -c 0 "${verify[@]}" --no-record)")
    two+=("$(elapsed "${verify[@]}" --no-record)")
    rm -f "$work"/one.sqlite* "$work"/two.sqlite* "$work"/peer.sqlite* "$work"/peer-all.sqlite*
    one_rec+=("$(elapsed taskset -c 0 "${verify[@]}" --db "$work/one.sqlite")")
    two_rec+=("$(elapsed "${verify[@]}" --db "$work/two.sqlite")")
    peer+=("$(elapsed taskset -c 0 python3 Benchmarks/peers/verify_peer.py "$work/envelopes" "$work/keys" "$work/peer.sqlite" --at "$at")")
    peer_all+=("$(elapsed python3 Benchmarks/peers/verify_peer.py "$work/envelopes" "$work/keys" "$work/peer-all.sqlite" --at "$at")")
    echo "round $round: 1 core ${one[-1]} s, $(nproc) cores ${two[-1]} s, recording: 1 core ${one_rec[-1]} s, $(nproc) cores ${two_rec[-1]} s, python: 1 core ${peer[-1]} s, $(nproc) cores ${peer_all[-1]} s (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done

t1=$(median "${one[@]}"); t2=$(median "${two[@]}")
r1=$(median "${one_rec[@]}"); r2=$(median "${two_rec[@]}"); tp=$(median "${peer[@]}"); tp2=$(median "${peer_all[@]}")
echo
echo "reserve-verifier verify on $count envelopes ($lines lines, $algorithms), $(nproc) cores, medians of $rounds rounds ($(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "| run | seconds | envelopes/s | ratio |"
echo "|---|---|---|---|"
echo "| verify --no-record, 1 core (taskset -c 0) | $t1 | $(rate "$t1") | baseline |"
echo "| verify --no-record, $(nproc) cores | $t2 | $(rate "$t2") | $(ratio "$t1" "$t2")x the 1-core rate |"
echo "| verify (recording), 1 core | $r1 | $(rate "$r1") | baseline |"
echo "| verify (recording), $(nproc) cores | $r2 | $(rate "$r2") | $(ratio "$r1" "$r2")x the 1-core rate |"
echo "| python peer (cryptography, json, sqlite3), 1 core | $tp | $(rate "$tp") | baseline |"
echo "| python peer, $(nproc) cores (it uses one) | $tp2 | $(rate "$tp2") | baseline |"
echo "| reserve-verifier / python, both 1 core, recording | | | $(ratio "$tp" "$r1") (goal 3) |"
echo "| reserve-verifier / python, both $(nproc) cores, recording | | | $(ratio "$tp2" "$r2") (goal 3) |"
