#!/usr/bin/env bash
# Headless Tablespan against dynalite, in the same run on the same machine, driven by the
# same load generator (wrk, 2 threads, 16 connections, ~200-byte items with distinct
# keys): PutItem and GetItem requests per second and p99 latency, one JSON line per
# server and operation, then one line per operation with the ratio. Checks that every
# PutItem Tablespan acknowledged is still there after a SIGTERM and a restart, and after a
# kill -9 in the middle of a load.
# Last, the same load against reference_responder.c (a server that does no work at all):
# the most any server can reach on this machine with this load generator, printed with
# each ratio line as "ceiling_ratio" (reference over dynalite). For PutItem it runs a
# second time, flushing every request to disk before answering it, as Tablespan does:
# "durable_ceiling_ratio" is the most a server that makes its writes durable can reach.
# Installs wrk (Debian), node/npm and dynalite (npm, into $BENCH_DIR) when missing.
# Not a test: run it by hand with a Release build.
# Usage: bench_endpoint.sh TABLESPAN_BINARY [SECONDS_PER_PHASE]
set -euo pipefail

tablespan=${1:?usage: bench_endpoint.sh TABLESPAN_BINARY [SECONDS_PER_PHASE]}
seconds=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
bench_dir=${BENCH_DIR:-/tmp/bench-endpoint}
threads=2
connections=16

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
if ! command -v wrk >/dev/null || ! command -v npm >/dev/null; then
    as_root apt-get update -qq
    command -v wrk >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
    command -v npm >/dev/null ||
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
if [ ! -x "$bench_dir/node_modules/.bin/dynalite" ]; then
    mkdir -p "$bench_dir"
    (cd "$bench_dir" && npm install --no-audit --no-fund --silent dynalite >&2)
fi

work=$(mktemp -d)
tablespan_pid=
dynalite_pid=
reference_pid=
stop() {  # PID: SIGTERM, then wait for it
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
cleanup() {
    stop "$tablespan_pid"
    stop "$dynalite_pid"
    stop "$reference_pid"
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "bench_endpoint: $*" >&2
    exit 1
}

# One DynamoDB call: ddb URL OPERATION JSON → the response body (exit 1 on an error).
ddb() {
    python3 - "$@" <<'EOF'
import json, sys, time, urllib.request, urllib.error
url, op, body = sys.argv[1], sys.argv[2], sys.argv[3]
date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
req = urllib.request.Request(url, data=body.encode(), method="POST", headers={
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Target": "DynamoDB_20120810." + op,
    "X-Amz-Date": date,
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/%s/us-west-2/dynamodb/aws4_request, "
                     "SignedHeaders=host;x-amz-date, Signature=0000" % date[:8]})
try:
    print(urllib.request.urlopen(req, timeout=120).read().decode())
except urllib.error.HTTPError as e:
    print(e.read().decode(), file=sys.stderr)
    sys.exit(1)
EOF
}

create_table() {  # URL: creates "bench" and waits until it is ACTIVE
    ddb "$1" CreateTable '{"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}' >/dev/null
    for _ in $(seq 200); do
        ddb "$1" DescribeTable '{"TableName":"bench"}' | grep -q '"TableStatus":"ACTIVE"' && return
        sleep 0.1
    done
    fail "the table at $1 never became ACTIVE"
}

count_items() {  # URL: Scan with Select COUNT, every page
    python3 - "$1" <<'EOF'
import json, sys, time, urllib.request
url, total, start = sys.argv[1], 0, None
while True:
    body = {"TableName": "bench", "Select": "COUNT"}
    if start: body["ExclusiveStartKey"] = start
    date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.Scan",
        "X-Amz-Date": date,
        "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/%s/us-west-2/dynamodb/aws4_request, "
                         "SignedHeaders=host;x-amz-date, Signature=0000" % date[:8]})
    page = json.load(urllib.request.urlopen(req, timeout=300))
    total += page["Count"]
    start = page.get("LastEvaluatedKey")
    if not start: break
print(total)
EOF
}

start_tablespan() {  # [DATA_DIR]: sets $tablespan_url
    LC_ALL=C LANGUAGE=C "$tablespan" --headless --listen 127.0.0.1:0 \
        --data-dir "${1:-$work/tablespan}" \
        >"$work/tablespan.out" 2>"$work/tablespan.err" &
    tablespan_pid=$!
    tablespan_url=
    for _ in $(seq 200); do
        tablespan_url=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/tablespan.out" || true)
        [ -n "$tablespan_url" ] && return
        kill -0 "$tablespan_pid" 2>/dev/null || fail "tablespan exited: $(cat "$work/tablespan.err")"
        sleep 0.1
    done
    fail "tablespan printed no URL"
}

# wrk_phase LABEL URL OP [KEYS] → one JSON line
wrk_phase() {
    BENCH_SERVER=$1 BENCH_OP=$3 BENCH_KEYS=${4:-1} wrk -t$threads -c$connections -d"${seconds}s" \
        --timeout 10s -s "$here/bench_endpoint.lua" "$2" >"$work/wrk.out" 2>&1 ||
        fail "wrk: $(cat "$work/wrk.out")"
    grep '^{' "$work/wrk.out" | tail -n 1
}
field() {  # JSON_LINE NAME
    python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"
}

# Tablespan: puts, SIGTERM, restart on the same data, count, then gets.
start_tablespan
create_table "$tablespan_url"
t_put=$(wrk_phase tablespan "$tablespan_url" PutItem)
echo "$t_put"
stop "$tablespan_pid"
tablespan_pid=
start_tablespan
acknowledged=$(field "$t_put" ok_200)
after=$(count_items "$tablespan_url")
durable=$([ "$after" -ge "$acknowledged" ] && echo true || echo false)
echo "{\"server\":\"tablespan\",\"check\":\"durability after SIGTERM and restart\",\"acknowledged_puts\":$acknowledged,\"items_after_restart\":$after,\"ok\":$durable}"
t_get=$(wrk_phase tablespan "$tablespan_url" GetItem "$(field "$t_put" keys_per_thread)")
echo "$t_get"
stop "$tablespan_pid"
tablespan_pid=

# kill -9 halfway through a PutItem load, on a fresh data directory: every PutItem
# answered before the kill is there after a restart.
start_tablespan "$work/tablespan-kill"
create_table "$tablespan_url"
(sleep "$(python3 -c "print($seconds / 2)")"; kill -KILL "$tablespan_pid") &
killer=$!
t_kill=$(wrk_phase tablespan "$tablespan_url" PutItem)
wait "$killer"
wait "$tablespan_pid" 2>/dev/null || true
start_tablespan "$work/tablespan-kill"
killed_acknowledged=$(field "$t_kill" ok_200)
killed_after=$(count_items "$tablespan_url")
killed_durable=$([ "$killed_after" -ge "$killed_acknowledged" ] && echo true || echo false)
echo "{\"server\":\"tablespan\",\"check\":\"durability after kill -9 under load and restart\",\"acknowledged_puts\":$killed_acknowledged,\"items_after_restart\":$killed_after,\"ok\":$killed_durable}"
stop "$tablespan_pid"
tablespan_pid=

# dynalite (in memory, its default), the same phases.
dynalite_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bench_dir/node_modules/.bin/dynalite" --port "$dynalite_port" --createTableMs 50 \
    >"$work/dynalite.out" 2>&1 &
dynalite_pid=$!
dynalite_url="http://127.0.0.1:$dynalite_port"
for _ in $(seq 100); do
    ddb "$dynalite_url" ListTables '{}' >/dev/null 2>&1 && break
    sleep 0.1
done
create_table "$dynalite_url"
d_put=$(wrk_phase dynalite "$dynalite_url" PutItem)
echo "$d_put"
d_get=$(wrk_phase dynalite "$dynalite_url" GetItem "$(field "$d_put" keys_per_thread)")
echo "$d_get"

stop "$dynalite_pid"
dynalite_pid=

# The reference responder: no work at all, the load generator's ceiling.
cc -O2 -pthread -o "$work/reference_responder" "$here/reference_responder.c"
start_reference() {  # [FILE]: sets $reference_url
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$work/reference_responder" "$port" "$@" &
    reference_pid=$!
    reference_url="http://127.0.0.1:$port"
    for _ in $(seq 100); do
        python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' \
            "$port" 2>/dev/null && return
        kill -0 "$reference_pid" 2>/dev/null || fail "reference_responder exited"
        sleep 0.1
    done
    fail "reference_responder never listened"
}
start_reference
r_put=$(wrk_phase reference "$reference_url" PutItem)
echo "$r_put"
r_get=$(wrk_phase reference "$reference_url" GetItem 1)
echo "$r_get"
stop "$reference_pid"
# The same, flushing each batch of requests to disk before answering it (to a ring file
# on the file system of the data directories, like Tablespan's write-ahead log).
start_reference "$work/reference.ring"
r_durable_put=$(wrk_phase durable_reference "$reference_url" PutItem)
echo "$r_durable_put"
stop "$reference_pid"
reference_pid=

ratio_line() {  # OP TABLESPAN_LINE DYNALITE_LINE REFERENCE_LINE [DURABLE_REFERENCE_LINE]
    python3 - "$@" <<'EOF'
import json, sys
op, t, d, r = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
durable = json.loads(sys.argv[5]) if len(sys.argv) > 5 else None
def over_dynalite(x):
    return round(x["requests_per_s"] / d["requests_per_s"], 2) if d["requests_per_s"] else None
ratio = over_dynalite(t)
line = {"op": op,
    "tablespan_requests_per_s": t["requests_per_s"], "dynalite_requests_per_s": d["requests_per_s"],
    "reference_requests_per_s": r["requests_per_s"]}
if durable:
    line["durable_reference_requests_per_s"] = durable["requests_per_s"]
line["throughput_ratio"] = ratio
line["ceiling_ratio"] = over_dynalite(r)
if durable:
    line["durable_ceiling_ratio"] = over_dynalite(durable)
line["tablespan_p99_ms"] = t["p99_ms"]
line["dynalite_p99_ms"] = d["p99_ms"]
# Issue 18's measure: Tablespan over the most a server can reach here (PutItem: one that
# makes its writes durable; GetItem: one that does nothing), target 0.5.
ceiling = durable if durable else r
line["of_ceiling"] = (round(t["requests_per_s"] / ceiling["requests_per_s"], 2)
                      if ceiling["requests_per_s"] else None)
line["target_met"] = bool(line["of_ceiling"] and line["of_ceiling"] >= 0.5)
print(json.dumps(line, separators=(",", ":")))
EOF
}
ratio_line PutItem "$t_put" "$d_put" "$r_put" "$r_durable_put"
ratio_line GetItem "$t_get" "$d_get" "$r_get"
[ "$durable" = true ] || fail "Tablespan lost acknowledged writes: $after items after restart, $acknowledged acknowledged"
[ "$killed_durable" = true ] ||
    fail "Tablespan lost acknowledged writes to kill -9: $killed_after items after restart, $killed_acknowledged acknowledged"
