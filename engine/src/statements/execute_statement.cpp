// ExecuteStatement: one PartiQL statement (../shared/reference/dynamodb-data-plane.md
// §6.2).

#include "api/handlers.h"
#include "api/request_util.h"
#include "partiql/parser.h"
#include "statements/run.h"
#include "tablespan/error.h"

namespace tablespan::api {

Json execute_statement(core::Region& region, const Json& request) {
    const partiql::Statement s =
        partiql::parse(request.at("Statement").get<std::string>(), member(request, "Parameters"));
    switch (s.kind) {
        case partiql::Statement::Kind::Select:
            return statements::run_select(region, s, request);
        case partiql::Statement::Kind::Exists:
            throw_validation("EXISTS can only be used in ExecuteTransaction write requests.");
        default:
            return statements::run_write(region, s, request);
    }
}

}  // namespace tablespan::api
