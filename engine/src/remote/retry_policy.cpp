#include "remote/retry_policy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace tablespan::remote {

namespace {
constexpr std::array<std::string_view, 13> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "EC2ThrottledException",
};
// RequestTimeout…: the SDKs' transient codes. ReplicatedWriteConflictException: DynamoDB's
// model marks it retryable (not throttling), which the standard mode honours.
constexpr std::array<std::string_view, 4> kTransientCodes = {
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    "ReplicatedWriteConflictException"};
constexpr std::array<std::string_view, 5> kLegacyThrottlingCodes = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "ProvisionedThroughputExceededException"};
constexpr std::array<std::string_view, 2> kLegacyDynamoDbCodes = {
    "ReplicatedWriteConflictException", "TransactionInProgressException"};
constexpr std::array<std::string_view, 3> kTransientClientErrors = {
    "EndpointConnectionError", "ConnectionClosedError", "ChecksumError"};
constexpr std::array<std::string_view, 2> kTimeoutClientErrors = {"ConnectTimeoutError",
                                                                  "ReadTimeoutError"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}
}  // namespace

RetryKind classify(const Error& error) {
    if (error.http_status == 0) {
        if (contains(kTimeoutClientErrors, error.type)) return RetryKind::Timeout;
        if (contains(kTransientClientErrors, error.type)) return RetryKind::Transient;
        return RetryKind::None;  // an SSL failure or a bad URL does not heal on retry
    }
    if (contains(kThrottlingCodes, error.type)) return RetryKind::Throttling;
    if (contains(kTransientCodes, error.type)) return RetryKind::Transient;
    switch (error.http_status) {
        case 500:
        case 502:
        case 503:
        case 504:
            return RetryKind::Transient;
        default:
            return RetryKind::None;
    }
}

RetryKind classify_legacy(const Error& error) {
    if (error.http_status == 0) {
        if (contains(kTimeoutClientErrors, error.type) ||
            contains(kTransientClientErrors, error.type))
            return RetryKind::Transient;
        return RetryKind::None;
    }
    if (contains(kLegacyThrottlingCodes, error.type) || error.http_status == 429)
        return RetryKind::Throttling;
    if (contains(kLegacyDynamoDbCodes, error.type)) return RetryKind::Transient;
    switch (error.http_status) {
        case 500:
        case 502:
        case 503:
        case 504:
        case 509:
            return RetryKind::Transient;
        default:
            return RetryKind::None;
    }
}

std::chrono::milliseconds legacy_backoff(int retry, std::chrono::milliseconds base) {
    return std::chrono::milliseconds(static_cast<long long>(
        static_cast<double>(base.count()) * std::pow(2.0, std::clamp(retry - 1, 0, 30))));
}

std::chrono::milliseconds backoff(int retry, RetryKind kind, std::chrono::milliseconds base,
                                  std::chrono::milliseconds throttling_base,
                                  std::chrono::milliseconds max, double random01) {
    const double from =
        static_cast<double>((kind == RetryKind::Throttling ? throttling_base : base).count());
    const double ceiling =
        std::min(from * std::pow(2.0, std::max(0, retry - 1)), static_cast<double>(max.count()));
    return std::chrono::milliseconds(
        static_cast<long long>(std::clamp(random01, 0.0, 1.0) * ceiling));
}

bool RetryQuota::acquire(RetryKind kind, int* cost) {
    const int take = kind == RetryKind::Timeout ? kTimeoutCost : kRetryCost;
    std::lock_guard lock(mutex_);
    if (tokens_ < take) return false;
    tokens_ -= take;
    if (cost) *cost = take;
    return true;
}

void RetryQuota::release(int cost) {
    std::lock_guard lock(mutex_);
    tokens_ = std::min(kCapacity, tokens_ + (cost > 0 ? cost : kNoRetryIncrement));
}

int RetryQuota::available() const {
    std::lock_guard lock(mutex_);
    return tokens_;
}

}  // namespace tablespan::remote
