#pragma once

#include <optional>
#include <string>

#include <boost/asio/ip/address.hpp>

namespace tablespan::server {

// The address HttpServerOptions::address names: an IP address, or "localhost" as
// 127.0.0.1. nullopt for anything else (host names are not resolved).
std::optional<boost::asio::ip::address> parse_listen_address(const std::string& text);

// True for 127.0.0.0/8 and ::1, also when written as an IPv4-mapped IPv6 address.
bool is_loopback(const boost::asio::ip::address& address);

}  // namespace tablespan::server
