#include "model/item_document.h"

#include "model/item_reader.h"

namespace tablespan {

namespace {

using Type = AttributeValue::Type;

class DocumentBuilder : public SerializedItemReader {
public:
    using SerializedItemReader::SerializedItemReader;

    Json map(int depth) {
        Json out = Json::object();
        auto& members = out.get_ref<Json::object_t&>();
        const std::size_t n = count();
        std::string_view previous;
        for (std::size_t i = 0; i < n; ++i) {
            const std::string_view name = bytes();
            if (i && !(previous < name)) corrupt("map names out of order");
            previous = name;
            // Stored in ascending order: each member goes at the end.
            members.emplace_hint(members.end(), std::string(name), value(depth));
        }
        return out;
    }

    Json value(int depth) {
        if (depth > kMaxItemDepth) corrupt("nested too deeply");
        const auto type = static_cast<Type>(byte());
        switch (type) {
            case Type::S:
                return typed("S", std::string(bytes()));
            case Type::N:
                return typed("N", number().to_string());
            case Type::B:
                return typed("B", base64_encode(bytes()));
            case Type::BOOL: {
                const unsigned char b = byte();
                if (b > 1) corrupt("bad boolean");
                return typed("BOOL", b == 1);
            }
            case Type::NUL:
                return typed("NULL", true);
            case Type::M:
                return typed("M", map(depth + 1));
            case Type::L: {
                const std::size_t n = count();
                Json list = Json::array();
                auto& elements = list.get_ref<Json::array_t&>();
                elements.reserve(n);
                for (std::size_t i = 0; i < n; ++i) elements.push_back(value(depth + 1));
                return typed("L", std::move(list));
            }
            case Type::SS:
            case Type::NS:
            case Type::BS: {
                const std::size_t n = count();
                Json list = Json::array();
                auto& elements = list.get_ref<Json::array_t&>();
                elements.reserve(n);
                for (std::size_t i = 0; i < n; ++i)
                    elements.emplace_back(type == Type::SS   ? std::string(bytes())
                                          : type == Type::NS ? number().to_string()
                                                             : base64_encode(bytes()));
                return typed(type == Type::SS   ? "SS"
                             : type == Type::NS ? "NS"
                                                : "BS",
                             std::move(list));
            }
        }
        corrupt("unknown type");
    }

private:
    static Json typed(const char* type, Json value) {
        Json out = Json::object();
        out.get_ref<Json::object_t&>().emplace(type, std::move(value));
        return out;
    }
};

}  // namespace

Json serialized_item_document(std::string_view serialized) {
    DocumentBuilder builder(serialized);
    if (builder.byte() != kItemFormatVersion) DocumentBuilder::corrupt("unknown format version");
    Json item = builder.map(0);
    if (!builder.at_end()) DocumentBuilder::corrupt("trailing bytes");
    return item;
}

}  // namespace tablespan
