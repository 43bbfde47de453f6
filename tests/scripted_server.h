#pragma once

// A DynamoDB endpoint stand-in for the remote client's tests: it answers each request
// with the next scripted response, for the failures a real endpoint cannot be made to
// produce on cue (a 500, a throttling streak, a corrupt checksum, a closed connection).

#include <atomic>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "server/hashes.h"

namespace test_support {

// A server that answers each request with the next scripted response, for the failures
// a real endpoint cannot be made to produce on cue (a 500, a throttling streak, a corrupt
// checksum, a connection it closes). Records how many requests arrived.
class ScriptedServer {
public:
    struct Reply {
        unsigned status = 200;
        std::string body = "{}";
        bool corruptCrc = false;
        bool closeAfter = false;  // closes the connection without saying so
    };

    explicit ScriptedServer(std::deque<Reply> replies) : m_replies(std::move(replies)) {
        m_acceptor.open(boost::asio::ip::tcp::v4());
        m_acceptor.bind({boost::asio::ip::make_address("127.0.0.1"), 0});
        m_acceptor.listen();
        m_thread = std::thread([this] { serve(); });
    }
    ~ScriptedServer() {
        m_stopping = true;
        boost::system::error_code ec;
        boost::asio::ip::tcp::socket poke(m_io);
        poke.connect(m_acceptor.local_endpoint(), ec);  // wakes accept()
        m_thread.join();
    }
    std::string url() const {
        return "http://127.0.0.1:" + std::to_string(m_acceptor.local_endpoint().port());
    }
    int requests() const { return m_requests; }
    int connections() const { return m_connections; }

private:
    void serve() {
        while (!m_stopping) {
            boost::asio::ip::tcp::socket socket(m_io);
            boost::system::error_code ec;
            m_acceptor.accept(socket, ec);
            if (ec || m_stopping) return;
            ++m_connections;
            boost::beast::flat_buffer buffer;
            for (;;) {
                boost::beast::http::request<boost::beast::http::string_body> request;
                boost::beast::http::read(socket, buffer, request, ec);
                if (ec) break;
                ++m_requests;
                Reply reply;
                {
                    std::lock_guard lock(m_mutex);
                    if (!m_replies.empty()) {
                        reply = m_replies.front();
                        m_replies.pop_front();
                    }
                }
                boost::beast::http::response<boost::beast::http::string_body> response{
                    boost::beast::http::status(reply.status), 11};
                response.set(boost::beast::http::field::content_type, "application/x-amz-json-1.0");
                response.body() = reply.body;
                const std::uint32_t crc = tablespan::server::crc32(reply.body);
                response.set("x-amz-crc32", std::to_string(reply.corruptCrc ? crc + 1 : crc));
                response.keep_alive(true);
                response.prepare_payload();
                boost::beast::http::write(socket, response, ec);
                if (ec || reply.closeAfter) break;
            }
        }
    }

    boost::asio::io_context m_io;
    boost::asio::ip::tcp::acceptor m_acceptor{m_io};
    std::mutex m_mutex;
    std::deque<Reply> m_replies;
    std::atomic<int> m_requests{0};
    std::atomic<int> m_connections{0};
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
};

}  // namespace test_support
