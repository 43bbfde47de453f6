#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/model/java_regex.h"
#include "api/model/service_model.h"

namespace tablespan::api::validation {
namespace {

using nlohmann::json;

constexpr std::string_view model_chunks[] = {
#include "api/model/dynamodb_model.inc"
};

constexpr std::string_view java_package = "com.amazonaws.dynamodb.v20120810.";

struct kind_info {
    std::string_view type;
    shape_kind kind;
    std::string_view type_name;
    std::string_view java_type;  // empty: derived from the shape
};

constexpr kind_info kinds[] = {
    {"string", shape_kind::string, "String", "java.lang.String"},
    {"integer", shape_kind::integer, "Integer", "java.lang.Integer"},
    {"long", shape_kind::long_, "Long", "java.lang.Long"},
    {"boolean", shape_kind::boolean, "Boolean", "java.lang.Boolean"},
    {"double", shape_kind::double_, "Double", "java.lang.Double"},
    {"timestamp", shape_kind::timestamp, "Date", "java.util.Date"},
    {"blob", shape_kind::blob, "ByteBuffer", "java.nio.ByteBuffer"},
    {"structure", shape_kind::structure, "", ""},
    {"list", shape_kind::list, "List", ""},
    {"map", shape_kind::map, "Map", ""},
};

const kind_info& kind_of(const std::string& type, const std::string& shape_name) {
    for (const auto& k : kinds) {
        if (k.type == type) return k;
    }
    throw std::runtime_error("API model: shape " + shape_name + " has unknown type " + type);
}

std::string lower_first(const std::string& name) {
    std::string out = name;
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z')
        out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
}

class model_compiler {
public:
    explicit model_compiler(const json& doc) : doc_(doc) {}

    service_model compile() {
        const json& shapes = doc_.at("shapes");
        for (auto it = shapes.begin(); it != shapes.end(); ++it) {
            index_.emplace(it.key(), static_cast<int>(model_.shapes.size()));
            model_.shapes.emplace_back().name = it.key();
        }
        for (auto it = shapes.begin(); it != shapes.end(); ++it) {
            compile_shape(model_.shapes[static_cast<std::size_t>(index_.at(it.key()))], it.value());
        }
        for (const shape& s : model_.shapes) {
            if (s.kind == shape_kind::map && model_.at(s.key).kind != shape_kind::string) {
                throw std::runtime_error("API model: map " + s.name + " has a non-string key");
            }
        }
        std::vector<int> state(model_.shapes.size(), 0);
        for (std::size_t i = 0; i < model_.shapes.size(); ++i) {
            java_type_of(static_cast<int>(i), state);
        }
        state.assign(model_.shapes.size(), 0);
        for (std::size_t i = 0; i < model_.shapes.size(); ++i) {
            constrained(static_cast<int>(i), state);
        }
        const json& operations = doc_.at("operations");
        for (auto it = operations.begin(); it != operations.end(); ++it) {
            model_.operations.emplace(it.key(), ref(it.value().get<std::string>()));
        }
        return std::move(model_);
    }

private:
    int ref(const std::string& name) const {
        auto it = index_.find(name);
        if (it == index_.end()) throw std::runtime_error("API model: missing shape " + name);
        return it->second;
    }

    void compile_shape(shape& s, const json& j) {
        const kind_info& info = kind_of(j.at("type").get<std::string>(), s.name);
        s.kind = info.kind;
        s.type_name = info.type_name.empty() ? s.name : std::string(info.type_name);
        s.java_type = std::string(info.java_type);
        s.opaque = j.value("union", false) || s.name == "AttributeValue";
        if (j.contains("min")) s.min = j["min"].get<std::int64_t>();
        if (j.contains("max")) s.max = j["max"].get<std::int64_t>();
        if (j.contains("pattern")) {
            s.pattern = j["pattern"].get<std::string>();
            s.regex = std::make_unique<const std::wregex>(compile_java_pattern(s.pattern));
        }
        if (j.contains("enum")) {
            s.enum_values = j["enum"].get<std::vector<std::string>>();
            std::string text(1, '[');
            for (const std::string& value : s.enum_values) {
                if (text.size() > 1) text += ", ";
                text += value;
            }
            text += ']';
            s.enum_text = std::move(text);
        }
        switch (s.kind) {
            case shape_kind::structure: {
                s.java_type = std::string(java_package) + s.name;
                const auto required = j.value("required", std::vector<std::string>{});
                for (const json& m : j.at("members")) {
                    member& out = s.members.emplace_back();
                    out.name = m.at(0).get<std::string>();
                    out.path_name = lower_first(out.name);
                    out.shape = ref(m.at(1).get<std::string>());
                    out.required =
                        std::find(required.begin(), required.end(), out.name) != required.end();
                }
                if (s.members.size() > max_members) {
                    throw std::runtime_error("API model: shape " + s.name +
                                             " has too many members");
                }
                break;
            }
            case shape_kind::list:
                s.element = ref(j.at("member").get<std::string>());
                break;
            case shape_kind::map:
                s.key = ref(j.at("key").get<std::string>());
                s.value = ref(j.at("value").get<std::string>());
                break;
            default:
                break;
        }
    }

    // 0 = not visited, 1 = in progress, 2 = done.
    const std::string& java_type_of(int index, std::vector<int>& state) {
        shape& s = model_.shapes[static_cast<std::size_t>(index)];
        auto& st = state[static_cast<std::size_t>(index)];
        if (st == 2 || !s.java_type.empty()) {
            st = 2;
            return s.java_type;
        }
        if (st == 1) throw std::runtime_error("API model: recursive collection " + s.name);
        st = 1;
        if (s.kind == shape_kind::list) {
            std::string element = java_type_of(s.element, state);
            s.java_type = "java.util.List<" + element + ">";
        } else if (s.kind == shape_kind::map) {
            std::string value = java_type_of(s.value, state);
            s.java_type = "java.util.Map<java.lang.String, " + value + ">";
        }
        st = 2;
        return s.java_type;
    }

    bool constrained(int index, std::vector<int>& state) {
        shape& s = model_.shapes[static_cast<std::size_t>(index)];
        auto& st = state[static_cast<std::size_t>(index)];
        if (st == 2) return s.constrained;
        // Unions are not descended into; a cycle elsewhere is assumed constrained, which
        // only costs a visit.
        if (s.opaque) {
            st = 2;
            return false;
        }
        if (st == 1) return true;
        st = 1;
        bool below = false;
        switch (s.kind) {
            case shape_kind::structure:
                for (const member& m : s.members) {
                    below = constrained(m.shape, state) || m.required || below;
                }
                break;
            case shape_kind::list:
                below = constrained(s.element, state);
                break;
            case shape_kind::map:
                below = constrained(s.key, state);
                below = constrained(s.value, state) || below;
                break;
            default:
                break;
        }
        s.constrained_below = below;
        s.constrained = below || s.has_own_constraints();
        state[static_cast<std::size_t>(index)] = 2;
        return s.constrained;
    }

    const json& doc_;
    service_model model_;
    std::map<std::string, int, std::less<>> index_;
};

}  // namespace

int shape::find_member(std::string_view wire_name) const {
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (members[i].name == wire_name) return static_cast<int>(i);
    }
    return -1;
}

int service_model::input_of(std::string_view operation) const {
    auto it = operations.find(operation);
    return it == operations.end() ? -1 : it->second;
}

service_model compile_model(std::string_view model_json) {
    const json doc = json::parse(model_json);
    return model_compiler(doc).compile();
}

const service_model& dynamodb_model() {
    static const service_model model = [] {
        std::string text;
        for (std::string_view chunk : model_chunks) text += chunk;
        return compile_model(text);
    }();
    return model;
}

}  // namespace tablespan::api::validation
