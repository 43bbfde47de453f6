#include "tablespan/remote_client.h"

// GCC 12 warns that Asio's coroutine frames are freed by a mismatched operator delete:
// a known false positive (the frame's operator new and delete are a matching pair of
// Asio's recycling allocator).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "remote/endpoint_url.h"
#include "remote/request_signer.h"
#include "remote/rate_limiter.h"
#include "remote/retry_policy.h"
#include "server/hashes.h"

namespace tablespan {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

constexpr std::size_t kMaxIdlePerHost = 8;

// Seconds on the steady clock, for the adaptive mode's rate limiter.
double seconds_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
constexpr std::uint64_t kMaxResponseBytes = 64ull * 1024 * 1024;

// One keep-alive connection, plain or TLS.
struct Connection {
    std::unique_ptr<beast::tcp_stream> plain;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;

    beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

Error client_error(std::string type, std::string message, const beast::error_code& ec = {}) {
    Error error{std::move(type), std::move(message), 0, Json::object()};
    if (ec) error.extra["reason"] = ec.message();
    return error;
}

std::string quoted(const remote::EndpointUrl& url) {
    return "\"" + url.text() + "\"";
}

// The target prefix and SigV4 service of an operation, as Engine::call names them:
// DynamoDB's, DynamoDB Streams' ("dynamodb" too) and the simulated KMS's ("kms:<Op>").
struct Target {
    std::string header;
    std::string service;  // SigV4's
    std::string host;     // remote::service_url's: Amazon has a host per service
};
Target target_of(std::string_view operation) {
    if (operation.rfind("kms:", 0) == 0)
        return {"TrentService." + std::string(operation.substr(4)), "kms", "kms"};
    if (operation == "ListStreams" || operation == "DescribeStream" ||
        operation == "GetShardIterator" || operation == "GetRecords")
        return {"DynamoDBStreams_20120810." + std::string(operation), "dynamodb", "streams"};
    return {"DynamoDB_20120810." + std::string(operation), "dynamodb", "dynamodb"};
}

// A service error body: {"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFound
// Exception","message":"…"} (some services write "Message"). An answer that is not such
// a body is named by its HTTP status, as botocore names it.
Error service_error(const Response& response) {
    Error error{{}, {}, static_cast<int>(response.result_int()), Json::object()};
    const Json body = Json::parse(response.body(), nullptr, false);
    if (body.is_object()) {
        if (auto it = body.find("__type"); it != body.end() && it->is_string()) {
            const std::string type = it->get<std::string>();
            error.type =
                type.substr(type.rfind('#') == std::string::npos ? 0 : type.rfind('#') + 1);
        }
        for (const auto& [key, value] : body.items()) {
            if (key == "__type") continue;
            if ((key == "message" || key == "Message") && value.is_string())
                error.message = value.get<std::string>();
            else
                error.extra[key] = value;
        }
    }
    if (error.type.empty()) {
        error.type = std::to_string(response.result_int());
        error.message = std::string(response.reason());
    }
    return error;
}

bool stale_connection(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == asio::ssl::error::stream_truncated;
}

}  // namespace

class RemoteClientImpl {
public:
    explicit RemoteClientImpl(RemoteEndpoint endpoint)
        : endpoint_(std::move(endpoint)),
          work_(asio::make_work_guard(io_)),
          tls_(ssl::context::tls_client) {
        tls_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1);
        tls_.set_verify_mode(ssl::verify_peer);
        beast::error_code ec;
        tls_.set_default_verify_paths(ec);
        if (!endpoint_.ca_file.empty()) {
            tls_.load_verify_file(endpoint_.ca_file, ec);
            if (ec)
                tls_setup_error_ = "Cannot read the certificate authorities in " +
                                   endpoint_.ca_file + ": " + ec.message();
        }
        thread_ = std::thread([this] { io_.run(); });
    }

    ~RemoteClientImpl() {
        work_.reset();
        io_.stop();
        thread_.join();
    }

    void call(std::string region, std::string operation, std::string table, std::string body,
              ResultCallback callback) {
        ++in_flight_;
        asio::co_spawn(io_,
                       run(std::move(region), std::move(operation), std::move(table),
                           std::move(body), std::move(callback)),
                       asio::detached);
    }

    RemoteEndpoint endpoint_;
    std::atomic<std::size_t> in_flight_{0};
    std::mutex observer_mutex_;
    std::function<void(const RemoteCallRecord&)> observer_;
    remote::RateLimiter limiter_{seconds_now()};  // the adaptive mode's

private:
    awaitable<void> run(std::string region, std::string operation, std::string table,
                        std::string body, ResultCallback callback);
    awaitable<Result> attempt(const remote::EndpointUrl& url, const std::string& region,
                              const std::string& operation, const std::string& body);
    awaitable<std::unique_ptr<Connection>> connect(const remote::EndpointUrl& url,
                                                   std::optional<Error>* error);
    std::unique_ptr<Connection> take_idle(const std::string& key);
    void put_idle(const std::string& key, std::unique_ptr<Connection> connection);

    asio::io_context io_{1};
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    ssl::context tls_;
    std::string tls_setup_error_;
    remote::RetryQuota quota_;
    // Only on the client's thread:
    std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;
    std::mt19937_64 random_{std::random_device{}()};
    std::thread thread_;
};

awaitable<void> RemoteClientImpl::run(std::string region, std::string operation, std::string table,
                                      std::string body, ResultCallback callback) {
    const auto started = std::chrono::steady_clock::now();
    Result result;
    int attempts = 0;
    double rate_limited_ms = 0;
    std::string url_error;
    const auto url = remote::parse_endpoint_url(
        remote::service_url(remote::fill_region(endpoint_.url, region), target_of(operation).host),
        &url_error);
    if (!url) {
        result.error = client_error("InvalidEndpointURL", url_error);
    } else {
        const RetryMode mode = endpoint_.retry_mode;
        const int max_attempts = endpoint_.max_attempts > 0  ? endpoint_.max_attempts
                                 : mode == RetryMode::Legacy ? 10
                                                             : 3;
        int retry_cost = 0;
        for (int attempt_number = 1;; ++attempt_number) {
            attempts = attempt_number;
            if (mode == RetryMode::Adaptive) {
                const double wait = limiter_.acquire(seconds_now());
                if (wait > 0) {
                    rate_limited_ms += wait * 1000;
                    asio::steady_timer hold(io_);
                    hold.expires_after(
                        std::chrono::microseconds(static_cast<long long>(wait * 1e6)));
                    co_await hold.async_wait(use_awaitable);
                }
            }
            result = co_await attempt(*url, region, operation, body);
            if (mode == RetryMode::Adaptive)
                limiter_.record(!result.ok() && remote::classify(*result.error) ==
                                                    remote::RetryKind::Throttling,
                                seconds_now());
            if (result.ok()) {
                if (mode != RetryMode::Legacy) quota_.release(retry_cost);
                break;
            }
            const remote::RetryKind kind = mode == RetryMode::Legacy
                                               ? remote::classify_legacy(*result.error)
                                               : remote::classify(*result.error);
            if (kind == remote::RetryKind::None || attempt_number >= max_attempts) break;
            // The legacy mode has no retry quota.
            if (mode != RetryMode::Legacy && !quota_.acquire(kind, &retry_cost)) break;
            std::uniform_real_distribution<double> unit(0.0, 1.0);
            asio::steady_timer delay(io_);
            delay.expires_after(
                mode == RetryMode::Legacy
                    ? remote::legacy_backoff(attempt_number, endpoint_.legacy_retry_base)
                    : remote::backoff(attempt_number, kind, endpoint_.retry_base,
                                      endpoint_.throttling_retry_base, endpoint_.max_backoff,
                                      unit(random_)));
            co_await delay.async_wait(use_awaitable);
        }
    }
    RemoteCallRecord record{
        region,
        operation,
        table,
        std::chrono::system_clock::now(),
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count(),
        attempts,
        rate_limited_ms,
        result.error};
    {
        std::lock_guard lock(observer_mutex_);
        if (observer_) observer_(record);
    }
    --in_flight_;
    callback(std::move(result));
}

awaitable<Result> RemoteClientImpl::attempt(const remote::EndpointUrl& url,
                                            const std::string& region, const std::string& operation,
                                            const std::string& body) {
    const Target target = target_of(operation);
    Request request{http::verb::post, url.target, 11};
    request.set(http::field::host, url.host_header());
    request.set(http::field::content_type, "application/x-amz-json-1.0");
    request.set("X-Amz-Target", target.header);
    request.set(http::field::user_agent, "Tablespan/0.1");
    request.body() = body;
    request.prepare_payload();
    if (!endpoint_.access_key_id.empty())
        remote::sign_request(
            request, region, target.service,
            {endpoint_.access_key_id, endpoint_.secret_access_key, endpoint_.session_token},
            std::chrono::system_clock::now());

    const std::string key = url.text();
    // A kept-alive connection the server has closed meanwhile fails at once: one more
    // try on a fresh connection, not counted as a retry.
    for (int fresh_try = 0; fresh_try < 2; ++fresh_try) {
        std::unique_ptr<Connection> connection = take_idle(key);
        const bool reused = connection != nullptr;
        if (!connection) {
            std::optional<Error> error;
            connection = co_await connect(url, &error);
            if (!connection) co_return Result{std::move(error), Json()};
        }
        Response response;
        beast::error_code ec;
        try {
            connection->tcp().expires_after(endpoint_.timeout);
            http::response_parser<http::string_body> parser;
            parser.body_limit(kMaxResponseBytes);
            if (connection->tls) {
                co_await http::async_write(*connection->tls, request, use_awaitable);
                co_await http::async_read(*connection->tls, connection->buffer, parser,
                                          use_awaitable);
            } else {
                co_await http::async_write(*connection->plain, request, use_awaitable);
                co_await http::async_read(*connection->plain, connection->buffer, parser,
                                          use_awaitable);
            }
            response = parser.release();
        } catch (const boost::system::system_error& e) {
            ec = e.code();
        }
        if (ec) {
            if (reused && fresh_try == 0 && stale_connection(ec)) continue;
            if (ec == beast::error::timeout)
                co_return Result{client_error("ReadTimeoutError",
                                              "Read timeout on endpoint URL: " + quoted(url), ec),
                                 Json()};
            co_return Result{
                client_error("ConnectionClosedError",
                             "Connection was closed before we received a valid response from "
                             "endpoint URL: " +
                                 quoted(url) + ".",
                             ec),
                Json()};
        }
        connection->tcp().expires_never();
        if (response.keep_alive()) put_idle(key, std::move(connection));

        // botocore checks DynamoDB's x-amz-crc32 before it believes an answer.
        const auto crc = response.find("x-amz-crc32");
        if (crc != response.end() && std::string_view(crc->value().data(), crc->value().size()) !=
                                         std::to_string(server::crc32(response.body())))
            co_return Result{
                client_error("ChecksumError", "The CRC32 of the answer from " + quoted(url) +
                                                  " does not match its x-amz-crc32 header."),
                Json()};
        if (response.result() != http::status::ok)
            co_return Result{service_error(response), Json()};
        Json parsed = Json::parse(response.body(), nullptr, false);
        if (parsed.is_discarded())
            co_return Result{
                client_error("ResponseParserError",
                             "Unable to parse the answer from " + quoted(url) + " as JSON."),
                Json()};
        co_return Result{std::nullopt, std::move(parsed)};
    }
    co_return Result{client_error("ConnectionClosedError",
                                  "Connection was closed before we received a valid response "
                                  "from endpoint URL: " +
                                      quoted(url) + "."),
                     Json()};
}

awaitable<std::unique_ptr<Connection>> RemoteClientImpl::connect(const remote::EndpointUrl& url,
                                                                 std::optional<Error>* error) {
    const auto cannot_connect = [&](const beast::error_code& ec) {
        if (ec == beast::error::timeout)
            return client_error("ConnectTimeoutError",
                                "Connect timeout on endpoint URL: " + quoted(url), ec);
        return client_error("EndpointConnectionError",
                            "Could not connect to the endpoint URL: " + quoted(url), ec);
    };
    if (url.tls && !tls_setup_error_.empty()) {
        *error = client_error("SSLError", tls_setup_error_);
        co_return nullptr;
    }
    auto connection = std::make_unique<Connection>();
    beast::error_code ec;
    try {
        tcp::resolver resolver(io_);
        const auto endpoints = co_await resolver.async_resolve(url.host, url.port, use_awaitable);
        if (url.tls) {
            connection->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io_, tls_);
            beast::error_code not_ip;
            asio::ip::make_address(url.host, not_ip);
            if (not_ip)  // SNI takes host names only
                SSL_ctrl(connection->tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                         TLSEXT_NAMETYPE_host_name, const_cast<char*>(url.host.c_str()));
            connection->tls->set_verify_callback(ssl::host_name_verification(url.host));
        } else {
            connection->plain = std::make_unique<beast::tcp_stream>(io_);
        }
        connection->tcp().expires_after(endpoint_.timeout);
        co_await connection->tcp().async_connect(endpoints, use_awaitable);
    } catch (const boost::system::system_error& e) {
        ec = e.code();
    }
    if (ec) {
        *error = cannot_connect(ec);
        co_return nullptr;
    }
    if (connection->tls) {
        try {
            connection->tcp().expires_after(endpoint_.timeout);
            co_await connection->tls->async_handshake(ssl::stream_base::client, use_awaitable);
        } catch (const boost::system::system_error& e) {
            ec = e.code();
        }
        if (ec) {
            *error = ec == beast::error::timeout
                         ? cannot_connect(ec)
                         : client_error(
                               "SSLError",
                               "SSL validation failed for " + url.text() + " " + ec.message(), ec);
            co_return nullptr;
        }
    }
    co_return connection;
}

std::unique_ptr<Connection> RemoteClientImpl::take_idle(const std::string& key) {
    auto it = idle_.find(key);
    if (it == idle_.end() || it->second.empty()) return nullptr;
    std::unique_ptr<Connection> connection = std::move(it->second.back());
    it->second.pop_back();
    return connection;
}

void RemoteClientImpl::put_idle(const std::string& key, std::unique_ptr<Connection> connection) {
    auto& pool = idle_[key];
    if (pool.size() < kMaxIdlePerHost) pool.push_back(std::move(connection));
}

RemoteClient::RemoteClient(RemoteEndpoint endpoint)
    : impl_(std::make_unique<RemoteClientImpl>(std::move(endpoint))) {}

RemoteClient::~RemoteClient() = default;

void RemoteClient::call(std::string_view region, std::string_view operation, Json request,
                        ResultCallback callback) {
    std::string table;
    if (auto it = request.find("TableName"); it != request.end() && it->is_string())
        table = it->get<std::string>();
    impl_->call(std::string(region), std::string(operation), std::move(table), request.dump(),
                std::move(callback));
}

Result RemoteClient::call_sync(std::string_view region, std::string_view operation, Json request) {
    std::promise<Result> promise;
    std::future<Result> future = promise.get_future();
    call(region, operation, std::move(request),
         [&promise](Result result) { promise.set_value(std::move(result)); });
    return future.get();
}

void RemoteClient::set_observer(std::function<void(const RemoteCallRecord&)> observer) {
    std::lock_guard lock(impl_->observer_mutex_);
    impl_->observer_ = std::move(observer);
}

const RemoteEndpoint& RemoteClient::endpoint() const {
    return impl_->endpoint_;
}

std::string RemoteClient::url_for(std::string_view region) const {
    return remote::fill_region(impl_->endpoint_.url, region);
}

std::size_t RemoteClient::calls_in_flight() const {
    return impl_->in_flight_;
}

std::optional<double> RemoteClient::adaptive_send_rate() const {
    if (impl_->endpoint_.retry_mode != RetryMode::Adaptive || !impl_->limiter_.enabled())
        return std::nullopt;
    return impl_->limiter_.send_rate();
}

}  // namespace tablespan
