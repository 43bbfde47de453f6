#include "api/request_util.h"

#include "core/region.h"
#include "kms/key_watch.h"

namespace tablespan::api {

TableMeta& table_for_data(core::Region& region, const std::string& name) {
    TableMeta* t = region.find_table(table_name_from(region, name));
    if (!t || t->status == "CREATING" || t->status == "DELETING")
        throw ApiError("ResourceNotFoundException", "Requested resource not found");
    kms::check_data_access(*t);
    return *t;
}

TableMeta& table_for_control(core::Region& region, const std::string& name) {
    std::string table_name = table_name_from(region, name);
    TableMeta* t = region.find_table(table_name);
    if (!t)
        throw ApiError("ResourceNotFoundException",
                       "Requested resource not found: Table: " + table_name + " not found");
    return *t;
}

std::string table_name_from(core::Region& region, const std::string& name_or_arn) {
    const std::string prefix = "arn:aws:dynamodb:";
    if (name_or_arn.rfind(prefix, 0) != 0) return name_or_arn;
    std::string expected =
        prefix + std::string(region.code()) + ":" + region.core().account_id + ":table/";
    if (name_or_arn.rfind(expected, 0) != 0)
        throw_validation("Invalid TableArn: " + name_or_arn +
                         " does not name a table in this region and account");
    return name_or_arn.substr(expected.size());
}

}  // namespace tablespan::api
