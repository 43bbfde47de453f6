#pragma once

// Reads serialize_item()'s bytes (layout in item_serialization.cpp): the primitives that
// turning them back into an item and writing them out as JSON text share. Every read
// checks its bounds; corrupt input throws std::runtime_error.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "tablespan/number.h"

namespace tablespan {

constexpr unsigned char kItemFormatVersion = 1;
// Far above the service's 32 levels; it only bounds recursion on corrupt input.
constexpr int kMaxItemDepth = 256;

class SerializedItemReader {
public:
    explicit SerializedItemReader(std::string_view bytes) : bytes_(bytes) {}

    bool at_end() const { return pos_ == bytes_.size(); }

    [[noreturn]] static void corrupt(const char* what) {
        throw std::runtime_error(std::string("corrupt serialized item: ") + what);
    }

    unsigned char byte() {
        if (pos_ >= bytes_.size()) corrupt("truncated");
        return static_cast<unsigned char>(bytes_[pos_++]);
    }

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const unsigned char b = byte();
            v |= std::uint64_t{b & 0x7Fu} << shift;
            if (!(b & 0x80)) return v;
        }
        corrupt("varint too long");
    }

    // A count of elements, each taking at least one byte: bounds reserve() on bad input.
    std::size_t count() {
        const std::uint64_t n = varint();
        if (n > bytes_.size() - pos_) corrupt("count exceeds input");
        return static_cast<std::size_t>(n);
    }

    std::string_view bytes() {
        const std::uint64_t n = varint();
        if (n > bytes_.size() - pos_) corrupt("length exceeds input");
        const std::string_view out = bytes_.substr(pos_, static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
        return out;
    }

    Number number() {
        auto n = Number::decode_ordered(bytes());
        if (!n) corrupt("bad number");
        return std::move(*n);
    }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

}  // namespace tablespan
