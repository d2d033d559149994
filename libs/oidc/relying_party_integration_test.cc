// The relying party against a real OpenID provider: npm oidc-provider run by tests/oidc/provider.mjs
// on a loopback port. A cookie-keeping libcurl "browser" follows the authorization request through
// the provider's login and consent forms to the redirect carrying the code.

#include <curl/curl.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/oidc/pkce.h"
#include "libs/oidc/relying_party.h"
#include "libs/oidc/testing/fake_provider.h"
#include "libs/testing/child_process.h"
#include "libs/testing/temp_dir.h"

namespace ror::oidc {
namespace {

using ::ror::oidc::testing::QueryParam;
using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kRedirectUri[] = "http://127.0.0.1/ror/auth/psc/callback";
constexpr char kLogin[] = "899700218896";  // the account tests/oidc/provider.mjs knows
constexpr char kPassword[] = "e-cps-test";

std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  for (absl::string_view dir : absl::StrSplit(path ? path : "", ':', absl::SkipEmpty())) {
    const std::filesystem::path candidate = std::filesystem::path(std::string(dir)) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

// A browser as far as the provider's pages need one: cookies kept, redirects reported (not
// followed, so the one to the relying party is seen and not sent).
class Browser {
 public:
  struct Page {
    long status = 0;
    std::string location = "";
    std::string body = "";
  };

  Browser() : curl_(curl_easy_init()) {
    curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");  // an in-memory cookie jar
    curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &Append);
  }
  ~Browser() { curl_easy_cleanup(curl_); }

  Page Get(const std::string& url) {
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    return Perform(url);
  }
  Page Post(const std::string& url, const std::string& form) {
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_COPYPOSTFIELDS, form.c_str());
    return Perform(url);
  }

 private:
  static size_t Append(char* data, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
  }
  Page Perform(const std::string& url) {
    Page page;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &page.body);
    if (curl_easy_perform(curl_) != CURLE_OK) return page;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &page.status);
    char* location = nullptr;
    curl_easy_getinfo(curl_, CURLINFO_REDIRECT_URL, &location);  // made absolute by curl
    if (location != nullptr) page.location = location;
    return page;
  }
  CURL* curl_;
};

class ProviderIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path dir = ROR_OIDC_PROVIDER_DIR;
    node_ = FindOnPath("node");
    ASSERT_FALSE(node_.empty())
        << "node is not on PATH: this test runs the OpenID provider of tests/oidc with Node.js. "
           "Run scripts/install-deps.";
    ASSERT_TRUE(std::filesystem::exists(dir / "node_modules" / "oidc-provider" / "package.json"))
        << dir / "node_modules" << " has no oidc-provider: run scripts/install-deps (it runs "
        << "`npm ci --prefix tests/oidc`).";
    ASSERT_OK_AND_ASSIGN(client_secret_, RandomToken());
    log_ = temp_.path() / "provider.log";
    provider_ = std::make_unique<ror::testing::ChildProcess>(
        // --name=value: a base64url secret may begin with '-', which Node's parseArgs would
        // take for another option (one run in 64 failed so).
        std::vector<std::string>{node_, (dir / "provider.mjs").string(),
                                 absl::StrCat("--redirect-uri=", kRedirectUri),
                                 absl::StrCat("--client-secret=", client_secret_)},
        log_.string());
    const std::string ready = provider_->WaitForLine(
        [](const std::string& line) { return absl::StartsWith(line, "READY "); }, absl::Seconds(30));
    ASSERT_FALSE(ready.empty()) << "the provider did not start; its log:\n" << ReadFile(log_);
    issuer_ = ready.substr(6);
  }

  RelyingPartyOptions Options(const std::string& client_id) const {
    return {.issuer = issuer_,
            .client_id = client_id,
            .client_secret = client_secret_,
            .scopes = {"scope_all"},
            .acr_values = {"eidas1"},
            .national_id_claim = "SubjectNameID",
            .leeway = absl::Seconds(30),
            .http_timeout = absl::Seconds(5),
            .login_ttl = absl::Minutes(10),
            .max_pending_logins = 100};
  }

  // Follows `authorization_url` through login and consent; returns the redirect to kRedirectUri.
  std::string LogIn(const std::string& authorization_url) {
    Browser browser;
    Browser::Page page = browser.Get(authorization_url);
    for (int step = 0; step < 10; ++step) {
      if (absl::StartsWith(page.location, kRedirectUri)) return page.location;
      if (!page.location.empty()) {
        page = browser.Get(page.location);
        continue;
      }
      std::smatch action;
      if (page.status != 200 || !std::regex_search(page.body, action, std::regex("action=\"([^\"]+)\""))) {
        ADD_FAILURE() << "unexpected page (HTTP " << page.status << "):\n" << page.body;
        return "";
      }
      const std::string form = absl::StrContains(page.body, "name=\"password\"")
                                   ? absl::StrCat("login=", kLogin, "&password=", kPassword)
                                   : "";
      page = browser.Post(issuer_ + action[1].str(), form);
    }
    ADD_FAILURE() << "no redirect to the relying party after 10 steps";
    return "";
  }

  ror::testing::TempDir temp_;
  std::string node_;
  std::string client_secret_;
  std::filesystem::path log_;
  std::unique_ptr<ror::testing::ChildProcess> provider_;
  std::string issuer_;
  SystemClock clock_;
};

TEST_F(ProviderIntegrationTest, LogsInThenRefusesTheReplayedState) {
  ASSERT_OK_AND_ASSIGN(auto rp, RelyingParty::Discover(Options("ror"), clock_));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));

  const std::string callback = LogIn(request.url);
  ASSERT_FALSE(callback.empty());
  EXPECT_EQ(QueryParam(callback, "state"), request.state);
  EXPECT_EQ(QueryParam(callback, "iss"), issuer_);
  const std::string code = QueryParam(callback, "code");
  ASSERT_FALSE(code.empty()) << callback;

  ASSERT_OK_AND_ASSIGN(Identity identity, rp->Complete(request.state, code, issuer_));
  EXPECT_EQ(identity.subject, kLogin);
  EXPECT_EQ(identity.national_id, kLogin);
  EXPECT_EQ(identity.acr, "eidas1");
  EXPECT_EQ(identity.given_name, "Camille");
  EXPECT_EQ(identity.family_name, "Durand");

  EXPECT_THAT(rp->Complete(request.state, code, issuer_),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("already used")));
}

TEST_F(ProviderIntegrationTest, ValidatesEs256IdTokens) {
  ASSERT_OK_AND_ASSIGN(auto rp, RelyingParty::Discover(Options("ror-es256"), clock_));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  const std::string callback = LogIn(request.url);
  ASSERT_FALSE(callback.empty());
  ASSERT_OK_AND_ASSIGN(Identity identity,
                       rp->Complete(QueryParam(callback, "state"), QueryParam(callback, "code"),
                                    QueryParam(callback, "iss")));
  EXPECT_EQ(identity.national_id, kLogin);
}

TEST_F(ProviderIntegrationTest, TheProviderRefusesACodeWithAnotherLoginsVerifier) {
  // Two logins; the code of the first is presented with the state (so the PKCE verifier) of the
  // second: the provider refuses it, and the relying party says so.
  ASSERT_OK_AND_ASSIGN(auto rp, RelyingParty::Discover(Options("ror"), clock_));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest first, rp->Begin(kRedirectUri));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest second, rp->Begin(kRedirectUri));
  const std::string callback = LogIn(first.url);
  ASSERT_FALSE(callback.empty());
  EXPECT_THAT(rp->Complete(second.state, QueryParam(callback, "code")),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("error \"invalid_grant\"")));
}

TEST_F(ProviderIntegrationTest, DiscoveryRefusesAnIssuerSpelledDifferently) {
  RelyingPartyOptions options = Options("ror");
  options.issuer = absl::StrCat(issuer_, "/");
  EXPECT_THAT(RelyingParty::Discover(options, clock_),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("is not the configured issuer")));
}

}  // namespace
}  // namespace ror::oidc
