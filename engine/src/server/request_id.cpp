#include "server/request_id.h"

#include <random>

namespace tablespan::server {

std::string new_request_id() {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
    std::string id(52, ' ');
    for (char& c : id) c = kAlphabet[pick(random)];
    return id;
}

}  // namespace tablespan::server
