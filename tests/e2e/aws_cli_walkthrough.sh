#!/usr/bin/env bash
# The AWS CLI against a headless Tablespan, the classic global tables walkthrough: create
# a table in us-west-2, wait for it to become ACTIVE, write a batch, read it back, see a
# conditional put fail; add a replica in ap-southeast-2 with update-table ReplicaUpdates,
# poll describe-table there until ACTIVE, and see writes travel both ways; the stream the
# replica turned on, through aws dynamodbstreams; PartiQL through execute-statement; the
# simulated KMS through aws kms, and a table encrypted with a customer managed key.
# Usage: aws_cli_walkthrough.sh TABLESPAN_BINARY [AWS_CLI]
set -euo pipefail

tablespan=${1:?usage: aws_cli_walkthrough.sh TABLESPAN_BINARY [AWS_CLI]}
aws_cli=${2:-aws}
here=$(cd "$(dirname "$0")" && pwd)
table=cloudacademy-courses

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

# English output whatever the machine's locale: the URL is read from it.
LC_ALL=C LANGUAGE=C "$tablespan" --headless --listen 127.0.0.1:0 --data-dir "$work/data" \
    --time-scale 50 --verbose >"$work/server.out" 2>"$work/server.err" &
server_pid=$!

url=
for _ in $(seq 100); do
    url=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/server.out" || true)
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited before it listened"
    sleep 0.1
done
[ -n "$url" ] || fail "the server printed no URL"
echo "server at $url"

export AWS_ACCESS_KEY_ID=AKIDTABLESPANTEST AWS_SECRET_ACCESS_KEY=tablespan-test-secret
export AWS_DEFAULT_OUTPUT=json AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
ddb() { "$aws_cli" dynamodb --endpoint-url "$url" "$@"; }

ddb create-table --region us-west-2 --table-name "$table" \
    --key-schema AttributeName=courseid,KeyType=HASH \
    --attribute-definitions AttributeName=courseid,AttributeType=S \
    --billing-mode PAY_PER_REQUEST >"$work/create.json" || fail "create-table"
grep -q '"TableStatus": "CREATING"' "$work/create.json" || fail "create-table: $(cat "$work/create.json")"

status=
for _ in $(seq 60); do
    status=$(ddb describe-table --region us-west-2 --table-name "$table" \
        --query Table.TableStatus --output text) || fail "describe-table"
    [ "$status" = ACTIVE ] && break
    sleep 0.2
done
[ "$status" = ACTIVE ] || fail "the table is $status, not ACTIVE"

ddb batch-write-item --region us-west-2 --request-items "file://$here/courses-batch.json" \
    >"$work/batch.json" || fail "batch-write-item"
grep -q '"UnprocessedItems": {}' "$work/batch.json" || fail "batch-write-item: $(cat "$work/batch.json")"

title=$(ddb get-item --region us-west-2 --table-name "$table" \
    --key '{"courseid": {"S": "ca-102"}}' --query Item.title.S --output text) || fail "get-item"
[ "$title" = "Conditional writes in practice" ] || fail "get-item returned '$title'"

count=$(ddb scan --region us-west-2 --table-name "$table" --query Count --output text) ||
    fail "scan"
[ "$count" = 3 ] || fail "scan counted $count items, not 3"
ids=$(ddb scan --region us-west-2 --table-name "$table" --query 'Items[].courseid.S' \
    --output text | tr '\t' '\n' | sort | tr '\n' ' ')
[ "$ids" = "ca-101 ca-102 ca-201 " ] || fail "scan returned '$ids'"

if ddb put-item --region us-west-2 --table-name "$table" \
    --item '{"courseid": {"S": "ca-101"}, "title": {"S": "Overwritten"}}' \
    --condition-expression 'attribute_not_exists(courseid)' 2>"$work/put.err"; then
    fail "the conditional put-item succeeded"
fi
grep -q ConditionalCheckFailedException "$work/put.err" || fail "put-item: $(cat "$work/put.err")"
title=$(ddb get-item --region us-west-2 --table-name "$table" \
    --key '{"courseid": {"S": "ca-101"}}' --query Item.title.S --output text)
[ "$title" = "DynamoDB global tables" ] || fail "the failed put changed the item: '$title'"

if ddb describe-table --region ap-southeast-2 --table-name "$table" 2>"$work/sydney.err" >/dev/null; then
    fail "the table exists in ap-southeast-2 before any replica"
fi
grep -q ResourceNotFoundException "$work/sydney.err" || fail "describe-table in ap-southeast-2: $(cat "$work/sydney.err")"

# Make it a global table: a replica in Sydney.
ddb update-table --region us-west-2 --table-name "$table" \
    --cli-input-json '{"ReplicaUpdates":[{"Create":{"RegionName":"ap-southeast-2"}}]}' \
    >"$work/replica.json" || fail "update-table ReplicaUpdates"
grep -q '"GlobalTableVersion": "2019.11.21"' "$work/replica.json" ||
    fail "update-table: $(cat "$work/replica.json")"

status=
for _ in $(seq 100); do
    status=$(ddb describe-table --region ap-southeast-2 --table-name "$table" \
        --query Table.TableStatus --output text 2>/dev/null) || status=absent
    [ "$status" = ACTIVE ] && break
    sleep 0.2
done
[ "$status" = ACTIVE ] || fail "the Sydney replica is $status, not ACTIVE"
replicas=$(ddb describe-table --region ap-southeast-2 --table-name "$table" \
    --query 'Table.Replicas[].RegionName' --output text)
[ "$replicas" = us-west-2 ] || fail "Sydney lists replicas '$replicas'"

# The first batch arrived with the replica; a second batch written in Oregon follows.
ddb batch-write-item --region us-west-2 --request-items "file://$here/courses-batch-2.json" \
    >/dev/null || fail "second batch-write-item"
# Poll the replica until an item appears (replication takes a few hundred engine ms).
wait_for_title() {  # REGION ID EXPECTED
    local got=
    for _ in $(seq 100); do
        got=$(ddb get-item --region "$1" --table-name "$table" \
            --key "{\"courseid\": {\"S\": \"$2\"}}" --query Item.title.S --output text) ||
            fail "get-item in $1"
        [ "$got" = "$3" ] && return 0
        sleep 0.1
    done
    fail "$2 in $1 is '$got', not '$3'"
}
wait_for_title ap-southeast-2 ca-101 "DynamoDB global tables"
wait_for_title ap-southeast-2 ca-302 "Last writer wins"

# And the reverse direction: written in Sydney, read in Oregon.
ddb put-item --region ap-southeast-2 --table-name "$table" \
    --item '{"courseid": {"S": "ca-401"}, "title": {"S": "Written in Sydney"}}' ||
    fail "put-item in ap-southeast-2"
wait_for_title us-west-2 ca-401 "Written in Sydney"

# The replica turned the table's stream on (NEW_AND_OLD_IMAGES): aws dynamodbstreams on
# the same endpoint lists it, describes it and reads the writes made since.
streams() { "$aws_cli" dynamodbstreams --endpoint-url "$url" --region us-west-2 "$@"; }
stream_arn=$(ddb describe-table --region us-west-2 --table-name "$table" \
    --query Table.LatestStreamArn --output text) || fail "describe-table LatestStreamArn"
streams list-streams >"$work/streams.json" || fail "list-streams"
jq -e --arg t "$table" --arg a "$stream_arn" \
    '[.Streams[] | select(.TableName == $t)] | length == 1 and .[0].StreamArn == $a' \
    "$work/streams.json" >/dev/null || fail "list-streams: $(cat "$work/streams.json")"
streams describe-stream --stream-arn "$stream_arn" >"$work/stream.json" ||
    fail "describe-stream"
jq -e --arg t "$table" '.StreamDescription | .StreamStatus == "ENABLED"
        and .StreamViewType == "NEW_AND_OLD_IMAGES" and .TableName == $t
        and .KeySchema == [{"AttributeName": "courseid", "KeyType": "HASH"}]
        and (.Shards | length) >= 1
        and (.Shards[-1].SequenceNumberRange | has("EndingSequenceNumber") | not)' \
    "$work/stream.json" >/dev/null || fail "describe-stream: $(cat "$work/stream.json")"
shard=$(jq -r '.StreamDescription.Shards[-1].ShardId' "$work/stream.json")
iterator=$(streams get-shard-iterator --stream-arn "$stream_arn" --shard-id "$shard" \
    --shard-iterator-type TRIM_HORIZON --query ShardIterator --output text) ||
    fail "get-shard-iterator"
streams get-records --shard-iterator "$iterator" >"$work/records.json" || fail "get-records"
# The second batch written here and ca-401 replicated from Sydney, one INSERT each.
inserted=$(jq -r '[.Records[] | select(.eventName == "INSERT") | .dynamodb.Keys.courseid.S]
    | sort | join(" ")' "$work/records.json")
[ "$inserted" = "ca-301 ca-302 ca-401" ] || fail "get-records: $(cat "$work/records.json")"

# A GSI added to the loaded global table: ACTIVE in both regions, queried with the CLI.
ddb update-table --region us-west-2 --table-name "$table" \
    --attribute-definitions AttributeName=title,AttributeType=S \
    --global-secondary-index-updates \
    '[{"Create": {"IndexName": "byTitle", "KeySchema": [{"AttributeName": "title", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}}]' \
    >/dev/null || fail "update-table with a GSI"
for region in us-west-2 ap-southeast-2; do
    status=
    for _ in $(seq 200); do
        status=$(ddb describe-table --region "$region" --table-name "$table" \
            --query 'Table.GlobalSecondaryIndexes[0].IndexStatus' --output text) || true
        [ "$status" = "ACTIVE" ] && break
        sleep 0.1
    done
    [ "$status" = "ACTIVE" ] || fail "GSI byTitle in $region is $status, not ACTIVE"
done
found=$(ddb query --region ap-southeast-2 --table-name "$table" --index-name byTitle \
    --key-condition-expression 'title = :t' \
    --expression-attribute-values '{":t": {"S": "Written in Sydney"}}' \
    --query 'Items[0].courseid.S' --output text) || fail "query on the GSI"
[ "$found" = "ca-401" ] || fail "the GSI query found '$found', not ca-401"

# PartiQL through aws dynamodb execute-statement: an INSERT in Sydney, read back in
# Oregon once replicated, a parameterised SELECT, the INSERT again refused with the
# service's exception, and a syntax error that points at its place.
ddb execute-statement --region ap-southeast-2 \
    --statement "INSERT INTO \"$table\" VALUE {'courseid': 'ca-501', 'title': 'PartiQL in practice', 'duration': 30}" \
    >"$work/insert.json" || fail "execute-statement INSERT"
grep -q '"Items": \[\]' "$work/insert.json" || fail "INSERT answered $(cat "$work/insert.json")"
title=
for _ in $(seq 100); do
    title=$(ddb execute-statement --region us-west-2 \
        --statement "SELECT title FROM \"$table\" WHERE courseid = ?" \
        --parameters '[{"S": "ca-501"}]' --query 'Items[0].title.S' --output text) ||
        fail "execute-statement SELECT"
    [ "$title" = "PartiQL in practice" ] && break
    sleep 0.1
done
[ "$title" = "PartiQL in practice" ] || fail "the replicated INSERT reads '$title'"
if ddb execute-statement --region us-west-2 \
    --statement "INSERT INTO \"$table\" VALUE {'courseid': 'ca-501'}" 2>"$work/dup.err"; then
    fail "a second INSERT of ca-501 succeeded"
fi
grep -q "DuplicateItemException.*Duplicate primary key exists in table" "$work/dup.err" ||
    fail "the second INSERT: $(cat "$work/dup.err")"
if ddb execute-statement --region us-west-2 \
    --statement "SELECT * FROM \"$table\" WHERE" 2>"$work/syntax.err"; then
    fail "an unfinished statement succeeded"
fi
grep -q "ValidationException.*Statement wasn't well formed, can't be processed: Unexpected end of statement at line 1, column" \
    "$work/syntax.err" || fail "the unfinished statement: $(cat "$work/syntax.err")"

# The simulated KMS through aws kms (the same endpoint, signed for "kms"): a customer
# managed key, a table encrypted with it, the key disabled (the table's data plane refuses
# once its cached data key expired: 5.5 minutes of engine time, 6.6 s at --time-scale 50),
# enabled again, scheduled for deletion and cancelled.
kms() { "$aws_cli" kms --endpoint-url "$url" --region us-west-2 "$@"; }
key=$(kms create-key --description "orders key" --query KeyMetadata.KeyId --output text) ||
    fail "kms create-key"
kms list-keys --query 'Keys[].KeyId' --output text | grep -q "$key" || fail "kms list-keys"
ddb create-table --region us-west-2 --table-name kms-orders \
    --key-schema AttributeName=pk,KeyType=HASH --attribute-definitions AttributeName=pk,AttributeType=S \
    --billing-mode PAY_PER_REQUEST --sse-specification "Enabled=true,SSEType=KMS,KMSMasterKeyId=$key" \
    >/dev/null || fail "create-table with a customer managed key"
arn=$(ddb describe-table --region us-west-2 --table-name kms-orders \
    --query Table.SSEDescription.KMSMasterKeyArn --output text) || fail "describe-table kms-orders"
[ "$arn" = "arn:aws:kms:us-west-2:000000000000:key/$key" ] || fail "the table's key is '$arn'"
if ddb create-table --region us-west-2 --table-name kms-nokey \
    --key-schema AttributeName=pk,KeyType=HASH --attribute-definitions AttributeName=pk,AttributeType=S \
    --billing-mode PAY_PER_REQUEST \
    --sse-specification "Enabled=true,SSEType=KMS,KMSMasterKeyId=11111111-2222-4333-8444-555555555555" \
    2>"$work/nokey.err"; then
    fail "a table with a missing key was created"
fi
grep -q "ValidationException.*KMS validation error: com.amazonaws.services.kms.model.NotFoundException: Key 'arn:aws:kms:us-west-2:000000000000:key/11111111-2222-4333-8444-555555555555' does not exist" \
    "$work/nokey.err" || fail "a missing key: $(cat "$work/nokey.err")"
for _ in $(seq 60); do
    status=$(ddb describe-table --region us-west-2 --table-name kms-orders \
        --query Table.TableStatus --output text) || fail "describe-table kms-orders"
    [ "$status" = ACTIVE ] && break
    sleep 0.2
done
ddb put-item --region us-west-2 --table-name kms-orders --item '{"pk": {"S": "a"}}' ||
    fail "put-item kms-orders"
kms disable-key --key-id "$key" || fail "kms disable-key"
state=$(kms describe-key --key-id "$arn" --query KeyMetadata.KeyState --output text) ||
    fail "kms describe-key"
[ "$state" = Disabled ] || fail "the key is $state, not Disabled"
refused=
for _ in $(seq 100); do
    if ! ddb get-item --region us-west-2 --table-name kms-orders --key '{"pk": {"S": "a"}}' \
        >/dev/null 2>"$work/disabled.err"; then
        refused=yes
        break
    fi
    sleep 0.2
done
[ -n "$refused" ] || fail "get-item still works with the key disabled"
grep -q "ValidationException.*KMS key disabled error: com.amazonaws.services.kms.model.DisabledException: $arn is disabled" \
    "$work/disabled.err" || fail "get-item with the key disabled: $(cat "$work/disabled.err")"
kms enable-key --key-id "$key" || fail "kms enable-key"
kms schedule-key-deletion --key-id "$key" --pending-window-in-days 7 >"$work/schedule.json" ||
    fail "kms schedule-key-deletion"
grep -q '"KeyState": "PendingDeletion"' "$work/schedule.json" ||
    fail "schedule-key-deletion: $(cat "$work/schedule.json")"
if kms enable-key --key-id "$key" 2>"$work/pending.err"; then
    fail "a key pending deletion was enabled"
fi
grep -q "KMSInvalidStateException.*$arn is pending deletion" "$work/pending.err" ||
    fail "enable-key of a key pending deletion: $(cat "$work/pending.err")"
kms cancel-key-deletion --key-id "$key" >/dev/null || fail "kms cancel-key-deletion"
state=$(kms describe-key --key-id "$key" --query KeyMetadata.KeyState --output text)
[ "$state" = Disabled ] || fail "a cancelled deletion left the key $state, not Disabled"
if kms schedule-key-deletion --key-id "$key" --pending-window-in-days 3 2>"$work/window.err"; then
    fail "a 3-day deletion window was accepted"
fi
grep -q "ValidationException.*PendingWindowInDays must be between 7 and 30" "$work/window.err" ||
    fail "a 3-day window: $(cat "$work/window.err")"
managed=$(kms describe-key --key-id alias/aws/dynamodb --query KeyMetadata.KeyManager --output text)
[ "$managed" = AWS ] || fail "alias/aws/dynamodb is managed by '$managed'"

# A graceful stop: SIGTERM ends the server with status 0.
kill -TERM "$server_pid"
wait "$server_pid" || fail "the server exited with status $?"
server_pid=
grep -q "PutItem $table" "$work/server.out" || fail "--verbose logged no PutItem"
echo "PASS"
