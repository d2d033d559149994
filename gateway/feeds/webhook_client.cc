#include "gateway/feeds/webhook_client.h"

#include <openssl/hmac.h>

#include <algorithm>
#include <chrono>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "boost/asio/connect.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/ssl.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/http.hpp"
#include "boost/beast/ssl.hpp"

namespace ror::gateway::feeds {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// One exchange on `stream` (connected, and for TLS shaken hands), run by `io` until done or the
// stream's deadline.
template <typename Stream>
absl::Status Exchange(asio::io_context& io, Stream& stream, const WebhookPost& post) {
  beast::http::request<beast::http::string_body> request(beast::http::verb::post, post.url.target,
                                                         11);
  // Host names the port unless it is the scheme's, and brackets an IPv6 address.
  std::string host =
      absl::StrContains(post.url.host, ':') ? "[" + post.url.host + "]" : post.url.host;
  if (post.url.port != (post.url.tls ? "443" : "80")) absl::StrAppend(&host, ":", post.url.port);
  request.set(beast::http::field::host, host);
  request.set(beast::http::field::user_agent, "ror-gateway");
  request.set(beast::http::field::content_type, "application/json");
  for (const auto& [name, value] : post.headers) request.set(name, value);
  request.body() = post.body;
  request.keep_alive(false);
  request.prepare_payload();
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> response;
  beast::error_code failure;
  beast::http::async_write(stream, request, [&](beast::error_code ec, size_t) {
    if (ec) {
      failure = ec;
      return;
    }
    beast::http::async_read(stream, buffer, response,
                            [&](beast::error_code read, size_t) { failure = read; });
  });
  io.run();
  if (failure) return absl::UnavailableError(absl::StrCat("échange : ", failure.message()));
  if (response.result_int() / 100 != 2) {
    return absl::UnavailableError(absl::StrCat("réponse HTTP ", response.result_int()));
  }
  return absl::OkStatus();
}

}  // namespace

std::string WebhookSignature(const std::string& secret, absl::Time at, const std::string& body) {
  const std::string signed_text = absl::StrCat(absl::ToUnixSeconds(at), ".", body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), mac,
       &length);
  return absl::StrCat(
      "t=", absl::ToUnixSeconds(at), ",v1=",
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(mac), length)));
}

absl::Status Deliver(const WebhookPost& post, absl::Duration timeout, const std::string& ca_file) {
  asio::io_context io;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout));
  beast::error_code ec;
  const tcp::resolver::results_type endpoints =
      tcp::resolver(io).resolve(post.url.host, post.url.port, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat("hôte ", post.url.host, " : ", ec.message()));
  }
  if (!post.url.tls) {
    beast::tcp_stream stream(io);
    stream.expires_at(deadline);
    beast::error_code connected;
    stream.async_connect(endpoints,
                         [&](beast::error_code e, const tcp::endpoint&) { connected = e; });
    io.run();
    if (connected) return absl::UnavailableError(absl::StrCat("connexion : ", connected.message()));
    io.restart();
    return Exchange(io, stream, post);
  }
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_verify_mode(asio::ssl::verify_peer);
  if (ca_file.empty()) {
    tls.set_default_verify_paths(ec);
  } else {
    tls.load_verify_file(ca_file, ec);
  }
  if (ec) return absl::FailedPreconditionError(absl::StrCat("autorités TLS : ", ec.message()));
  beast::ssl_stream<beast::tcp_stream> stream(io, tls);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), post.url.host.c_str())) {
    return absl::InvalidArgumentError(absl::StrCat("nom TLS ", post.url.host));
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(post.url.host));
  beast::get_lowest_layer(stream).expires_at(deadline);
  beast::error_code connected;
  beast::get_lowest_layer(stream).async_connect(
      endpoints, [&](beast::error_code e, const tcp::endpoint&) {
        if (e) {
          connected = e;
          return;
        }
        stream.async_handshake(asio::ssl::stream_base::client,
                               [&](beast::error_code shaken) { connected = shaken; });
      });
  io.run();
  if (connected) return absl::UnavailableError(absl::StrCat("connexion : ", connected.message()));
  io.restart();
  return Exchange(io, stream, post);
}

}  // namespace ror::gateway::feeds
