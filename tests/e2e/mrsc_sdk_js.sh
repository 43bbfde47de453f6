#!/usr/bin/env bash
# The AWS SDK for JavaScript v3 (@aws-sdk/client-dynamodb from npm, see sdk_js/) runs the
# AWS code example for multi-Region strong consistency against a headless Tablespan.
# Debian's AWS CLI and boto3 predate MRSC and refuse its parameters.
# Usage: mrsc_sdk_js.sh TABLESPAN_BINARY MODULES_DIR
#   MODULES_DIR: where the SDK is installed (npm ci, once; kept between runs)
set -euo pipefail

tablespan=${1:?usage: mrsc_sdk_js.sh TABLESPAN_BINARY MODULES_DIR}
modules=${2:?usage: mrsc_sdk_js.sh TABLESPAN_BINARY MODULES_DIR}
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    echo "--- server output:" >&2
    cat "$work/server.out" "$work/server.err" >&2 || true
    exit 1
}

# The SDK at the version its package-lock.json names: the current one (3.1178.0) where
# Node.js is 20 or newer, which it requires; on Debian 12's Node.js 18 the newest line
# that still runs there (3.940.0).
node_major=$(node -p 'process.versions.node.split(".")[0]')
lock=node20
[ "$node_major" -lt 20 ] && lock=node18
if ! cmp -s "$here/sdk_js/$lock/package-lock.json" "$modules/package-lock.json"; then
    mkdir -p "$modules"
    rm -rf "$modules/node_modules"
    cp "$here/sdk_js/$lock/package.json" "$here/sdk_js/$lock/package-lock.json" "$modules/"
    (cd "$modules" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci"
fi
echo "AWS SDK for JavaScript $(node -p "require('$modules/node_modules/@aws-sdk/client-dynamodb/package.json').version") on Node.js $(node --version)"

LC_ALL=C LANGUAGE=C "$tablespan" --headless --listen 127.0.0.1:0 --data-dir "$work/data" \
    --time-scale 50 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
url=
for _ in $(seq 100); do
    url=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/server.out" || true)
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited before it listened"
    sleep 0.1
done
[ -n "$url" ] || fail "the server printed no URL"

cp "$here/sdk_js/mrsc_walkthrough.mjs" "$modules/"
node "$modules/mrsc_walkthrough.mjs" "$url" || fail "the walkthrough"
