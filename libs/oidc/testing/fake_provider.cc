#include "libs/oidc/testing/fake_provider.h"

#include "absl/strings/str_split.h"

namespace ror::oidc::testing {

class FakeHttpClient final : public HttpClient {
 public:
  explicit FakeHttpClient(FakeProvider& provider) : provider_(provider) {}
  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    return provider_.Answer(request);
  }

 private:
  FakeProvider& provider_;
};

FakeProvider::FakeProvider(std::string issuer) : issuer_(std::move(issuer)) {
  discovery = {{"issuer", issuer_},
               {"authorization_endpoint", authorization_endpoint()},
               {"token_endpoint", token_endpoint()},
               {"jwks_uri", jwks_uri()},
               {"response_types_supported", {"code"}},
               {"code_challenge_methods_supported", {"S256"}},
               {"token_endpoint_auth_methods_supported", {"client_secret_basic"}}};
}

std::unique_ptr<HttpClient> FakeProvider::Client() {
  return std::make_unique<FakeHttpClient>(*this);
}

HttpResponse FakeProvider::Answer(const HttpRequest& request) {
  {
    std::lock_guard lock(mu_);
    requests_.push_back(request);
  }
  auto json = [](const nlohmann::json& body) {
    return HttpResponse{.status = 200, .content_type = "application/json", .body = body.dump()};
  };
  if (request.method == "GET" && request.url == discovery_url()) return json(discovery);
  if (request.method == "GET" && request.url == jwks_uri()) return json(jwks);
  if (request.method == "POST" && request.url == token_endpoint() && token_answer) {
    return token_answer(request);
  }
  return HttpResponse{.status = 404, .content_type = "text/plain", .body = "not found"};
}

std::vector<HttpRequest> FakeProvider::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

int FakeProvider::CountRequests(const std::string& url) const {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& r : requests_) n += r.url == url;
  return n;
}

std::string QueryParam(const std::string& url, const std::string& name) {
  const size_t q = url.find('?');
  if (q == std::string::npos) return "";
  for (absl::string_view pair : absl::StrSplit(absl::string_view(url).substr(q + 1), '&')) {
    std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (kv.first != name) continue;
    std::string out;
    for (size_t i = 0; i < kv.second.size(); ++i) {
      const char c = kv.second[i];
      if (c == '%' && i + 2 < kv.second.size()) {
        out += static_cast<char>(std::stoi(std::string(kv.second.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += c == '+' ? ' ' : c;
      }
    }
    return out;
  }
  return "";
}

}  // namespace ror::oidc::testing
