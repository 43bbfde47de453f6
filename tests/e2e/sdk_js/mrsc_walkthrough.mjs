// The AWS SDK for JavaScript v3 against a headless Tablespan: the AWS code example for
// multi-Region strong consistency (MRSC), from creation to teardown. A table in us-east-2,
// a replica in us-east-1 and a witness in us-west-2 in one UpdateTable; DescribeTable
// shows the mode and the witness; a write in us-east-2 is read at once, strongly, in
// us-east-1; conditional writes hold across regions; the group is dissolved in one call
// and the table deleted. Usage: node mrsc_walkthrough.mjs ENDPOINT_URL
import {
    ConditionalCheckFailedException,
    DynamoDBClient,
    CreateTableCommand,
    DeleteTableCommand,
    DescribeTableCommand,
    GetItemCommand,
    PutItemCommand,
    ResourceNotFoundException,
    UpdateItemCommand,
    UpdateTableCommand,
} from "@aws-sdk/client-dynamodb";

const endpoint = process.argv[2];
const credentials = { accessKeyId: "AKIDTABLESPANTEST", secretAccessKey: "tablespan-test-secret" };
const client = (region) => new DynamoDBClient({ region, endpoint, credentials });
const east2 = client("us-east-2");
const east1 = client("us-east-1");
const west2 = client("us-west-2");
const TableName = "MusicTable";

function check(condition, what) {
    if (!condition) throw new Error(`FAIL: ${what}`);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what, fn) {
    for (let i = 0; i < 300; ++i) {
        if (await fn()) return;
        await sleep(100);
    }
    throw new Error(`FAIL: timed out waiting for ${what}`);
}
const describe = async (c) => (await c.send(new DescribeTableCommand({ TableName }))).Table;

await east2.send(new CreateTableCommand({
    TableName,
    AttributeDefinitions: [
        { AttributeName: "Artist", AttributeType: "S" },
        { AttributeName: "SongTitle", AttributeType: "S" },
    ],
    KeySchema: [
        { AttributeName: "Artist", KeyType: "HASH" },
        { AttributeName: "SongTitle", KeyType: "RANGE" },
    ],
    BillingMode: "PAY_PER_REQUEST",
}));
await until("the table", async () => (await describe(east2)).TableStatus === "ACTIVE");

// A replica and a witness, with strong consistency, in one call.
const updated = await east2.send(new UpdateTableCommand({
    TableName,
    ReplicaUpdates: [{ Create: { RegionName: "us-east-1" } }],
    GlobalTableWitnessUpdates: [{ Create: { RegionName: "us-west-2" } }],
    MultiRegionConsistency: "STRONG",
}));
check(updated.TableDescription.TableStatus === "UPDATING", "UpdateTable answers UPDATING");
check(updated.TableDescription.MultiRegionConsistency === "STRONG", "the mode in the answer");

// Adding a replica alone is refused: the group is born complete.
try {
    await east2.send(new UpdateTableCommand({
        TableName, ReplicaUpdates: [{ Create: { RegionName: "eu-west-1" } }],
    }));
    check(false, "a fourth region was accepted");
} catch (e) {
    check(e.name === "ValidationException" || e.name === "ResourceInUseException", `refused: ${e.name}`);
}

await until("the group", async () => {
    const t = await describe(east2);
    return t.TableStatus === "ACTIVE" && t.Replicas?.[0]?.ReplicaStatus === "ACTIVE" &&
        t.GlobalTableWitnesses?.[0]?.WitnessStatus === "ACTIVE";
});
const replica = await describe(east1);
check(replica.MultiRegionConsistency === "STRONG", "us-east-1 is STRONG");
check(replica.GlobalTableWitnesses[0].RegionName === "us-west-2", "the witness is us-west-2");
try {
    await describe(west2);
    check(false, "the witness region has a table");
} catch (e) {
    check(e instanceof ResourceNotFoundException, `witness region: ${e.name}`);
}

// Strong consistency across regions: written in us-east-2, read at once in us-east-1.
const Key = { Artist: { S: "The Beatles" }, SongTitle: { S: "Hey Jude" } };
await east2.send(new PutItemCommand({
    TableName, Item: { ...Key, Album: { S: "Single" }, Year: { N: "1968" } },
}));
const read = await east1.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }));
check(read.Item?.Album?.S === "Single", "a strong read in us-east-1 sees the write");

// Conditional writes with MRSC guarantees.
await east1.send(new UpdateItemCommand({
    TableName, Key,
    UpdateExpression: "SET #y = :new",
    ConditionExpression: "#y = :old",
    ExpressionAttributeNames: { "#y": "Year" },
    ExpressionAttributeValues: { ":new": { N: "1969" }, ":old": { N: "1968" } },
}));
try {
    await east2.send(new UpdateItemCommand({
        TableName, Key,
        UpdateExpression: "SET #y = :new",
        ConditionExpression: "#y = :old",
        ExpressionAttributeNames: { "#y": "Year" },
        ExpressionAttributeValues: { ":new": { N: "1970" }, ":old": { N: "1968" } },
    }));
    check(false, "a stale condition held in us-east-2");
} catch (e) {
    check(e instanceof ConditionalCheckFailedException, `stale condition: ${e.name}`);
}
const after = await east2.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }));
check(after.Item.Year.N === "1969", "us-east-2 reads us-east-1's update");

// Deleting one replica alone is refused; the group goes in one call.
try {
    await east1.send(new DeleteTableCommand({ TableName }));
    check(false, "a replica was deleted alone");
} catch (e) {
    check(e.name === "ValidationException", `replica DeleteTable: ${e.name}`);
}
await east2.send(new UpdateTableCommand({
    TableName,
    ReplicaUpdates: [{ Delete: { RegionName: "us-east-1" } }],
    GlobalTableWitnessUpdates: [{ Delete: { RegionName: "us-west-2" } }],
}));
await until("the teardown", async () => {
    const t = await describe(east2);
    return t.TableStatus === "ACTIVE" && !t.Replicas && !t.MultiRegionConsistency;
});
await east2.send(new DeleteTableCommand({ TableName }));
console.log("mrsc walkthrough: ok");
