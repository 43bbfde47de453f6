#!/usr/bin/env bash
# The AWS CLI against a headless Tablespan started with --require-auth: the configured
# key pair is accepted; a wrong secret gets InvalidSignatureException, an unknown access
# key UnrecognizedClientException, as the service answers them. An address beyond
# loopback is served only with signatures checked, over HTTPS with --tls-cert/--tls-key,
# and /health answers without a signature. Without --require-auth any signature is
# accepted.
# Usage: auth_walkthrough.sh TABLESPAN_BINARY [AWS_CLI]
set -euo pipefail

tablespan=${1:?usage: auth_walkthrough.sh TABLESPAN_BINARY [AWS_CLI]}
aws_cli=${2:-aws}

work=$(mktemp -d)
server_pid=
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=
}
cleanup() {
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    echo "--- server output:" >&2
    cat "$work/server.out" "$work/server.err" >&2 || true
    exit 1
}

# Starts the server with the given extra options; sets $url.
start_server() {
    # English output whatever the machine's locale: the URL is read from it.
    LC_ALL=C LANGUAGE=C "$tablespan" --headless --listen 127.0.0.1:0 --data-dir "$work/data" \
        "$@" >"$work/server.out" 2>"$work/server.err" &
    server_pid=$!
    url=
    for _ in $(seq 100); do
        url=$(grep -o 'https\?://[0-9.]*:[0-9]*' "$work/server.out" || true)
        [ -n "$url" ] && break
        kill -0 "$server_pid" 2>/dev/null || fail "the server exited before it listened"
        sleep 0.1
    done
    [ -n "$url" ] || fail "the server printed no URL"
    echo "server at $url ($*)"
}

export AWS_DEFAULT_OUTPUT=json AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_MAX_ATTEMPTS=1
# Runs `aws dynamodb list-tables` as ACCESS_KEY/SECRET; its output in $work/out.
list_tables_as() {
    AWS_ACCESS_KEY_ID=$1 AWS_SECRET_ACCESS_KEY=$2 "$aws_cli" dynamodb list-tables \
        --region us-west-2 --endpoint-url "$url" >"$work/out" 2>&1
}

cat >"$work/keys" <<'EOF'
# ACCESS_KEY_ID SECRET_ACCESS_KEY
AKIDTABLESPANE2E   e2e-secret/with+special=chars

EOF

start_server --require-auth "$work/keys" --auth-key AKIDSECOND:second-secret

list_tables_as AKIDTABLESPANE2E 'e2e-secret/with+special=chars' ||
    fail "the key file's pair was refused: $(cat "$work/out")"
grep -q '"TableNames": \[\]' "$work/out" || fail "list-tables: $(cat "$work/out")"
list_tables_as AKIDSECOND second-secret || fail "the --auth-key pair was refused: $(cat "$work/out")"

if list_tables_as AKIDTABLESPANE2E not-the-secret; then fail "a wrong secret was accepted"; fi
# "An error occurred (CODE) when calling the ListTables operation[ (reached max retries: 0)]: MESSAGE"
expect_error() {
    grep -q "An error occurred ($1) when calling the ListTables operation" "$work/out" &&
        grep -qF ": $2" "$work/out"
}
expect_error InvalidSignatureException 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.' ||
    fail "wrong secret: $(cat "$work/out")"

if list_tables_as AKIDNOBODY 'e2e-secret/with+special=chars'; then fail "an unknown key was accepted"; fi
expect_error UnrecognizedClientException 'The security token included in the request is invalid.' ||
    fail "unknown key: $(cat "$work/out")"

# A write goes through the same check: create-table signed with the right key works.
AWS_ACCESS_KEY_ID=AKIDSECOND AWS_SECRET_ACCESS_KEY=second-secret "$aws_cli" dynamodb create-table \
    --region us-west-2 --endpoint-url "$url" --table-name auth-e2e \
    --key-schema AttributeName=pk,KeyType=HASH \
    --attribute-definitions AttributeName=pk,AttributeType=S \
    --billing-mode PAY_PER_REQUEST >"$work/out" 2>&1 || fail "create-table: $(cat "$work/out")"

# The simulated KMS checks signatures too, made for its own service ("kms").
AWS_ACCESS_KEY_ID=AKIDSECOND AWS_SECRET_ACCESS_KEY=second-secret "$aws_cli" kms create-key \
    --region us-west-2 --endpoint-url "$url" --description auth >"$work/out" 2>&1 ||
    fail "kms create-key: $(cat "$work/out")"
if AWS_ACCESS_KEY_ID=AKIDSECOND AWS_SECRET_ACCESS_KEY=not-the-secret "$aws_cli" kms list-keys \
    --region us-west-2 --endpoint-url "$url" >"$work/out" 2>&1; then
    fail "kms list-keys with a wrong secret was accepted"
fi
grep -q "An error occurred (InvalidSignatureException) when calling the ListKeys operation" \
    "$work/out" || fail "kms list-keys with a wrong secret: $(cat "$work/out")"

stop_server

# A malformed key file is refused at start.
echo "ONLY-ONE-FIELD" >"$work/bad-keys"
if LC_ALL=C "$tablespan" --headless --listen 127.0.0.1:0 --data-dir "$work/data" \
    --require-auth "$work/bad-keys" >/dev/null 2>"$work/server.err"; then
    fail "a malformed key file was accepted"
fi
grep -q 'expected ACCESS_KEY_ID SECRET_ACCESS_KEY' "$work/server.err" ||
    fail "malformed key file: $(cat "$work/server.err")"

# Beyond loopback only with signatures checked: refused before the data directory is
# touched, with exit status 2.
rc=0
LC_ALL=C LANGUAGE=C "$tablespan" --headless --listen 0.0.0.0:0 --data-dir "$work/never" \
    >/dev/null 2>"$work/server.err" || rc=$?
[ "$rc" = 2 ] || fail "0.0.0.0 without authentication: exit status $rc"
grep -q 'Refusing to listen on 0.0.0.0:0 without authentication' "$work/server.err" ||
    fail "0.0.0.0 without authentication: $(cat "$work/server.err")"
[ ! -e "$work/never" ] || fail "the refused server created its data directory"
rc=0
LC_ALL=C LANGUAGE=C "$tablespan" --headless --listen 127.0.0.1:0 --data-dir "$work/never" \
    --tls-cert "$work/keys" >/dev/null 2>"$work/server.err" || rc=$?
[ "$rc" = 2 ] && grep -q -- '--tls-cert and --tls-key go together' "$work/server.err" ||
    fail "--tls-cert without --tls-key: exit status $rc, $(cat "$work/server.err")"

# A shared server: every interface, signatures checked, HTTPS with a certificate for
# 127.0.0.1 from a CA made here.
new_key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${new_key[@]}" -keyout "$work/ca.key" -out "$work/ca.pem" -days 2 \
    -subj "/CN=Tablespan e2e CA" -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign 2>"$work/openssl.err" ||
    fail "openssl: $(cat "$work/openssl.err")"
openssl req -new "${new_key[@]}" -keyout "$work/server.key" -out "$work/server.csr" \
    -subj "/CN=127.0.0.1" 2>"$work/openssl.err" || fail "openssl: $(cat "$work/openssl.err")"
printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n' \
    >"$work/server.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -set_serial 1 \
    -days 2 -extfile "$work/server.ext" -out "$work/server.pem" 2>"$work/openssl.err" ||
    fail "openssl: $(cat "$work/openssl.err")"

start_server --listen 0.0.0.0:0 --auth-key AKIDSECOND:second-secret \
    --tls-cert "$work/server.pem" --tls-key "$work/server.key"
case "$url" in https://0.0.0.0:*) ;; *) fail "TLS server at $url" ;; esac
url=${url/0.0.0.0/127.0.0.1}
AWS_CA_BUNDLE="$work/ca.pem" list_tables_as AKIDSECOND second-secret ||
    fail "list-tables over HTTPS: $(cat "$work/out")"
grep -q '"auth-e2e"' "$work/out" || fail "list-tables over HTTPS: $(cat "$work/out")"
if list_tables_as AKIDSECOND second-secret; then fail "a certificate from an unknown CA was trusted"; fi
curl -sS --fail --cacert "$work/ca.pem" "$url/health" >"$work/out" 2>&1 ||
    fail "/health: $(cat "$work/out")"
grep -q '"status":"ok"' "$work/out" && grep -q '"tls":true' "$work/out" &&
    grep -q '"authentication":"sigv4"' "$work/out" || fail "/health: $(cat "$work/out")"
stop_server

# Off by default: any key pair works.
start_server
list_tables_as AKIDANYONE anything || fail "without --require-auth: $(cat "$work/out")"
grep -q '"auth-e2e"' "$work/out" || fail "list-tables: $(cat "$work/out")"

echo "PASS"
