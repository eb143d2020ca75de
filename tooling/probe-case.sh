# Sourced by first-plan-instructions.sh and setup-instructions.sh: reads
# "[--top N] SCENARIO PRESET ..." from the script's arguments and sets top,
# root, snapshot (a path, or SCENARIO's input in $SCENARIOS, default
# ../shared/scenarios), config (the parity configuration PRESET.toml) and
# rest (the arguments after PRESET). Prints the script's usage (lines 2 to
# $usage_lines of it) when SCENARIO or PRESET is missing.
probe_case() {
  top=0
  if [ "${1:-}" = "--top" ]; then top=$2; shift 2; fi
  [ $# -ge 2 ] || { sed -n "2,${usage_lines}p" "$0"; exit 2; }
  root=$(cd "$(dirname "$0")/.." && pwd)
  local scenarios=${SCENARIOS:-$root/../shared/scenarios}
  snapshot=$1; [ -f "$snapshot" ] || snapshot=$scenarios/$1.input.json
  config=$root/packages/cli/test/scenarios/configs/$2.toml
  local f
  for f in "$snapshot" "$config"; do [ -f "$f" ] || { echo "no such file: $f (set SCENARIOS to the scenarios folder)" >&2; exit 2; }; done
  shift 2
  rest=("$@")
}
