#include "transactions/cancellation.h"

#include "tablespan/error.h"

namespace tablespan::transactions {

void Cancellation::set(std::size_t action, const std::string& code, const std::string& message,
                       const std::optional<Json>& item) {
    Json reason = {{"Code", code}, {"Message", message}};
    if (item) reason["Item"] = *item;
    reasons_.at(action) = std::move(reason);
    any_ = true;
}

void Cancellation::raise() const {
    std::string codes;
    for (const auto& r : reasons_)
        codes += (codes.empty() ? "" : ", ") + r.at("Code").get<std::string>();
    ApiError e("TransactionCanceledException",
               "Transaction cancelled, please refer cancellation reasons for specific reasons [" +
                   codes + "]");
    e.error().extra["CancellationReasons"] = reasons_;
    throw e;
}

}  // namespace tablespan::transactions
