#pragma once

// TransactionCanceledException as the service sends it: one reason per action in
// request order ({"Code": "None"} for the others, with no Message), and a message that
// lists the codes: "Transaction cancelled, please refer cancellation reasons for specific
// reasons [None, ConditionalCheckFailed]" (captured wire bodies,
// ../shared/reference/dynamodb-data-plane.md §2.3).

#include <optional>
#include <string>
#include <vector>

#include "tablespan/json_codec.h"

namespace tablespan::transactions {

class Cancellation {
public:
    explicit Cancellation(std::size_t actions) : reasons_(actions, Json{{"Code", "None"}}) {}

    void set(std::size_t action, const std::string& code, const std::string& message,
             const std::optional<Json>& item = std::nullopt);
    // Throws TransactionCanceledException.
    [[noreturn]] void raise() const;
    void raise_if_any() const {
        if (any_) raise();
    }

private:
    std::vector<Json> reasons_;
    bool any_ = false;
};

}  // namespace tablespan::transactions
