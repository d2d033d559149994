#include "gateway/http/http_server.h"

#include <sstream>
#include <tuple>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/ssl.hpp"
#include "boost/asio/steady_timer.hpp"
#include "boost/asio/strand.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/ssl.hpp"
#include "gateway/http/problem.h"
#include "libs/common/log.h"

namespace ror::gateway::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// The subject of the client's verified certificate ("/CN=…/O=…") and the SHA-256 of its DER,
// in lower-case hex; empty without one.
std::pair<std::string, std::string> PeerCertificate(SSL* ssl) {
  X509* certificate = SSL_get1_peer_certificate(ssl);
  if (certificate == nullptr) return {};
  char subject[512];
  X509_NAME_oneline(X509_get_subject_name(certificate), subject, sizeof(subject));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  std::string fingerprint;
  if (X509_digest(certificate, EVP_sha256(), digest, &length) == 1) {
    fingerprint =
        absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
  }
  X509_free(certificate);
  return {subject, fingerprint};
}

// One connection: read a request, answer it, and again while both sides keep it alive. `Stream`
// is a TCP stream, or a TLS stream over one (which first shakes hands and last says goodbye).
template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  template <typename... TlsContext>
  Session(tcp::socket socket, const HttpServer& server, TlsContext&... tls)
      : stream_(std::move(socket), tls...), pause_(stream_.get_executor()), server_(server) {
    beast::error_code ec;
    const tcp::endpoint remote = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) peer_ = remote.address().to_string();
  }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->Expire();
        self->stream_.async_handshake(asio::ssl::stream_base::server, [self](beast::error_code ec) {
          if (ec) return;  // not TLS, or refused: nothing to say
          std::tie(self->certificate_, self->fingerprint_) =
              PeerCertificate(self->stream_.native_handle());
          self->Read();
        });
      } else {
        self->Read();
      }
    });
  }

 private:
  void Expire() {
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::milliseconds(absl::ToInt64Milliseconds(server_.options().idle_timeout)));
  }

  void Read() {
    parser_.emplace();
    parser_->body_limit(server_.options().max_body_bytes);
    parser_->header_limit(static_cast<uint32_t>(server_.options().max_header_bytes));
    Expire();
    beast::http::async_read(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnRead, this->shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec == beast::http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
      return Close();
    }
    if (ec) {
      // The request cannot be read to its end: answer, then close (the rest is unreadable).
      RequestContext context{.request_id = RequestIdOf(""),
                             .trace = NextHop(std::nullopt),
                             .peer = peer_,
                             .client_certificate = certificate_,
                             .client_certificate_sha256 = fingerprint_};
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
    Reply reply = server_.Serve(parser_->get(), peer_, certificate_, fingerprint_);
    if (reply.stream != nullptr) return StreamBody(std::move(reply));
    Write(std::move(reply.response));
  }

  // A streamed reply: its head, then what its stream gives, until its end or a failed write.
  void StreamBody(Reply reply) {
    std::ostringstream head;
    head << reply.response.base();
    SendThenPump(std::make_shared<std::string>(head.str()), std::move(reply.stream));
  }

  void SendThenPump(std::shared_ptr<std::string> text, std::shared_ptr<BodyStream> body) {
    Expire();
    asio::async_write(stream_, asio::buffer(*text),
                      [self = this->shared_from_this(), text, body](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        self->Pump(body);
                      });
  }

  void Pump(std::shared_ptr<BodyStream> body) {
    std::optional<std::string> next;
    try {
      next = body->Next();
    } catch (const std::exception& error) {
      // Outside Serve's guard: a stream's bug ends its response, not the process.
      log::Error("gateway stream failed", {{"error", error.what()}});
      return Close();
    }
    if (!next.has_value()) return Close();
    if (!next->empty()) {
      return SendThenPump(std::make_shared<std::string>(*std::move(next)), std::move(body));
    }
    // Nothing to send: no timeout while waiting (the stream's heartbeats find a client gone).
    beast::get_lowest_layer(stream_).expires_never();
    pause_.expires_after(std::chrono::milliseconds(
        absl::ToInt64Milliseconds(server_.options().stream_poll_interval)));
    pause_.async_wait([self = this->shared_from_this(), body](beast::error_code ec) {
      if (!ec) self->Pump(body);
    });
  }

  void Write(Response response) {
    auto message = std::make_shared<Response>(std::move(response));
    Expire();  // the write's own time, not what the read left
    beast::http::async_write(
        stream_, *message,
        [self = this->shared_from_this(), message](beast::error_code ec, size_t) {
          if (ec || !message->keep_alive()) return self->Close();
          self->Read();
        });
  }

  void Close() {
    if constexpr (kTls) {
      Expire();
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  Stream stream_;
  asio::steady_timer pause_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  const HttpServer& server_;
  std::string peer_;
  std::string certificate_;
  std::string fingerprint_;
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
                             if (!ec) self->server_.Open(std::move(socket));
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
  if (!options_.tls_certificate_file.empty()) {
    tls_ = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    beast::error_code ec;
    tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                          asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                          asio::ssl::context::no_tlsv1_1,
                      ec);
    if (!ec) tls_->use_certificate_chain_file(options_.tls_certificate_file, ec);
    if (!ec) tls_->use_private_key_file(options_.tls_private_key_file, asio::ssl::context::pem, ec);
    if (!ec && !options_.tls_client_ca_file.empty()) {
      tls_->load_verify_file(options_.tls_client_ca_file, ec);
      tls_->set_verify_mode(asio::ssl::verify_peer | (options_.require_client_certificate
                                                          ? asio::ssl::verify_fail_if_no_peer_cert
                                                          : asio::ssl::verify_none),
                            ec);
    }
    if (ec) {
      return absl::InvalidArgumentError(absl::StrCat(
          "gateway: TLS: ", ec.message(), " (certificate ", options_.tls_certificate_file, ", key ",
          options_.tls_private_key_file, options_.tls_client_ca_file.empty() ? "" : ", client CA ",
          options_.tls_client_ca_file, ")"));
    }
  }
  listener_ = std::make_shared<Listener>(io_, *this);
  if (absl::Status s = listener_->Bind(options_.address, options_.port); !s.ok()) return s;
  port_ = listener_->port();
  listener_->Accept();
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this] { io_.run(); });
  }
  log::Info(
      "gateway listening",
      {{"address", options_.address}, {"port", absl::StrCat(port_)}, {"tls", tls_ ? "on" : "off"}});
  return absl::OkStatus();
}

void HttpServer::Stop() {
  if (threads_.empty()) return;
  asio::post(io_, [listener = listener_] { listener->Close(); });
  io_.stop();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

void HttpServer::Open(asio::ip::tcp::socket socket) const {
  if (tls_) {
    std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(std::move(socket), *this, *tls_)
        ->Start();
  } else {
    std::make_shared<Session<beast::tcp_stream>>(std::move(socket), *this)->Start();
  }
}

Reply HttpServer::Serve(const Request& request, const std::string& peer,
                        const std::string& client_certificate,
                        const std::string& client_certificate_sha256) const {
  const absl::Time start = absl::Now();
  const RequestContext context{
      .request_id = RequestIdOf(View(request[kRequestIdHeader])),
      .trace = NextHop(ParseTraceParent(View(request["traceparent"]))),
      .peer = peer,
      .client_certificate = client_certificate,
      .client_certificate_sha256 = client_certificate_sha256,
  };
  Reply reply(Response{});
  try {
    reply = handler_(request, context);
  } catch (const std::exception& error) {
    // A bug of a handler costs its request, not the process.
    log::Error("gateway handler failed",
               {{"error", error.what()}, {"request_id", context.request_id}});
    reply = ProblemResponse({.status = 500,
                             .detail = "erreur interne ; citez l'identifiant de requête",
                             .violations = {}},
                            context, request.version(), request.keep_alive());
  }
  Response& response = reply.response;
  response.version(request.version());
  response.set(kRequestIdHeader, context.request_id);
  if (reply.stream != nullptr) {
    // Its body ends when the connection does.
    response.keep_alive(false);
  } else {
    response.keep_alive(response.keep_alive() && request.keep_alive());
    response.prepare_payload();
  }
  const std::string_view target(request.target().data(), request.target().size());
  log::Info("http", {{"method", std::string(request.method_string())},
                     {"path", std::string(target.substr(0, target.find('?')))},
                     {"status", absl::StrCat(response.result_int())},
                     {"ms", absl::StrCat(absl::ToDoubleMilliseconds(absl::Now() - start))},
                     {"request_id", context.request_id}});
  return reply;
}

}  // namespace ror::gateway::http
