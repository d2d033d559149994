#include "gateway/http/http_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/strand.hpp"
#include "boost/beast/core.hpp"
#include "gateway/http/problem.h"
#include "libs/common/log.h"

namespace ror::gateway::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// One connection: read a request, answer it, and again while both sides keep it alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const HttpServer& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    const tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = remote.address().to_string();
  }

  void Start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_.options().max_body_bytes);
    parser_->header_limit(static_cast<uint32_t>(server_.options().max_header_bytes));
    stream_.expires_after(
        std::chrono::milliseconds(absl::ToInt64Milliseconds(server_.options().idle_timeout)));
    beast::http::async_read(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec == beast::http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      return Close();
    }
    if (ec) {
      // The request cannot be read to its end: answer, then close (the rest is unreadable).
      RequestContext context{
          .request_id = RequestIdOf(""), .trace = NextHop(std::nullopt), .peer = peer_};
      Problem problem;
      if (ec == beast::http::error::body_limit) {
        problem = Problem{.status = 413,
                          .detail = absl::StrCat("le corps dépasse ",
                                                 server_.options().max_body_bytes, " octets"),
                          .violations = {}};
      } else if (ec == beast::http::error::header_limit) {
        problem = Problem{.status = 431, .detail = "en-têtes trop volumineux", .violations = {}};
      } else {
        problem = Problem{.status = 400,
                          .detail = absl::StrCat("requête HTTP illisible : ", ec.message()),
                          .violations = {}};
      }
      Response response = ProblemResponse(problem, context, 11, false);
      response.set(kRequestIdHeader, context.request_id);
      log::Info("http", {{"status", absl::StrCat(problem.status)},
                         {"error", ec.message()},
                         {"request_id", context.request_id}});
      return Write(std::move(response));
    }
    Write(server_.Serve(parser_->get(), peer_));
  }

  void Write(Response response) {
    auto message = std::make_shared<Response>(std::move(response));
    beast::http::async_write(stream_, *message,
                             [self = shared_from_this(), message](beast::error_code ec, size_t) {
                               if (ec || !message->keep_alive()) return self->Close();
                               self->Read();
                             });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  const HttpServer& server_;
  std::string peer_;
};

}  // namespace

class HttpServer::Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, const HttpServer& server)
      : io_(io), acceptor_(io), server_(server) {}

  absl::Status Bind(const std::string& address, int port) {
    beast::error_code ec;
    const tcp::endpoint endpoint(asio::ip::make_address(address, ec), static_cast<uint16_t>(port));
    if (!ec) acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat("gateway: cannot listen on ", address, ":", port, ": ", ec.message()));
    }
    return absl::OkStatus();
  }

  int port() const { return acceptor_.local_endpoint().port(); }

  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                             if (ec == asio::error::operation_aborted) return;
                             if (!ec)
                               std::make_shared<Session>(std::move(socket), self->server_)->Start();
                             self->Accept();
                           });
  }

  void Close() {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  asio::io_context& io_;
  tcp::acceptor acceptor_;
  const HttpServer& server_;
};

HttpServer::HttpServer(HttpServerOptions options, Handler handler)
    : options_(std::move(options)), handler_(std::move(handler)), io_(options_.threads) {}

HttpServer::~HttpServer() { Stop(); }

absl::Status HttpServer::Start() {
  listener_ = std::make_shared<Listener>(io_, *this);
  if (absl::Status s = listener_->Bind(options_.address, options_.port); !s.ok()) return s;
  port_ = listener_->port();
  listener_->Accept();
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this] { io_.run(); });
  }
  log::Info("gateway listening", {{"address", options_.address}, {"port", absl::StrCat(port_)}});
  return absl::OkStatus();
}

void HttpServer::Stop() {
  if (threads_.empty()) return;
  asio::post(io_, [listener = listener_] { listener->Close(); });
  io_.stop();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

Response HttpServer::Serve(const Request& request, const std::string& peer) const {
  const absl::Time start = absl::Now();
  const RequestContext context{
      .request_id = RequestIdOf(View(request[kRequestIdHeader])),
      .trace = NextHop(ParseTraceParent(View(request["traceparent"]))),
      .peer = peer,
  };
  Response response = handler_(request, context);
  response.version(request.version());
  response.keep_alive(response.keep_alive() && request.keep_alive());
  response.set(kRequestIdHeader, context.request_id);
  response.prepare_payload();
  const std::string_view target(request.target().data(), request.target().size());
  log::Info("http", {{"method", std::string(request.method_string())},
                     {"path", std::string(target.substr(0, target.find('?')))},
                     {"status", absl::StrCat(response.result_int())},
                     {"ms", absl::StrCat(absl::ToDoubleMilliseconds(absl::Now() - start))},
                     {"request_id", context.request_id}});
  return response;
}

}  // namespace ror::gateway::http
