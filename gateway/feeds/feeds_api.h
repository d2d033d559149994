#pragma once

// The change feeds for consumers that do not speak Kafka:
//   GET    /api/v1/changes                                  Server-Sent Events (change_stream.h)
//   POST   /api/v1/webhooks                                 subscribe: {"url", "type",
//                                                           "etablissement", "region"}; 201 with
//                                                           the id and the signing secret (given
//                                                           this once)
//   GET    /api/v1/webhooks                                 the caller's subscriptions
//   GET    /api/v1/webhooks/{id}                            one, with where it has got to
//   DELETE /api/v1/webhooks/{id}                            unsubscribe
//   GET    /api/v1/webhooks/{id}/dead-letters               what its receiver never took
//   POST   /api/v1/webhooks/{id}/dead-letters/replay        deliver them again
//   POST   /api/v1/webhooks/{id}/renewal                    another lifetime, with the owner's
//                                                           grants of now (the owner only)
// A subscription is its creator's (a user or an API client; anonymous callers have the SSE
// stream): he alone, or a national administrateur, sees and manages it. Its deliveries show what
// he could see when he created or last renewed it, until it expires (webhooks.h).

#include "gateway/feeds/change_stream.h"
#include "gateway/feeds/webhooks.h"
#include "gateway/http/http_types.h"
#include "libs/authz/principal.h"

namespace ror::gateway::feeds {

class FeedsApi {
 public:
  // `webhooks` may be null: the stream only (404 on /api/v1/webhooks).
  FeedsApi(const ChangeStreams& streams, Webhooks* webhooks)
      : streams_(streams), webhooks_(webhooks) {}

  // Whether `path` is one of the feeds'.
  static bool Serves(absl::string_view path);

  http::Reply Handle(const http::Request& request, const http::RequestContext& context,
                     const absl::StatusOr<authz::Principal>& caller) const;

 private:
  http::Response Subscriptions(const http::Request& request, const http::RequestContext& context,
                               const authz::Principal& caller,
                               const std::vector<std::string>& parts) const;
  http::Response Subscribe(const http::Request& request, const http::RequestContext& context,
                           const authz::Principal& caller) const;
  http::Response Renew(const v1::gateway::Webhook& webhook, const http::Request& request,
                       const http::RequestContext& context, const authz::Principal& caller) const;

  const ChangeStreams& streams_;
  Webhooks* const webhooks_;
};

}  // namespace ror::gateway::feeds
