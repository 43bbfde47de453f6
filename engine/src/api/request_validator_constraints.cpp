#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/model/constraint_checker.h"
#include "api/model/utf8.h"
#include "api/model/value_text.h"

namespace tablespan::api::validation {
namespace {

using nlohmann::json;

std::string length_at_least(std::int64_t n) {
    return "Member must have length greater than or equal to " + std::to_string(n);
}
std::string length_at_most(std::int64_t n) {
    return "Member must have length less than or equal to " + std::to_string(n);
}
std::string value_at_least(std::int64_t n) {
    return "Member must have value greater than or equal to " + std::to_string(n);
}
std::string value_at_most(std::int64_t n) {
    return "Member must have value less than or equal to " + std::to_string(n);
}
std::string pattern_text(const shape& s) {
    return "Member must satisfy regular expression pattern: " + s.pattern;
}
std::string enum_text(const shape& s) {
    return "Member must satisfy enum value set: " + s.enum_text;
}

bool is_length_kind(shape_kind kind) {
    return kind == shape_kind::string || kind == shape_kind::list || kind == shape_kind::map ||
           kind == shape_kind::blob;
}

// A number compared the way the service reads it: Integer and Long members whole.
struct numeric {
    bool exact = false;
    std::int64_t whole = 0;
    double real = 0;

    static numeric of(const json& v, shape_kind kind) {
        numeric n;
        if (v.is_number_integer() && !v.is_number_unsigned()) {
            n.exact = true;
            n.whole = v.get<std::int64_t>();
        } else if (v.is_number_unsigned() && v.get<std::uint64_t>() <= INT64_MAX) {
            n.exact = true;
            n.whole = static_cast<std::int64_t>(v.get<std::uint64_t>());
        } else {
            n.real = v.get<double>();
            if (kind != shape_kind::double_ && kind != shape_kind::timestamp) {
                n.real = std::floor(n.real);
            }
        }
        return n;
    }
    bool below(std::int64_t bound) const {
        return exact ? whole < bound : real < static_cast<double>(bound);
    }
    bool above(std::int64_t bound) const {
        return exact ? whole > bound : real > static_cast<double>(bound);
    }
};

// The constraints of `s` that `v` fails, in the service's order for members.
class constraint_test {
public:
    explicit constraint_test(const shape& s) : s_(s) {}

    template <typename Report>
    void run(const json& v, Report&& report) const {
        switch (s_.kind) {
            case shape_kind::string:
                run_text(v.get_ref<const std::string&>(), report);
                return;
            case shape_kind::list:
            case shape_kind::map:
                if (s_.min && static_cast<std::int64_t>(v.size()) < *s_.min) {
                    report(length_at_least(*s_.min));
                }
                if (s_.max && static_cast<std::int64_t>(v.size()) > *s_.max) {
                    report(length_at_most(*s_.max));
                }
                return;
            case shape_kind::integer:
            case shape_kind::long_:
            case shape_kind::double_:
            case shape_kind::timestamp: {
                const numeric n = numeric::of(v, s_.kind);
                if (s_.min && n.below(*s_.min)) report(value_at_least(*s_.min));
                if (s_.max && n.above(*s_.max)) report(value_at_most(*s_.max));
                return;
            }
            default:
                return;
        }
    }

    template <typename Report>
    void run_text(std::string_view text, Report&& report) const {
        if (s_.regex && !matches(text)) report(pattern_text(s_));
        if (s_.min || s_.max) {
            // A code point takes one to four bytes: count them only when that matters.
            const auto bytes = static_cast<std::int64_t>(text.size());
            const bool clear = (!s_.min || bytes / 4 >= *s_.min) && (!s_.max || bytes <= *s_.max);
            const auto n = clear ? bytes : static_cast<std::int64_t>(utf8_length(text));
            if (s_.min && n < *s_.min) report(length_at_least(*s_.min));
            if (s_.max && n > *s_.max) report(length_at_most(*s_.max));
        }
        if (!s_.enum_values.empty() && !in_enum(text)) report(enum_text(s_));
    }

    bool passes(const json& v) const {
        bool ok = true;
        run(v, [&ok](const std::string&) { ok = false; });
        return ok;
    }

    bool passes_text(std::string_view text) const {
        bool ok = true;
        run_text(text, [&ok](const std::string&) { ok = false; });
        return ok;
    }

    // "[…]" of "Map keys/value must satisfy constraint: […]"; the service lists the
    // maximum before the minimum here.
    std::string summary() const {
        std::vector<std::string> parts;
        const bool length = is_length_kind(s_.kind);
        if (s_.max) parts.push_back(length ? length_at_most(*s_.max) : value_at_most(*s_.max));
        if (s_.min) parts.push_back(length ? length_at_least(*s_.min) : value_at_least(*s_.min));
        if (s_.regex) parts.push_back(pattern_text(s_));
        if (!s_.enum_values.empty()) parts.push_back(enum_text(s_));
        std::string out = "[";
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i > 0) out += ", ";
            out += parts[i];
        }
        return out + "]";
    }

private:
    bool matches(std::string_view text) const {
        return std::regex_match(utf8_to_wide(text), *s_.regex);
    }

    bool in_enum(std::string_view text) const {
        for (const auto& e : s_.enum_values) {
            if (e == text) return true;
        }
        return false;
    }

    const shape& s_;
};

class violation_collector {
public:
    explicit violation_collector(const service_model& model) : model_(model) { path_.reserve(128); }

    void structure_members(const json& v, const shape& s) {
        for (const member& m : s.members) {
            if (full()) return;
            const shape& ms = model_.at(m.shape);
            if (!m.required && !ms.constrained) continue;
            const auto it = v.find(m.name);
            const std::size_t mark = path_.size();
            if (!path_.empty()) path_ += '.';
            path_ += m.path_name;
            if (it == v.end() || it->is_null()) {
                if (m.required) add(nullptr, m.shape, "Member must not be null");
            } else {
                value(*it, m.shape, true);
            }
            path_.resize(mark);
        }
    }

    std::vector<std::string> take() { return std::move(violations_); }

private:
    bool full() const { return violations_.size() >= max_listed_violations; }

    void add(const json* v, int shape_index, std::string_view constraint) {
        if (full()) return;
        std::string text = "Value ";
        text += v ? quoted_value(model_, shape_index, *v) : "null";
        text += " at '";
        text += path_;
        text += "' failed to satisfy constraint: ";
        text += constraint;
        violations_.push_back(std::move(text));
    }

    // Visits a present value; a map's keys and values report their own constraints
    // through the map, so they are visited with `own` false.
    void value(const json& v, int shape_index, bool own) {
        const shape& s = model_.at(shape_index);
        if (s.opaque || full()) return;
        if (own && s.has_own_constraints()) {
            constraint_test(s).run(v, [&](const std::string& c) { add(&v, shape_index, c); });
        }
        if (!s.constrained_below) return;
        switch (s.kind) {
            case shape_kind::structure:
                structure_members(v, s);
                return;
            case shape_kind::list:
                for (std::size_t i = 0; i < v.size() && !full(); ++i) {
                    // A null element reads as an empty one, as a null map entry does.
                    const bool null = v[i].is_null();
                    if (null && model_.at(s.element).kind != shape_kind::structure) continue;
                    const std::size_t mark = path_.size();
                    path_ += '.';
                    path_ += std::to_string(i + 1);
                    path_ += ".member";
                    if (null)
                        structure_members(json::object(), model_.at(s.element));
                    else
                        value(v[i], s.element, true);
                    path_.resize(mark);
                }
                return;
            case shape_kind::map:
                map_entries(v, s, shape_index);
                return;
            default:
                return;
        }
    }

    void map_entries(const json& v, const shape& s, int shape_index) {
        const shape& key = model_.at(s.key);
        const shape& val = model_.at(s.value);
        if (key.has_own_constraints()) {
            const constraint_test test(key);
            for (auto it = v.begin(); it != v.end() && !full(); ++it) {
                if (!test.passes_text(it.key())) {
                    add(&v, shape_index, "Map keys must satisfy constraint: " + test.summary());
                }
            }
        }
        if (val.has_own_constraints() && !val.opaque) {
            const constraint_test test(val);
            for (auto it = v.begin(); it != v.end() && !full(); ++it) {
                if (!it->is_null() && !test.passes(*it)) {
                    add(&v, shape_index, "Map value must satisfy constraint: " + test.summary());
                }
            }
        }
        if (!val.constrained_below) return;
        for (auto it = v.begin(); it != v.end() && !full(); ++it) {
            // A null entry reads as an empty one: a structure's required members are null.
            if (it->is_null() && val.kind != shape_kind::structure) continue;
            const std::size_t mark = path_.size();
            path_ += '.';
            path_ += it.key();
            path_ += ".member";
            if (it->is_null())
                structure_members(json::object(), val);
            else
                value(*it, s.value, false);
            path_.resize(mark);
        }
    }

    const service_model& model_;
    std::string path_;
    std::vector<std::string> violations_;
};

}  // namespace

std::vector<std::string> collect_violations(const service_model& model, int input_shape,
                                            const json& request) {
    violation_collector collector(model);
    collector.structure_members(request, model.at(input_shape));
    return collector.take();
}

}  // namespace tablespan::api::validation
