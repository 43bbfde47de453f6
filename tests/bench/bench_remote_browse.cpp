// bench_remote_browse: browsing a table page by page as the console's Items tab does (Scan,
// 200 items a page, LastEvaluatedKey to the next), from the embedded engine and from the
// same engine reached as a remote region (a Tablespan endpoint on loopback, every request
// signed with SigV4 and checked). Issue 19's target: remote pages per second at least 0.8
// of embedded. Beside it, the ceiling of any JSON wire: the embedded browse again, each
// page also written as JSON text and parsed back into a document (what a remote page
// costs at least, with no network, signature, checksum or thread hand-off), and the
// remote rate as a share of that; and where a remote page's time goes. Then the console
// idle on a remote region (an EngineBridge with a remote connection and nothing changing)
// for a few seconds: requests per second, target under 2.
//
// Usage: bench_remote_browse [ITEMS] [DIR]   (default 100000 items, a fresh temporary dir)

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <future>
#include <filesystem>
#include <vector>

#include "bench_util.h"
#include "common/engine_bridge.h"
#include "tablespan/engine.h"
#include "tablespan/http_server.h"
#include "tablespan/remote_client.h"

using tablespan::Json;

namespace {
const char* kRegion = "us-west-2";
constexpr int kPageSize = 200;
constexpr int kRounds = 3;

Json item(long i) {
    return {{"pk", {{"S", "customer#" + std::to_string(i / 50)}}},
            {"sk", {{"N", std::to_string(i % 50)}}},
            {"name", {{"S", "Customer " + std::to_string(i)}}},
            {"email", {{"S", "c" + std::to_string(i) + "@example.com"}}},
            {"orders", {{"N", std::to_string(i % 97)}}},
            {"tags", {{"SS", {"new", "eu", "web"}}}}};
}

// One full browse; returns pages per second, and the items seen.
template <typename Call>
double browse(Call&& call, long* items) {
    const auto start = std::chrono::steady_clock::now();
    Json request = {{"TableName", "browse"}, {"Limit", kPageSize}};
    long pages = 0;
    *items = 0;
    for (;;) {
        const tablespan::Result r = call(request);
        if (!r.ok()) {
            std::fprintf(stderr, "Scan: %s: %s\n", r.error->type.c_str(), r.error->message.c_str());
            std::exit(1);
        }
        ++pages;
        *items += r.body["Count"].get<long>();
        if (!r.body.contains("LastEvaluatedKey")) break;
        request["ExclusiveStartKey"] = r.body["LastEvaluatedKey"];
    }
    return static_cast<double>(pages) / bench::seconds_since(start);
}

template <typename Call>
double median_browse(Call&& call, long expected) {
    std::vector<double> rates;
    for (int round = 0; round < kRounds; ++round) {
        long items = 0;
        rates.push_back(browse(call, &items));
        if (items != expected) {
            std::fprintf(stderr, "browsed %ld items, expected %ld\n", items, expected);
            std::exit(1);
        }
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const long count = argc > 1 ? std::atol(argv[1]) : 100'000;
    const std::string dir = argc > 2 ? argv[2]
                                     : (std::filesystem::temp_directory_path() /
                                        ("bench_remote_browse_" + std::to_string(::getpid())))
                                           .string();
    std::filesystem::remove_all(dir);

    tablespan::EngineOptions options;
    options.data_dir = dir;
    options.clock = std::make_shared<tablespan::SystemClock>(1000.0);
    std::string error;
    auto engine = tablespan::Engine::open(options, &error);
    if (!engine) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    auto must = [&](const char* op, const Json& request) {
        auto r = engine->call_sync(kRegion, op, request);
        if (!r.ok()) {
            std::fprintf(stderr, "%s: %s\n", op, r.error->message.c_str());
            std::exit(1);
        }
        return r.body;
    };
    must("CreateTable", {{"TableName", "browse"},
                         {"AttributeDefinitions",
                          {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                           {{"AttributeName", "sk"}, {"AttributeType", "N"}}}},
                         {"KeySchema",
                          {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
                           {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
                         {"BillingMode", "PAY_PER_REQUEST"}});
    while (must("DescribeTable", {{"TableName", "browse"}})["Table"]["TableStatus"] != "ACTIVE") {
    }
    bench::Pipeline pipeline(64);
    for (long i = 0; i < count; i += 25) {
        Json writes = Json::array();
        for (long j = i; j < std::min(count, i + 25); ++j)
            writes.push_back({{"PutRequest", {{"Item", item(j)}}}});
        pipeline.acquire();
        engine->call(kRegion, "BatchWriteItem", {{"RequestItems", {{"browse", writes}}}},
                     [&](tablespan::Result r) { pipeline.release(r.ok()); });
    }
    pipeline.drain();

    const double embedded = median_browse(
        [&](const Json& request) { return engine->call_sync(kRegion, "Scan", request); }, count);
    const double wire = median_browse(
        [&](const Json& request) {
            tablespan::Result r = engine->call_sync(kRegion, "Scan", request);
            r.body = Json::parse(r.body.dump());
            return r;
        },
        count);

    // Where a remote page's time goes (printed after the ratio): the endpoint's engine
    // call, which writes the Items as text (CallOptions::items_as_text), and the client's
    // parse of that text back into a document.
    std::vector<std::string> pageTexts;
    const double textPages = median_browse(
        [&](const Json& request) {
            std::promise<tablespan::Result> answer;
            engine->call(
                kRegion, "Scan", request,
                [&](tablespan::Result r) { answer.set_value(std::move(r)); },
                tablespan::CallOptions{/*items_as_text=*/true});
            tablespan::Result r = answer.get_future().get();
            if (pageTexts.size() < 500) pageTexts.push_back(std::move(r.items_text));
            return r;
        },
        count);
    const auto parseStart = std::chrono::steady_clock::now();
    std::size_t parsedItems = 0;
    for (const std::string& text : pageTexts) parsedItems += Json::parse(text).size();
    const double parsedPages =
        static_cast<double>(pageTexts.size()) / bench::seconds_since(parseStart);

    tablespan::HttpServerOptions serverOptions;
    serverOptions.port = 0;
    serverOptions.credentials = std::map<std::string, std::string>{{"AKIDBENCH", "bench-secret"}};
    tablespan::HttpServer server(*engine, serverOptions);
    if (const std::string failed = server.start(); !failed.empty()) {
        std::fprintf(stderr, "%s\n", failed.c_str());
        return 1;
    }
    tablespan::RemoteEndpoint endpoint;
    endpoint.url = server.url();
    endpoint.access_key_id = "AKIDBENCH";
    endpoint.secret_access_key = "bench-secret";
    tablespan::RemoteClient client(endpoint);
    const double remote = median_browse(
        [&](const Json& request) { return client.call_sync(kRegion, "Scan", request); }, count);
    std::printf(
        "{\"name\": \"remote_browse_pages\", \"items\": %ld, \"page_size\": %d, "
        "\"ops_per_sec\": %.1f, \"baseline_ops_per_sec\": %.1f, \"ratio\": %.3f, "
        "\"target\": 0.8}\n",
        count, kPageSize, remote, embedded, remote / embedded);
    std::printf(
        "{\"name\": \"json_wire_ceiling\", \"ops_per_sec\": %.1f, \"baseline_ops_per_sec\": "
        "%.1f, \"ratio\": %.3f, \"remote_of_ceiling\": %.3f}\n",
        wire, embedded, wire / embedded, remote / wire);
    // A one-item page's round trip, remote and embedded: the fixed cost of a remote call
    // (two processes' worth of thread hand-offs, the socket, signing and checking).
    auto roundTripUs = [&](auto&& call) {
        constexpr int kCalls = 2000;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < kCalls; ++i) call({{"TableName", "browse"}, {"Limit", 1}});
        return bench::seconds_since(start) / kCalls * 1e6;
    };
    const double remoteRoundTrip =
        roundTripUs([&](const Json& r) { return client.call_sync(kRegion, "Scan", r); });
    const double embeddedRoundTrip =
        roundTripUs([&](const Json& r) { return engine->call_sync(kRegion, "Scan", r); });
    std::printf(
        "{\"name\": \"remote_page_parts\", \"endpoint_engine_pages_per_sec\": %.1f, "
        "\"client_parse_pages_per_sec\": %.1f, \"remote_one_item_round_trip_us\": %.1f, "
        "\"embedded_one_item_round_trip_us\": %.1f, \"parsed_items\": %zu}\n",
        textPages, parsedPages, remoteRoundTrip, embeddedRoundTrip, parsedItems);
    std::fflush(stdout);

    {
        // The console idle on a remote region: nothing changes, nothing should be asked.
        EngineBridge bridge(*engine);
        long remoteRequests = 0;
        QObject::connect(&bridge, &EngineBridge::requestsCompleted,
                         [&](const QList<RequestRecord>& records) {
                             for (const RequestRecord& r : records)
                                 if (EngineBridge::isRemoteRegion(r.region)) ++remoteRequests;
                         });
        bridge.addConnection(QStringLiteral("bench"), {QStringLiteral("us-west-2")},
                             std::make_unique<tablespan::RemoteClient>(endpoint));
        // What a console does on choosing the region: list and describe its tables once.
        bridge.call(QStringLiteral("us-west-2@bench"), QStringLiteral("ListTables"), Json::object(),
                    nullptr);
        bridge.call(QStringLiteral("us-west-2@bench"), QStringLiteral("DescribeTable"),
                    {{"TableName", "browse"}}, nullptr);
        constexpr int kIdleMs = 5000;
        long afterSetup = 0;
        QTimer::singleShot(500, [&] { afterSetup = remoteRequests; });
        QTimer::singleShot(500 + kIdleMs, &app, &QCoreApplication::quit);
        app.exec();
        std::printf(
            "{\"name\": \"remote_idle_requests_per_sec\", \"seconds\": %.1f, \"requests\": %ld, "
            "\"per_sec\": %.2f, \"target_below\": 2}\n",
            kIdleMs / 1000.0, remoteRequests - afterSetup,
            static_cast<double>(remoteRequests - afterSetup) / (kIdleMs / 1000.0));
        std::fflush(stdout);
    }  // the bridge goes before the engine it subscribed to
    std::printf("{\"name\": \"peak_rss_mb\", \"value\": %.1f}\n", bench::peak_rss_mb());
    server.stop();
    engine.reset();
    std::filesystem::remove_all(dir);
    return 0;
}
