#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "libs/oidc/http_client.h"
#include "nlohmann/json.hpp"

namespace ror::oidc::testing {

// An OpenID provider in memory: answers discovery, the JWKS and the token endpoint through the
// HttpClient it hands out, and records every request. Fields may be changed between calls; it
// must outlive its clients.
class FakeProvider {
 public:
  explicit FakeProvider(std::string issuer = "https://psc.example.test/realms/esante");

  std::unique_ptr<HttpClient> Client();

  std::string issuer() const { return issuer_; }
  std::string discovery_url() const { return issuer_ + "/.well-known/openid-configuration"; }
  std::string jwks_uri() const { return issuer_ + "/jwks"; }
  std::string token_endpoint() const { return issuer_ + "/token"; }
  std::string authorization_endpoint() const { return issuer_ + "/auth"; }

  // Guarded by the caller's sequencing: tests set these, then call the relying party.
  nlohmann::json discovery;
  nlohmann::json jwks = {{"keys", nlohmann::json::array()}};
  std::function<HttpResponse(const HttpRequest&)> token_answer;

  std::vector<HttpRequest> requests() const;
  int CountRequests(const std::string& url) const;

 private:
  friend class FakeHttpClient;
  HttpResponse Answer(const HttpRequest& request);

  std::string issuer_;
  mutable std::mutex mu_;
  std::vector<HttpRequest> requests_;
};

// The percent-decoded value of query parameter `name` in `url`; "" when absent.
std::string QueryParam(const std::string& url, const std::string& name);

}  // namespace ror::oidc::testing
