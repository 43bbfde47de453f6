// TagResource, UntagResource and ListTagsOfResource: a table's tags, addressed by its
// ARN. Order of checks: dynalite's validations/tagResource.js and untagResource.js (its
// tests ran against the service): the ARN's form, then an empty list, then the tags
// themselves, then the table. Texts and timing: ../shared/reference/dynamodb-data-plane.md
// §5 (the ACK controller's live probes of 2026).

#include "api/handlers.h"
#include "api/request_util.h"
#include "core/region.h"
#include "tags/table_tags.h"

namespace tablespan::api {

namespace {
// The table name an ARN names: arn:aws:dynamodb:REGION:ACCOUNT:table/NAME.
std::string name_from_arn(const std::string& arn) {
    if (arn.rfind("arn:", 0) != 0) throw_validation("ARNs must start with 'arn:'");
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        const auto colon = arn.find(':', start);
        if (colon == std::string::npos) break;
        parts.push_back(arn.substr(start, colon - start));
        start = colon + 1;
    }
    parts.push_back(arn.substr(start));
    const auto invalid = [&] {
        throw_validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    };
    if (parts.size() != 6 || parts[1] != "aws" || parts[2] != "dynamodb" || parts[3].empty() ||
        parts[4].empty() || parts[5].rfind("table/", 0) != 0)
        invalid();
    for (char c : parts[4])
        if (c < '0' || c > '9') invalid();
    const std::string rest = parts[5].substr(6);
    const auto slash = rest.find('/');
    if (slash != std::string::npos)
        throw_invalid_parameter(
            "Invalid resource arn provided, only table or stream is accepted. Provided resource "
            "arn: " +
            arn);
    if (rest.size() < 3) invalid();
    return rest;
}

TableMeta& table_of(core::Region& region, const std::string& arn, const std::string& name) {
    TableMeta* t = region.find_table(name);
    if (!t || t->arn() != arn)
        throw ApiError("ResourceNotFoundException",
                       "Requested resource not found: ResourceArn: " + arn + " not found");
    return *t;
}

// A change to the tags: refused while the table is deleting or within the lock of the
// last effective change (unless it changes nothing); ListTagsOfResource shows the old
// set for a while (tags::kListLagMs).
void change_tags(core::Region& region, TableMeta& t, Json next) {
    if (t.status == "DELETING")
        throw ApiError("ResourceInUseException",
                       "Attempt to change a resource which is still in use: Table is being "
                       "deleted: " +
                           t.name);
    if (next == t.tags) return;  // a no-op is never refused or throttled
    const Millis now = region.now();
    if (t.tags_changed_at && now < t.tags_changed_at + tags::kChangeLockMs)
        throw ApiError("LimitExceededException",
                       "Subscriber limit exceeded: Table tags are being updated: " + t.name);
    if (t.tag_history.empty()) t.tag_history.push_back({{"at", 0}, {"tags", t.tags}});
    t.tag_history.push_back({{"at", now}, {"tags", next}});
    // Sets that a later one hides from every ListTagsOfResource from now on are dropped.
    while (t.tag_history.size() > 1 &&
           t.tag_history[1].at("at").get<Millis>() <= now - tags::kListLagMs)
        t.tag_history.erase(t.tag_history.begin());
    t.tags = std::move(next);
    t.tags_changed_at = now;
    region.save_table(t);
}
}  // namespace

Json tag_resource(core::Region& region, const Json& request) {
    const std::string arn = request.at("ResourceArn");
    const std::string name = name_from_arn(arn);
    const Json& tags = request.at("Tags");
    if (tags.empty()) throw_validation("Atleast one Tag needs to be provided as Input.");
    tags::check_tags(tags);
    TableMeta& t = table_of(region, arn, name);
    change_tags(region, t, tags::merged(t.tags, tags));
    return Json::object();
}

Json untag_resource(core::Region& region, const Json& request) {
    const std::string arn = request.at("ResourceArn");
    const std::string name = name_from_arn(arn);
    const Json& keys = request.at("TagKeys");
    if (keys.empty()) throw_validation("Atleast one Tag Key needs to be provided as Input.");
    TableMeta& t = table_of(region, arn, name);
    change_tags(region, t, tags::without(t.tags, keys));
    return Json::object();
}

Json list_tags_of_resource(core::Region& region, const Json& request) {
    const std::string arn = request.at("ResourceArn");
    TableMeta& t = table_of(region, arn, name_from_arn(arn));
    // At most 50 tags: one page, whatever NextToken says (an invalid one is ignored). The
    // set shown is the one in force kListLagMs ago.
    const Millis seen = region.now() - tags::kListLagMs;
    const Json* shown = &t.tags;
    if (!t.tag_history.empty() && t.tag_history.back().at("at").get<Millis>() > seen) {
        shown = &t.tag_history.front().at("tags");
        for (const auto& h : t.tag_history)
            if (h.at("at").get<Millis>() <= seen) shown = &h.at("tags");
    }
    return {{"Tags", *shown}};
}

}  // namespace tablespan::api
