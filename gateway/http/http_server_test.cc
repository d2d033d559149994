#include "gateway/http/http_server.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "boost/asio/connect.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/read.hpp"
#include "boost/beast/core.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

// A client on one kept-alive connection.
class Client {
 public:
  explicit Client(int port) : stream_(io_) {
    asio::ip::tcp::resolver resolver(io_);
    stream_.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
  }
  Response Send(Request request) {
    request.set(Field::host, "127.0.0.1");
    request.prepare_payload();
    beast::http::write(stream_, request);
    Response response;
    beast::http::read(stream_, buffer_, response);
    return response;
  }

 private:
  asio::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

class HttpServerTest : public ::testing::Test {
 protected:
  static HttpServerOptions Options() {
    HttpServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.max_body_bytes = 64;
    options.stream_poll_interval = absl::Milliseconds(10);
    return options;
  }

  HttpServerTest()
      : server_(Options(), [this](const Request& request, const RequestContext& context) -> Reply {
          last_context_ = context;
          if (request.target() == "/stream") {
            Response head(Status::ok, request.version());
            head.set(Field::content_type, "text/event-stream");
            return Reply(std::move(head), stream_);
          }
          Response response(Status::ok, request.version());
          response.set(Field::content_type, "text/plain");
          response.body() = std::string(request.target()) + " " + request.body();
          return response;
        }) {
    EXPECT_OK(server_.Start());
  }

  // Gives its pieces one by one, nothing in between (the server pauses), then ends; or, without
  // an end, the same piece for ever.
  class Pieces final : public BodyStream {
   public:
    Pieces(std::vector<std::string> pieces, bool endless)
        : pieces_(std::move(pieces)), endless_(endless) {}
    ~Pieces() override { *gone_ = true; }
    std::optional<std::string> Next() override {
      if (endless_) return pieces_[0];
      if (pause_ = !pause_; pause_) return "";
      if (next_ == pieces_.size()) return std::nullopt;
      return pieces_[next_++];
    }
    std::shared_ptr<std::atomic<bool>> gone_ = std::make_shared<std::atomic<bool>>(false);

   private:
    std::vector<std::string> pieces_;
    bool endless_;
    bool pause_ = false;
    size_t next_ = 0;
  };

  RequestContext last_context_;
  std::shared_ptr<Pieces> stream_;
  HttpServer server_;
};

// Everything a connection sends until the server closes it.
std::string ReadToEnd(beast::tcp_stream& stream) {
  std::string all;
  char chunk[4096];
  beast::error_code ec;
  while (!ec) {
    const size_t n = stream.socket().read_some(asio::buffer(chunk), ec);
    all.append(chunk, n);
  }
  return all;
}

// Connects `stream` to the server and asks for the streamed body.
void AskForTheStream(beast::tcp_stream& stream, int port) {
  stream.connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port)));
  Request request(Verb::get, "/stream", 11);
  request.set(Field::host, "127.0.0.1");
  beast::http::write(stream, request);
}

TEST_F(HttpServerTest, AStreamedBodyComesPieceByPieceThenTheConnectionCloses) {
  stream_ = std::make_shared<Pieces>(std::vector<std::string>{"data: a\n\n", "data: b\n\n"}, false);
  asio::io_context io;
  beast::tcp_stream stream(io);
  AskForTheStream(stream, server_.port());
  const std::string answer = ReadToEnd(stream);
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(answer, ::testing::HasSubstr("Connection: close\r\n"));
  EXPECT_THAT(answer, ::testing::Not(::testing::HasSubstr("Content-Length")));
  EXPECT_THAT(answer, ::testing::HasSubstr("X-Request-Id: "));
  EXPECT_THAT(answer, ::testing::EndsWith("\r\n\r\ndata: a\n\ndata: b\n\n"));
}

TEST_F(HttpServerTest, AStreamWhoseClientLeftIsDropped) {
  stream_ = std::make_shared<Pieces>(std::vector<std::string>(1, std::string(1024, 'x')), true);
  const std::shared_ptr<std::atomic<bool>> gone = stream_->gone_;
  {
    asio::io_context io;
    beast::tcp_stream stream(io);
    AskForTheStream(stream, server_.port());
    char some[100];
    asio::read(stream.socket(), asio::buffer(some));
  }
  stream_.reset();  // the session holds the last reference
  for (int i = 0; i < 500 && !*gone; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(*gone);
}

TEST_F(HttpServerTest, OneConnectionServesRequestsOneAfterTheOther) {
  Client client(server_.port());
  Request first(Verb::post, "/un", 11);
  first.body() = "corps";
  const Response one = client.Send(first);
  EXPECT_EQ(one.result_int(), 200u);
  EXPECT_EQ(one.body(), "/un corps");
  EXPECT_TRUE(one.keep_alive());
  const Response two = client.Send(Request(Verb::get, "/deux", 11));
  EXPECT_EQ(two.body(), "/deux ");
  // Each request gets its own id, echoed on its response.
  EXPECT_FALSE(one[kRequestIdHeader].empty());
  EXPECT_NE(one[kRequestIdHeader], two[kRequestIdHeader]);
  EXPECT_EQ(std::string(View(two[kRequestIdHeader])), last_context_.request_id);
}

TEST_F(HttpServerTest, TheCallersRequestIdAndTraceAreKept) {
  Client client(server_.port());
  Request request(Verb::get, "/", 11);
  request.set(kRequestIdHeader, "abc-123");
  request.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  const Response response = client.Send(request);
  EXPECT_EQ(response[kRequestIdHeader], "abc-123");
  EXPECT_EQ(last_context_.trace.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_NE(last_context_.trace.parent_id, "00f067aa0ba902b7");  // our own span
  EXPECT_TRUE(last_context_.trace.sampled);
}

TEST_F(HttpServerTest, ABodyOverTheLimitIs413AsAProblem) {
  Client client(server_.port());
  Request request(Verb::post, "/gros", 11);
  request.set(Field::content_type, "application/json");
  request.body() = std::string(65, 'x');
  const Response response = client.Send(request);
  EXPECT_EQ(response.result_int(), 413u);
  EXPECT_EQ(response[Field::content_type], "application/problem+json");
  const nlohmann::json problem = nlohmann::json::parse(response.body());
  EXPECT_EQ(problem["status"], 413);
  EXPECT_THAT(problem["detail"].get<std::string>(), ::testing::HasSubstr("64 octets"));
  EXPECT_FALSE(response.keep_alive());
}

}  // namespace
}  // namespace ror::gateway::http
