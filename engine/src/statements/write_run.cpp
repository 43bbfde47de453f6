// INSERT, UPDATE and DELETE through PutItem, UpdateItem and DeleteItem, so that they
// write indexes, streams, PITR history and replication exactly as those do.

#include "api/handlers.h"
#include "api/request_util.h"
#include "core/region.h"
#include "expr/expressions.h"
#include "statements/run.h"
#include "statements/write_requests.h"
#include "tablespan/error.h"

namespace tablespan::statements {

Json run_write(core::Region& region, const partiql::Statement& s, const Json& request) {
    const api::TableMeta& table = api::table_for_data(region, s.table);
    WriteRequest w = write_request(s, table);
    for (const char* name : {"ReturnValuesOnConditionCheckFailure", "ReturnConsumedCapacity"})
        if (const Json* v = api::member(request, name)) w.request[name] = *v;
    const expr::GeneratedScope generated;
    Json answer;
    try {
        if (w.operation == "PutItem")
            answer = api::put_item(region, w.request);
        else if (w.operation == "UpdateItem")
            answer = api::update_item(region, w.request);
        else
            answer = api::delete_item(region, w.request);
    } catch (const ApiError& e) {
        if (w.operation == "PutItem" && e.error().type == "ConditionalCheckFailedException")
            throw ApiError("DuplicateItemException", kDuplicateItem);
        throw;
    }
    Json out = {{"Items", Json::array()}};
    if (answer.contains("Attributes") && !answer["Attributes"].empty())
        out["Items"].push_back(answer["Attributes"]);
    if (answer.contains("ConsumedCapacity")) out["ConsumedCapacity"] = answer["ConsumedCapacity"];
    return out;
}

}  // namespace tablespan::statements
