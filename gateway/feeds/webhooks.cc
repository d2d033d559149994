#include "gateway/feeds/webhooks.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "boost/asio/ip/address.hpp"
#include "gateway/feeds/change_event.h"
#include "gateway/feeds/webhook_client.h"
#include "gateway/http/json_text.h"
#include "gateway/http/random_id.h"
#include "libs/bus/projection_rows.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"

namespace ror::gateway::feeds {
namespace {

using v1::gateway::DeadLetter;
using v1::gateway::Webhook;

constexpr char kWebhooksCf[] = "webhooks";         // id → Webhook
constexpr char kCursorsCf[] = "cursors";           // id → the last position done (PositionText)
constexpr char kDeadLettersCf[] = "dead_letters";  // id/sequence[@epoch] → DeadLetter
constexpr size_t kScannedPerLook = 10000;

// Letters of two numberings (a directory rebuilt between them) may share a sequence.
std::string DeadLetterKey(const std::string& id, const DeadLetter& letter) {
  char digits[21];
  std::snprintf(digits, sizeof digits, "%020llu",
                static_cast<unsigned long long>(letter.sequence()));
  if (letter.epoch().empty()) return absl::StrCat(id, "/", digits);
  return absl::StrCat(id, "/", digits, "@", letter.epoch());
}

fhir::ChangeFilter FilterOf(const Webhook& webhook) {
  return fhir::ChangeFilter{.types = {webhook.types().begin(), webhook.types().end()},
                            .finess_eg = {webhook.finess_eg().begin(), webhook.finess_eg().end()},
                            .regions = {webhook.regions().begin(), webhook.regions().end()},
                            .since = std::nullopt};
}

template <typename T>
absl::StatusOr<std::vector<T>> RowsOf(bus::ProjectionDb& db, const char* cf,
                                      const std::string& prefix, absl::string_view what) {
  std::vector<T> rows;
  absl::Status parsed = absl::OkStatus();
  RETURN_IF_ERROR(db.Scan(cf, prefix, [&](absl::string_view, absl::string_view value) {
    T row;
    if (!row.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      parsed = absl::DataLossError(absl::StrCat("webhooks: ", what, " does not parse"));
      return false;
    }
    rows.push_back(std::move(row));
    return true;
  }));
  RETURN_IF_ERROR(parsed);
  return rows;
}

bool HostAllowed(const std::vector<std::string>& allowed, const std::string& host) {
  if (allowed.empty()) return true;
  const std::string lower = absl::AsciiStrToLower(host);
  return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& entry) {
    const std::string pattern = absl::AsciiStrToLower(entry);
    return pattern.starts_with('.') ? lower.ends_with(pattern) : lower == pattern;
  });
}

// What a receiver's host says by itself, before any resolution.
struct HostPlace {
  bool this_machine;  // localhost or a loopback address: plain http does not expose it
  bool internal;      // this machine or another address inside the network
};

HostPlace PlaceOf(const std::string& host) {
  const std::string lower = absl::AsciiStrToLower(host);
  boost::system::error_code error;
  const boost::asio::ip::address address = boost::asio::ip::make_address(lower, error);
  const bool this_machine = lower == "localhost" || (!error && address.is_loopback());
  return {.this_machine = this_machine,
          .internal = this_machine || (!error && IsInternalAddress(address))};
}

absl::Duration Backoff(const WebhookOptions& options, int failed_attempts) {
  absl::Duration wait = options.first_retry;
  for (int i = 1; i < failed_attempts && wait < options.max_retry; ++i) wait *= 2;
  return std::min(wait, options.max_retry);
}

}  // namespace

// One subscription's deliveries, on a thread of its own: a slow receiver holds back only its own.
class Webhooks::Delivery {
 public:
  Delivery(Webhooks& hooks, Webhook webhook)
      : hooks_(hooks),
        webhook_(std::move(webhook)),
        owner_(PrincipalOf(webhook_.owner())),
        filter_(FilterOf(webhook_)) {
    absl::StatusOr<http::HttpUrl> url = http::ParseHttpUrl(webhook_.url());
    if (url.ok()) url_ = *std::move(url);
    thread_ = std::thread([this] { Run(); });
  }
  ~Delivery() {
    Signal();
    if (thread_.joinable()) thread_.join();
  }

  // Asks the thread to stop: it does after the attempt under way (at most the delivery timeout).
  void Signal() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
  }

  // Marks every dead letter for delivery again, on the delivery's own thread (the only writer of
  // its dead letters): how many there are.
  absl::StatusOr<int> Replay() {
    ASSIGN_OR_RETURN(
        std::vector<DeadLetter> letters,
        RowsOf<DeadLetter>(*hooks_.db_, kDeadLettersCf, webhook_.id() + "/", "a dead letter"));
    {
      std::lock_guard lock(mutex_);
      replay_asked_ = true;
    }
    wake_.notify_all();
    return static_cast<int>(letters.size());
  }

  const Webhook& webhook() const { return webhook_; }

 private:
  enum class Outcome { kTaken, kFailed, kStopped };

  // Waits `pause`, or less when a replay is asked (unless `for_replay` is false); false when
  // stopping.
  bool Pause(absl::Duration pause, bool for_replay = true) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(absl::ToInt64Milliseconds(pause)),
                   [&] { return stopping_ || (for_replay && replay_asked_); });
    return !stopping_;
  }

  // Marks the dead letters for replay when asked.
  absl::Status MarkIfAsked() {
    {
      std::lock_guard lock(mutex_);
      if (!replay_asked_) return absl::OkStatus();
      replay_asked_ = false;
    }
    ASSIGN_OR_RETURN(
        std::vector<DeadLetter> letters,
        RowsOf<DeadLetter>(*hooks_.db_, kDeadLettersCf, webhook_.id() + "/", "a dead letter"));
    bus::ProjectionWrite write(*hooks_.db_);
    for (DeadLetter& letter : letters) {
      letter.set_replay(true);
      write.Put(kDeadLettersCf, DeadLetterKey(webhook_.id(), letter), letter.SerializeAsString());
    }
    RETURN_IF_ERROR(hooks_.db_->Commit(write, /*sync=*/true));
    replaying_ = !letters.empty();
    return absl::OkStatus();
  }

  bool Stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  // Posts `change` until its receiver takes it or every attempt failed.
  Outcome Send(const fhir::VisibleChange& change, DeadLetter& letter) {
    const std::string body = http::JsonText(ChangeEventJson(change));
    for (int attempt = 1; attempt <= hooks_.options_.max_attempts; ++attempt) {
      if (Stopping()) return Outcome::kStopped;
      const WebhookPost post{
          .url = url_,
          .headers = {{"X-Ror-Event-Id", change.event_id},
                      {"X-Ror-Webhook-Id", webhook_.id()},
                      {"X-Ror-Signature", WebhookSignature(webhook_.secret(), absl::Now(), body)}},
          .body = body};
      const absl::Status delivered =
          Deliver(post, {.timeout = hooks_.options_.timeout,
                         .ca_file = hooks_.options_.ca_file,
                         .internal_addresses = hooks_.options_.internal_addresses});
      letter.set_attempts(letter.attempts() + 1);
      if (delivered.ok()) return Outcome::kTaken;
      letter.set_last_error(std::string(delivered.message()));
      log::Warn("webhook delivery failed", {{"webhook", webhook_.id()},
                                            {"event", change.event_id},
                                            {"attempt", absl::StrCat(attempt)},
                                            {"error", letter.last_error()}});
      if (attempt < hooks_.options_.max_attempts && !Pause(Backoff(hooks_.options_, attempt))) {
        return Outcome::kStopped;
      }
    }
    return Outcome::kFailed;
  }

  // The change of a dead letter, as the owner may see it now; nullopt when he no longer may
  // (nothing to replay). Found by its event, wherever a directory rebuilt since has put it.
  absl::StatusOr<std::optional<fhir::VisibleChange>> ChangeOf(const DeadLetter& letter) {
    directory::Directory& directory = hooks_.resources_.directory();
    ASSIGN_OR_RETURN(std::optional<uint64_t> sequence, directory.SequenceOf(letter.event_id()));
    if (!sequence.has_value() && letter.sequence() > 0) {
      // Logged before the index of events: its own sequence, if of this numbering.
      ASSIGN_OR_RETURN(const directory::LogPosition now,
                       directory.Resume({.sequence = letter.sequence(), .epoch = letter.epoch()}));
      if (now.sequence == letter.sequence()) sequence = letter.sequence();
    }
    if (!sequence.has_value()) return std::nullopt;
    ASSIGN_OR_RETURN(
        fhir::ChangePage page,
        fhir::VisibleChangesAfter(hooks_.resources_, owner_, filter_, *sequence - 1, 1, 1));
    if (page.changes.empty() || page.changes[0].sequence != *sequence ||
        page.changes[0].event_id != letter.event_id()) {
      return std::nullopt;
    }
    return std::move(page.changes[0]);
  }

  // Delivers one dead letter marked for replay, if any; false when there was none.
  absl::StatusOr<bool> ReplayOne() {
    RETURN_IF_ERROR(MarkIfAsked());
    if (!replaying_) return false;
    ASSIGN_OR_RETURN(
        std::vector<DeadLetter> letters,
        RowsOf<DeadLetter>(*hooks_.db_, kDeadLettersCf, webhook_.id() + "/", "a dead letter"));
    auto marked = std::find_if(letters.begin(), letters.end(),
                               [](const DeadLetter& letter) { return letter.replay(); });
    if (marked == letters.end()) {
      replaying_ = false;
      return false;
    }
    DeadLetter letter = *marked;
    bus::ProjectionWrite write(*hooks_.db_);
    ASSIGN_OR_RETURN(std::optional<fhir::VisibleChange> change, ChangeOf(letter));
    Outcome outcome = Outcome::kTaken;
    if (change.has_value()) {
      letter.set_attempts(0);
      outcome = Send(*change, letter);
    }
    if (outcome == Outcome::kStopped) return true;
    if (outcome == Outcome::kTaken) {
      write.Delete(kDeadLettersCf, DeadLetterKey(webhook_.id(), letter));
    } else {
      letter.set_replay(false);
      *letter.mutable_failed_at() = ToProtoTimestamp(absl::Now());
      write.Put(kDeadLettersCf, DeadLetterKey(webhook_.id(), letter), letter.SerializeAsString());
    }
    RETURN_IF_ERROR(hooks_.db_->Commit(write));
    return true;
  }

  // Delivers the next change after the cursor, if any; false when there was none.
  absl::StatusOr<bool> DeliverNext(directory::LogPosition& cursor) {
    ASSIGN_OR_RETURN(directory::LogPosition resumed, hooks_.resources_.directory().Resume(cursor));
    if (resumed.sequence != cursor.sequence) {
      // Rebuilt: the new numbering interleaves the topics otherwise, so only all of it misses
      // nothing. The receiver knows each change by its id.
      log::Warn("webhook replays the directory's changes from the start (directory rebuilt)",
                {{"webhook", webhook_.id()}});
    }
    cursor = std::move(resumed);
    ASSIGN_OR_RETURN(fhir::ChangePage page,
                     fhir::VisibleChangesAfter(hooks_.resources_, owner_, filter_, cursor.sequence,
                                               1, kScannedPerLook));
    bus::ProjectionWrite write(*hooks_.db_);
    if (page.changes.empty()) {
      if (page.last == cursor.sequence) return false;
      // What it passed over was not for this subscription: no need to read it again.
      cursor.sequence = page.last;
      write.Put(kCursorsCf, webhook_.id(), directory::PositionText(cursor));
      RETURN_IF_ERROR(hooks_.db_->Commit(write));
      return page.more;
    }
    const fhir::VisibleChange& change = page.changes[0];
    DeadLetter letter;
    letter.set_sequence(change.sequence);
    letter.set_epoch(cursor.epoch);
    letter.set_event_id(change.event_id);
    const Outcome outcome = Send(change, letter);
    if (outcome == Outcome::kStopped) return true;
    if (outcome == Outcome::kFailed) {
      *letter.mutable_failed_at() = ToProtoTimestamp(absl::Now());
      write.Put(kDeadLettersCf, DeadLetterKey(webhook_.id(), letter), letter.SerializeAsString());
      log::Error(
          "webhook change dead-lettered",
          {{"webhook", webhook_.id()}, {"event", change.event_id}, {"error", letter.last_error()}});
    }
    const directory::LogPosition next{.sequence = change.sequence, .epoch = cursor.epoch};
    write.Put(kCursorsCf, webhook_.id(), directory::PositionText(next));
    // Moved on once written: a write that fails leaves the change to be sent again.
    RETURN_IF_ERROR(hooks_.db_->Commit(write));
    cursor = next;
    return true;
  }

  void Run() {
    absl::StatusOr<directory::LogPosition> cursor = hooks_.Cursor(webhook_.id());
    const absl::Time expiry = FromProtoTimestamp(webhook_.expires_at());
    bool expiry_said = false;
    while (!Stopping()) {
      if (absl::Now() >= expiry) {
        // Its owner's grants of then no longer speak for him: nothing until he renews it.
        if (!expiry_said) {
          log::Warn("webhook expired: no delivery until its owner renews it",
                    {{"webhook", webhook_.id()}});
          expiry_said = true;
        }
        // A replay asked meanwhile waits for the renewal too.
        if (!Pause(hooks_.options_.poll * 25, /*for_replay=*/false)) return;
        continue;
      }
      absl::StatusOr<bool> busy = false;
      if (!cursor.ok()) busy = cursor.status();
      if (busy.ok()) busy = ReplayOne();
      if (busy.ok() && !*busy) busy = DeliverNext(*cursor);
      if (!busy.ok()) {
        // The store failed: said, then tried again a while later, never given up.
        log::Error("webhook failed",
                   {{"webhook", webhook_.id()}, {"error", busy.status().ToString()}});
        if (!Pause(hooks_.options_.poll * 25)) return;
        if (!cursor.ok()) cursor = hooks_.Cursor(webhook_.id());
        continue;
      }
      if (!*busy && !Pause(hooks_.options_.poll)) return;
    }
  }

  Webhooks& hooks_;
  const Webhook webhook_;
  const authz::Principal owner_;
  const fhir::ChangeFilter filter_;
  http::HttpUrl url_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool replay_asked_ = false;
  bool replaying_ = true;  // the delivery thread's own: at start, letters marked before a
                           // restart may remain
  std::thread thread_;
};

Webhooks::Webhooks(std::unique_ptr<bus::ProjectionDb> db, const fhir::Resources& resources,
                   WebhookOptions options)
    : db_(std::move(db)), resources_(resources), options_(std::move(options)) {}

Webhooks::~Webhooks() {
  std::map<std::string, std::unique_ptr<Delivery>> stopping;
  {
    std::lock_guard lock(mutex_);
    stopping.swap(deliveries_);
  }
  // Every one told first, then each waited for: they stop together.
  for (auto& [id, delivery] : stopping) delivery->Signal();
  stopping.clear();
}

absl::StatusOr<std::unique_ptr<Webhooks>> Webhooks::Open(const std::filesystem::path& path,
                                                         const fhir::Resources& resources,
                                                         WebhookOptions options) {
  ASSIGN_OR_RETURN(
      std::unique_ptr<bus::ProjectionDb> db,
      bus::ProjectionDb::Open(bus::ProjectionDbOptions{
          .path = path.string(), .column_families = {kWebhooksCf, kCursorsCf, kDeadLettersCf}}));
  return std::unique_ptr<Webhooks>(new Webhooks(std::move(db), resources, std::move(options)));
}

absl::Status Webhooks::Start() {
  ASSIGN_OR_RETURN(std::vector<Webhook> webhooks, List());
  // Written by a version before lifetimes and epochs: a lifetime from now, and the cursor in the
  // numbering it was written in (the directory's, not rebuilt since).
  ASSIGN_OR_RETURN(const std::string epoch, resources_.directory().Epoch());
  bus::ProjectionWrite write(*db_);
  for (Webhook& webhook : webhooks) {
    if (!webhook.has_expires_at()) {
      *webhook.mutable_expires_at() = ToProtoTimestamp(absl::Now() + options_.lifetime);
      write.Put(kWebhooksCf, webhook.id(), webhook.SerializeAsString());
    }
    ASSIGN_OR_RETURN(directory::LogPosition cursor, Cursor(webhook.id()));
    if (cursor.epoch.empty() && !epoch.empty()) {
      cursor.epoch = epoch;
      write.Put(kCursorsCf, webhook.id(), directory::PositionText(cursor));
    }
  }
  RETURN_IF_ERROR(db_->Commit(write, /*sync=*/true));
  std::lock_guard lock(mutex_);
  for (const Webhook& webhook : webhooks) Launch(webhook);
  return absl::OkStatus();
}

absl::Status Webhooks::CheckUrl(const std::string& text) const {
  ASSIGN_OR_RETURN(const http::HttpUrl url, http::ParseHttpUrl(text));
  const HostPlace place = PlaceOf(url.host);
  if (!url.tls && !options_.plain_http && !place.this_machine) {
    // The body is signed, not hidden: the changes would cross the network in clear.
    return absl::InvalidArgumentError(
        "l'adresse doit être en https ; http:// n'est accepté que vers localhost, 127.0.0.0/8 "
        "ou ::1");
  }
  if (!HostAllowed(options_.allowed_hosts, url.host)) {
    return absl::InvalidArgumentError(
        absl::StrCat("l'hôte ", url.host, " n'est pas de ceux que cette passerelle appelle (",
                     absl::StrJoin(options_.allowed_hosts, ", "), ")"));
  }
  if (!options_.internal_addresses && place.internal) {
    return absl::InvalidArgumentError(absl::StrCat(
        "l'adresse ", url.host, " est interne au réseau : cette passerelle n'y appelle pas"));
  }
  return absl::OkStatus();
}

void Webhooks::Launch(const Webhook& webhook) {
  deliveries_[webhook.id()] = std::make_unique<Delivery>(*this, webhook);
}

absl::StatusOr<Webhook> Webhooks::Create(Webhook webhook, const authz::Principal& owner) {
  RETURN_IF_ERROR(CheckUrl(webhook.url()));
  std::lock_guard lock(mutex_);
  if (deliveries_.size() >= static_cast<size_t>(options_.max_webhooks)) {
    return absl::ResourceExhaustedError(
        absl::StrCat("au plus ", options_.max_webhooks, " webhooks sur cette passerelle"));
  }
  const auto owners = std::count_if(deliveries_.begin(), deliveries_.end(), [&](const auto& d) {
    return d.second->webhook().owner().subject() == owner.subject &&
           d.second->webhook().owner().kind() == static_cast<int>(owner.kind);
  });
  if (owners >= options_.max_webhooks_per_owner) {
    return absl::ResourceExhaustedError(
        absl::StrCat("au plus ", options_.max_webhooks_per_owner, " webhooks par appelant"));
  }
  ASSIGN_OR_RETURN(const directory::LogPosition head, resources_.directory().Head());
  webhook.set_id(http::RandomHex(16));
  webhook.set_secret(http::RandomHex(32));
  *webhook.mutable_expires_at() = ToProtoTimestamp(absl::Now() + options_.lifetime);
  *webhook.mutable_owner() = OwnerOf(owner);
  *webhook.mutable_created_at() = ToProtoTimestamp(absl::Now());
  bus::ProjectionWrite write(*db_);
  write.Put(kWebhooksCf, webhook.id(), webhook.SerializeAsString());
  write.Put(kCursorsCf, webhook.id(), directory::PositionText(head));
  RETURN_IF_ERROR(db_->Commit(write, /*sync=*/true));
  Launch(webhook);
  return webhook;
}

absl::StatusOr<std::vector<Webhook>> Webhooks::List() {
  return RowsOf<Webhook>(*db_, kWebhooksCf, "", "a webhook");
}

absl::StatusOr<std::optional<Webhook>> Webhooks::Get(const std::string& id) {
  return bus::RowOf<Webhook>(db_->Get(kWebhooksCf, id), "webhooks: a webhook");
}

absl::StatusOr<directory::LogPosition> Webhooks::Cursor(const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<std::string> text, db_->Get(kCursorsCf, id));
  if (!text.has_value()) return directory::LogPosition();
  std::optional<directory::LogPosition> position = directory::ParsePosition(*text);
  if (!position.has_value()) return absl::DataLossError("webhooks: a cursor does not parse");
  return *std::move(position);
}

absl::Status Webhooks::Remove(const std::string& id) {
  std::lock_guard renewal(renewal_mutex_);
  std::unique_ptr<Delivery> delivery;
  {
    std::lock_guard lock(mutex_);
    if (auto found = deliveries_.find(id); found != deliveries_.end()) {
      delivery = std::move(found->second);
      deliveries_.erase(found);
    }
  }
  // Stopped first, outside the lock (an attempt under way ends within its timeout): a delivery
  // must not write its cursor back after the removal.
  delivery.reset();
  ASSIGN_OR_RETURN(std::vector<DeadLetter> letters, DeadLetters(id));
  bus::ProjectionWrite write(*db_);
  write.Delete(kWebhooksCf, id);
  write.Delete(kCursorsCf, id);
  for (const DeadLetter& letter : letters) {
    write.Delete(kDeadLettersCf, DeadLetterKey(id, letter));
  }
  return db_->Commit(write, /*sync=*/true);
}

absl::StatusOr<std::vector<DeadLetter>> Webhooks::DeadLetters(const std::string& id) {
  return RowsOf<DeadLetter>(*db_, kDeadLettersCf, id + "/", "a dead letter");
}

absl::StatusOr<Webhook> Webhooks::Renew(const std::string& id, const authz::Principal& owner) {
  std::lock_guard renewal(renewal_mutex_);
  std::unique_ptr<Delivery> stopped;
  Webhook webhook;
  {
    std::lock_guard lock(mutex_);
    const auto found = deliveries_.find(id);
    if (found == deliveries_.end()) return absl::NotFoundError(absl::StrCat("webhook ", id));
    webhook = found->second->webhook();
    stopped = std::move(found->second);
    deliveries_.erase(found);
  }
  // Stopped outside the lock, as for a removal: its cursor is written before the new one reads.
  stopped.reset();
  // The rules of now: one created under looser ones is not renewed past them.
  if (absl::Status allowed = CheckUrl(webhook.url()); !allowed.ok()) {
    std::lock_guard lock(mutex_);
    Launch(webhook);
    return allowed;
  }
  *webhook.mutable_owner() = OwnerOf(owner);
  *webhook.mutable_expires_at() = ToProtoTimestamp(absl::Now() + options_.lifetime);
  bus::ProjectionWrite write(*db_);
  write.Put(kWebhooksCf, webhook.id(), webhook.SerializeAsString());
  absl::Status written = db_->Commit(write, /*sync=*/true);
  std::lock_guard lock(mutex_);
  if (!written.ok()) {
    ASSIGN_OR_RETURN(std::optional<Webhook> kept, Get(id));
    if (kept.has_value()) Launch(*kept);
    return written;
  }
  Launch(webhook);
  return webhook;
}

absl::StatusOr<int> Webhooks::Replay(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto found = deliveries_.find(id);
  if (found == deliveries_.end()) return absl::NotFoundError(absl::StrCat("webhook ", id));
  return found->second->Replay();
}

v1::gateway::WebhookOwner OwnerOf(const authz::Principal& principal) {
  v1::gateway::WebhookOwner owner;
  owner.set_kind(static_cast<int>(principal.kind));
  owner.set_subject(principal.subject);
  owner.set_display_name(principal.display_name);
  owner.set_access_profile(principal.access_profile);
  for (const authz::Grant& grant : principal.grants) {
    v1::gateway::WebhookOwner::Grant* stored = owner.add_grants();
    stored->set_role(authz::RoleName(grant.role));
    stored->set_region(grant.region);
    stored->mutable_finess_ej()->Add(grant.finess_ej.begin(), grant.finess_ej.end());
    stored->mutable_finess_eg()->Add(grant.finess_eg.begin(), grant.finess_eg.end());
  }
  return owner;
}

authz::Principal PrincipalOf(const v1::gateway::WebhookOwner& owner) {
  authz::Principal principal;
  principal.kind = static_cast<authz::PrincipalKind>(owner.kind());
  principal.subject = owner.subject();
  principal.display_name = owner.display_name();
  principal.access_profile = owner.access_profile();
  principal.expires_at = absl::InfiniteFuture();
  for (const v1::gateway::WebhookOwner::Grant& stored : owner.grants()) {
    // A role this version does not know grants nothing.
    std::optional<authz::Role> role = authz::RoleFromName(stored.role());
    if (!role.has_value()) continue;
    principal.grants.push_back(
        authz::Grant{.role = *role,
                     .region = stored.region(),
                     .finess_ej = {stored.finess_ej().begin(), stored.finess_ej().end()},
                     .finess_eg = {stored.finess_eg().begin(), stored.finess_eg().end()}});
  }
  return principal;
}

}  // namespace ror::gateway::feeds
