// HTTPS with optional client certificates, against certificates made for the test by the openssl
// command (a CA, the server's, a client's).
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "boost/asio/connect.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/ssl.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/ssl.hpp"
#include "gateway/http/http_server.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"

namespace ror::gateway::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

class HttpsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ror::testing::TempDir();
    const std::string d = dir_->path().string();
    const std::string script = absl::StrCat(
        "set -e; cd ", d, "; ",
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key "
        "-out ca.pem -subj '/CN=ROR test CA' -days 2 2>/dev/null; ",
        "for who in server client; do "
        "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $who.key "
        "-out $who.csr -subj \"/CN=$who.ror.test\" 2>/dev/null; "
        "openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $who.pem "
        "-days 2 2>/dev/null; done");
    ASSERT_EQ(std::system(script.c_str()), 0) << "openssl could not make the test certificates";
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string File(const std::string& name) { return (dir_->path() / name).string(); }

  void StartServer(bool require_client_certificate) {
    HttpServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.threads = 1;
    options.tls_certificate_file = File("server.pem");
    options.tls_private_key_file = File("server.key");
    options.tls_client_ca_file = File("ca.pem");
    options.require_client_certificate = require_client_certificate;
    server_ = std::make_unique<HttpServer>(
        options, [this](const Request& request, const RequestContext& context) {
          certificate_ = context.client_certificate;
          fingerprint_ = context.client_certificate_sha256;
          Response response(Status::ok, request.version());
          response.body() = "bonjour";
          return response;
        });
    ASSERT_OK(server_->Start());
  }

  // GET / over TLS, with the client certificate or without; the body, or the error's message.
  std::string Get(bool with_certificate) {
    asio::io_context io;
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.load_verify_file(File("ca.pem"));
    tls.set_verify_mode(asio::ssl::verify_peer);
    if (with_certificate) {
      tls.use_certificate_chain_file(File("client.pem"));
      tls.use_private_key_file(File("client.key"), asio::ssl::context::pem);
    }
    beast::ssl_stream<beast::tcp_stream> stream(io, tls);
    beast::error_code ec;
    asio::ip::tcp::resolver resolver(io);
    beast::get_lowest_layer(stream).connect(
        resolver.resolve("127.0.0.1", std::to_string(server_->port())), ec);
    if (!ec) stream.handshake(asio::ssl::stream_base::client, ec);
    Request request(Verb::get, "/", 11);
    request.set(Field::host, "127.0.0.1");
    if (!ec) beast::http::write(stream, request, ec);
    beast::flat_buffer buffer;
    Response response;
    if (!ec) beast::http::read(stream, buffer, response, ec);
    return ec ? "error: " + ec.message() : response.body();
  }

  static ror::testing::TempDir* dir_;
  std::unique_ptr<HttpServer> server_;
  std::string certificate_;
  std::string fingerprint_;
};

ror::testing::TempDir* HttpsTest::dir_ = nullptr;

TEST_F(HttpsTest, AVerifiedClientCertificateNamesTheClient) {
  StartServer(/*require_client_certificate=*/false);
  EXPECT_EQ(Get(/*with_certificate=*/true), "bonjour");
  EXPECT_NE(certificate_.find("CN=client.ror.test"), std::string::npos) << certificate_;
  // The fingerprint openssl gives ("sha256 Fingerprint=AB:CD:…"), in lower-case hex.
  const std::string command = "openssl x509 -noout -fingerprint -sha256 -in " + File("client.pem");
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char line[256] = {};
  ASSERT_NE(fgets(line, sizeof line, pipe), nullptr);
  pclose(pipe);
  std::string expected;
  for (const char* c = strchr(line, '=') + 1; *c != '\0' && *c != '\n'; ++c) {
    if (*c != ':') expected += static_cast<char>(std::tolower(*c));
  }
  EXPECT_EQ(fingerprint_, expected);
  EXPECT_EQ(Get(/*with_certificate=*/false), "bonjour");  // optional
  EXPECT_EQ(certificate_, "");
}

TEST_F(HttpsTest, ARequiredClientCertificateIsRequired) {
  StartServer(/*require_client_certificate=*/true);
  EXPECT_NE(Get(/*with_certificate=*/false).rfind("error: ", 0), std::string::npos);
  EXPECT_EQ(Get(/*with_certificate=*/true), "bonjour");
}

}  // namespace
}  // namespace ror::gateway::http
