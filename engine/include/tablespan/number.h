#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tablespan {

// An exact decimal number as DynamoDB stores it: up to 38 significant digits,
// magnitude between 1E-130 and 9.99…E+125 (or zero). Values are kept normalised
// (no leading or trailing zeros), so two equal numbers have equal representations.
class Number {
public:
    Number() = default;  // zero

    // Parses DynamoDB's number syntax ("-12.50", "1e3", "+.5"). On failure returns
    // nullopt and sets `error` to the service's message (the caller adds the
    // ValidationException prefix), e.g. "Attempting to store more than 38 significant
    // digits in a Number".
    static std::optional<Number> parse(std::string_view text, std::string* error = nullptr);

    // The exact value of an integer (every 64-bit integer is in range).
    static Number from_integer(std::int64_t value);

    // The canonical text the service returns: plain notation, no exponent, no
    // trailing zeros ("1.5", "100", "-0.001", "0").
    std::string to_string() const;

    bool is_zero() const { return digits_.empty(); }
    bool is_negative() const { return negative_; }

    // Number of significant digits (0 for zero).
    std::size_t significant_digits() const { return digits_.size(); }
    // The exponent e of the normalised form 0.d1d2… × 10^e (0 for zero).
    std::int32_t exponent() const { return exponent_; }

    // Exact arithmetic. On overflow of the 38-digit precision or the range, returns
    // nullopt and sets `error` to the service's message.
    static std::optional<Number> add(const Number& a, const Number& b,
                                     std::string* error = nullptr);
    static std::optional<Number> subtract(const Number& a, const Number& b,
                                          std::string* error = nullptr);

    Number negated() const;

    // Order-preserving byte encoding: memcmp order of the encodings equals numeric order.
    std::string encode_ordered() const;
    static std::optional<Number> decode_ordered(std::string_view bytes);

    friend std::strong_ordering operator<=>(const Number& a, const Number& b);
    friend bool operator==(const Number& a, const Number& b) = default;

private:
    // Normalises the digits, checks the range and precision (with the input or the
    // arithmetic wording of the service's messages) and builds the number.
    static std::optional<Number> from_parts(bool negative, std::string digits,
                                            std::int64_t exponent, bool from_arithmetic,
                                            std::string* error);

    bool negative_ = false;
    std::string digits_;         // decimal digits '0'..'9', first and last not '0'; empty for zero
    std::int32_t exponent_ = 0;  // value = 0.d1d2d3… × 10^exponent_
};

}  // namespace tablespan
