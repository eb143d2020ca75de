#!/bin/bash
# Instructions (valgrind callgrind) of one step of a cold process's setup, and
# nothing else (as tooling/first-plan-instructions.sh does for the first plan):
# deterministic whatever the machine's load, so setup work can be A/B'd with
# one run per side. Needs valgrind and the built CLI (`pnpm -C packages/cli build:bin`).
#   tooling/setup-instructions.sh [--top N] SCENARIO PRESET [STEP...]
# SCENARIO is a name in ../shared/scenarios (or a snapshot path), PRESET a
# parity configuration (packages/cli/test/scenarios/configs/PRESET.toml, loaded
# with --config as the bench does); STEP is snapshot, config or create-planner
# (all three when none is given). SCENARIOS overrides the scenarios folder.
# --top N also lists the N costliest functions of each step.
set -euo pipefail
usage_lines=11
source "$(dirname "$0")/probe-case.sh"
probe_case "$@"
set -- ${rest[@]+"${rest[@]}"}
steps=("$@"); [ ${#steps[@]} -gt 0 ] || steps=(snapshot config create-planner)
out=$(mktemp /tmp/setup-step.XXXXXX.callgrind)
trap 'rm -f "$out"' EXIT
for step in "${steps[@]}"; do
  valgrind --tool=callgrind --collect-atstart=no --toggle-collect=Builtins_ArrayPrototypeFindLastIndex \
    --callgrind-out-file="$out" node "$root/packages/cli/dist/bin/cold-probe.js" "$snapshot" --config "$config" \
    --callgrind-setup-step "$step" --stop-after setup > /dev/null 2>&1
  callgrind_annotate --threshold=100 "$out" 2>/dev/null | awk -v s="$step" '/PROGRAM TOTALS/ { gsub(",", "", $1); printf "%s: %.3f M instructions\n", s, $1 / 1e6 }'
  if [ "$top" -gt 0 ]; then
    callgrind_annotate "$out" 2>/dev/null | sed -n '/file:function/,$p' | sed -n "3,$((top + 2))p" | cut -c1-160
  fi
done
