// Tags: TagResource, UntagResource, ListTagsOfResource and CreateTable's Tags, with the
// service's limits, texts and order of checks, ListTagsOfResource's lag after a change
// and the lock on changes that follow each other too closely (on a ManualClock), tags
// after a restart, and tags per replica of a global table.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §5 (dynalite's tagResource.js
// and untagResource.js tests, run against the service; the ACK controller's live probes
// of 2026; Alternator's test_tag.py).

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
const std::string kArn = "arn:aws:dynamodb:us-west-2:000000000000:table/Orders";

Json tag(const std::string& key, const std::string& value) {
    return {{"Key", key}, {"Value", value}};
}

Json tags_of(TestEngine& t, const std::string& arn = kArn) {
    return t.ok("ListTagsOfResource", {{"ResourceArn", arn}}).at("Tags");
}
}  // namespace

class TestTags : public QObject {
    Q_OBJECT

    void expect_error(TestEngine& t, const std::string& op, const Json& request,
                      const std::string& type, const std::string& message) {
        auto r = t.call(op, request);
        QVERIFY2(!r.ok(), request.dump().c_str());
        QCOMPARE(QString::fromStdString(r.error->type), QString::fromStdString(type));
        QCOMPARE(QString::fromStdString(r.error->message), QString::fromStdString(message));
    }

private slots:
    void createdWithTagsAndChanged() {
        TestEngine t;
        Json create = {
            {"TableName", "Orders"},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
            {"Tags", {tag("team", "orders"), tag("env", "lab")}}};
        t.ok("CreateTable", create);
        t.engine->advance(60'000);
        JCOMPARE(tags_of(t), Json::array({tag("team", "orders"), tag("env", "lab")}));

        // Upsert: an existing key keeps its place, a new one goes last.
        t.ok("TagResource",
             {{"ResourceArn", kArn}, {"Tags", {tag("env", "prod"), tag("cost", "")}}});
        t.engine->advance(2'000);
        JCOMPARE(tags_of(t),
                 Json::array({tag("team", "orders"), tag("env", "prod"), tag("cost", "")}));
        // Removing an absent key is no error.
        t.ok("UntagResource", {{"ResourceArn", kArn}, {"TagKeys", {"team", "nope"}}});
        t.engine->advance(2'000);
        JCOMPARE(tags_of(t), Json::array({tag("env", "prod"), tag("cost", "")}));

        t.reopen();
        JCOMPARE(tags_of(t), Json::array({tag("env", "prod"), tag("cost", "")}));
    }

    void listLagsAChangeAndChangesWait() {
        TestEngine t;
        t.create_table("Orders", "id", "S");
        t.ok("TagResource", {{"ResourceArn", kArn}, {"Tags", {tag("a", "1")}}});
        // ListTagsOfResource shows the previous set for about two seconds (ACK#406-409).
        JCOMPARE(tags_of(t), Json::array());
        // Another change within 1.5 s is refused; a replay that changes nothing is not.
        expect_error(t, "TagResource", {{"ResourceArn", kArn}, {"Tags", {tag("b", "2")}}},
                     "LimitExceededException",
                     "Subscriber limit exceeded: Table tags are being updated: Orders");
        t.ok("TagResource", {{"ResourceArn", kArn}, {"Tags", {tag("a", "1")}}});
        expect_error(t, "DeleteTable", {{"TableName", "Orders"}}, "ResourceInUseException",
                     "Attempt to change a resource which is still in use: Table tags are being "
                     "updated");
        t.engine->advance(1'500);
        t.ok("TagResource", {{"ResourceArn", kArn}, {"Tags", {tag("b", "2")}}});
        // The list follows the changes two seconds late: the first one's set, then the
        // second one's.
        JCOMPARE(tags_of(t), Json::array());
        t.engine->advance(400);
        JCOMPARE(tags_of(t), Json::array({tag("a", "1")}));
        t.engine->advance(1'500);
        JCOMPARE(tags_of(t), Json::array({tag("a", "1"), tag("b", "2")}));
    }

    void errors_data() {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("message");
        const QString arn = QString::fromStdString(kArn);
        auto row = [&](const char* name, const char* op, const QString& request, const char* type,
                       const QString& message) {
            QTest::newRow(name) << QString::fromUtf8(op) << request << QString::fromUtf8(type)
                                << message;
        };
        const QString one = QStringLiteral(R"("Tags": [{"Key": "a", "Value": "b"}])");
        row("not an ARN", "TagResource",
            QStringLiteral(R"({"ResourceArn": "Orders", %1})").arg(one), "ValidationException",
            QStringLiteral("ARNs must start with 'arn:'"));
        row("malformed ARN", "TagResource",
            QStringLiteral(R"({"ResourceArn": "a:b:c:d:e:f/g", %1})").arg(one),
            "ValidationException", QStringLiteral("ARNs must start with 'arn:'"));
        row("not a table ARN", "TagResource",
            QStringLiteral(
                R"({"ResourceArn": "arn:aws:dynamodb:us-west-2:000000000000:backup/x", %1})")
                .arg(one),
            "ValidationException",
            QStringLiteral("Invalid TableArn: Invalid ResourceArn provided as input "
                           "arn:aws:dynamodb:us-west-2:000000000000:backup/x"));
        row("short table name", "TagResource",
            QStringLiteral(
                R"({"ResourceArn": "arn:aws:dynamodb:us-west-2:000000000000:table/ab", %1})")
                .arg(one),
            "ValidationException",
            QStringLiteral("Invalid TableArn: Invalid ResourceArn provided as input "
                           "arn:aws:dynamodb:us-west-2:000000000000:table/ab"));
        row("an index ARN", "TagResource",
            QStringLiteral(R"({"ResourceArn": "%1/index/gsi", %2})").arg(arn, one),
            "ValidationException",
            QStringLiteral("One or more parameter values were invalid: Invalid resource arn "
                           "provided, only table or stream is accepted. Provided resource arn: "
                           "%1/index/gsi")
                .arg(arn));
        row("no tags", "TagResource",
            QStringLiteral(
                R"({"ResourceArn": "arn:aws:dynamodb:us-west-2:000000000000:table/Nope", "Tags": []})"),
            "ValidationException",
            QStringLiteral("Atleast one Tag needs to be provided as Input."));
        row("no tag keys", "UntagResource",
            QStringLiteral(R"({"ResourceArn": "%1", "TagKeys": []})").arg(arn),
            "ValidationException",
            QStringLiteral("Atleast one Tag Key needs to be provided as Input."));
        row("aws: prefix", "TagResource",
            QStringLiteral(R"({"ResourceArn": "%1", "Tags": [{"Key": "aws:x", "Value": "1"}]})")
                .arg(arn),
            "ValidationException",
            QStringLiteral("Tag Key cannot be prefixed with aws:, Key: aws:x"));
        row("bad key character", "TagResource",
            QStringLiteral(R"({"ResourceArn": "%1", "Tags": [{"Key": "a!", "Value": "1"}]})")
                .arg(arn),
            "ValidationException", QStringLiteral("The Tag Key provided is invalid, Key: a!"));
        row("emoji value", "TagResource",
            QStringLiteral(
                R"({"ResourceArn": "%1", "Tags": [{"Key": "a", "Value": "\ud83d\ude00"}]})")
                .arg(arn),
            "ValidationException",
            QStringLiteral("The Tag Value provided is invalid, Value: ") + QChar(0xD83D) +
                QChar(0xDE00));
        row("the same key twice", "TagResource",
            QStringLiteral(R"({"ResourceArn": "%1", "Tags": [{"Key": "a", "Value": "1"},
                {"Key": "a", "Value": "2"}]})")
                .arg(arn),
            "ValidationException",
            QStringLiteral("Duplicate Tag Keys provided as input: Duplicate Tag Key found a"));
        row("no such table", "TagResource",
            QStringLiteral(
                R"({"ResourceArn": "arn:aws:dynamodb:us-west-2:000000000000:table/Nope", %1})")
                .arg(one),
            "ResourceNotFoundException",
            QStringLiteral("Requested resource not found: ResourceArn: "
                           "arn:aws:dynamodb:us-west-2:000000000000:table/Nope not found"));
        row("another region's table", "ListTagsOfResource",
            QStringLiteral(
                R"({"ResourceArn": "arn:aws:dynamodb:eu-west-1:000000000000:table/Orders"})"),
            "ResourceNotFoundException",
            QStringLiteral("Requested resource not found: ResourceArn: "
                           "arn:aws:dynamodb:eu-west-1:000000000000:table/Orders not found"));
        row("Tags missing", "TagResource", QStringLiteral(R"({"ResourceArn": "%1"})").arg(arn),
            "ValidationException",
            QStringLiteral("1 validation error detected: Value null at 'tags' failed to satisfy "
                           "constraint: Member must not be null"));
    }

    void errors() {
        QFETCH(QString, op);
        QFETCH(QString, request);
        QFETCH(QString, type);
        QFETCH(QString, message);
        TestEngine t;
        t.create_table("Orders", "id", "S");
        expect_error(t, op.toStdString(), J(request.toStdString()), type.toStdString(),
                     message.toStdString());
        JCOMPARE(tags_of(t), Json::array());
    }

    void fiftyTagsAtMost() {
        TestEngine t;
        t.create_table("Orders", "id", "S");
        Json fifty = Json::array();
        for (int i = 0; i < 50; ++i) fifty.push_back(tag("k" + std::to_string(i), "v"));
        t.ok("TagResource", {{"ResourceArn", kArn}, {"Tags", fifty}});
        t.engine->advance(2'000);
        // Upserting existing keys at 50 is fine; any new key is one too many.
        t.ok("TagResource", {{"ResourceArn", kArn}, {"Tags", {tag("k1", "w")}}});
        t.engine->advance(2'000);
        expect_error(t, "TagResource", {{"ResourceArn", kArn}, {"Tags", {tag("k50", "v")}}},
                     "ValidationException",
                     "Number of Tags exceed the current limit for the provided ResourceArn");
        QCOMPARE(tags_of(t).size(), std::size_t(50));

        // CreateTable: 51 tags create no table; `Tags: []` is accepted.
        Json create = {
            {"TableName", "Big"},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}}};
        create["Tags"] = fifty;
        create["Tags"].push_back(tag("k50", "v"));
        expect_error(t, "CreateTable", create, "ValidationException",
                     "Number of Tags exceed the current limit for the provided ResourceArn");
        QVERIFY(!t.call("DescribeTable", {{"TableName", "Big"}}).ok());
        create["Tags"] = Json::array();
        t.ok("CreateTable", create);
    }

    void tagsArePerReplica() {
        TestEngine t;
        t.create_table("Orders", "id", "S");
        t.ok("UpdateTable", J(R"({"TableName": "Orders",
                 "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})"));
        for (int i = 0; i < 120; ++i) t.engine->advance(1'000);
        t.ok("TagResource", {{"ResourceArn", kArn}, {"Tags", {tag("home", "oregon")}}});
        t.engine->advance(5'000);
        JCOMPARE(tags_of(t), Json::array({tag("home", "oregon")}));
        const std::string dublin = "arn:aws:dynamodb:eu-west-1:000000000000:table/Orders";
        JCOMPARE(t.ok("ListTagsOfResource", {{"ResourceArn", dublin}}, "eu-west-1").at("Tags"),
                 Json::array());
    }
};

QTEST_APPLESS_MAIN(TestTags)
#include "tst_tags.moc"
