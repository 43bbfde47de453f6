#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tablespan/aws_credentials.h"
#include "tablespan/engine.h"

namespace tablespan {

// Where a remote DynamoDB-compatible endpoint is and how to sign for it: Amazon DynamoDB,
// DynamoDB Local, ScyllaDB Alternator or a shared Tablespan server.
struct RemoteEndpoint {
    // "http://127.0.0.1:8000", "https://lab.example.com:8443" or, for a service with one
    // host per region, a pattern such as "https://dynamodb.{region}.amazonaws.com".
    std::string url;
    // SigV4 keys. An empty access key id sends requests unsigned (DynamoDB Local and
    // Tablespan without --require-auth accept them).
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
    // A PEM file of extra certificate authorities to trust for HTTPS, besides the
    // system's (for a lab server with its own CA). Certificates are always verified.
    std::string ca_file;
    // Connecting, the TLS handshake, and then the whole exchange, each.
    std::chrono::milliseconds timeout{10'000};
    // How calls are retried, as the SDKs' retry modes do (resolve_aws_retry reads the
    // user's setting). Attempts per call, the first included; 0: the mode's default (3;
    // legacy: 10, botocore's for DynamoDB).
    RetryMode retry_mode = RetryMode::Standard;
    int max_attempts = 0;
    // Standard and adaptive: the base of the exponential backoff with full jitter
    // (throttling errors back off from a longer base), and its cap.
    std::chrono::milliseconds retry_base{100};
    std::chrono::milliseconds throttling_retry_base{500};
    std::chrono::milliseconds max_backoff{20'000};
    // Legacy: the first retry's delay, doubled for each further one, without jitter.
    std::chrono::milliseconds legacy_retry_base{50};
};

// One finished call, for the console's Activity dock.
struct RemoteCallRecord {
    std::string region;
    std::string operation;
    std::string table;  // the request's TableName, when it names one
    std::chrono::system_clock::time_point finished;
    double duration_ms = 0;  // from the call to its result, retries included
    int attempts = 0;        // 1, or more when the call was retried (0: a malformed URL)
    // Adaptive mode: how long the client-side rate limiter held the call back, in all.
    double rate_limited_ms = 0;
    std::optional<Error> error;
};

class RemoteClientImpl;

// A client of a remote DynamoDB endpoint with the same call shape as Engine::call: the
// DynamoDB JSON request of `operation`, answered by a Result with the service's body or
// its error. Requests are signed with SigV4 for the region they name, sent over
// keep-alive HTTP/1.1 or HTTPS (verified against the system's CAs and `ca_file`), and
// retried as the SDKs' retry modes retry (standard by default: throttling, 5xx answers and
// network failures, with backoff and a retry quota; adaptive adds a client-side rate
// limiter; legacy is botocore's older DynamoDB policy). Network failures come back as client-side
// errors (type EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError or SSLError,
// http_status 0), as botocore names them. Thread-safe; callbacks run on the client's own
// thread and must not block it.
class RemoteClient {
public:
    explicit RemoteClient(RemoteEndpoint endpoint);
    // Cancels calls in flight (their callbacks are not called) and joins the thread.
    ~RemoteClient();
    RemoteClient(const RemoteClient&) = delete;
    RemoteClient& operator=(const RemoteClient&) = delete;

    void call(std::string_view region, std::string_view operation, Json request,
              ResultCallback callback);
    // call() and wait for its result; never from a callback.
    Result call_sync(std::string_view region, std::string_view operation, Json request);

    // Called on the client's thread after every call, success or not.
    void set_observer(std::function<void(const RemoteCallRecord&)> observer);

    const RemoteEndpoint& endpoint() const;
    // The URL a request for `region` goes to (the pattern's {region} filled in).
    std::string url_for(std::string_view region) const;
    // Calls sent and not yet answered.
    std::size_t calls_in_flight() const;
    // Adaptive mode: the rate limiter's requests per second once a throttling answer has
    // turned it on; nullopt while it is off (or in the other modes).
    std::optional<double> adaptive_send_rate() const;

private:
    std::unique_ptr<RemoteClientImpl> impl_;
};

}  // namespace tablespan
