// SigV4 as the endpoint checks it with --require-auth: SHA-256 and HMAC-SHA256 against
// their published vectors, the AWS SigV4 test suite, the service's order and texts for
// refused requests, and the endpoint over real sockets (auth off by default).

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "server/request_auth.h"
#include "server/hashes.h"
#include "server/sigv4.h"
#include "tablespan/engine.h"
#include "tablespan/http_server.h"

using namespace tablespan::server;
using tablespan::Json;

namespace {
namespace net = boost::asio;
namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// The AWS SigV4 test suite's key pair and time.
constexpr const char* kSuiteKey = "AKIDEXAMPLE";
constexpr const char* kSuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kSuiteDate = "20150830T123600Z";
constexpr const char* kEmptyHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The key pair the endpoint tests configure.
constexpr const char* kKey = "AKIDTABLESPANTEST";
constexpr const char* kSecret = "tablespan-test-secret";

std::string str(boost::beast::string_view s) {
    return std::string(s.data(), s.size());
}

std::string canonicalHeaders(const Request& req, const std::string& signedHeaders) {
    std::string out;
    std::string_view rest = signedHeaders;
    while (!rest.empty()) {
        const std::size_t semi = rest.find(';');
        const std::string name(rest.substr(0, semi));
        rest.remove_prefix(semi == std::string_view::npos ? rest.size() : semi + 1);
        out += name + ":" + canonical_header_value(str(req[name])) + "\n";
    }
    return out;
}

// Signs `req` as botocore does, with the pieces the suite vectors below pin down.
void sign(Request& req, const std::string& key, const std::string& secret,
          const std::string& amzDate, const std::string& region = "us-west-2",
          const std::string& service = "dynamodb") {
    req.set("X-Amz-Date", amzDate);
    const std::string signedHeaders = "content-type;host;x-amz-date;x-amz-target";
    const std::string date = amzDate.substr(0, 8);
    const std::string scope = date + "/" + region + "/" + service + "/aws4_request";
    const std::string canonical = canonical_request(str(req.method_string()), str(req.target()),
                                                    canonicalHeaders(req, signedHeaders),
                                                    signedHeaders, to_hex(sha256(req.body())));
    const std::string sig = signature(signing_key(secret, date, region, service),
                                      string_to_sign(amzDate, scope, canonical));
    req.set(http::field::authorization, "AWS4-HMAC-SHA256 Credential=" + key + "/" + scope +
                                            ", SignedHeaders=" + signedHeaders +
                                            ", Signature=" + sig);
}

Request listTables(const std::string& host = "localhost:8000") {
    Request req{http::verb::post, "/", 11};
    req.set(http::field::host, host);
    req.set(http::field::content_type, "application/x-amz-json-1.0");
    req.set("X-Amz-Target", "DynamoDB_20120810.ListTables");
    req.body() = "{}";
    req.prepare_payload();
    return req;
}

std::chrono::system_clock::time_point at(const char* amzDate) {
    return *parse_amz_date(amzDate);
}

const Credentials kCredentials = {{kKey, kSecret}};

// The error check_signature gives for `req` at 2026-11-21 12:00:00, "type: message".
std::string refusal(const Request& req, const char* now = "20261121T120000Z") {
    const auto error = check_signature(req, kCredentials, at(now));
    return error ? error->type + ": " + error->message : std::string("accepted");
}

Response roundTrip(std::uint16_t port, Request req) {
    net::io_context io;
    net::ip::tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    Response res;
    http::read(socket, buffer, res);
    return res;
}

std::string nowAmzDate() {
    return format_amz_date(std::chrono::system_clock::now());
}
}  // namespace

class TstSigV4 : public QObject {
    Q_OBJECT

private slots:
    void sha256Vectors_data() {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        // FIPS 180-4 examples (NIST CSRC) and the long-message vector.
        QTest::newRow("empty") << QByteArray()
                               << QByteArray(
                                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7"
                                      "852b855");
        QTest::newRow("abc") << QByteArray("abc")
                             << QByteArray(
                                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f2"
                                    "0015ad");
        QTest::newRow("448 bits")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("a million a")
            << QByteArray(1'000'000, 'a')
            << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
    void sha256Vectors() {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        const std::string_view bytes(message.constData(), message.size());
        QCOMPARE(to_hex(sha256(bytes)), digest.toStdString());
    }

    void hmacSha256Rfc4231_data() {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("mac");
        QTest::newRow("case 1")
            << QByteArray(20, '\x0b') << QByteArray("Hi There")
            << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        QTest::newRow("case 2")
            << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
            << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QTest::newRow("case 6: key longer than a block")
            << QByteArray(131, '\xaa')
            << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
            << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
    void hmacSha256Rfc4231() {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, mac);
        QCOMPARE(to_hex(hmac_sha256({key.constData(), std::size_t(key.size())},
                                    {data.constData(), std::size_t(data.size())})),
                 mac.toStdString());
    }

    // The signing key of AWS's "derive a signing key" example (IAM, 2015-08-30).
    void signingKeyOfTheAwsExample() {
        QCOMPARE(to_hex(signing_key(kSuiteSecret, "20150830", "us-east-1", "iam")),
                 std::string("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"));
    }

    // AWS SigV4 test suite: get-vanilla, get-vanilla-query-order-key-case, post-vanilla.
    void awsTestSuite_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("signature");
        QTest::newRow("get-vanilla")
            << "GET"
            << "/"
            << "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        QTest::newRow("get-vanilla-query-order-key-case")
            << "GET"
            << "/?Param2=value2&Param1=value1"
            << "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500";
        QTest::newRow("post-vanilla")
            << "POST"
            << "/"
            << "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b";
    }
    void awsTestSuite() {
        QFETCH(QString, method);
        QFETCH(QString, target);
        QFETCH(QString, signature);
        const std::string headers = "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n";
        const std::string canonical = canonical_request(method.toStdString(), target.toStdString(),
                                                        headers, "host;x-amz-date", kEmptyHash);
        if (target == QLatin1String("/") && method == QLatin1String("GET"))
            QCOMPARE(
                to_hex(sha256(canonical)),
                std::string("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"));
        const std::string toSign =
            string_to_sign(kSuiteDate, "20150830/us-east-1/service/aws4_request", canonical);
        QCOMPARE(tablespan::server::signature(tablespan::server::signing_key(
                                                  kSuiteSecret, "20150830", "us-east-1", "service"),
                                              toSign),
                 signature.toStdString());
    }

    void canonicalPieces() {
        QCOMPARE(canonical_uri(""), std::string("/"));
        QCOMPARE(canonical_uri("/a/./b/../c//d/"), std::string("/a/c/d/"));
        QCOMPARE(canonical_uri("/a b"), std::string("/a%20b"));
        QCOMPARE(canonical_query("b=2&a=%7e1&a=0&c"), std::string("a=0&a=~1&b=2&c="));
        QCOMPARE(canonical_header_value("  a   b  c "), std::string("a b c"));
        const AuthorizationHeader auth = parse_authorization(
            "AWS4-HMAC-SHA256 Credential=K/d/r/s/t,SignedHeaders=host, Signature=abc");
        QCOMPARE(auth.algorithm, std::string("AWS4-HMAC-SHA256"));
        QCOMPARE(auth.parameters.at("Credential"), std::string("K/d/r/s/t"));
        QCOMPARE(auth.parameters.at("SignedHeaders"), std::string("host"));
        QCOMPARE(auth.parameters.at("Signature"), std::string("abc"));
    }

    void amzDates() {
        QCOMPARE(format_amz_date(at("20150830T123600Z")), std::string("20150830T123600Z"));
        QVERIFY(!parse_amz_date("2015-08-30T12:36:00Z"));
        QVERIFY(!parse_amz_date("20150230T123600Z"));
        QVERIFY(!parse_amz_date("20150830T123600"));
    }

    void theServicesOrderAndTexts_data() {
        QTest::addColumn<int>("tweak");
        QTest::addColumn<QString>("expected");
        const QString mismatch = QStringLiteral(
            "InvalidSignatureException: The request signature we calculated does not match the "
            "signature you provided. Check your AWS Secret Access Key and signing method. "
            "Consult the service documentation for details.");
        QTest::newRow("signed") << 0 << "accepted";
        QTest::newRow("no Authorization")
            << 1 << "MissingAuthenticationTokenException: Request is missing Authentication Token";
        QTest::newRow("not SigV4")
            << 2 << "MissingAuthenticationTokenException: Request is missing Authentication Token";
        QTest::newRow("no parameters, no date")
            << 3
            << "IncompleteSignatureException: Authorization header requires 'Credential' "
               "parameter. Authorization header requires 'Signature' parameter. Authorization "
               "header requires 'SignedHeaders' parameter. Authorization header requires "
               "existence of either a 'X-Amz-Date' or a 'Date' header. "
               "Authorization=AWS4-HMAC-SHA256";
        QTest::newRow("date not ISO basic")
            << 4
            << "IncompleteSignatureException: Date must be in ISO-8601 'basic format'. Got "
               "'2026-11-21'. See http://en.wikipedia.org/wiki/ISO_8601";
        QTest::newRow("expired")
            << 5
            << "InvalidSignatureException: Signature expired: 20261121T114400Z is now earlier "
               "than 20261121T114500Z (20261121T120000Z - 15 min.)";
        QTest::newRow("from the future")
            << 6
            << "InvalidSignatureException: Signature not yet current: 20261121T121600Z is still "
               "later than 20261121T121500Z (20261121T120000Z + 15 min.)";
        QTest::newRow("14 minutes late is fine") << 7 << "accepted";
        QTest::newRow("Host not signed")
            << 8
            << "InvalidSignatureException: 'Host' must be a 'SignedHeader' in the AWS "
               "Authorization.";
        QTest::newRow("unknown algorithm")
            << 9
            << "IncompleteSignatureException: Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' "
               "(only AWS4-HMAC-SHA256 for now). ";
        QTest::newRow("four scope elements")
            << 10
            << "IncompleteSignatureException: Credential must have exactly 5 slash-delimited "
               "elements, e.g. keyid/date/region/service/term, got "
               "'AKIDTABLESPANTEST/20261121/us-west-2/dynamodb'";
        QTest::newRow("bad scope")
            << 11
            << "InvalidSignatureException: Credential should be scoped to a valid region, not "
               "'mars-1'. Credential should be scoped to correct service: 'dynamodb'. Credential "
               "should be scoped with a valid terminator: 'aws4_request', not 'aws4'. Date in "
               "Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
               "'20261120' != '20261121', from '20261121T120000Z'.";
        QTest::newRow("unknown access key")
            << 12
            << "UnrecognizedClientException: The security token included in the request is "
               "invalid.";
        QTest::newRow("wrong secret") << 13 << mismatch;
        QTest::newRow("body changed after signing") << 14 << mismatch;
        QTest::newRow("signed header changed") << 15 << mismatch;
        QTest::newRow("payload hash header that lies") << 16 << mismatch;
    }
    void theServicesOrderAndTexts() {
        QFETCH(int, tweak);
        QFETCH(QString, expected);
        Request req = listTables();
        const std::string date = "20261121T120000Z";
        sign(req, kKey, kSecret,
             tweak == 5   ? "20261121T114400Z"
             : tweak == 6 ? "20261121T121600Z"
             : tweak == 7 ? "20261121T114600Z"
                          : date);
        const std::string auth = str(req[http::field::authorization]);
        const auto replace = [&](const std::string& from, const std::string& to) {
            std::string value = auth;
            value.replace(value.find(from), from.size(), to);
            req.set(http::field::authorization, value);
        };
        switch (tweak) {
            case 1:
                req.erase(http::field::authorization);
                break;
            case 2:
                req.set(http::field::authorization, "Basic dXNlcjpwYXNz");
                break;
            case 3:
                req.set(http::field::authorization, "AWS4-HMAC-SHA256");
                req.erase("X-Amz-Date");
                break;
            case 4:
                req.set("X-Amz-Date", "2026-11-21");
                break;
            case 8:
                replace("content-type;host;", "content-type;");
                break;
            case 9:
                replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512");
                break;
            case 10:
                replace("/aws4_request", "");
                break;
            case 11:
                replace("20261121/us-west-2/dynamodb/aws4_request", "20261120/mars-1/s3/aws4");
                break;
            case 12:
                replace(kKey, "AKIDSOMEONEELSE");
                break;
            case 13:
                sign(req, kKey, "not-the-secret", date);
                break;
            case 14:
                req.body() = R"({"Limit": 1})";
                break;
            case 15:
                req.set(http::field::content_type, "application/json");
                break;
            case 16:
                req.set("x-amz-content-sha256", kEmptyHash);
                break;
            default:
                break;
        }
        QCOMPARE(QString::fromStdString(refusal(req)), expected);
    }

    // The endpoint: off by default; with credentials, the service's error bodies.
    void theEndpointChecksOnlyWhenAsked() {
        QTemporaryDir dir;
        tablespan::EngineOptions options;
        options.data_dir = dir.path().toStdString();
        options.threads = 1;
        std::string error;
        auto engine = tablespan::Engine::open(options, &error);
        QVERIFY2(engine, error.c_str());

        tablespan::HttpServer unguarded(*engine, {.port = 0});
        QVERIFY(unguarded.start().empty());
        Request bogus = listTables();
        bogus.set("X-Amz-Date", nowAmzDate());
        bogus.set(http::field::authorization,
                  "AWS4-HMAC-SHA256 Credential=ANYONE/20261121/us-west-2/dynamodb/aws4_request, "
                  "SignedHeaders=host, Signature=0000");
        QCOMPARE(roundTrip(unguarded.port(), bogus).result_int(), 200u);
        Request unsigned_ = listTables();
        QCOMPARE(roundTrip(unguarded.port(), unsigned_).result_int(), 200u);

        tablespan::HttpServerOptions guarded;
        guarded.port = 0;
        guarded.credentials = std::map<std::string, std::string>{{kKey, kSecret}};
        tablespan::HttpServer server(*engine, guarded);
        QVERIFY(server.start().empty());
        const std::string host = "127.0.0.1:" + std::to_string(server.port());

        Request good = listTables(host);
        sign(good, kKey, kSecret, nowAmzDate());
        Response ok = roundTrip(server.port(), good);
        QCOMPARE(ok.result_int(), 200u);
        QCOMPARE(Json::parse(ok.body()).dump(), std::string(R"({"TableNames":[]})"));

        const auto refused = [&](Request req) {
            Response res = roundTrip(server.port(), std::move(req));
            if (res.result_int() != 400u) return "HTTP " + std::to_string(res.result_int());
            return Json::parse(res.body()).dump();
        };
        Request wrongSecret = listTables(host);
        sign(wrongSecret, kKey, "not-the-secret", nowAmzDate());
        QCOMPARE(refused(wrongSecret),
                 Json({{"__type", "com.amazon.coral.service#InvalidSignatureException"},
                       {"message",
                        "The request signature we calculated does not match the signature you "
                        "provided. Check your AWS Secret Access Key and signing method. Consult "
                        "the service documentation for details."}})
                     .dump());
        Request unknownKey = listTables(host);
        sign(unknownKey, "AKIDSOMEONEELSE", kSecret, nowAmzDate());
        QCOMPARE(refused(unknownKey),
                 Json({{"__type", "com.amazon.coral.service#UnrecognizedClientException"},
                       {"message", "The security token included in the request is invalid."}})
                     .dump());
        QCOMPARE(refused(listTables(host)),
                 Json({{"__type", "com.amazon.coral.service#MissingAuthenticationTokenException"},
                       {"message", "Request is missing Authentication Token"}})
                     .dump());
        // Checked after the wire protocol: an unknown target is still answered as such.
        Request unknownTarget = listTables(host);
        unknownTarget.set("X-Amz-Target", "Nope");
        QCOMPARE(refused(unknownTarget),
                 Json({{"__type", "com.amazon.coral.service#UnknownOperationException"}}).dump());
        // The health check needs no signature.
        Request health{http::verb::get, "/", 11};
        health.set(http::field::host, host);
        QCOMPARE(roundTrip(server.port(), health).result_int(), 200u);
    }
};

QTEST_APPLESS_MAIN(TstSigV4)
#include "tst_sigv4.moc"
