#pragma once

// A blocking HTTP/1.1 client on one keep-alive connection to a loopback port: what the gateway
// benchmark needs to drive $export (kick-off, polls, downloads) and to time search pages one at a
// time. Not thread-safe; one per thread.

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace ror::bench::gateway {

struct HttpReply {
  unsigned status = 0;
  std::string content_location;  // the Content-Location header, when any
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(int port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET `target` ("/fhir/…"); connects again when the server closed the connection. The body is
  // read whole, however large (an export file is tens of MB).
  absl::StatusOr<HttpReply> Get(const std::string& target);

 private:
  struct Connection;
  absl::StatusOr<HttpReply> GetOnce(const std::string& target);

  const int port_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace ror::bench::gateway
