#pragma once

// What the gateway serves at each address: /healthz, /api/v1/… (rest::RestApi), the change
// feeds /api/v1/changes and /api/v1/webhooks… (feeds::FeedsApi) and /fhir/… (fhir::FhirApi)
// under per-client rate limits, and a problem+json 404 for anything else.
//
// A client is who its bearer token says, verified here with auth's published keys (the services
// verify it again, and decide); or the API client its verified TLS client certificate stands for
// (certificate_clients.h), whose token is then sent on; or the certificate's subject; any other
// call counts against its address.

#include <string>

#include "gateway/certificate_clients.h"
#include "gateway/feeds/feeds_api.h"
#include "gateway/fhir/fhir_api.h"
#include "gateway/http/http_types.h"
#include "gateway/http/rate_limiter.h"
#include "gateway/rest/rest_api.h"
#include "libs/authz/token_verifier.h"
#include "libs/common/clock.h"

namespace ror::gateway {

struct EdgeOptions {
  http::RateLimit per_client;   // per verified user or API client
  http::RateLimit per_address;  // per address, for calls without a valid token
};

class Edge {
 public:
  // `verifier` may be null: every call then counts against its address. `fhir` and `feeds` may be
  // null: no FHIR facade, no change feeds then (404). `certificates` may be null: certificates
  // name their clients for the rate limits only.
  Edge(const rest::RestApi& api, const fhir::FhirApi* fhir, const authz::TokenVerifier* verifier,
       EdgeOptions options, const Clock& clock, const feeds::FeedsApi* feeds = nullptr,
       CertificateClients* certificates = nullptr);

  http::Reply Handle(const http::Request& request, const http::RequestContext& context);

 private:
  // The request as its caller's token says, once a certificate has given it one.
  http::Reply Route(const http::Request& request, const http::RequestContext& context);
  // Who the token says (anonymous without one), or why it is refused.
  absl::StatusOr<authz::Principal> CallerOf(const http::Request& request) const;
  // "user:<id>", "client:<id>", "certificate:<subject>" or "address:<ip>", and its limiter.
  std::pair<std::string, http::RateLimiter*> ClientOf(
      const absl::StatusOr<authz::Principal>& caller, const http::RequestContext& context);

  const rest::RestApi& api_;
  const fhir::FhirApi* const fhir_;
  const feeds::FeedsApi* const feeds_;
  CertificateClients* const certificates_;
  const authz::TokenVerifier* const verifier_;
  const Clock& clock_;
  http::RateLimiter per_client_;
  http::RateLimiter per_address_;
};

}  // namespace ror::gateway
