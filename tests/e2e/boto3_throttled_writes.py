#!/usr/bin/env python3
"""boto3 in its "standard" retry mode against a table provisioned with 1 WCU: a burst
of writes drains the burst capacity (300 seconds of 1 WCU), the table then refuses writes
with ProvisionedThroughputExceededException, and the SDK retries them with backoff until
the bucket refills (one write a second). Prints one JSON line: the writes made, the
retries boto3 reports (ResponseMetadata.RetryAttempts, summed), and the writes that failed
even after the retries.

Run by tst_e2e_boto3_throttling, which serves the endpoint and watches the console's
Activity dock. Usage: boto3_throttled_writes.py ENDPOINT_URL
"""

import json
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

TABLE = "ThrottledWrites"
WRITES = 306


def main(url):
    client = boto3.client(
        "dynamodb", region_name="us-west-2", endpoint_url=url,
        aws_access_key_id="AKIDTABLESPANTEST", aws_secret_access_key="tablespan-test-secret",
        config=Config(retries={"mode": "standard", "max_attempts": 10}))
    client.create_table(
        TableName=TABLE, BillingMode="PROVISIONED",
        ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    deadline = time.monotonic() + 60
    while client.describe_table(TableName=TABLE)["Table"]["TableStatus"] != "ACTIVE":
        if time.monotonic() > deadline:
            raise RuntimeError("the table did not become ACTIVE")
        time.sleep(0.2)
    retries = failed = 0
    for i in range(WRITES):
        try:
            answer = client.put_item(
                TableName=TABLE, Item={"id": {"S": "k%d" % i}, "pad": {"S": "x" * 500}})
            retries += answer["ResponseMetadata"]["RetryAttempts"]
        except ClientError as e:
            if e.response["Error"]["Code"] != "ProvisionedThroughputExceededException":
                raise
            retries += e.response["ResponseMetadata"]["RetryAttempts"]
            failed += 1
    print(json.dumps({"writes": WRITES, "retries": retries, "failed": failed}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
