#pragma once

// Webhooks (rest-hook): each subscription is POSTed every change of the directory its filters
// keep and its owner may see (change_event.h), one change per request, in order, signed with its
// secret (webhook_client.h). A failed delivery is tried again after 1 s, 2 s, 4 s … up to
// `max_attempts`; then the change goes to the subscription's dead letters and the next one
// follows. An operator replays the dead letters: they are delivered again before what follows.
//
// Delivery is at least once: where a subscription has got to is written after each change its
// receiver took (or that was dead-lettered), so a gateway killed in between sends that change
// again, with the same id; a receiver keeps the ids it has taken. A receiver down gets
// everything once it is back, within its attempts.
//
// A subscription shows what its owner could see when he created or last renewed it: it lasts
// `lifetime`, then delivers nothing until he renews it (his grants of that day are then taken,
// and the deliveries go on from where they stopped, nothing lost). A grant withdrawn thus stops
// reaching his subscriptions within a lifetime at most.
//
// Kept in a RocksDB of the gateway's (`<data_dir>/webhooks`), apart from the directory, which
// is rebuilt from the bus: subscriptions are not in the bus.

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/directory/directory.h"
#include "gateway/fhir/change_log.h"
#include "gateway/fhir/resources.h"
#include "libs/authz/principal.h"
#include "libs/bus/projection_db.h"
#include "ror/v1/gateway_webhooks.pb.h"

namespace ror::gateway::feeds {

struct WebhookOptions {
  int max_attempts = 8;                           // 1 + 2 + … + 64 s ≈ 2 min of retries
  absl::Duration first_retry = absl::Seconds(1);  // then doubled, up to max_retry
  absl::Duration max_retry = absl::Minutes(5);
  absl::Duration poll = absl::Milliseconds(200);   // how often an idle subscription looks again
  absl::Duration timeout = absl::Seconds(10);      // one delivery, connection to answer
  std::string ca_file;                             // HTTPS receivers: else the system's CAs
  int max_webhooks = 100;                          // a thread each
  int max_webhooks_per_owner = 10;                 // so that no one caller takes them all
  absl::Duration lifetime = absl::Hours(24 * 30);  // from creation or renewal
  bool plain_http = false;  // http:// receivers anywhere; else https, or http to this machine
  // Receivers inside the network (this machine included); else only public addresses, whatever
  // the name resolves to at each delivery (webhook_client.h).
  bool internal_addresses = false;
  // Hosts a webhook may call: "hooks.example.fr" that host, ".example.fr" any host under it.
  // Empty: any host (a platform facing the internet lists its consumers' hosts, so that no
  // caller makes the gateway call inside its own network).
  std::vector<std::string> allowed_hosts;
};

class Webhooks {
 public:
  static absl::StatusOr<std::unique_ptr<Webhooks>> Open(const std::filesystem::path& path,
                                                        const fhir::Resources& resources,
                                                        WebhookOptions options);
  // Stops every delivery, each within its attempt under way (what was being tried is tried again
  // at the next start).
  ~Webhooks();
  Webhooks(const Webhooks&) = delete;
  Webhooks& operator=(const Webhooks&) = delete;

  // Starts delivering every stored subscription.
  absl::Status Start();

  // Stores `webhook` (url and filters set) for `owner` with a new id and secret, delivering the
  // changes that follow; INVALID_ARGUMENT for a URL that is not http(s) or whose host is not
  // allowed; RESOURCE_EXHAUSTED beyond max_webhooks or max_webhooks_per_owner.
  absl::StatusOr<v1::gateway::Webhook> Create(v1::gateway::Webhook webhook,
                                              const authz::Principal& owner);
  absl::StatusOr<std::vector<v1::gateway::Webhook>> List();
  absl::StatusOr<std::optional<v1::gateway::Webhook>> Get(const std::string& id);
  // The last change its receiver took or was dead-lettered.
  absl::StatusOr<directory::LogPosition> Cursor(const std::string& id);
  // Stops its deliveries and forgets it, dead letters included.
  absl::Status Remove(const std::string& id);
  absl::StatusOr<std::vector<v1::gateway::DeadLetter>> DeadLetters(const std::string& id);
  // Marks every dead letter of `id` for delivery again (on its delivery's thread, the only writer
  // of its dead letters); how many.
  absl::StatusOr<int> Replay(const std::string& id);
  // Gives `id` another lifetime from now, seen with `owner`'s grants of now (its owner, renewing
  // with his current token); NOT_FOUND when there is no such subscription, INVALID_ARGUMENT when
  // its URL is no longer allowed.
  absl::StatusOr<v1::gateway::Webhook> Renew(const std::string& id, const authz::Principal& owner);

 private:
  class Delivery;
  Webhooks(std::unique_ptr<bus::ProjectionDb> db, const fhir::Resources& resources,
           WebhookOptions options);
  void Launch(const v1::gateway::Webhook& webhook);
  // INVALID_ARGUMENT saying why a webhook may not call `url`.
  absl::Status CheckUrl(const std::string& url) const;

  std::unique_ptr<bus::ProjectionDb> db_;
  const fhir::Resources& resources_;
  const WebhookOptions options_;
  std::mutex mutex_;          // deliveries_, and a subscription's removal against its delivery
  std::mutex renewal_mutex_;  // a renewal against a removal of the same subscription
  std::map<std::string, std::unique_ptr<Delivery>> deliveries_;
};

// The principal a subscription's owner was, and back: whose view its deliveries show.
v1::gateway::WebhookOwner OwnerOf(const authz::Principal& principal);
authz::Principal PrincipalOf(const v1::gateway::WebhookOwner& owner);

}  // namespace ror::gateway::feeds
