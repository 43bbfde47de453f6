#include "tablespan/number.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace tablespan {

namespace {

constexpr std::size_t kMaxDigits = 38;
// In Number's 0.d1d2… × 10^e form: 9.99…E+125 has e = 126 and 1E-130 has e = -129.
constexpr std::int64_t kMaxExponent = 126;
constexpr std::int64_t kMinExponent = -129;

constexpr const char* kSyntaxError = "The parameter cannot be converted to a numeric value";
constexpr const char* kOverflowError =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr const char* kUnderflowError =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
constexpr const char* kPrecisionError =
    "Attempting to store more than 38 significant digits in a Number";

bool fail(std::string* error, const char* message) {
    if (error) *error = message;
    return false;
}

// The service quotes the offending text, except when there is none.
bool fail_syntax(std::string* error, std::string_view text) {
    if (error) {
        *error = kSyntaxError;
        if (!text.empty()) {
            error->append(": ");
            error->append(text);
        }
    }
    return false;
}

enum class Origin { input, arithmetic };

// The service checks the range before the precision. A sum that needs more than 38
// digits (1E+50 + 1) is reported by the service as an overflow, not as too many digits.
bool check_limits(std::size_t digit_count, std::int64_t exponent, std::string* error,
                  Origin origin = Origin::input) {
    if (digit_count == 0) return true;
    if (exponent > kMaxExponent) return fail(error, kOverflowError);
    if (exponent < kMinExponent) return fail(error, kUnderflowError);
    if (digit_count > kMaxDigits) {
        return fail(error, origin == Origin::input ? kPrecisionError : kOverflowError);
    }
    return true;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Strips leading zeros (moving the exponent) and trailing zeros.
void normalize(std::string& digits, std::int64_t& exponent) {
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) {
        digits.clear();
        exponent = 0;
        return;
    }
    const auto last = digits.find_last_not_of('0');
    digits = digits.substr(first, last - first + 1);
    exponent -= static_cast<std::int64_t>(first);
}

// Compares magnitudes of two non-zero normalised numbers.
std::strong_ordering compare_magnitude(std::int32_t exp_a, const std::string& digits_a,
                                       std::int32_t exp_b, const std::string& digits_b) {
    if (exp_a != exp_b) return exp_a <=> exp_b;
    const int c = digits_a.compare(digits_b);
    return c < 0   ? std::strong_ordering::less
           : c > 0 ? std::strong_ordering::greater
                   : std::strong_ordering::equal;
}

constexpr unsigned char kNegativePrefix = 0x01;
constexpr unsigned char kZeroPrefix = 0x02;
constexpr unsigned char kPositivePrefix = 0x03;

}  // namespace

std::optional<Number> Number::from_parts(bool negative, std::string digits, std::int64_t exponent,
                                         bool from_arithmetic, std::string* error) {
    normalize(digits, exponent);
    if (!check_limits(digits.size(), exponent, error,
                      from_arithmetic ? Origin::arithmetic : Origin::input))
        return std::nullopt;
    Number n;
    if (!digits.empty()) {
        n.negative_ = negative;
        n.digits_ = std::move(digits);
        n.exponent_ = static_cast<std::int32_t>(exponent);
    }
    return n;
}

std::optional<Number> Number::parse(std::string_view text, std::string* error) {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        negative = text[i] == '-';
        ++i;
    }
    std::string digits;
    digits.reserve(text.size());
    std::int64_t integer_digits = 0;
    bool seen_point = false;
    bool seen_digit = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) {
            digits.push_back(c);
            seen_digit = true;
            if (!seen_point) ++integer_digits;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!seen_digit) {
        fail_syntax(error, text);
        return std::nullopt;
    }
    std::int64_t exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool exponent_negative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            exponent_negative = text[i] == '-';
            ++i;
        }
        const std::size_t exponent_start = i;
        for (; i < text.size() && is_digit(text[i]); ++i) {
            // Saturate: anything this large is out of range whatever the mantissa.
            if (exponent < 1'000'000'000) exponent = exponent * 10 + (text[i] - '0');
        }
        if (i == exponent_start) {
            fail_syntax(error, text);
            return std::nullopt;
        }
        if (exponent_negative) exponent = -exponent;
    }
    if (i != text.size()) {
        fail_syntax(error, text);
        return std::nullopt;
    }
    exponent += integer_digits;
    return from_parts(negative, std::move(digits), exponent, false, error);
}

Number Number::from_integer(std::int64_t value) {
    // Every 64-bit integer has at most 19 digits, so parsing cannot fail.
    return *parse(std::to_string(value));
}

std::string Number::to_string() const {
    if (is_zero()) return "0";
    std::string out;
    const auto length = static_cast<std::int32_t>(digits_.size());
    out.reserve(digits_.size() + static_cast<std::size_t>(std::abs(exponent_)) + 3);
    if (negative_) out.push_back('-');
    if (exponent_ <= 0) {
        out.append("0.");
        out.append(static_cast<std::size_t>(-exponent_), '0');
        out.append(digits_);
    } else if (exponent_ >= length) {
        out.append(digits_);
        out.append(static_cast<std::size_t>(exponent_ - length), '0');
    } else {
        out.append(digits_, 0, static_cast<std::size_t>(exponent_));
        out.push_back('.');
        out.append(digits_, static_cast<std::size_t>(exponent_), std::string::npos);
    }
    return out;
}

std::optional<Number> Number::add(const Number& a, const Number& b, std::string* error) {
    if (a.is_zero()) return b;
    if (b.is_zero()) return a;

    // Digit i of a number has the weight 10^(exponent - 1 - i); lay both out on a common
    // little-endian grid of weights [low, high).
    const std::int64_t low_a =
        std::int64_t{a.exponent_} - static_cast<std::int64_t>(a.digits_.size());
    const std::int64_t low_b =
        std::int64_t{b.exponent_} - static_cast<std::int64_t>(b.digits_.size());
    const std::int64_t low = std::min(low_a, low_b);
    const std::int64_t high = std::max(a.exponent_, b.exponent_);
    const auto width = static_cast<std::size_t>(high - low) + 1;  // +1 for the carry
    std::vector<int> x(width, 0), y(width, 0);
    auto lay_out = [low](const Number& n, std::vector<int>& grid) {
        for (std::size_t i = 0; i < n.digits_.size(); ++i) {
            const std::int64_t weight = n.exponent_ - 1 - static_cast<std::int64_t>(i);
            grid[static_cast<std::size_t>(weight - low)] = n.digits_[i] - '0';
        }
    };
    lay_out(a, x);
    lay_out(b, y);

    bool negative = a.negative_;
    if (a.negative_ == b.negative_) {
        int carry = 0;
        for (std::size_t i = 0; i < width; ++i) {
            const int s = x[i] + y[i] + carry;
            x[i] = s % 10;
            carry = s / 10;
        }
    } else {
        const auto order = compare_magnitude(a.exponent_, a.digits_, b.exponent_, b.digits_);
        if (order == std::strong_ordering::equal) return Number{};
        if (order == std::strong_ordering::less) {
            std::swap(x, y);
            negative = b.negative_;
        }
        int borrow = 0;
        for (std::size_t i = 0; i < width; ++i) {
            int d = x[i] - y[i] - borrow;
            borrow = d < 0 ? 1 : 0;
            if (d < 0) d += 10;
            x[i] = d;
        }
    }

    std::string digits;
    digits.reserve(width);
    for (std::size_t i = width; i-- > 0;) digits.push_back(static_cast<char>('0' + x[i]));
    return from_parts(negative, std::move(digits), low + static_cast<std::int64_t>(width), true,
                      error);
}

std::optional<Number> Number::subtract(const Number& a, const Number& b, std::string* error) {
    return add(a, b.negated(), error);
}

Number Number::negated() const {
    Number n = *this;
    if (!n.is_zero()) n.negative_ = !n.negative_;
    return n;
}

// Layout: a sign byte (negative < zero < positive); for non-zero numbers the exponent as
// one biased byte (the range -129..126 fits exactly), then the digits two per byte as
// 1 + 10·d1 + d2 (an odd last digit is padded with 0), then a 0 terminator so that a
// number sorts before any longer number it is a prefix of. Negative numbers have every
// byte after the sign complemented, which reverses their order.
std::string Number::encode_ordered() const {
    if (is_zero()) return std::string(1, static_cast<char>(kZeroPrefix));
    assert(exponent_ >= kMinExponent && exponent_ <= kMaxExponent);
    std::string out;
    out.reserve(3 + (digits_.size() + 1) / 2);
    const unsigned char flip = negative_ ? 0xFF : 0x00;
    auto put = [&out, flip](unsigned value) {
        out.push_back(static_cast<char>(static_cast<unsigned char>(value) ^ flip));
    };
    out.push_back(static_cast<char>(negative_ ? kNegativePrefix : kPositivePrefix));
    put(static_cast<unsigned>(exponent_ - kMinExponent));
    for (std::size_t i = 0; i < digits_.size(); i += 2) {
        const unsigned hi = static_cast<unsigned>(digits_[i] - '0');
        const unsigned lo =
            i + 1 < digits_.size() ? static_cast<unsigned>(digits_[i + 1] - '0') : 0;
        put(1 + hi * 10 + lo);
    }
    put(0);
    return out;
}

std::optional<Number> Number::decode_ordered(std::string_view bytes) {
    if (bytes.empty()) return std::nullopt;
    const auto prefix = static_cast<unsigned char>(bytes[0]);
    if (prefix == kZeroPrefix) {
        if (bytes.size() != 1) return std::nullopt;
        return Number{};
    }
    if (prefix != kNegativePrefix && prefix != kPositivePrefix) return std::nullopt;
    if (bytes.size() < 4) return std::nullopt;  // sign, exponent, one digit byte, terminator
    const bool negative = prefix == kNegativePrefix;
    const unsigned char flip = negative ? 0xFF : 0x00;
    auto get = [&bytes, flip](std::size_t i) {
        return static_cast<unsigned>(static_cast<unsigned char>(bytes[i]) ^ flip);
    };
    if (get(bytes.size() - 1) != 0) return std::nullopt;
    std::string digits;
    digits.reserve(2 * (bytes.size() - 3));
    for (std::size_t i = 2; i + 1 < bytes.size(); ++i) {
        const unsigned pair = get(i);
        if (pair < 1 || pair > 100) return std::nullopt;
        digits.push_back(static_cast<char>('0' + (pair - 1) / 10));
        digits.push_back(static_cast<char>('0' + (pair - 1) % 10));
    }
    if (digits.back() == '0') digits.pop_back();  // the padding of an odd digit count
    if (digits.front() == '0' || digits.back() == '0') return std::nullopt;
    const std::int64_t exponent = static_cast<std::int64_t>(get(1)) + kMinExponent;
    if (!check_limits(digits.size(), exponent, nullptr)) return std::nullopt;
    Number n;
    n.negative_ = negative;
    n.digits_ = std::move(digits);
    n.exponent_ = static_cast<std::int32_t>(exponent);
    return n;
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
    const int sign_a = a.is_zero() ? 0 : a.negative_ ? -1 : 1;
    const int sign_b = b.is_zero() ? 0 : b.negative_ ? -1 : 1;
    if (sign_a != sign_b) return sign_a <=> sign_b;
    if (sign_a == 0) return std::strong_ordering::equal;
    if (sign_a > 0) return compare_magnitude(a.exponent_, a.digits_, b.exponent_, b.digits_);
    return compare_magnitude(b.exponent_, b.digits_, a.exponent_, a.digits_);
}

}  // namespace tablespan
