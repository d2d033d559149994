#pragma once

// The gateway's HTTP/1.1 server (Boost.Beast): keep-alive connections, bounded headers and
// bodies (413/431 as problem+json), an idle timeout, and for every request its id and trace
// context, the X-Request-Id header on the response and one access-log line (method, path without
// its query, status, duration: no token, no query, no body, nothing personal).
//
// Handlers run on the server's threads and may block (they call the services with deadlines):
// `threads` bounds how many requests are served at once.

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/ssl/context.hpp"
#include "gateway/http/http_types.h"

namespace ror::gateway::http {

struct HttpServerOptions {
  std::string address = "0.0.0.0";
  int port = 8080;  // 0 picks a free one (port() says which)
  int threads = 4;
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 << 10;
  absl::Duration idle_timeout = absl::Seconds(30);
  // How long a streamed body waits before asking its stream again when it had nothing.
  absl::Duration stream_poll_interval = absl::Milliseconds(200);
  // TLS when a certificate is given (PEM chain and key); with a client CA, client certificates
  // signed by it are verified (and their subject given to the handler), required or not.
  std::string tls_certificate_file;
  std::string tls_private_key_file;
  std::string tls_client_ca_file;
  bool require_client_certificate = false;
};

// Answers a request. The server sets X-Request-Id, Content-Length and keep-alive (a streamed
// reply closes its connection at its end).
using Handler = std::function<Reply(const Request&, const RequestContext&)>;

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; UNAVAILABLE naming the address when it cannot bind.
  absl::Status Start();
  void Stop();
  int port() const { return port_; }

  // The context of a request (its id, the next hop of its trace), its answer with the server's
  // headers, and its access-log line: the part of a session that is not I/O.
  Reply Serve(const Request& request, const std::string& peer,
              const std::string& client_certificate,
              const std::string& client_certificate_sha256) const;
  // Serves a connection just accepted.
  void Open(boost::asio::ip::tcp::socket socket) const;
  const HttpServerOptions& options() const { return options_; }

 private:
  class Listener;

  const HttpServerOptions options_;
  const Handler handler_;
  boost::asio::io_context io_;
  std::unique_ptr<boost::asio::ssl::context> tls_;
  std::shared_ptr<Listener> listener_;
  std::vector<std::thread> threads_;
  int port_ = 0;
};

}  // namespace ror::gateway::http
