// The remote client's three retry modes, as the AWS SDKs have them, and the settings that
// choose them, read as the AWS CLI reads them.
//
// Sources: the AWS SDKs and Tools Reference Guide, "Retry behavior"; botocore's
// data/_retry.json (the legacy policy for DynamoDB: 10 attempts, 50 ms doubling, and its
// codes), retries/standard.py (the standard lists; ModeledRetryableChecker retries what
// the service model marks retryable: DynamoDB's ReplicatedWriteConflictException) and
// retries/adaptive.py, bucket.py, throttling.py (the rate limiter and CUBIC's constants).
// The settings' error texts are what Debian 12's AWS CLI 2.9.19 printed on this machine
// for AWS_RETRY_MODE=foo, AWS_RETRY_MODE= (empty), AWS_RETRY_MODE=Standard,
// AWS_MAX_ATTEMPTS=0 and AWS_MAX_ATTEMPTS=abc.

#include <QTest>

#include <chrono>
#include <cmath>
#include <mutex>
#include <vector>

#include "aws_home_fixture.h"
#include "remote/rate_limiter.h"
#include "remote/retry_policy.h"
#include "scripted_server.h"
#include "tablespan/remote_client.h"

using tablespan::Json;
using tablespan::RemoteCallRecord;
using tablespan::RemoteClient;
using tablespan::RemoteEndpoint;
using tablespan::Result;
using tablespan::RetryMode;
using test_support::ScriptedServer;

namespace {

const std::string kThrottled =
    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
    "\"message\":\"The level of configured provisioned throughput for the table was exceeded. "
    "Consider increasing your provisioning level with the UpdateTable API.\"}";
const std::string kConflict =
    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ReplicatedWriteConflictException\","
    "\"message\":\"One or more items in this request are being modified by a request in "
    "another Region.\"}";

// Unsigned, with backoffs of a few milliseconds at most.
RemoteEndpoint endpoint(const std::string& url, RetryMode mode) {
    RemoteEndpoint e;
    e.url = url;
    e.retry_mode = mode;
    e.retry_base = std::chrono::milliseconds(1);
    e.throttling_retry_base = std::chrono::milliseconds(1);
    e.legacy_retry_base = std::chrono::milliseconds(1);
    e.max_backoff = std::chrono::milliseconds(4);
    return e;
}

std::deque<ScriptedServer::Reply> repeat(int times, ScriptedServer::Reply reply) {
    return std::deque<ScriptedServer::Reply>(static_cast<std::size_t>(times), reply);
}

struct LastRecord {
    std::mutex mutex;
    RemoteCallRecord record;
    void watch(RemoteClient& client) {
        client.set_observer([this](const RemoteCallRecord& r) {
            std::lock_guard lock(mutex);
            record = r;
        });
    }
    RemoteCallRecord get() {
        std::lock_guard lock(mutex);
        return record;
    }
};

}  // namespace

class TstRemoteRetryModes : public QObject {
    Q_OBJECT

private slots:
    // Legacy: botocore's DynamoDB policy gives ten attempts, and a throttled call that
    // succeeds at the tenth still succeeds.
    void theLegacyModeMakesTenAttempts() {
        {
            auto replies = repeat(9, {400, kThrottled});
            replies.push_back({200, R"({"TableNames":["Ten"]})"});
            ScriptedServer server(replies);
            RemoteClient client(endpoint(server.url(), RetryMode::Legacy));
            Result r = client.call_sync("us-east-1", "ListTables", Json::object());
            QVERIFY(r.ok());
            QCOMPARE(r.body["TableNames"][0].get<std::string>(), "Ten");
            QCOMPARE(server.requests(), 10);
        }
        {
            ScriptedServer server(repeat(12, {400, kThrottled}));
            RemoteClient client(endpoint(server.url(), RetryMode::Legacy));
            LastRecord last;
            last.watch(client);
            Result r = client.call_sync("us-east-1", "ListTables", Json::object());
            QCOMPARE(r.error->type, "ProvisionedThroughputExceededException");
            QCOMPARE(server.requests(), 10);
            QCOMPARE(last.get().attempts, 10);
        }
        // The standard mode gives up after three.
        ScriptedServer server(repeat(12, {400, kThrottled}));
        RemoteClient client(endpoint(server.url(), RetryMode::Standard));
        QCOMPARE(client.call_sync("us-east-1", "ListTables", Json::object()).error->type,
                 "ProvisionedThroughputExceededException");
        QCOMPARE(server.requests(), 3);
    }

    // What each mode retries differs where botocore's lists differ.
    void theModesRetryWhatTheSdksRetry() {
        using tablespan::Error;
        using tablespan::remote::classify;
        using tablespan::remote::classify_legacy;
        using tablespan::remote::RetryKind;
        const auto error = [](std::string type, int status) {
            Error e;
            e.type = std::move(type);
            e.http_status = status;
            return e;
        };
        // DynamoDB's model marks a replicated write conflict retryable; legacy names it.
        QCOMPARE(classify(error("ReplicatedWriteConflictException", 409)), RetryKind::Transient);
        QCOMPARE(classify_legacy(error("ReplicatedWriteConflictException", 409)),
                 RetryKind::Transient);
        // 509 and 429 only in legacy; TooManyRequestsException only in standard.
        QCOMPARE(classify(error("Unknown", 509)), RetryKind::None);
        QCOMPARE(classify_legacy(error("Unknown", 509)), RetryKind::Transient);
        QCOMPARE(classify_legacy(error("Unknown", 429)), RetryKind::Throttling);
        QCOMPARE(classify(error("TooManyRequestsException", 400)), RetryKind::Throttling);
        QCOMPARE(classify_legacy(error("TooManyRequestsException", 400)), RetryKind::None);
        // A read timeout: the quota's dearer kind in standard, a socket error in legacy.
        QCOMPARE(classify(error("ReadTimeoutError", 0)), RetryKind::Timeout);
        QCOMPARE(classify_legacy(error("ReadTimeoutError", 0)), RetryKind::Transient);
        QCOMPARE(classify_legacy(error("SSLError", 0)), RetryKind::None);
        QCOMPARE(classify_legacy(error("ValidationException", 400)), RetryKind::None);

        // Legacy delays double from 50 ms without jitter: 50, 100, ... 12.8 s.
        using namespace std::chrono_literals;
        QCOMPARE(tablespan::remote::legacy_backoff(1, 50ms), 50ms);
        QCOMPARE(tablespan::remote::legacy_backoff(2, 50ms), 100ms);
        QCOMPARE(tablespan::remote::legacy_backoff(9, 50ms), 12800ms);
    }

    // A write refused because another region writes the same item is tried again, as the
    // SDKs do, and the second try's answer is the call's.
    void aReplicatedWriteConflictIsTriedAgain() {
        ScriptedServer server({{409, kConflict}, {200, "{}"}});
        RemoteClient client(endpoint(server.url(), RetryMode::Standard));
        QVERIFY(client
                    .call_sync("us-east-1", "PutItem",
                               {{"TableName", "t"}, {"Item", {{"pk", {{"S", "a"}}}}}})
                    .ok());
        QCOMPARE(server.requests(), 2);
    }

    // max_attempts replaces the mode's default; 1 means no retry at all.
    void maxAttemptsReplacesTheModesDefault() {
        {
            auto replies = repeat(4, {400, kThrottled});
            replies.push_back({200, "{}"});
            ScriptedServer server(replies);
            RemoteEndpoint e = endpoint(server.url(), RetryMode::Standard);
            e.max_attempts = 5;
            RemoteClient client(e);
            QVERIFY(client.call_sync("us-east-1", "ListTables", Json::object()).ok());
            QCOMPARE(server.requests(), 5);
        }
        ScriptedServer server(repeat(3, {500, R"({"__type":"InternalServerError"})"}));
        RemoteEndpoint e = endpoint(server.url(), RetryMode::Legacy);
        e.max_attempts = 1;
        RemoteClient client(e);
        QCOMPARE(client.call_sync("us-east-1", "ListTables", Json::object()).error->http_status,
                 500);
        QCOMPARE(server.requests(), 1);
    }

    // The adaptive limiter stays off until throttled; then it cuts the send rate to 0.7 of
    // what was measured and spaces requests at that rate; while answers succeed the rate
    // grows back along the cubic curve to the old maximum, K seconds after the cut.
    void theAdaptiveLimiterFollowsCubic() {
        tablespan::remote::RateLimiter limiter(1000.0);
        double now = 1000.0;
        // 20 answers a second for 3 s: never held back, the measured rate settles near 20.
        for (int i = 0; i < 60; ++i) {
            QCOMPARE(limiter.acquire(now), 0.0);
            limiter.record(false, now);
            now += 0.05;
        }
        QVERIFY(!limiter.enabled());
        QVERIFY2(limiter.measured_rate() > 18 && limiter.measured_rate() < 22,
                 std::to_string(limiter.measured_rate()).c_str());

        limiter.record(true, now);
        QVERIFY(limiter.enabled());
        const double wMax = limiter.measured_rate();  // the rate when throttled
        QCOMPARE(limiter.send_rate(), wMax * 0.7);
        // A burst at one instant: the bucket holds at most one second's worth
        // (max(rate, 1) tokens), then each further request waits another 1/rate.
        const double rate = limiter.send_rate();
        std::vector<double> waits;
        for (int i = 0; i < 30; ++i) waits.push_back(limiter.acquire(now));
        QCOMPARE(waits.front(), 0.0);
        QVERIFY(waits.back() > 0);
        for (std::size_t i = 1; i < waits.size(); ++i)
            if (waits[i - 1] > 0) QVERIFY(std::abs(waits[i] - waits[i - 1] - 1 / rate) < 1e-9);

        // K = cbrt(W_max × (1 − 0.7) / 0.4): K seconds after the cut, with answers
        // succeeding meanwhile, the rate is back at W_max.
        const double k = std::cbrt(wMax * 0.3 / 0.4);
        const double cut = now;
        for (now = cut + 0.05; now < cut + k; now += 0.05) {
            limiter.record(false, now);
            QVERIFY(limiter.send_rate() <= wMax + 1e-9);
        }
        limiter.record(false, cut + k);
        QVERIFY2(std::abs(limiter.send_rate() - wMax) < 1e-6,
                 (std::to_string(limiter.send_rate()) + " vs " + std::to_string(wMax)).c_str());
        // Never below half a request a second, however often throttled.
        for (int i = 0; i < 50; ++i) limiter.record(true, now += 0.01);
        QCOMPARE(limiter.send_rate(), 0.5);
    }

    // Adaptive against an endpoint: no limit while answers succeed; a throttling answer
    // turns the limiter on, and a burst then waits for its tokens (the Activity record
    // says how long) instead of being throttled again.
    void theAdaptiveModeHoldsCallsBackOnceThrottled() {
        auto replies = repeat(3, {200, "{}"});
        replies.push_back({400, kThrottled});
        ScriptedServer server(replies);
        RemoteClient client(endpoint(server.url(), RetryMode::Adaptive));
        LastRecord last;
        last.watch(client);
        for (int i = 0; i < 3; ++i)
            QVERIFY(client.call_sync("us-east-1", "ListTables", Json::object()).ok());
        QVERIFY(!client.adaptive_send_rate());
        QCOMPARE(last.get().rate_limited_ms, 0.0);

        // Throttled, then retried: the call succeeds, the limiter is on.
        QVERIFY(client.call_sync("us-east-1", "ListTables", Json::object()).ok());
        QCOMPARE(last.get().attempts, 2);
        QVERIFY(client.adaptive_send_rate());
        QVERIFY(*client.adaptive_send_rate() >= 0.5);
        // The bucket holds at most max(rate, 1) tokens: two more calls at once cannot both
        // go without waiting.
        double held = 0;
        for (int i = 0; i < 2; ++i) {
            QVERIFY(client.call_sync("us-east-1", "ListTables", Json::object()).ok());
            held += last.get().rate_limited_ms;
        }
        QVERIFY2(held > 0, std::to_string(held).c_str());
        QCOMPARE(server.requests(), 7);
    }

    // ---- The settings, as the AWS CLI reads them ----

    void theCliDefaultIsStandardMode() {
        aws_test::Home home;
        const auto s = tablespan::resolve_aws_retry(home.env());
        QCOMPARE(s.mode, RetryMode::Standard);
        QCOMPARE(s.max_attempts, 0);
        QVERIFY(s.error.empty());
        QVERIFY(s.mode_source.empty());
    }

    // The environment variables first, then the profile's settings; the credentials
    // file's over the config file's.
    void variablesThenTheProfile() {
        aws_test::Home home;
        home.writeConfig(
            "[default]\n"
            "retry_mode = adaptive\n"
            "max_attempts = 7\n"
            "[profile legacy]\n"
            "retry_mode = legacy\n"
            "max_attempts = 4\n");
        home.writeCredentials("[legacy]\nmax_attempts = 6\n");
        auto s = tablespan::resolve_aws_retry(home.env());
        QCOMPARE(s.mode, RetryMode::Adaptive);
        QCOMPARE(s.max_attempts, 7);
        QCOMPARE(aws_test::q(s.mode_source),
                 home.expand(QStringLiteral("profile default in {config}")));

        s = tablespan::resolve_aws_retry(home.env(), "legacy");
        QCOMPARE(s.mode, RetryMode::Legacy);
        QCOMPARE(s.max_attempts, 6);
        QCOMPARE(aws_test::q(s.max_attempts_source),
                 home.expand(QStringLiteral("profile legacy in {credentials}")));

        s = tablespan::resolve_aws_retry(home.env({QStringLiteral("AWS_RETRY_MODE=standard"),
                                                   QStringLiteral("AWS_MAX_ATTEMPTS= 2 ")}),
                                         "legacy");
        QCOMPARE(s.mode, RetryMode::Standard);
        QCOMPARE(s.max_attempts, 2);
        QCOMPARE(s.mode_source, "AWS_RETRY_MODE");
        QCOMPARE(s.max_attempts_source, "AWS_MAX_ATTEMPTS");

        s = tablespan::resolve_aws_retry(home.env({QStringLiteral("AWS_PROFILE=legacy")}));
        QCOMPARE(s.mode, RetryMode::Legacy);
    }

    void invalidSettingsAreRefusedAsTheCliRefusesThem_data() {
        QTest::addColumn<QStringList>("variables");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown mode") << QStringList{QStringLiteral("AWS_RETRY_MODE=foo")}
                                      << QStringLiteral(
                                             "Invalid value provided to \"mode\": \"foo\" must be "
                                             "one of: ('legacy', 'standard', 'adaptive')");
        QTest::newRow("empty mode") << QStringList{QStringLiteral("AWS_RETRY_MODE=")}
                                    << QStringLiteral(
                                           "Invalid value provided to \"mode\": \"\" must be one "
                                           "of: ('legacy', 'standard', 'adaptive')");
        QTest::newRow("capitalised mode")
            << QStringList{QStringLiteral("AWS_RETRY_MODE=Standard")}
            << QStringLiteral(
                   "Invalid value provided to \"mode\": \"Standard\" must be one of: ('legacy', "
                   "'standard', 'adaptive')");
        QTest::newRow("zero attempts")
            << QStringList{QStringLiteral("AWS_MAX_ATTEMPTS=0")}
            << QStringLiteral(
                   "Value provided to \"max_attempts\": 0 must be an integer greater than or "
                   "equal to 1.");
        QTest::newRow("not a number")
            << QStringList{QStringLiteral("AWS_MAX_ATTEMPTS=abc")}
            << QStringLiteral("invalid literal for int() with base 10: 'abc'");
        QTest::newRow("missing profile")
            << QStringList{QStringLiteral("AWS_PROFILE=nowhere")}
            << QStringLiteral("The config profile (nowhere) could not be found");
    }
    void invalidSettingsAreRefusedAsTheCliRefusesThem() {
        QFETCH(QStringList, variables);
        QFETCH(QString, error);
        aws_test::Home home;
        const auto s = tablespan::resolve_aws_retry(home.env(variables));
        QCOMPARE(aws_test::q(s.error), error);
        QCOMPARE(s.mode, RetryMode::Standard);
        QCOMPARE(s.max_attempts, 0);
    }

    // A setting in the profile is checked the same way as the variable.
    void anInvalidProfileSettingIsAnError() {
        aws_test::Home home;
        home.writeConfig("[default]\nmax_attempts = -1\n");
        QCOMPARE(aws_test::q(tablespan::resolve_aws_retry(home.env()).error),
                 QStringLiteral("Value provided to \"max_attempts\": -1 must be an integer "
                                "greater than or equal to 1."));
    }
};

QTEST_APPLESS_MAIN(TstRemoteRetryModes)
#include "tst_remote_retry_modes.moc"
