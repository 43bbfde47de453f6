#!/usr/bin/env python3
"""Malformed requests against a headless Tablespan: valid requests of every kind, bent at
random (a member of the wrong type, removed, repeated, an expression with a character
changed, a list made long), and HTTP requests with bytes changed. Every answer must be
the service's: 200, or a 4xx with a JSON body naming the exception (never a 5xx, never a
dropped connection on a complete request), the server must still be running at the end,
and a table the requests never name must hold exactly what it held before.

PartiQL's three operations (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction)
are bent like the others, their statements a character at a time.

DynamoDB Streams' four operations (target prefix DynamoDBStreams_20120810) are bent too,
and answer only with the exceptions their model names or the validation ones; fixed
cases check wrong types (SerializationException), missing members, out-of-range limits
and garbage ARNs and iterators, and that each prefix refuses the other's operations
(UnknownOperationException).

The simulated KMS's seven operations (target prefix TrentService) are bent too, on a
key of the region and tables encrypted with it, and answer only with KMS's exceptions;
fixed cases check wrong types, missing and out-of-range members, ids that name no key,
and that the KMS prefix and DynamoDB's refuse each other's operations.

The mutations are seeded: TABLESPAN_FUZZ_SEED=N replays one seed, TABLESPAN_FUZZ_COUNT
sets requests per seed. A failure prints the request and the seed.

Usage: malformed_requests.py TABLESPAN_BINARY
"""

import copy
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

TABLE = "fuzzed"
KEY = {"pk": {"S": "a"}, "sk": {"N": "1"}}
STREAMS_OPERATIONS = ("ListStreams", "DescribeStream", "GetShardIterator", "GetRecords")
# What a Streams operation may answer: its model's errors and the validation ones.
STREAMS_ERRORS = {"ValidationException", "SerializationException",
                  "ResourceNotFoundException", "ExpiredIteratorException",
                  "TrimmedDataAccessException", "LimitExceededException"}
KMS_OPERATIONS = ("CreateKey", "DescribeKey", "ListKeys", "DisableKey", "EnableKey",
                  "ScheduleKeyDeletion", "CancelKeyDeletion")
# What a KMS operation may answer: its model's errors and the validation ones.
KMS_ERRORS = {"ValidationException", "SerializationException", "NotFoundException",
              "KMSInvalidStateException", "AccessDeniedException",
              "UnsupportedOperationException", "InvalidMarkerException"}
ITEM = {"pk": {"S": "a"}, "sk": {"N": "1"},
        "l": {"L": [{"N": "1"}, {"M": {"x": {"S": "y"}}}]},
        "m": {"M": {"a": {"SS": ["x", "y"]}}}, "n": {"N": "5"}, "b": {"B": "AAE="},
        "ns": {"NS": ["1", "2"]}}
TABLE_ARN = "arn:aws:dynamodb:us-west-2:000000000000:table/" + TABLE
BACKUP_ARN = ("arn:aws:dynamodb:us-west-2:000000000000:table/" + TABLE +
              "/backup/01790000120000-49cc66b5")
TABLE_DEFINITION = {
    "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                             {"AttributeName": "sk", "AttributeType": "N"},
                             {"AttributeName": "n", "AttributeType": "N"},
                             {"AttributeName": "b", "AttributeType": "B"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                  {"AttributeName": "sk", "KeyType": "RANGE"}],
    "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    "GlobalSecondaryIndexes": [{"IndexName": "byN",
                                "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
                                "Projection": {"ProjectionType": "INCLUDE",
                                               "NonKeyAttributes": ["l"]}},
                               # a multi-attribute key: two HASH and two RANGE attributes
                               {"IndexName": "byNB",
                                "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"},
                                              {"AttributeName": "b", "KeyType": "HASH"},
                                              {"AttributeName": "pk", "KeyType": "RANGE"},
                                              {"AttributeName": "sk", "KeyType": "RANGE"}],
                                "Projection": {"ProjectionType": "ALL"}}],
    "LocalSecondaryIndexes": [{"IndexName": "byB",
                               "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                             {"AttributeName": "b", "KeyType": "RANGE"}],
                               "Projection": {"ProjectionType": "KEYS_ONLY"}}]}

# One valid request per kind; each is bent from here.
REQUESTS = [
    ("PutItem", {"TableName": TABLE, "Item": ITEM,
                 "ConditionExpression": "attribute_not_exists(pk) OR n < :v",
                 "ExpressionAttributeValues": {":v": {"N": "3"}}, "ReturnValues": "ALL_OLD",
                 "ReturnConsumedCapacity": "TOTAL", "ReturnItemCollectionMetrics": "SIZE"}),
    ("GetItem", {"TableName": TABLE, "Key": KEY, "ProjectionExpression": "#l[1].x, m.a",
                 "ExpressionAttributeNames": {"#l": "l"}, "ConsistentRead": True}),
    ("UpdateItem", {"TableName": TABLE, "Key": KEY,
                    "UpdateExpression": "SET n = n + :one, l = list_append(l, :l) "
                                        "ADD ns :ns DELETE m.a :ss",
                    "ExpressionAttributeValues": {":one": {"N": "1"}, ":l": {"L": [{"S": "z"}]},
                                                  ":ns": {"NS": ["7"]}, ":ss": {"SS": ["x"]}},
                    "ReturnValues": "UPDATED_NEW"}),
    ("DeleteItem", {"TableName": TABLE, "Key": KEY, "ConditionExpression": "size(l) > :z",
                    "ExpressionAttributeValues": {":z": {"N": "0"}}, "ReturnValues": "ALL_OLD"}),
    ("Query", {"TableName": TABLE, "KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b",
               "FilterExpression": "contains(l, :s)",
               "ExpressionAttributeValues": {":p": {"S": "a"}, ":a": {"N": "0"},
                                             ":b": {"N": "9"}, ":s": {"S": "z"}},
               "Limit": 5, "ScanIndexForward": False, "ExclusiveStartKey": KEY}),
    ("Scan", {"TableName": TABLE, "Segment": 0, "TotalSegments": 2,
              "FilterExpression": "attribute_type(n, :t)",
              "ExpressionAttributeValues": {":t": {"S": "N"}}, "Limit": 10,
              "ProjectionExpression": "pk, sk"}),
    ("BatchWriteItem", {"RequestItems": {TABLE: [
        {"PutRequest": {"Item": ITEM}},
        {"DeleteRequest": {"Key": {"pk": {"S": "b"}, "sk": {"N": "2"}}}}]},
        "ReturnConsumedCapacity": "INDEXES"}),
    ("BatchGetItem", {"RequestItems": {TABLE: {
        "Keys": [KEY, {"pk": {"S": "b"}, "sk": {"N": "2"}}], "ProjectionExpression": "pk"}}}),
    ("UpdateTable", {"TableName": TABLE, "BillingMode": "PAY_PER_REQUEST",
                     "DeletionProtectionEnabled": False}),
    ("UpdateTable", {"TableName": TABLE,
                     "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]}),
    # Multi-Region strong consistency: a group with a witness, and its teardown.
    ("UpdateTable", {"TableName": TABLE, "MultiRegionConsistency": "STRONG",
                     "ReplicaUpdates": [{"Create": {"RegionName": "us-east-1"}},
                                        {"Create": {"RegionName": "us-east-2"}}]}),
    ("UpdateTable", {"TableName": TABLE, "MultiRegionConsistency": "STRONG",
                     "ReplicaUpdates": [{"Create": {"RegionName": "us-east-1"}}],
                     "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-east-2"}}]}),
    ("UpdateTable", {"TableName": TABLE,
                     "ReplicaUpdates": [{"Delete": {"RegionName": "us-east-1"}}],
                     "GlobalTableWitnessUpdates": [{"Delete": {"RegionName": "us-east-2"}}]}),
    ("CreateBackup", {"TableName": TABLE, "BackupName": "bent"}),
    ("ListBackups", {"TableName": TABLE, "Limit": 5, "BackupType": "ALL",
                     "TimeRangeLowerBound": 0}),
    ("UpdateContinuousBackups", {"TableName": TABLE, "PointInTimeRecoverySpecification": {
        "PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 7}}),
    ("RestoreTableToPointInTime", {"SourceTableName": TABLE, "TargetTableName": "restored",
                                   "UseLatestRestorableTime": True}),
    ("DescribeContinuousBackups", {"TableName": TABLE}),
    ("ListTables", {"Limit": 3, "ExclusiveStartTableName": "abc"}),
    ("DescribeTable", {"TableName": TABLE}),
    ("DescribeGlobalTable", {"GlobalTableName": TABLE}),
    ("DescribeGlobalTableSettings", {"GlobalTableName": TABLE}),
    ("ListGlobalTables", {"Limit": 5, "RegionName": "us-west-2",
                          "ExclusiveStartGlobalTableName": "abc"}),
    ("CreateGlobalTable", {"GlobalTableName": TABLE,
                           "ReplicationGroup": [{"RegionName": "us-west-2"}]}),
    ("UpdateGlobalTable", {"GlobalTableName": TABLE,
                           "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]}),
    ("DescribeBackup", {"BackupArn": BACKUP_ARN}),
    ("DeleteBackup", {"BackupArn": BACKUP_ARN}),
    ("RestoreTableFromBackup", {"TargetTableName": "restored2", "BackupArn": BACKUP_ARN,
                                "BillingModeOverride": "PAY_PER_REQUEST",
                                "GlobalSecondaryIndexOverride": [{
                                    "IndexName": "byN", "Projection": {"ProjectionType": "ALL"},
                                    "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}]}]}),
    ("TagResource", {"ResourceArn": TABLE_ARN,
                     "Tags": [{"Key": "team", "Value": "lab"}, {"Key": "cost", "Value": ""}]}),
    ("UntagResource", {"ResourceArn": TABLE_ARN, "TagKeys": ["team", "absent"]}),
    ("ListTagsOfResource", {"ResourceArn": TABLE_ARN, "NextToken": "x"}),
    ("UpdateTimeToLive", {"TableName": TABLE, "TimeToLiveSpecification": {
        "Enabled": True, "AttributeName": "n"}}),
    ("DescribeTimeToLive", {"TableName": TABLE}),
    ("UpdateTableReplicaAutoScaling", {
        "TableName": TABLE,
        "ProvisionedWriteCapacityAutoScalingUpdate": {
            "MinimumUnits": 1, "MaximumUnits": 10, "AutoScalingDisabled": False,
            "ScalingPolicyUpdate": {"PolicyName": "p", "TargetTrackingScalingPolicyConfiguration": {
                "TargetValue": 70.0, "DisableScaleIn": False, "ScaleInCooldown": 60,
                "ScaleOutCooldown": 60}}},
        "GlobalSecondaryIndexUpdates": [{"IndexName": "byN",
                                         "ProvisionedWriteCapacityAutoScalingUpdate": {
                                             "MinimumUnits": 1, "MaximumUnits": 5}}],
        "ReplicaUpdates": [{"RegionName": "us-west-2",
                            "ReplicaProvisionedReadCapacityAutoScalingUpdate": {
                                "AutoScalingDisabled": True},
                            "ReplicaGlobalSecondaryIndexUpdates": [{
                                "IndexName": "byN",
                                "ProvisionedReadCapacityAutoScalingUpdate": {
                                    "MinimumUnits": 1, "MaximumUnits": 5}}]}]}),
    ("DescribeTableReplicaAutoScaling", {"TableName": TABLE}),
    ("DeleteTable", {"TableName": "created"}),
    ("CreateTable", dict(TABLE_DEFINITION, TableName="created")),
    ("Query", {"TableName": TABLE, "IndexName": "byN", "KeyConditionExpression": "n = :n",
               "ExpressionAttributeValues": {":n": {"N": "5"}}, "Limit": 2,
               "ExclusiveStartKey": {"pk": {"S": "a"}, "sk": {"N": "1"}, "n": {"N": "5"}},
               "ReturnConsumedCapacity": "INDEXES"}),
    ("Query", {"TableName": TABLE, "IndexName": "byB", "Select": "ALL_ATTRIBUTES",
               "KeyConditionExpression": "pk = :p AND b > :b", "ConsistentRead": True,
               "ExpressionAttributeValues": {":p": {"S": "a"}, ":b": {"B": "AA=="}}}),
    ("Query", {"TableName": TABLE, "IndexName": "byNB",
               "KeyConditionExpression": "n = :n AND b = :b AND pk = :p AND sk > :s",
               "ExpressionAttributeValues": {":n": {"N": "5"}, ":b": {"B": "AAE="},
                                             ":p": {"S": "a"}, ":s": {"N": "0"}},
               "ExclusiveStartKey": {"pk": {"S": "a"}, "sk": {"N": "1"}, "n": {"N": "5"},
                                     "b": {"B": "AAE="}}, "Limit": 3}),
    ("Scan", {"TableName": TABLE, "IndexName": "byN", "Segment": 1, "TotalSegments": 3,
              "Select": "ALL_PROJECTED_ATTRIBUTES"}),
    ("UpdateTable", {"TableName": TABLE,
                     "AttributeDefinitions": [{"AttributeName": "ns", "AttributeType": "S"}],
                     "GlobalSecondaryIndexUpdates": [{"Create": {
                         "IndexName": "byNs", "Projection": {"ProjectionType": "KEYS_ONLY"},
                         "KeySchema": [{"AttributeName": "ns", "KeyType": "HASH"}]}}]}),
    ("UpdateTable", {"TableName": TABLE,
                     "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "byN"}}]}),
    # Transactions.
    ("TransactWriteItems", {"ClientRequestToken": "bent-token", "ReturnConsumedCapacity": "TOTAL",
                            "TransactItems": [
        {"ConditionCheck": {"TableName": TABLE, "Key": KEY,
                            "ConditionExpression": "attribute_exists(pk)",
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
        {"Put": {"TableName": TABLE, "Item": dict(ITEM, pk={"S": "t"}),
                 "ConditionExpression": "attribute_not_exists(pk)"}},
        {"Update": {"TableName": TABLE, "Key": {"pk": {"S": "b"}, "sk": {"N": "2"}},
                    "UpdateExpression": "SET #n = :n", "ExpressionAttributeNames": {"#n": "n"},
                    "ExpressionAttributeValues": {":n": {"N": "4"}}}},
        {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "c"}, "sk": {"N": "3"}}}}]}),
    ("TransactGetItems", {"ReturnConsumedCapacity": "TOTAL", "TransactItems": [
        {"Get": {"TableName": TABLE, "Key": KEY, "ProjectionExpression": "#l",
                 "ExpressionAttributeNames": {"#l": "l"}}},
        {"Get": {"TableName": TABLE, "Key": {"pk": {"S": "b"}, "sk": {"N": "2"}}}}]}),
    # PartiQL.
    ("ExecuteStatement", {"Statement": 'SELECT pk, l[1].x, "m".a FROM "fuzzed" WHERE pk = ? '
                                       "AND sk BETWEEN 0 AND 9 AND n IS NOT MISSING "
                                       "ORDER BY sk DESC",
                          "Parameters": [{"S": "a"}], "Limit": 3, "ConsistentRead": True,
                          "ReturnConsumedCapacity": "TOTAL"}),
    ("ExecuteStatement", {"Statement": "UPDATE fuzzed SET n = n + 1, l = list_append(l, ['z']) "
                                       "SET ns = set_add(ns, <<7>>) REMOVE b "
                                       "WHERE pk = 'a' AND sk = 1 AND size(l) > 0 "
                                       "RETURNING MODIFIED NEW *",
                          "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}),
    ("ExecuteStatement", {"Statement": "INSERT INTO fuzzed VALUE {'pk': 'p', 'sk': ?, "
                                       "'m': {'a': <<'x'>>}, 'l': [1, NULL, true]}",
                          "Parameters": [{"N": "4"}]}),
    ("ExecuteStatement", {"Statement": 'SELECT * FROM "fuzzed"."byN" WHERE n IN [5, 6]',
                          "NextToken": "eyJwIjowLCJrIjpudWxsfQ=="}),
    ("BatchExecuteStatement", {"ReturnConsumedCapacity": "TOTAL", "Statements": [
        {"Statement": "DELETE FROM fuzzed WHERE pk = 'p' AND sk = 4 RETURNING ALL OLD *"},
        {"Statement": "UPDATE fuzzed SET x = ? WHERE pk = ? AND sk = 2",
         "Parameters": [{"S": "y"}, {"S": "b"}], "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}]}),
    ("ExecuteTransaction", {"ClientRequestToken": "bent-statements",
                            "ReturnConsumedCapacity": "TOTAL", "TransactStatements": [
        {"Statement": "EXISTS(SELECT * FROM fuzzed WHERE pk = 'a' AND sk = 1 AND n > 0)"},
        {"Statement": "INSERT INTO fuzzed VALUE {'pk': 'q', 'sk': 1}"},
        {"Statement": "DELETE FROM fuzzed WHERE pk = ? AND sk = ?",
         "Parameters": [{"S": "c"}, {"N": "3"}]}]}),
    ("ExecuteTransaction", {"TransactStatements": [
        {"Statement": "SELECT l FROM fuzzed WHERE pk = 'a' AND sk = 1"},
        {"Statement": "SELECT * FROM fuzzed WHERE pk = 'b' AND sk = 2"}]}),
    # The legacy (non-expression) parameters.
    ("Query", {"TableName": TABLE, "AttributesToGet": ["pk", "n"], "ConditionalOperator": "OR",
               "KeyConditions": {"pk": {"ComparisonOperator": "EQ",
                                        "AttributeValueList": [{"S": "a"}]},
                                 "sk": {"ComparisonOperator": "BETWEEN",
                                        "AttributeValueList": [{"N": "0"}, {"N": "9"}]}},
               "QueryFilter": {"n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "1"}]},
                               "l": {"ComparisonOperator": "NOT_NULL"}}}),
    ("Scan", {"TableName": TABLE, "ScanFilter": {
        "ss": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "x"}]},
        "n": {"ComparisonOperator": "IN", "AttributeValueList": [{"N": "1"}, {"N": "5"}]}}}),
    ("PutItem", {"TableName": TABLE, "Item": ITEM, "ConditionalOperator": "AND", "Expected": {
        "n": {"ComparisonOperator": "LE", "AttributeValueList": [{"N": "9"}]},
        "zz": {"Exists": False}}}),
    ("UpdateItem", {"TableName": TABLE, "Key": KEY, "Expected": {"n": {"Value": {"N": "5"}}},
                    "AttributeUpdates": {"n": {"Action": "ADD", "Value": {"N": "1"}},
                                         "ns": {"Action": "DELETE", "Value": {"NS": ["7"]}},
                                         "x": {"Action": "PUT", "Value": {"S": "y"}}}}),
]

ODD_VALUES = [None, True, False, 0, -1, 1.5, 10 ** 20, "", "x" * 3000, "\ud800", [], {},
              [None], {"": None}, {"S": "a"}, {"N": "1e999"}, {"L": [{"L": [{"L": []}]}]},
              {"M": {"": {"S": ""}}}, "pk = :p", "SET #a = :a",
              "arn:aws:dynamodb:us-west-2:000000000000:table/" + TABLE,
              "arn:aws:dynamodb:us-west-2:000000000000:table/" + TABLE +
              "/stream/2026-01-01T00:00:00.000", "shardId-00000000000000000000-00000000",
              "x|1|AAAA", "100000000000000000001", "TRIM_HORIZON"]
ODD_CHARACTERS = ["(", ")", ":", "#", ".", "[", "]", "'", '"', ",", " AND ", "\x00",
                  "[99999999999]", "?", "<<", ">>", "--", "/*", " WHERE ", "{", "}", " OR NOT "]


def paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, path + (i,))


def at(value, path):
    for k in path:
        value = value[k]
    return value


def bend(request, rnd):
    """One random change somewhere in the request."""
    where = list(paths(request))[1:]
    if not where:
        return
    path = rnd.choice(where)
    parent, key = at(request, path[:-1]), path[-1]
    odd = copy.deepcopy(rnd.choice(ODD_VALUES))
    roll = rnd.random()
    if roll < 0.5:
        parent[key] = odd
    elif roll < 0.65:
        del parent[key]
    elif roll < 0.8:
        if isinstance(parent, dict):
            parent[rnd.choice(["Extra", "#x", ":x", "", "pk", "S", "N", "M"])] = odd
        else:
            parent.append(odd)
    elif roll < 0.9 and isinstance(at(request, path), str) and at(request, path):
        text = at(request, path)
        i = rnd.randrange(len(text))
        parent[key] = text[:i] + rnd.choice(ODD_CHARACTERS) + text[i + 1:]
    else:
        parent[key] = [copy.deepcopy(at(request, path))] * rnd.choice([2, 30, 120])


class Failure(Exception):
    pass


def target(operation):
    if operation in KMS_OPERATIONS:
        return "TrentService." + operation
    prefix = "DynamoDBStreams_20120810." if operation in STREAMS_OPERATIONS else "DynamoDB_20120810."
    return prefix + operation


def post(url_port, operation, body, target_header=None):
    connection = http.client.HTTPConnection("127.0.0.1", url_port, timeout=60)
    try:
        connection.request("POST", "/", body, {
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": target_header or target(operation),
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-west-2/dynamodb/"
                             "aws4_request, SignedHeaders=host, Signature=0"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def check_answer(status, payload, what):
    try:
        answer = json.loads(payload) if payload else {}
    except ValueError:
        raise Failure("%s: a body that is not JSON (%d): %r" % (what, status, payload[:200]))
    if status >= 500:
        raise Failure("%s: %d %s" % (what, status, payload[:300]))
    if status != 200 and "__type" not in answer:
        raise Failure("%s: %d without an exception name: %s" % (what, status, payload[:300]))
    return answer


def exception_name(answer):
    return answer.get("__type", "").rpartition("#")[2]


def bent_requests(port, seed, count, requests):
    rnd = random.Random(seed)
    for _ in range(count):
        operation, request = rnd.choice(requests)
        request = copy.deepcopy(request)
        for _ in range(rnd.choice([0, 1, 1, 2, 3])):
            bend(request, rnd)
        body = json.dumps(request).encode("utf-8", "surrogatepass")
        status, payload = post(port, operation, body)
        what = "seed %d, %s %s" % (seed, operation, body[:500])
        answer = check_answer(status, payload, what)
        if (status != 200 and operation in STREAMS_OPERATIONS and
                exception_name(answer) not in STREAMS_ERRORS):
            raise Failure("%s: not a Streams exception: %s" % (what, payload[:300]))
        if (status != 200 and operation in KMS_OPERATIONS and
                exception_name(answer) not in KMS_ERRORS):
            raise Failure("%s: not a KMS exception: %s" % (what, payload[:300]))


def expect_error(port, operation, request, name, target_header=None):
    """A fixed malformed request: a 400 naming exception `name`."""
    body = request if isinstance(request, bytes) else json.dumps(request).encode()
    status, payload = post(port, operation, body, target_header)
    what = "%s %s" % (target_header or target(operation), body[:300])
    answer = check_answer(status, payload, what)
    if status != 400 or exception_name(answer) != name:
        raise Failure("%s: expected %s, got %d %s" % (what, name, status, payload[:300]))


def streams_requests(arn, shard, sequence, iterator):
    """One valid request per Streams operation, on the stream of the fuzzed table."""
    return [
        ("ListStreams", {"TableName": TABLE, "Limit": 5, "ExclusiveStartStreamArn": arn}),
        ("DescribeStream", {"StreamArn": arn, "Limit": 10, "ExclusiveStartShardId": shard,
                            "ShardFilter": {"Type": "CHILD_SHARDS", "ShardId": shard}}),
        ("GetShardIterator", {"StreamArn": arn, "ShardId": shard,
                              "ShardIteratorType": "AT_SEQUENCE_NUMBER",
                              "SequenceNumber": sequence}),
        ("GetShardIterator", {"StreamArn": arn, "ShardId": shard,
                              "ShardIteratorType": "TRIM_HORIZON"}),
        ("GetRecords", {"ShardIterator": iterator, "Limit": 100}),
    ]


def fixed_streams_cases(port, arn, shard, iterator):
    unknown_arn = arn.replace("table/%s/" % TABLE, "table/absent/")
    cases = [
        # Wrong JSON types: the service's deserializer refuses them.
        ("ListStreams", {"Limit": "5"}, "SerializationException"),
        ("ListStreams", {"TableName": 7}, "SerializationException"),
        ("DescribeStream", {"StreamArn": 12}, "SerializationException"),
        ("DescribeStream", {"StreamArn": arn, "ShardFilter": "CHILD_SHARDS"},
         "SerializationException"),
        ("GetShardIterator", {"StreamArn": arn, "ShardId": [shard],
                              "ShardIteratorType": "LATEST"}, "SerializationException"),
        ("GetRecords", {"ShardIterator": {"S": iterator}}, "SerializationException"),
        ("GetRecords", {"ShardIterator": iterator, "Limit": True}, "SerializationException"),
        ("GetRecords", [iterator], "SerializationException"),
        ("GetRecords", b"", "SerializationException"),  # an empty body, as for DynamoDB's
        # Required members missing.
        ("DescribeStream", {}, "ValidationException"),
        ("GetShardIterator", {"StreamArn": arn, "ShardId": shard}, "ValidationException"),
        ("GetShardIterator", {"ShardId": shard, "ShardIteratorType": "LATEST"},
         "ValidationException"),
        ("GetRecords", {}, "ValidationException"),
        # Limits out of range.
        ("ListStreams", {"Limit": 0}, "ValidationException"),
        ("ListStreams", {"Limit": 101}, "ValidationException"),
        ("DescribeStream", {"StreamArn": arn, "Limit": -1}, "ValidationException"),
        ("DescribeStream", {"StreamArn": arn, "Limit": 101}, "ValidationException"),
        ("GetRecords", {"ShardIterator": iterator, "Limit": 0}, "ValidationException"),
        ("GetRecords", {"ShardIterator": iterator, "Limit": 1001}, "ValidationException"),
        # Past int64's range: over the maximum, not wrapped under it.
        ("GetRecords", {"ShardIterator": iterator, "Limit": 10 ** 19}, "ValidationException"),
        ("ListStreams", {"Limit": 1e300}, "ValidationException"),
        ("DescribeStream", {"StreamArn": arn, "Limit": 10 ** 20}, "ValidationException"),
        # Garbage ARNs, shards, iterator types, sequence numbers and iterators.
        ("DescribeStream", {"StreamArn": "fake-stream"}, "ValidationException"),
        ("DescribeStream", {"StreamArn": "x" * 2000}, "ValidationException"),
        ("ListStreams", {"ExclusiveStartStreamArn": "not an arn at all, but long enough"},
         "ValidationException"),
        ("DescribeStream", {"StreamArn": unknown_arn}, "ResourceNotFoundException"),
        ("GetShardIterator", {"StreamArn": "garbage-arn-garbage-arn-garbage-arn-garbage",
                              "ShardId": shard, "ShardIteratorType": "LATEST"},
         "ValidationException"),
        ("GetShardIterator", {"StreamArn": arn, "ShardId": "shardId-00000000000000000000-00000000",
                              "ShardIteratorType": "LATEST"}, "ResourceNotFoundException"),
        ("GetShardIterator", {"StreamArn": arn, "ShardId": shard, "ShardIteratorType": "OLDEST"},
         "ValidationException"),
        ("GetShardIterator", {"StreamArn": arn, "ShardId": shard,
                              "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
                              "SequenceNumber": "not-a-sequence-number-at-all"},
         "ValidationException"),
        ("GetRecords", {"ShardIterator": "garbage"}, "ValidationException"),
        ("GetRecords", {"ShardIterator": iterator[:-4]}, "ValidationException"),
        ("GetRecords", {"ShardIterator": arn + "|1|" + "A" * 100}, "ValidationException"),
        ("GetRecords", {"ShardIterator": "x" * 3000}, "ValidationException"),
    ]
    for operation, request, name in cases:
        expect_error(port, operation, request, name)
    # Each prefix serves its own operations only.
    for operation in STREAMS_OPERATIONS:
        expect_error(port, operation, {}, "UnknownOperationException",
                     "DynamoDB_20120810." + operation)
    for operation in ("ListTables", "PutItem", "DescribeTable", "Bogus"):
        expect_error(port, operation, {}, "UnknownOperationException",
                     "DynamoDBStreams_20120810." + operation)


def kms_requests(key_id, key_arn):
    """One valid request per KMS operation on a key of the region, and table requests that
    name it."""
    sse = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key_id}
    return [
        ("CreateKey", {"Description": "bent", "KeyUsage": "ENCRYPT_DECRYPT",
                       "KeySpec": "SYMMETRIC_DEFAULT", "Origin": "AWS_KMS", "MultiRegion": False,
                       "Tags": [{"TagKey": "team", "TagValue": "lab"}]}),
        ("DescribeKey", {"KeyId": key_arn, "GrantTokens": ["token"]}),
        ("DescribeKey", {"KeyId": "alias/aws/dynamodb"}),
        ("ListKeys", {"Limit": 2, "Marker": key_id}),
        ("DisableKey", {"KeyId": key_id}),
        ("EnableKey", {"KeyId": key_arn}),
        ("ScheduleKeyDeletion", {"KeyId": key_id, "PendingWindowInDays": 7}),
        ("CancelKeyDeletion", {"KeyId": key_arn}),
        ("CreateTable", dict(TABLE_DEFINITION, TableName="encrypted", SSESpecification=sse)),
        ("UpdateTable", {"TableName": TABLE, "SSESpecification": sse}),
        ("UpdateTable", {"TableName": TABLE, "ReplicaUpdates": [
            {"Create": {"RegionName": "eu-west-1", "KMSMasterKeyId": key_id}}]}),
        ("RestoreTableToPointInTime", {"SourceTableName": TABLE, "TargetTableName": "restored3",
                                       "UseLatestRestorableTime": True,
                                       "SSESpecificationOverride": sse}),
    ]


def fixed_kms_cases(port, key_id):
    missing = "11111111-2222-4333-8444-555555555555"
    cases = [
        # Wrong JSON types.
        ("DescribeKey", {"KeyId": 7}, "SerializationException"),
        ("DescribeKey", {"KeyId": {"S": key_id}}, "SerializationException"),
        ("ListKeys", {"Limit": "5"}, "SerializationException"),
        ("ScheduleKeyDeletion", {"KeyId": key_id, "PendingWindowInDays": 7.5},
         "SerializationException"),
        ("CreateKey", {"Tags": {"TagKey": "a"}}, "SerializationException"),
        ("CreateKey", {"MultiRegion": "no"}, "SerializationException"),
        ("EnableKey", [key_id], "SerializationException"),
        ("EnableKey", b"", "SerializationException"),
        # Missing and out-of-range members.
        ("DisableKey", {}, "ValidationException"),
        ("DescribeKey", {"KeyId": ""}, "ValidationException"),
        ("DescribeKey", {"KeyId": "x" * 3000}, "ValidationException"),
        ("ListKeys", {"Limit": 0}, "ValidationException"),
        ("ListKeys", {"Limit": 10 ** 20}, "ValidationException"),
        ("ScheduleKeyDeletion", {"KeyId": key_id, "PendingWindowInDays": 6},
         "ValidationException"),
        ("ScheduleKeyDeletion", {"KeyId": key_id, "PendingWindowInDays": 366},
         "ValidationException"),
        ("CreateKey", {"KeyUsage": "WHATEVER"}, "ValidationException"),
        ("CreateKey", {"Tags": [{"TagKey": ""}]}, "ValidationException"),
        ("CreateKey", {"KeySpec": "RSA_2048"}, "UnsupportedOperationException"),
        # Ids that name no key of the region.
        ("DescribeKey", {"KeyId": missing}, "NotFoundException"),
        ("DescribeKey", {"KeyId": "not-a-key"}, "NotFoundException"),
        ("DescribeKey", {"KeyId": "arn:aws:kms:eu-west-1:000000000000:key/" + missing},
         "NotFoundException"),
        ("EnableKey", {"KeyId": "alias/absent"}, "NotFoundException"),
        ("ListKeys", {"Marker": "nowhere"}, "InvalidMarkerException"),
        ("DisableKey", {"KeyId": "alias/aws/dynamodb"}, "AccessDeniedException"),
    ]
    for operation, request, name in cases:
        expect_error(port, operation, request, name)
    # Each prefix serves its own operations only.
    for operation in KMS_OPERATIONS:
        expect_error(port, operation, {}, "UnknownOperationException",
                     "DynamoDB_20120810." + operation)
    for operation in ("PutItem", "ListTables", "Encrypt", "Bogus"):
        expect_error(port, operation, {}, "UnknownOperationException", "TrentService." + operation)


def raw_request(operation, request):
    body = json.dumps(request).encode()
    return (b"POST / HTTP/1.1\r\nHost: tablespan\r\n"
            b"Content-Type: application/x-amz-json-1.0\r\n"
            b"X-Amz-Target: %s\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (target(operation).encode(), len(body), body))


def bent_bytes(port, seed, count, valid_requests):
    rnd = random.Random(seed)
    for _ in range(count):
        raw = bytearray(rnd.choice(valid_requests))
        for _ in range(rnd.randint(1, 6)):
            roll, i = rnd.random(), rnd.randrange(len(raw))
            if roll < 0.4:
                raw[i] = rnd.randrange(256)
            elif roll < 0.6:
                del raw[i:i + rnd.randint(1, 10)]
            elif roll < 0.8:
                raw[i:i] = rnd.choice([b"\r\n", b"\r\n\r\n", b"Transfer-Encoding: chunked\r\n",
                                       b"Content-Length: 99999999999\r\n",
                                       b"Expect: 100-continue\r\n", b"\x00" * 10, b"9" * 30])
            else:
                raw[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 50)))
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(bytes(raw))
            s.shutdown(socket.SHUT_WR)  # what is missing never comes: the server must end it
            received = b""
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    received += chunk
            except ConnectionResetError:
                pass
        what = "seed %d, bytes %r" % (seed, bytes(raw)[:300])
        if received and not received.startswith(b"HTTP/1.1 "):
            raise Failure("%s: not an HTTP answer: %r" % (what, received[:200]))
        if received[9:10] == b"5":
            raise Failure("%s: %r" % (what, received[:300]))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data_dir = tempfile.mkdtemp(prefix="tablespan-malformed-")
    server = subprocess.Popen(
        [sys.argv[1], "--headless", "--listen", "127.0.0.1:0", "--data-dir", data_dir,
         "--time-scale", "100"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, LC_ALL="C", LANGUAGE="C"))
    try:
        port = None
        for line in server.stdout:
            match = re.search(r"http://127\.0\.0\.1:([0-9]+)", line)
            if match:
                port = int(match.group(1))
                break
        if port is None:
            raise Failure("the server exited before it printed its URL")

        def call(operation, request):
            status, payload = post(port, operation, json.dumps(request).encode())
            answer = check_answer(status, payload, operation)
            if status != 200:
                raise Failure("set-up %s: %s" % (operation, payload))
            return answer

        kept = {"pk": {"S": "kept"}, "sk": {"N": "7"}, "doc": {"M": {"v": {"S": "intact"}}}}
        for name in (TABLE, "untouched"):
            call("CreateTable", dict(TABLE_DEFINITION, TableName=name))
        deadline = time.time() + 60
        while any(call("DescribeTable", {"TableName": name})["Table"]["TableStatus"] != "ACTIVE"
                  for name in (TABLE, "untouched")):
            if time.time() > deadline:
                raise Failure("the tables never became ACTIVE")
            time.sleep(0.05)
        call("PutItem", {"TableName": "untouched", "Item": kept})
        call("PutItem", {"TableName": TABLE, "Item": ITEM})

        arn = call("DescribeTable", {"TableName": TABLE})["Table"]["LatestStreamArn"]
        shard = call("DescribeStream", {"StreamArn": arn})["StreamDescription"]["Shards"][0]
        iterator = call("GetShardIterator", {"StreamArn": arn, "ShardId": shard["ShardId"],
                                             "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
        sequence = call("GetRecords", {"ShardIterator": iterator}
                        )["Records"][0]["dynamodb"]["SequenceNumber"]
        fixed_streams_cases(port, arn, shard["ShardId"], iterator)
        streams = streams_requests(arn, shard["ShardId"], sequence, iterator)
        key = call("CreateKey", {"Description": "fuzzed"})["KeyMetadata"]
        fixed_kms_cases(port, key["KeyId"])
        kms = kms_requests(key["KeyId"], key["Arn"])
        raw = [raw_request("GetItem", {"TableName": TABLE, "Key": KEY}),
               raw_request("GetRecords", {"ShardIterator": iterator, "Limit": 3})]

        seeds = ([int(os.environ["TABLESPAN_FUZZ_SEED"])] if "TABLESPAN_FUZZ_SEED" in os.environ
                 else [1, 2, 3])
        count = int(os.environ.get("TABLESPAN_FUZZ_COUNT", "1000"))
        for seed in seeds:
            bent_requests(port, seed, count, REQUESTS + streams + kms)
            bent_requests(port, seed, count // 4, streams)  # the Streams operations again
            bent_requests(port, seed, count // 4, kms)  # and KMS's
            bent_bytes(port, seed, count // 4, raw)

        if server.poll() is not None:
            raise Failure("the server exited (status %s)" % server.returncode)
        got = call("GetItem", {"TableName": "untouched", "Key": {k: kept[k] for k in ("pk", "sk")}})
        if got.get("Item") != kept:
            raise Failure("the untouched table changed: %s" % got)
        if call("Scan", {"TableName": "untouched"})["Count"] != 1:
            raise Failure("the untouched table gained items")
        # The untouched table's stream holds its one write, readable as before.
        kept_arn = call("DescribeTable", {"TableName": "untouched"})["Table"]["LatestStreamArn"]
        shards = call("DescribeStream", {"StreamArn": kept_arn})["StreamDescription"]["Shards"]
        records = []
        for s in shards:
            it = call("GetShardIterator", {"StreamArn": kept_arn, "ShardId": s["ShardId"],
                                           "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
            records += call("GetRecords", {"ShardIterator": it})["Records"]
        if [(r["eventName"], r["dynamodb"].get("NewImage")) for r in records] != [("INSERT", kept)]:
            raise Failure("the untouched table's stream changed: %s" % records)
        print("ok: %d seeds, %d bent requests, %d bent Streams requests, %d bent KMS requests "
              "and %d bent byte streams each, all answered" %
              (len(seeds), count, count // 4, count // 4, count // 4))
    except Failure as failure:
        print("FAIL:", failure)
        return 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
