#!/usr/bin/env bash
# `tablespan --scenario FILE --report OUT.json`: the shipped "Oregon lost" scenario runs
# headless, prints its summary and writes a report whose RPO is Oregon's writes of the
# cut; the same seed gives the same report; an invalid file exits 2 naming its field.
# Usage: scenario_cli.sh TABLESPAN SCENARIO_DIR
set -euo pipefail
app=$1
scenarios=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$app" --scenario "$scenarios/oregon-lost.json" --report "$work/a.json" >"$work/out.txt"
grep -q "^Oregon lost: 3600 s of engine time" "$work/out.txt" || { cat "$work/out.txt"; exit 1; }
python3 - "$work/a.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rpo = report["rpo"][0]
assert rpo["region"] == "us-west-2", rpo
assert 1200 <= rpo["lostWrites"] <= 1206, rpo
assert report["totals"]["writesRefused"] == 0, report["totals"]
PY

# The same seed again: the same report, byte for byte.
"$app" --scenario "$scenarios/oregon-lost.json" --report "$work/b.json" --seed 1 >/dev/null
cmp "$work/a.json" "$work/b.json"

echo '{"name": "bad", "duration": "1h", "tables": [{"name": "Tbl", "regions": ["us-east-1"]}],
       "faults": [{"kind": "region-offline", "at": "2h", "region": "us-east-1"}]}' >"$work/bad.json"
status=0
"$app" --scenario "$work/bad.json" 2>"$work/err.txt" || status=$?
[ "$status" -eq 2 ] || { echo "exit $status, expected 2"; exit 1; }
grep -q "faults\[0\].at: after the scenario's end" "$work/err.txt" || { cat "$work/err.txt"; exit 1; }
echo "scenario CLI: ok"
