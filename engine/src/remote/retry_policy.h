#pragma once

#include <chrono>
#include <mutex>

#include "tablespan/error.h"

namespace tablespan::remote {

// The AWS SDKs' standard retry mode (AWS SDKs and Tools Reference Guide, "Retry
// behavior"; the constants of the JavaScript SDK v3's @aws-sdk/util-retry).

enum class RetryKind {
    None,        // not retried: the request itself is wrong, or the answer is final
    Transient,   // 5xx, a closed connection, a CRC32 mismatch
    Timeout,     // connect or read timeout: costs more of the retry quota
    Throttling,  // ProvisionedThroughputExceededException, ThrottlingException, ...
};

// How an error is retried in the standard and adaptive modes: service error codes by
// name (the SDKs' lists, and errors the service model marks retryable), client-side
// errors (http_status 0) by type, anything else by HTTP status.
RetryKind classify(const Error& error);

// The same for the legacy mode, by botocore's _retry.json for DynamoDB: socket errors,
// 429, 500, 502, 503, 504 and 509, the throttling codes it names, and DynamoDB's own
// ReplicatedWriteConflictException, TransactionInProgressException and CRC32 mismatch.
// (Legacy mode has no timeout class: timeouts are Transient.)
RetryKind classify_legacy(const Error& error);

// The legacy mode's delay before retry number `retry`: `base * 2^(retry-1)`, no jitter.
std::chrono::milliseconds legacy_backoff(int retry, std::chrono::milliseconds base);

// The delay before retry number `retry` (1 for the first retry): full jitter over an
// exponential backoff, `random01 * min(base * 2^(retry-1), max)`.
std::chrono::milliseconds backoff(int retry, RetryKind kind, std::chrono::milliseconds base,
                                  std::chrono::milliseconds throttling_base,
                                  std::chrono::milliseconds max, double random01);

// The retry quota: a client-wide bucket that retries draw from (5 tokens, 10 after a
// timeout) and successes refill (the retry's cost, or 1 for a first-try success), so a
// client stops retrying while an endpoint is down. Thread-safe.
class RetryQuota {
public:
    static constexpr int kCapacity = 500;
    static constexpr int kRetryCost = 5;
    static constexpr int kTimeoutCost = 10;
    static constexpr int kNoRetryIncrement = 1;

    // Takes the cost of a retry; false (and nothing taken) when the bucket is too low.
    bool acquire(RetryKind kind, int* cost);
    // A call succeeded; `cost` is what its last retry took (0 when it took no retry).
    void release(int cost);
    int available() const;

private:
    mutable std::mutex mutex_;
    int tokens_ = kCapacity;
};

}  // namespace tablespan::remote
