#include "libs/oidc/curl_http_client.h"

#include <curl/curl.h>

#include <mutex>

#include "absl/strings/str_cat.h"

namespace ror::oidc {
namespace {

constexpr size_t kMaxBodyBytes = 1 << 20;

struct Body {
  std::string data;
  bool too_large = false;
};

size_t Append(char* ptr, size_t size, size_t nmemb, void* userdata) {
  auto* body = static_cast<Body*>(userdata);
  const size_t n = size * nmemb;
  if (body->data.size() + n > kMaxBodyBytes) {
    body->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  body->data.append(ptr, n);
  return n;
}

struct EasyFree {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient() {
    // curl_global_init is not thread-safe: once per process.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    std::unique_ptr<CURL, EasyFree> curl(curl_easy_init());
    if (curl == nullptr) return absl::InternalError("http: curl_easy_init failed");
    CURL* c = curl.get();
    std::unique_ptr<curl_slist, SlistFree> headers;
    for (const auto& [name, value] : request.headers) {
      curl_slist* added = curl_slist_append(headers.get(), absl::StrCat(name, ": ", value).c_str());
      if (added == nullptr) return absl::InternalError("http: out of memory");
      headers.release();
      headers.reset(added);
    }
    Body body;
    const long timeout_ms = static_cast<long>(absl::ToInt64Milliseconds(request.timeout));
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a multi-threaded server
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Append);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    if (request.method == "POST") {
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    } else if (request.method != "GET") {
      return absl::InvalidArgumentError(absl::StrCat("http: method ", request.method, " not supported"));
    }

    const CURLcode rc = curl_easy_perform(c);
    if (body.too_large) {
      return absl::UnavailableError(
          absl::StrCat("http: the response of ", request.url, " exceeds ", kMaxBodyBytes, " bytes"));
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) {
      return absl::DeadlineExceededError(absl::StrCat(
          "http: no response from ", request.url, " within ", absl::FormatDuration(request.timeout)));
    }
    if (rc != CURLE_OK) {
      return absl::UnavailableError(
          absl::StrCat("http: ", request.method, " ", request.url, ": ", curl_easy_strerror(rc)));
    }
    HttpResponse response;
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    char* content_type = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &content_type);
    if (content_type != nullptr) response.content_type = content_type;
    response.body = std::move(body.data);
    return response;
  }
};

}  // namespace

std::unique_ptr<HttpClient> NewCurlHttpClient() { return std::make_unique<CurlHttpClient>(); }

}  // namespace ror::oidc
