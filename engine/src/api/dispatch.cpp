#include "api/dispatch.h"

#include <algorithm>
#include <map>

#include "api/handlers.h"
#include "api/request_validator.h"
#include "tablespan/error.h"

namespace tablespan::api {

namespace {
const std::map<std::string_view, Handler>& handlers() {
    static const std::map<std::string_view, Handler> table = {
        {"BatchGetItem", batch_get_item}, {"BatchWriteItem", batch_write_item},
        {"CreateTable", create_table},    {"DeleteItem", delete_item},
        {"DeleteTable", delete_table},    {"DescribeTable", describe_table},
        {"GetItem", get_item},            {"ListTables", list_tables},
        {"PutItem", put_item},            {"Query", query},
        {"Scan", scan},                   {"UpdateItem", update_item},
        {"UpdateTable", update_table},
    };
    return table;
}
}  // namespace

std::vector<std::string_view> implemented_operations() {
    std::vector<std::string_view> out;
    for (const auto& [name, h] : handlers()) out.push_back(name);
    return out;
}

Json dispatch(core::Region& region, std::string_view operation, const Json& request) {
    auto it = handlers().find(operation);
    if (it == handlers().end()) {
        if (model_has_operation(operation))
            throw ApiError("UnknownOperationException",
                           "Tablespan does not implement " + std::string(operation) + " yet.");
        throw ApiError("UnknownOperationException", "");
    }
    if (!request.is_object())
        throw ApiError("SerializationException",
                       request.is_array() ? "Start of list found where not expected"
                                          : "Unexpected token received from parser");
    validate_request(operation, request);
    return it->second(region, request);
}

}  // namespace tablespan::api
