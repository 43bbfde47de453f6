#pragma once

// Small readers for request members that already passed shape validation.

#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "api/table_meta.h"
#include "tablespan/error.h"
#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::api {

inline const Json* member(const Json& request, std::string_view name) {
    auto it = request.find(name);
    if (it == request.end() || it->is_null()) return nullptr;
    return &*it;
}

inline std::optional<std::string> string_member(const Json& request, std::string_view name) {
    const Json* j = member(request, name);
    if (!j) return std::nullopt;
    return j->get<std::string>();
}

inline std::optional<bool> bool_member(const Json& request, std::string_view name) {
    const Json* j = member(request, name);
    if (!j) return std::nullopt;
    if (j->is_string()) {
        std::string s = j->get<std::string>();
        for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return s == "TRUE" || s == "1" || s == "YES";
    }
    return j->get<bool>();
}

// Saturates at int64's range: a Limit of 1e20 is a very large limit, not a negative one.
inline std::optional<std::int64_t> int_member(const Json& request, std::string_view name) {
    const Json* j = member(request, name);
    if (!j) return std::nullopt;
    constexpr auto most = std::numeric_limits<std::int64_t>::max();
    if (j->is_number_unsigned())
        return j->get<std::uint64_t>() > static_cast<std::uint64_t>(most)
                   ? most
                   : static_cast<std::int64_t>(j->get<std::uint64_t>());
    if (j->is_number_float()) {
        const double d = j->get<double>();
        if (!(d < 9.2e18)) return d > 0 ? most : std::numeric_limits<std::int64_t>::min();
        if (d < -9.2e18) return std::numeric_limits<std::int64_t>::min();
        return static_cast<std::int64_t>(d);
    }
    return j->get<std::int64_t>();
}

// The table a data-plane request names, when it exists and accepts data operations;
// otherwise ResourceNotFoundException "Requested resource not found".
TableMeta& table_for_data(core::Region& region, const std::string& name);
// The table a control-plane request names; otherwise ResourceNotFoundException
// "Requested resource not found: Table: <name> not found".
TableMeta& table_for_control(core::Region& region, const std::string& name);

// Accepts a table name or a table ARN of this region and account, as TableArn members
// do; returns the name.
std::string table_name_from(core::Region& region, const std::string& name_or_arn);

}  // namespace tablespan::api
