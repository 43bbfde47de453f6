#!/usr/bin/env python3
"""boto3 (Debian's python3-boto3) against a headless Tablespan: the table_exists waiter,
the scan and query paginators, a conditional write failing with
ConditionalCheckFailedException, and a validation error's code and message.

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
