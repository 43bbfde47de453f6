#include "api/request_validator.h"

#include <string>
#include <string_view>
#include <vector>

#include "api/model/constraint_checker.h"
#include "api/model/service_model.h"
#include "api/model/type_checker.h"
#include "tablespan/error.h"

namespace tablespan::api {

void validate_request(std::string_view operation, const nlohmann::json& request) {
    const validation::service_model& model = validation::dynamodb_model();
    const int input = model.input_of(operation);
    if (input < 0) return;
    // An empty body reads as a request with no members.
    static const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json& body = request.is_null() ? empty : request;

    validation::check_types(model, input, body);
    throw_constraint_violations(validation::collect_violations(model, input, body));
}

void throw_constraint_violations(const std::vector<std::string>& violations) {
    if (violations.empty()) return;
    std::string message = std::to_string(violations.size()) + " validation error";
    if (violations.size() > 1) message += 's';
    message += " detected: ";
    for (std::size_t i = 0; i < violations.size(); ++i) {
        if (i > 0) message += "; ";
        message += violations[i];
    }
    throw_validation(std::move(message));
}

bool model_has_operation(std::string_view operation) {
    return validation::dynamodb_model().input_of(operation) >= 0;
}

}  // namespace tablespan::api
