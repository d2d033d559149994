#include "bench/gateway/http_client.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "boost/asio/connect.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/http.hpp"

namespace ror::bench::gateway {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

struct HttpClient::Connection {
  asio::io_context io;
  tcp::socket socket{io};
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(int port) : port_(port) {}
HttpClient::~HttpClient() = default;

absl::StatusOr<HttpReply> HttpClient::Get(const std::string& target) {
  // A kept-alive connection the server has since closed fails once: open a new one and retry.
  const bool reused = connection_ != nullptr;
  absl::StatusOr<HttpReply> reply = GetOnce(target);
  if (!reply.ok() && reused) {
    connection_.reset();
    reply = GetOnce(target);
  }
  if (!reply.ok()) connection_.reset();
  return reply;
}

absl::StatusOr<HttpReply> HttpClient::GetOnce(const std::string& target) {
  beast::error_code ec;
  if (connection_ == nullptr) {
    connection_ = std::make_unique<Connection>();
    connection_->socket.connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port_)), ec);
    if (ec) return absl::UnavailableError(absl::StrCat("connect: ", ec.message()));
  }
  beast::http::request<beast::http::empty_body> request(beast::http::verb::get, target, 11);
  request.set(beast::http::field::host, absl::StrCat("127.0.0.1:", port_));
  request.keep_alive(true);
  beast::http::write(connection_->socket, request, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("write ", target, ": ", ec.message()));
  beast::http::response_parser<beast::http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::http::read(connection_->socket, connection_->buffer, parser, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("read ", target, ": ", ec.message()));
  beast::http::response<beast::http::string_body> response = parser.release();
  HttpReply reply;
  reply.status = response.result_int();
  const auto location = response.find(beast::http::field::content_location);
  if (location != response.end()) reply.content_location = std::string(location->value());
  reply.body = std::move(response.body());
  if (!response.keep_alive()) connection_.reset();
  return reply;
}

}  // namespace ror::bench::gateway
