#!/usr/bin/env bash
# Runs this project's tests N times in a row (default 10) in the issue's configuration (DURABLEAGENTS_SCALEOUT_RUNS, default
# 200 runs; the normal suite runs 40) and prints one line per run: time, the test's summary, repeats by cause.
# Usage: tests/DurableAgents.ScaleOut.Tests/run-repeatedly.sh [N]   (the log of a failed run is kept and named)
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
export DURABLEAGENTS_SCALEOUT_RUNS=${DURABLEAGENTS_SCALEOUT_RUNS:-200}
dotnet build tests/DurableAgents.ScaleOut.Tests -v q -nologo >/dev/null || { echo "build failed"; exit 1; }
failures=0
for i in $(seq 1 "$runs"); do
  log="$(mktemp -t scaleout-run-XXXX.log)"
  started=$(date +%s)
  dotnet test tests/DurableAgents.ScaleOut.Tests --no-build --logger "console;verbosity=detailed" >"$log" 2>&1
  status=$?
  took=$(( $(date +%s) - started ))
  summary=$(grep -o 'scaleout runs=.*' "$log" | head -1)
  causes=$(grep -oE '[0-9]+ steps repeated \[[a-z-]+\]' "$log" | sed -E 's/ steps repeated \[([a-z-]+)\]/ \1/' | paste -sd ',' -)
  if [ "$status" -eq 0 ]; then
    echo "run $i: passed in ${took} s; ${summary}; causes: ${causes}; load $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -f "$log"
  else
    failures=$((failures + 1))
    echo "run $i: FAILED in ${took} s; log kept in $log"
  fi
done
echo "$((runs - failures)) of $runs runs passed"
[ "$failures" -eq 0 ]
