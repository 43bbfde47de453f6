#!/usr/bin/env python3
"""boto3 (Debian's python3-boto3) against a headless Tablespan: the table_exists waiter,
the scan and query paginators, a conditional write failing with
ConditionalCheckFailedException, and a validation error's code and message; DynamoDB
Streams through boto3's "dynamodbstreams" client on the same endpoint.

Usage: boto3_client.py TABLESPAN_BINARY
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from datetime import datetime

import boto3
from boto3.dynamodb.conditions import Key
from botocore.config import Config
from botocore.exceptions import ClientError

TABLESPAN = None
URL = None


def start_server(binary, data_dir):
    env = dict(os.environ, LC_ALL="C", LANGUAGE="C")
    server = subprocess.Popen(
        [binary, "--headless", "--listen", "127.0.0.1:0", "--data-dir", data_dir,
         "--time-scale", "50"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    for line in server.stdout:
        match = re.search(r"http://[0-9.]+:[0-9]+", line)
        if match:
            return server, match.group(0)
    raise RuntimeError("the server exited before it printed its URL")


def client(region="us-west-2"):
    return boto3.client(
        "dynamodb", region_name=region, endpoint_url=URL,
        aws_access_key_id="AKIDTABLESPANTEST", aws_secret_access_key="tablespan-test-secret",
        config=Config(retries={"max_attempts": 1}))


def streams_client(region="us-west-2"):
    return boto3.client(
        "dynamodbstreams", region_name=region, endpoint_url=URL,
        aws_access_key_id="AKIDTABLESPANTEST", aws_secret_access_key="tablespan-test-secret",
        config=Config(retries={"max_attempts": 1}))


def poll(what, probe, timeout=30.0):
    """probe() until it returns something true; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Boto3Client(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ddb = client()
        cls.ddb.create_table(
            TableName="orders",
            AttributeDefinitions=[{"AttributeName": "customer", "AttributeType": "S"},
                                  {"AttributeName": "order", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "customer", "KeyType": "HASH"},
                       {"AttributeName": "order", "KeyType": "RANGE"}],
            BillingMode="PAY_PER_REQUEST")
        # The waiter polls DescribeTable until ACTIVE (engine time runs 50x faster).
        cls.ddb.get_waiter("table_exists").wait(
            TableName="orders", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        table = boto3.resource(
            "dynamodb", region_name="us-west-2", endpoint_url=URL,
            aws_access_key_id="AKIDTABLESPANTEST",
            aws_secret_access_key="tablespan-test-secret").Table("orders")
        with table.batch_writer() as batch:
            for customer in range(5):
                for order in range(30):
                    batch.put_item(Item={"customer": f"c{customer}", "order": order,
                                         "note": "x" * 200})

    def test_waiter_saw_an_active_table(self):
        status = self.ddb.describe_table(TableName="orders")["Table"]["TableStatus"]
        self.assertEqual(status, "ACTIVE")

    def test_scan_paginator_visits_every_item_once(self):
        pages = self.ddb.get_paginator("scan").paginate(
            TableName="orders", PaginationConfig={"PageSize": 7})
        seen = [(i["customer"]["S"], i["order"]["N"]) for p in pages for i in p["Items"]]
        self.assertEqual(len(seen), 150)
        self.assertEqual(len(set(seen)), 150)

    def test_query_paginator_returns_a_partition_in_order(self):
        pages = self.ddb.get_paginator("query").paginate(
            TableName="orders", KeyConditionExpression="customer = :c AND #o >= :from",
            ExpressionAttributeNames={"#o": "order"},
            ExpressionAttributeValues={":c": {"S": "c3"}, ":from": {"N": "10"}},
            PaginationConfig={"PageSize": 4})
        orders = [int(i["order"]["N"]) for p in pages for i in p["Items"]]
        self.assertEqual(orders, list(range(10, 30)))

    def test_conditional_write_fails_with_the_service_error(self):
        with self.assertRaises(ClientError) as caught:
            self.ddb.put_item(TableName="orders",
                              Item={"customer": {"S": "c1"}, "order": {"N": "1"}},
                              ConditionExpression="attribute_not_exists(customer)")
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "ConditionalCheckFailedException")
        self.assertEqual(error["Message"], "The conditional request failed")
        item = self.ddb.get_item(TableName="orders",
                                 Key={"customer": {"S": "c1"}, "order": {"N": "1"}})["Item"]
        self.assertIn("note", item)  # untouched

    def test_validation_error_code_and_message(self):
        with self.assertRaises(ClientError) as caught:
            self.ddb.get_item(TableName="orders", Key={"customer": {"S": "c1"}})
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "ValidationException")
        self.assertEqual(error["Message"],
                         "The provided key element does not match the schema")
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_resource_api_query_with_conditions(self):
        table = boto3.resource(
            "dynamodb", region_name="us-west-2", endpoint_url=URL,
            aws_access_key_id="AKIDTABLESPANTEST",
            aws_secret_access_key="tablespan-test-secret").Table("orders")
        result = table.query(KeyConditionExpression=Key("customer").eq("c0") &
                             Key("order").between(5, 7))
        self.assertEqual([int(i["order"]) for i in result["Items"]], [5, 6, 7])


class Boto3Indexes(unittest.TestCase):
    """A GSI and an LSI from CreateTable, queried with paginators; a GSI added to a
    loaded table, waited for until ACTIVE, queried, deleted."""

    @classmethod
    def setUpClass(cls):
        cls.ddb = client()
        cls.ddb.create_table(
            TableName="shop",
            AttributeDefinitions=[{"AttributeName": "customer", "AttributeType": "S"},
                                  {"AttributeName": "order", "AttributeType": "N"},
                                  {"AttributeName": "status", "AttributeType": "S"},
                                  {"AttributeName": "placed", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "customer", "KeyType": "HASH"},
                       {"AttributeName": "order", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{
                "IndexName": "byStatus",
                "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                              {"AttributeName": "placed", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}],
            LocalSecondaryIndexes=[{
                "IndexName": "byPlaced",
                "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                              {"AttributeName": "placed", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"}}],
            BillingMode="PAY_PER_REQUEST")
        cls.ddb.get_waiter("table_exists").wait(
            TableName="shop", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        for order in range(40):
            item = {"customer": {"S": f"c{order % 2}"}, "order": {"N": str(order)},
                    "placed": {"S": f"2026-01-{40 - order:02d}"},
                    "colour": {"S": "red" if order % 4 == 0 else "blue"}}
            if order % 5:  # every fifth order has no status: not in the GSI
                item["status"] = {"S": "OPEN" if order % 2 else "SHIPPED"}
            cls.ddb.put_item(TableName="shop", Item=item)

    def wait_for_index(self, name, gone=False):
        for _ in range(300):
            indexes = self.ddb.describe_table(TableName="shop")["Table"].get(
                "GlobalSecondaryIndexes", [])
            found = [i for i in indexes if i["IndexName"] == name]
            if gone and not found:
                return None
            if not gone and found and found[0]["IndexStatus"] == "ACTIVE":
                return found[0]
            time.sleep(0.05)
        self.fail(f"index {name} never became {'absent' if gone else 'ACTIVE'}")

    def test_describe_lists_both_indexes(self):
        table = self.ddb.describe_table(TableName="shop")["Table"]
        self.assertEqual(table["GlobalSecondaryIndexes"][0]["IndexStatus"], "ACTIVE")
        self.assertEqual(table["GlobalSecondaryIndexes"][0]["ItemCount"], 32)
        self.assertEqual(table["LocalSecondaryIndexes"][0]["IndexName"], "byPlaced")

    def test_gsi_query_paginates_in_index_order(self):
        pages = self.ddb.get_paginator("query").paginate(
            TableName="shop", IndexName="byStatus",
            KeyConditionExpression="#s = :s", ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": {"S": "OPEN"}}, PaginationConfig={"PageSize": 3})
        items = [i for p in pages for i in p["Items"]]
        placed = [i["placed"]["S"] for i in items]
        self.assertEqual(len(items), 16)
        self.assertEqual(placed, sorted(placed))
        self.assertEqual(set(items[0]), {"customer", "order", "status", "placed"})  # KEYS_ONLY

    def test_lsi_query_paginates_by_its_sort_key(self):
        pages = self.ddb.get_paginator("query").paginate(
            TableName="shop", IndexName="byPlaced", KeyConditionExpression="customer = :c",
            ExpressionAttributeValues={":c": {"S": "c1"}}, ScanIndexForward=False,
            PaginationConfig={"PageSize": 6})
        placed = [i["placed"]["S"] for p in pages for i in p["Items"]]
        self.assertEqual(len(placed), 20)
        self.assertEqual(placed, sorted(placed, reverse=True))

    def test_gsi_errors_are_the_services(self):
        with self.assertRaises(ClientError) as caught:
            self.ddb.query(TableName="shop", IndexName="byStatus", ConsistentRead=True,
                           KeyConditionExpression="#s = :s",
                           ExpressionAttributeNames={"#s": "status"},
                           ExpressionAttributeValues={":s": {"S": "OPEN"}})
        self.assertEqual(caught.exception.response["Error"]["Message"],
                         "Consistent reads are not supported on global secondary indexes")

    def test_add_query_and_delete_a_gsi(self):
        self.ddb.update_table(
            TableName="shop",
            AttributeDefinitions=[{"AttributeName": "colour", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": "byColour",
                "KeySchema": [{"AttributeName": "colour", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}}])
        index = self.wait_for_index("byColour")
        self.assertEqual(index["ItemCount"], 40)
        red = self.ddb.query(TableName="shop", IndexName="byColour",
                             KeyConditionExpression="colour = :c",
                             ExpressionAttributeValues={":c": {"S": "red"}})
        self.assertEqual(red["Count"], 10)
        self.ddb.update_table(TableName="shop", GlobalSecondaryIndexUpdates=[
            {"Delete": {"IndexName": "byColour"}}])
        self.wait_for_index("byColour", gone=True)


class Boto3CompositeKeys(unittest.TestCase):
    """A GSI with a multi-attribute key (two HASH, two RANGE attributes): paginated in
    tuple order, a range condition on the last RANGE attribute given, the service's
    refusal of a skipped RANGE attribute."""

    @classmethod
    def setUpClass(cls):
        cls.ddb = client()
        cls.ddb.create_table(
            TableName="tickets",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"},
                                  {"AttributeName": "team", "AttributeType": "S"},
                                  {"AttributeName": "prio", "AttributeType": "N"},
                                  {"AttributeName": "day", "AttributeType": "S"},
                                  {"AttributeName": "seq", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[{
                "IndexName": "byTeamPrio",
                "KeySchema": [{"AttributeName": "team", "KeyType": "HASH"},
                              {"AttributeName": "prio", "KeyType": "HASH"},
                              {"AttributeName": "day", "KeyType": "RANGE"},
                              {"AttributeName": "seq", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"}}],
            BillingMode="PAY_PER_REQUEST")
        cls.ddb.get_waiter("table_exists").wait(
            TableName="tickets", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        for n in range(24):
            cls.ddb.put_item(TableName="tickets", Item={
                "id": {"S": f"t{n}"}, "team": {"S": "core" if n % 2 else "web"},
                "prio": {"N": str(n % 3)}, "day": {"S": f"2026-12-0{1 + n % 4}"},
                "seq": {"N": str(100 - n)}})

    def query(self, condition, values, **kwargs):
        values = dict(values, **{":t": {"S": "core"}, ":p": {"N": "1"}})
        if "#d" in condition:
            kwargs["ExpressionAttributeNames"] = {"#d": "day"}
        pages = self.ddb.get_paginator("query").paginate(
            TableName="tickets", IndexName="byTeamPrio",
            KeyConditionExpression="team = :t AND prio = :p" + condition,
            ExpressionAttributeValues=values, PaginationConfig={"PageSize": 2}, **kwargs)
        return [(i["day"]["S"], int(i["seq"]["N"])) for p in pages for i in p["Items"]]

    def test_describe_echoes_the_key_schema(self):
        index = self.ddb.describe_table(TableName="tickets")["Table"]["GlobalSecondaryIndexes"][0]
        self.assertEqual([k["KeyType"] for k in index["KeySchema"]],
                         ["HASH", "HASH", "RANGE", "RANGE"])
        self.assertEqual(index["ItemCount"], 24)

    def test_pages_follow_the_range_tuple(self):
        # team core (odd n) and prio 1 (n % 3 == 1): n = 1, 7, 13, 19.
        got = self.query("", {})
        self.assertEqual(got, sorted(got))
        self.assertEqual(len(got), 4)
        later = self.query(" AND #d = :d AND seq < :s", {":d": {"S": "2026-12-04"},
                                                         ":s": {"N": "95"}})
        self.assertEqual(later, [("2026-12-04", 81), ("2026-12-04", 93)])

    def test_a_skipped_range_attribute_is_refused(self):
        with self.assertRaises(ClientError) as caught:
            self.query(" AND seq > :s", {":s": {"N": "1"}})
        self.assertEqual(caught.exception.response["Error"]["Code"], "ValidationException")
        self.assertIn("day", caught.exception.response["Error"]["Message"])

class Boto3Transactions(unittest.TestCase):
    """A conditional transfer between two accounts: committed whole, then cancelled with
    the service's reasons (../shared/reference/dynamodb-data-plane.md §2)."""

    @classmethod
    def setUpClass(cls):
        cls.ddb = client()
        cls.ddb.create_table(
            TableName="accounts",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            BillingMode="PAY_PER_REQUEST")
        cls.ddb.get_waiter("table_exists").wait(
            TableName="accounts", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        for account, balance in (("alice", "100"), ("bob", "0")):
            cls.ddb.put_item(TableName="accounts",
                             Item={"id": {"S": account}, "balance": {"N": balance}})

    def transfer(self, amount):
        n = {"N": str(amount)}
        return self.ddb.transact_write_items(TransactItems=[
            {"Update": {"TableName": "accounts", "Key": {"id": {"S": "alice"}},
                        "UpdateExpression": "SET balance = balance - :n",
                        "ConditionExpression": "balance >= :n",
                        "ExpressionAttributeValues": {":n": n},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"Update": {"TableName": "accounts", "Key": {"id": {"S": "bob"}},
                        "UpdateExpression": "SET balance = balance + :n",
                        "ExpressionAttributeValues": {":n": n}}}])

    def balances(self):
        got = self.ddb.transact_get_items(TransactItems=[
            {"Get": {"TableName": "accounts", "Key": {"id": {"S": who}}}}
            for who in ("alice", "bob")])
        return [int(r["Item"]["balance"]["N"]) for r in got["Responses"]]

    def test_a_transfer_then_a_cancelled_one(self):
        self.transfer(60)
        self.assertEqual(self.balances(), [40, 60])
        with self.assertRaises(ClientError) as caught:
            self.transfer(60)
        response = caught.exception.response
        self.assertEqual(response["Error"]["Code"], "TransactionCanceledException")
        self.assertEqual(response["Error"]["Message"],
                         "Transaction cancelled, please refer cancellation reasons for "
                         "specific reasons [ConditionalCheckFailed, None]")
        reasons = response["CancellationReasons"]
        self.assertEqual(reasons[0]["Code"], "ConditionalCheckFailed")
        self.assertEqual(reasons[0]["Item"]["balance"], {"N": "40"})
        self.assertEqual(reasons[1], {"Code": "None"})
        self.assertEqual(self.balances(), [40, 60])


def stream_shards(streams, arn):
    """Every shard of the stream, one DescribeStream page (Limit 1) at a time."""
    shards, start = [], None
    while True:
        request = {"StreamArn": arn, "Limit": 1}
        if start:
            request["ExclusiveStartShardId"] = start
        page = streams.describe_stream(**request)["StreamDescription"]
        shards += page["Shards"]
        start = page.get("LastEvaluatedShardId")
        if not start:
            return shards


def read_shard(streams, arn, shard_id):
    records = []
    iterator = streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    while True:
        page = streams.get_records(ShardIterator=iterator, Limit=2)
        records += page["Records"]
        # A closed shard read to its end has no next iterator; an open one is caught up
        # when a page comes back empty.
        if "NextShardIterator" not in page or not page["Records"]:
            return records
        iterator = page["NextShardIterator"]


def read_stream(streams, arn):
    """Every record from TRIM_HORIZON, following shard lineage: a shard is read after its
    parent (when the parent is still listed), as the KCL adapter does."""
    shards = stream_shards(streams, arn)
    listed = {s["ShardId"] for s in shards}
    done, records = set(), []
    while len(done) < len(shards):
        ready = [s for s in shards if s["ShardId"] not in done and
                 (s.get("ParentShardId") not in listed or s["ParentShardId"] in done)]
        if not ready:
            raise AssertionError(f"shard lineage has a cycle: {shards}")
        for shard in ready:
            records += read_shard(streams, arn, shard["ShardId"])
            done.add(shard["ShardId"])
    return records


def summary(record):
    """What a record says about its item: event, keys and images."""
    data = record["dynamodb"]
    return (record["eventName"], data["Keys"], data.get("OldImage"), data.get("NewImage"))


class Boto3Streams(unittest.TestCase):
    """DynamoDB Streams with boto3's dynamodbstreams client: which writes make which
    records (images, keys, sequence numbers, timestamps), read from TRIM_HORIZON along
    shard lineage; a global table's two streams; a Time to Live delete; the errors."""

    @classmethod
    def setUpClass(cls):
        cls.ddb = client()
        cls.streams = streams_client()
        cls.ddb.create_table(
            TableName="ledger",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"},
                                  {"AttributeName": "n", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"},
                       {"AttributeName": "n", "KeyType": "RANGE"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            BillingMode="PAY_PER_REQUEST")
        cls.ddb.create_table(
            TableName="ledger_global",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            BillingMode="PAY_PER_REQUEST")
        for name in ("ledger", "ledger_global"):
            cls.ddb.get_waiter("table_exists").wait(
                TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        # A replica in Dublin: poll describe-table there until ACTIVE, as the AWS CLI
        # walkthrough does.
        cls.ddb.update_table(TableName="ledger_global",
                             ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}}])
        cls.dublin = client("eu-west-1")
        cls.dublin_streams = streams_client("eu-west-1")

        def replica_active():
            try:
                table = cls.dublin.describe_table(TableName="ledger_global")["Table"]
            except ClientError:
                return False
            return table["TableStatus"] == "ACTIVE"
        poll("the eu-west-1 replica to become ACTIVE", replica_active)

    def stream_arn(self, ddb, table):
        return ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]

    def test_writes_make_the_services_records(self):
        table = self.ddb.describe_table(TableName="ledger")["Table"]
        arn = table["LatestStreamArn"]
        listed = self.streams.list_streams(TableName="ledger")["Streams"]
        self.assertEqual([s["StreamArn"] for s in listed], [arn])
        described = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]
        self.assertEqual(described["StreamStatus"], "ENABLED")
        self.assertEqual(described["StreamViewType"], "NEW_AND_OLD_IMAGES")
        self.assertEqual(described["TableName"], "ledger")
        self.assertEqual([k["AttributeName"] for k in described["KeySchema"]], ["id", "n"])

        key = {"id": {"S": "a"}, "n": {"N": "1"}}
        one = dict(key, v={"S": "one"})
        two = dict(key, v={"S": "two"})
        three = dict(two, w={"N": "3"})
        self.ddb.put_item(TableName="ledger", Item=one)                   # INSERT
        self.ddb.put_item(TableName="ledger", Item=one)                   # identical: none
        self.ddb.put_item(TableName="ledger", Item=two)                   # MODIFY
        self.ddb.update_item(TableName="ledger", Key=key, UpdateExpression="SET w = :w",
                             ExpressionAttributeValues={":w": {"N": "3"}})  # MODIFY
        self.ddb.delete_item(TableName="ledger", Key=key)                 # REMOVE
        self.ddb.delete_item(TableName="ledger",
                             Key={"id": {"S": "missing"}, "n": {"N": "1"}})  # none
        c = {"id": {"S": "c"}, "n": {"N": "2"}, "v": {"S": "batch"}}
        d = {"id": {"S": "d"}, "n": {"N": "3"}, "v": {"S": "batch"}}
        unprocessed = self.ddb.batch_write_item(RequestItems={"ledger": [
            {"PutRequest": {"Item": c}}, {"PutRequest": {"Item": d}},
            {"DeleteRequest": {"Key": {"id": {"S": "missing"}, "n": {"N": "2"}}}}]})
        self.assertEqual(unprocessed["UnprocessedItems"], {})

        records = read_stream(self.streams, arn)
        self.assertEqual([summary(r) for r in records[:4]], [
            ("INSERT", key, None, one),
            ("MODIFY", key, one, two),
            ("MODIFY", key, two, three),
            ("REMOVE", key, three, None)])
        # The service orders records per item only: the batch's two puts in either order.
        self.assertCountEqual([summary(r) for r in records[4:]], [
            ("INSERT", {"id": c["id"], "n": c["n"]}, None, c),
            ("INSERT", {"id": d["id"], "n": d["n"]}, None, d)])

        sequence = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
        self.assertEqual(sequence, sorted(set(sequence)))  # increasing, as numbers
        created = table["CreationDateTime"].replace(microsecond=0)
        stamps = [r["dynamodb"]["ApproximateCreationDateTime"] for r in records]
        for stamp in stamps:
            self.assertIsInstance(stamp, datetime)  # botocore parsed the epoch seconds
            self.assertGreaterEqual(stamp, created)
        self.assertEqual(stamps, sorted(stamps))
        self.assertEqual(len({r["eventID"] for r in records}), len(records))
        for r in records:
            self.assertRegex(r["eventID"], "^[0-9a-f]{32}$")
            self.assertEqual(r["eventSource"], "aws:dynamodb")
            self.assertEqual(r["awsRegion"], "us-west-2")
            self.assertEqual(r["dynamodb"]["StreamViewType"], "NEW_AND_OLD_IMAGES")
            self.assertGreater(r["dynamodb"]["SizeBytes"], 0)
            self.assertNotIn("userIdentity", r)

        # AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER start where they say.
        second = records[1]["dynamodb"]["SequenceNumber"]
        shard = next(s["ShardId"] for s in stream_shards(self.streams, arn)
                     if int(s["SequenceNumberRange"]["StartingSequenceNumber"]) <= int(second) <=
                     int(s["SequenceNumberRange"].get("EndingSequenceNumber", second)))
        for kind, first in (("AT_SEQUENCE_NUMBER", 1), ("AFTER_SEQUENCE_NUMBER", 2)):
            iterator = self.streams.get_shard_iterator(
                StreamArn=arn, ShardId=shard, ShardIteratorType=kind,
                SequenceNumber=second)["ShardIterator"]
            page = self.streams.get_records(ShardIterator=iterator, Limit=1)
            self.assertEqual(page["Records"][0]["eventID"], records[first]["eventID"])

    def test_a_global_tables_regions_stream_the_same_writes(self):
        oregon_arn = self.stream_arn(self.ddb, "ledger_global")
        dublin_arn = self.stream_arn(self.dublin, "ledger_global")
        self.assertNotEqual(oregon_arn, dublin_arn)
        self.assertIn(":eu-west-1:", dublin_arn)

        def item(name, v):
            return {"id": {"S": name}, "v": {"S": v}}
        self.ddb.put_item(TableName="ledger_global", Item=item("g1", "1"))
        self.ddb.put_item(TableName="ledger_global", Item=item("g2", "1"))
        self.ddb.update_item(TableName="ledger_global", Key={"id": {"S": "g1"}},
                             UpdateExpression="SET v = :v",
                             ExpressionAttributeValues={":v": {"S": "2"}})
        self.dublin.put_item(TableName="ledger_global", Item=item("g3", "dublin"))
        self.ddb.delete_item(TableName="ledger_global", Key={"id": {"S": "g2"}})
        expected = {
            "g1": [("INSERT", None, item("g1", "1")),
                   ("MODIFY", item("g1", "1"), item("g1", "2"))],
            "g2": [("INSERT", None, item("g2", "1")), ("REMOVE", item("g2", "1"), None)],
            "g3": [("INSERT", None, item("g3", "dublin"))]}

        def per_item(records):
            out = {}
            for r in records:
                event, keys, old, new = summary(r)
                if keys["id"]["S"] in expected:
                    out.setdefault(keys["id"]["S"], []).append((event, old, new))
            return out

        for streams, arn, region in ((self.streams, oregon_arn, "us-west-2"),
                                     (self.dublin_streams, dublin_arn, "eu-west-1")):
            with self.subTest(region=region):
                def complete():
                    records = read_stream(streams, arn)
                    return records if per_item(records) == expected else None
                # Replication takes a few hundred engine milliseconds: poll.
                records = poll(f"the writes in the {region} stream", complete)
                self.assertEqual({r["awsRegion"] for r in records}, {region})

    def test_a_ttl_delete_names_the_service_where_it_happened(self):
        self.ddb.update_time_to_live(
            TableName="ledger_global",
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
        # Expired an hour ago: past the engine's deletion delay (ten minutes), which
        # --time-scale 50 makes 12 s, so the next sweep (every 1.2 s) deletes it.
        expired = {"id": {"S": "ttl"}, "expires": {"N": str(int(time.time()) - 3600)}}
        self.ddb.put_item(TableName="ledger_global", Item=expired)

        def removal(streams, arn):
            records = [r for r in read_stream(streams, arn)
                       if r["dynamodb"]["Keys"] == {"id": {"S": "ttl"}}]
            return records if records and records[-1]["eventName"] == "REMOVE" else None
        oregon = poll("the TTL delete in us-west-2", lambda: removal(
            self.streams, self.stream_arn(self.ddb, "ledger_global")))
        dublin = poll("the TTL delete in eu-west-1", lambda: removal(
            self.dublin_streams, self.stream_arn(self.dublin, "ledger_global")))
        for records in (oregon, dublin):
            self.assertEqual([summary(r) for r in records], [
                ("INSERT", {"id": {"S": "ttl"}}, None, expired),
                ("REMOVE", {"id": {"S": "ttl"}}, expired, None)])
            self.assertNotIn("userIdentity", records[0])
        self.assertEqual(oregon[1]["userIdentity"],
                         {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"})
        self.assertNotIn("userIdentity", dublin[1])  # replicated, not expired, there

    def test_errors_are_the_services(self):
        # ExpiredIteratorException needs 15 minutes of engine time: tst_streams covers it.
        arn = self.stream_arn(self.ddb, "ledger")
        with self.assertRaises(ClientError) as caught:
            self.streams.get_records(ShardIterator="garbage-iterator")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        with self.assertRaises(ClientError) as caught:
            self.streams.get_shard_iterator(
                StreamArn=arn, ShardId="shardId-00000000000000000000-00000000",
                ShardIteratorType="TRIM_HORIZON")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")
        with self.assertRaises(ClientError) as caught:
            self.streams.describe_stream(StreamArn=arn.replace("table/ledger/", "table/nope/"))
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")


def main():
    global TABLESPAN, URL
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    TABLESPAN = sys.argv[1]
    data_dir = tempfile.mkdtemp(prefix="tablespan-boto3-")
    server, URL = start_server(TABLESPAN, data_dir)
    try:
        program = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
        ok = program.result.wasSuccessful()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0 if ok and server.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
