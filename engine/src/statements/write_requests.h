#pragma once

// A PartiQL INSERT, UPDATE or DELETE as the item operation that runs it: PutItem with
// attribute_not_exists on the key (INSERT never overwrites), UpdateItem with
// attribute_exists on the key (UPDATE never creates), DeleteItem whose extra WHERE
// conditions hold only for an item that exists (a missing item is a silent no-op:
// tests characterised against the service, eu-west-2, quoted in the reference hunt).
// EXISTS(SELECT …) becomes a ConditionCheck for ExecuteTransaction.

#include <string>

#include "api/table_meta.h"
#include "partiql/ast.h"

namespace tablespan::statements {

struct WriteRequest {
    std::string operation;  // PutItem, UpdateItem, DeleteItem, ConditionCheck
    Json request;           // TableName, Item or Key, the expressions, ReturnValues
};

WriteRequest write_request(const partiql::Statement& statement, const api::TableMeta& table);

// The text of a failed INSERT (DynamoDB Local's DUPLICATE_ITEM_IN_TABLE; the AWS CLI
// example in the developer guide shows the service saying the same).
inline constexpr const char* kDuplicateItem = "Duplicate primary key exists in table";

}  // namespace tablespan::statements
