#include "server/listen_address.h"

#include "tablespan/http_server.h"

namespace tablespan::server {

namespace net = boost::asio;

std::optional<net::ip::address> parse_listen_address(const std::string& text) {
    if (text == "localhost") return net::ip::address_v4::loopback();
    boost::system::error_code ec;
    auto address = net::ip::make_address(text, ec);
    if (ec) return std::nullopt;
    return address;
}

bool is_loopback(const net::ip::address& address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        return net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6()).is_loopback();
    return address.is_loopback();
}

}  // namespace tablespan::server

namespace tablespan {

bool is_loopback_address(const std::string& address) {
    const auto ip = server::parse_listen_address(address);
    return ip && server::is_loopback(*ip);
}

}  // namespace tablespan
