#!/bin/bash
# Instructions (valgrind callgrind) of one first plan in a fresh process, and
# nothing else: deterministic to a few thousand, whatever the machine's load,
# so an A/B of first-plan work needs one run per side instead of many timed
# processes. Needs valgrind (apt-get install valgrind) and the built CLI
# (`pnpm -C packages/cli build:bin`).
#   tooling/first-plan-instructions.sh [--top N] SCENARIO PRESET [PROBE OPTIONS...]
# SCENARIO is a name in ../shared/scenarios (or a snapshot path), PRESET a
# parity configuration (packages/cli/test/scenarios/configs/PRESET.toml);
# SCENARIOS overrides the scenarios folder (from a git worktree elsewhere).
# PROBE OPTIONS go to dist/bin/cold-probe.js (e.g. --v8-flag=--no-turbofan).
# --top N also lists the N costliest functions (V8 builtins and runtime).
set -euo pipefail
usage_lines=12
source "$(dirname "$0")/probe-case.sh"
probe_case "$@"
set -- ${rest[@]+"${rest[@]}"}
# The snapshot's own seed, as `planner bench` plans it (packages/cli/src/bench/suite.ts).
seed=$(node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).seed; if (s !== undefined) process.stdout.write(String(s))' "$snapshot")
[ -n "$seed" ] && set -- --seed "$seed" "$@"
# TurboFan stays off for the whole first plan: the probe, as `planner plan`, turns it
# back on after 20 ms of wall clock (one-shot-tiering.ts), which under valgrind's
# slowdown comes within the first plan of even the smallest case (empty_nothing_to_do
# conservative counted 7.81 M instead of 6.41 M), unlike a real run of a small plan.
# A later --turbofan-after among PROBE OPTIONS overrides this.
out=$(mktemp /tmp/first-plan.XXXXXX.callgrind)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --collect-atstart=no --toggle-collect=Builtins_ArrayPrototypeFindLast \
  --callgrind-out-file="$out" node "$root/packages/cli/dist/bin/cold-probe.js" "$snapshot" --config "$config" \
  --callgrind-wrapper --stop-after first-plan --turbofan-after 100000000 "$@" > /dev/null 2>&1
callgrind_annotate --threshold=100 "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); printf "first plan: %.2f M instructions\n", $1 / 1e6 }'
if [ "$top" -gt 0 ]; then
  callgrind_annotate "$out" 2>/dev/null | sed -n '/file:function/,$p' | sed -n "3,$((top + 2))p" | cut -c1-160
fi
