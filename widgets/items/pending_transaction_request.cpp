// PendingTransaction: the TransactWriteItems request of the staged changes and the
// condition each carries.

#include <string>

#include "items/pending_transaction.h"

using tablespan::Json;

namespace {
// The service's limit on the length of an expression.
constexpr std::size_t kMaxExpressionBytes = 4096;
}  // namespace

Json PendingTransaction::condition(const Change& change, QString* error) const {
    if (change.keyNames.isEmpty()) return {};
    Json names = {{"#k0", change.keyNames.first().toStdString()}};
    if (change.loaded.is_null())
        return {{"ConditionExpression", "attribute_not_exists(#k0)"},
                {"ExpressionAttributeNames", names}};
    if (!m_onlyIfUnchanged) return {};
    // DynamoDB compares maps, lists and sets whole: every attribute as loaded, still so.
    std::string expression = "attribute_exists(#k0)";
    Json values = Json::object();
    int n = 0;
    for (const auto& [name, value] : change.loaded.items()) {
        if (change.keyNames.contains(QString::fromStdString(name))) continue;
        const std::string id = std::to_string(n++);
        names["#a" + id] = name;
        values[":v" + id] = value;
        expression += " AND #a" + id + " = :v" + id;
    }
    if (expression.size() > kMaxExpressionBytes) {
        *error = tr("The item %1 has too many attributes to check that it is unchanged: the "
                    "condition would be longer than the service's 4 KB. Turn off \"Only if "
                    "unchanged since loaded\", or remove its change.")
                     .arg(keyText(change.key, change.keyNames));
        return {};
    }
    Json out = {{"ConditionExpression", expression}, {"ExpressionAttributeNames", names}};
    if (!values.empty()) out["ExpressionAttributeValues"] = values;
    return out;
}

Json PendingTransaction::request(QString* error) const {
    Json items = Json::array();
    for (const Change& c : m_changes) {
        Json action = {{"TableName", c.table.toStdString()}};
        if (c.kind == Kind::Put)
            action["Item"] = c.item;
        else
            action["Key"] = c.key;
        QString conditionError;
        const Json cond = condition(c, &conditionError);
        if (!conditionError.isEmpty()) {
            *error = conditionError;
            return {};
        }
        if (cond.is_object()) {
            action.update(cond);
            // A failed condition brings the item as it is now.
            action["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
        }
        items.push_back({{c.kind == Kind::Put ? "Put" : "Delete", action}});
    }
    return {{"TransactItems", items}};
}
