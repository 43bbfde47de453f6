#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/model/value_text.h"
#include "model/item_json_text.h"

namespace tablespan::api::validation {
namespace {

using nlohmann::json;

bool is_integral_kind(shape_kind kind) {
    return kind == shape_kind::integer || kind == shape_kind::long_;
}

// Renders values as the service read them: unknown members gone, Integer and Long
// members whole, Boolean members given as "yes"/"0"/… turned into booleans.
class value_printer {
public:
    explicit value_printer(const service_model& model) : model_(model) {}

    // dynalite's valueStr: strings bare, lists bracketed, objects as JSON.
    void bare(const json& v, int shape_index, std::string& out) const {
        const shape* s = shape_index >= 0 ? &model_.at(shape_index) : nullptr;
        if (v.is_null()) {
            out += "null";
        } else if (v.is_array()) {
            out += '[';
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i > 0) out += ", ";
                bare(v[i], element_of(s), out);
            }
            out += ']';
        } else if (v.is_object()) {
            stringify(v, shape_index, out);
        } else if (v.is_string() && !(s && s->kind == shape_kind::boolean)) {
            out += v.get_ref<const std::string&>();
        } else {
            stringify(v, shape_index, out);
        }
    }

    // JSON.stringify of the value as read.
    void stringify(const json& v, int shape_index, std::string& out) const {
        const shape* s = shape_index >= 0 ? &model_.at(shape_index) : nullptr;
        switch (v.type()) {
            case json::value_t::object:
                if (s && s->kind == shape_kind::structure) {
                    structure(v, *s, out);
                } else {
                    map(v, s && s->kind == shape_kind::map ? s->value : -1, out);
                }
                return;
            case json::value_t::array:
                out += '[';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    if (i > 0) out += ',';
                    stringify(v[i], element_of(s), out);
                }
                out += ']';
                return;
            case json::value_t::string:
                if (s && s->kind == shape_kind::boolean) {
                    const auto& t = v.get_ref<const std::string&>();
                    const char c = t.empty() ? '\0' : t[0];
                    out += (c == 't' || c == 'T' || c == 'y' || c == 'Y' || c == '1') ? "true"
                                                                                      : "false";
                } else {
                    quote(v.get_ref<const std::string&>(), out);
                }
                return;
            case json::value_t::boolean:
                out += v.get<bool>() ? "true" : "false";
                return;
            case json::value_t::number_integer:
                out += std::to_string(v.get<std::int64_t>());
                return;
            case json::value_t::number_unsigned:
                out += std::to_string(v.get<std::uint64_t>());
                return;
            case json::value_t::number_float: {
                double d = v.get<double>();
                if (s && is_integral_kind(s->kind)) d = std::floor(d);
                out += js_number(d);
                return;
            }
            default:
                out += "null";
                return;
        }
    }

private:
    int element_of(const shape* s) const {
        return s && s->kind == shape_kind::list ? s->element : -1;
    }

    void structure(const json& v, const shape& s, std::string& out) const {
        out += '{';
        bool first = true;
        for (const member& m : s.members) {
            auto it = v.find(m.name);
            if (it == v.end() || it->is_null()) continue;
            if (!first) out += ',';
            first = false;
            quote(m.name, out);
            out += ':';
            stringify(*it, m.shape, out);
        }
        out += '}';
    }

    void map(const json& v, int value_shape, std::string& out) const {
        out += '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first) out += ',';
            first = false;
            quote(it.key(), out);
            out += ':';
            stringify(*it, value_shape, out);
        }
        out += '}';
    }

    // JSON.stringify's quoting, which is also nlohmann's dump() escaping.
    static void quote(std::string_view text, std::string& out) { append_json_string(out, text); }

    const service_model& model_;
};

}  // namespace

std::string js_number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
    if (value == 0) return "0";
    std::string out = value < 0 ? "-" : "";
    char buf[64];
    const auto result =
        std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
    const std::string_view sci(buf, static_cast<std::size_t>(result.ptr - buf));
    // "d.ddde±x": digits without the point, and n where value = 0.digits × 10^n.
    const std::size_t e_pos = sci.find('e');
    std::string digits(sci.substr(0, 1));
    if (e_pos > 1) digits += sci.substr(2, e_pos - 2);
    const int n = std::stoi(std::string(sci.substr(e_pos + 1))) + 1;
    const int k = static_cast<int>(digits.size());
    if (k <= n && n <= 21) {
        out += digits + std::string(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, static_cast<std::size_t>(n)) + "." +
               digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
    } else {
        const int e = n - 1;
        out += digits.substr(0, 1);
        if (k > 1) out += "." + digits.substr(1);
        out += e >= 0 ? "e+" : "e-";
        out += std::to_string(e >= 0 ? e : -e);
    }
    return out;
}

std::string quoted_value(const service_model& model, int shape, const json& value) {
    if (value.is_null()) return "null";
    std::string out = "'";
    value_printer(model).bare(value, shape, out);
    out += '\'';
    return out;
}

}  // namespace tablespan::api::validation
