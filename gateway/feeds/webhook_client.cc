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
#include "boost/asio/steady_timer.hpp"
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

bool IsInternalAddress(const asio::ip::address& address) {
  if (address.is_loopback() || address.is_unspecified()) return true;
  if (address.is_v6()) {
    const asio::ip::address_v6 v6 = address.to_v6();
    if (v6.is_v4_mapped()) {
      return IsInternalAddress(asio::ip::make_address_v4(asio::ip::v4_mapped, v6));
    }
    const auto bytes = v6.to_bytes();
    return v6.is_link_local() || (bytes[0] & 0xfe) == 0xfc;  // fe80::/10, fc00::/7
  }
  const uint32_t v4 = address.to_v4().to_uint();
  const auto in = [v4](uint32_t network, int bits) {
    return (v4 >> (32 - bits)) == (network >> (32 - bits));
  };
  return in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16) ||  // private
         in(0xA9FE0000, 16) || in(0x64400000, 10) || in(0x00000000, 8);    // link-local, shared
}

absl::Status Deliver(const WebhookPost& post, const DeliveryOptions& options) {
  asio::io_context io;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(absl::ToInt64Milliseconds(options.timeout));
  // The name resolved within the deadline: a resolver that never answers must not hold the
  // subscription's thread.
  tcp::resolver resolver(io);
  asio::steady_timer timer(io, deadline);
  beast::error_code ec;
  tcp::resolver::results_type resolved;
  resolver.async_resolve(post.url.host, post.url.port,
                         [&](beast::error_code e, tcp::resolver::results_type results) {
                           ec = e;
                           resolved = std::move(results);
                           timer.cancel();
                         });
  timer.async_wait([&](beast::error_code e) {
    if (!e) resolver.cancel();
  });
  io.run();
  io.restart();
  if (ec) {
    return absl::UnavailableError(absl::StrCat("hôte ", post.url.host, " : ",
                                               ec == asio::error::operation_aborted
                                                   ? "pas de réponse du résolveur à temps"
                                                   : ec.message()));
  }
  std::vector<tcp::endpoint> endpoints;
  for (const auto& entry : resolved) {
    if (options.internal_addresses || !IsInternalAddress(entry.endpoint().address())) {
      endpoints.push_back(entry.endpoint());
    }
  }
  if (endpoints.empty()) {
    return absl::PermissionDeniedError(
        absl::StrCat("hôte ", post.url.host,
                     " : il ne désigne que des adresses internes au réseau, que cette "
                     "passerelle n'appelle pas"));
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
  if (options.ca_file.empty()) {
    tls.set_default_verify_paths(ec);
  } else {
    tls.load_verify_file(options.ca_file, ec);
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
