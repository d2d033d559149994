#include "services/search/app/saved_searches.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "libs/common/field_violations.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/envelope_stamp.h"
#include "libs/eventstore/event_codec.h"
#include "services/search/domain/saved_search.h"

namespace ror::search::app {
namespace {

using domain::SavedSearchesState;
using domain::SavedSearchEvent;

constexpr size_t kMaxStreamIdLength = 200;  // the store's limit

uint64_t Fnv1a64(absl::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

bool IsPlainOwnerChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == ':';
}

absl::Status CheckCaller(const SavedSearchCaller& caller) {
  if (caller.owner.empty()) {
    return absl::UnauthenticatedError(
        "les recherches sauvegardées sont réservées aux utilisateurs connectés");
  }
  return absl::OkStatus();
}

absl::Status CheckRequestId(absl::string_view request_id) {
  FieldViolations v;
  if (request_id.size() > kMaxSavedSearchRequestIdLength) {
    v.Add("request_id", "max_length",
          absl::StrCat("la clé d'idempotence ne doit pas dépasser ", kMaxSavedSearchRequestIdLength,
                       " octets"));
  }
  return v.ToStatus();
}

// The key the store dedups on: the client's request_id, scoped to its owner so that two users'
// keys never meet. A fresh one when the client gave none (no retry protection).
std::string StoreRequestId(absl::string_view owner, absl::string_view request_id,
                           IdGenerator& ids) {
  if (request_id.empty()) return ids.NewId();
  return absl::StrFormat("%s@%s:%016x", request_id, kSavedSearchCategory, Fnv1a64(owner));
}

// What the request `key` appended to `stream`, when the store saw it; nullopt otherwise.
absl::StatusOr<std::optional<std::vector<SavedSearchEvent>>> FirstOutcome(
    eventstore::EventStore& store, const std::string& stream, const std::string& key) {
  ASSIGN_OR_RETURN(std::optional<eventstore::RequestOutcome> first, store.FindRequest(key));
  if (!first.has_value()) return std::nullopt;
  if (first->stream_id != stream) {
    FieldViolations v;
    v.Add("request_id", "unique",
          "clé d'idempotence déjà utilisée ; une nouvelle demande a besoin d'une nouvelle clé");
    return v.ToStatus();
  }
  const int64_t count = first->result.last_version - first->result.first_version + 1;
  ASSIGN_OR_RETURN(std::vector<v1::EventEnvelope> envelopes,
                   store.ReadStream(stream, first->result.first_version,
                                    static_cast<size_t>(std::max<int64_t>(count, 0))));
  std::vector<SavedSearchEvent> events;
  for (const v1::EventEnvelope& envelope : envelopes) {
    ASSIGN_OR_RETURN(SavedSearchEvent event, eventstore::DecodeEvent<SavedSearchEvent>(envelope));
    events.push_back(std::move(event));
  }
  return events;
}

absl::Status Reused(absl::string_view request_id) {
  return absl::FailedPreconditionError(
      absl::StrCat("request_id « ", request_id,
                   " » : déjà utilisé pour une autre demande ; une nouvelle demande a besoin d'une "
                   "nouvelle clé"));
}

// The search a first request saved, provided it asked what `command` asks.
absl::StatusOr<v1::SavedSearch> SavedBefore(const std::vector<SavedSearchEvent>& events,
                                            const domain::SaveSearch& command,
                                            absl::string_view request_id) {
  const auto* saved = events.empty() ? nullptr : std::get_if<domain::SearchSaved>(&events.front());
  if (saved == nullptr) return Reused(request_id);
  v1::SavedSearch recorded = saved->search();
  v1::SavedSearch asked = domain::Normalized(command.search);
  if (!command.replace) asked.set_id(recorded.id());
  recorded.clear_saved_at();
  asked.clear_saved_at();
  if (!google::protobuf::util::MessageDifferencer::Equals(recorded, asked)) {
    return Reused(request_id);
  }
  return saved->search();
}

}  // namespace

SavedSearchCaller CallerOf(const authz::Principal& principal, absl::string_view correlation_id,
                           absl::string_view traceparent) {
  SavedSearchCaller caller;
  caller.owner = principal.subject;
  caller.actor = authz::ActorOf(principal);
  caller.correlation_id = std::string(correlation_id);
  caller.traceparent = std::string(traceparent);
  return caller;
}

std::string SavedSearchStream(absl::string_view owner) {
  std::string id;
  id.reserve(owner.size());
  for (char c : owner) {
    if (IsPlainOwnerChar(c)) {
      id.push_back(c);
    } else {
      absl::StrAppendFormat(&id, "_%02X", static_cast<unsigned char>(c));
    }
  }
  const size_t room = kMaxStreamIdLength - sizeof(kSavedSearchCategory);  // less "recherches-"
  if (id.size() > room) {
    const std::string hash = absl::StrFormat("~%016x", Fnv1a64(owner));
    id.resize(room - hash.size());
    id += hash;
  }
  return absl::StrCat(kSavedSearchCategory, "-", id);
}

void StampSavedSearch(const SavedSearchCaller& caller, absl::string_view request_id,
                      absl::string_view event_id, v1::EventEnvelope& envelope) {
  eventstore::StampEnvelope(caller.actor, caller.correlation_id, caller.traceparent, request_id,
                            event_id, envelope);
}

SavedSearches::SavedSearches(eventstore::EventStore& store, const Clock& clock, IdGenerator& ids)
    : store_(store), clock_(clock), ids_(ids) {}

absl::StatusOr<v1::SavedSearch> SavedSearches::Save(const SavedSearchCaller& caller,
                                                    const v1::SaveSearchRequest& request) {
  RETURN_IF_ERROR(CheckCaller(caller));
  RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const std::string stream = SavedSearchStream(caller.owner);
  const std::string key = StoreRequestId(caller.owner, request.request_id(), ids_);

  domain::SaveSearch command;
  command.owner = caller.owner;
  command.search = request.search();
  command.replace = !request.search().id().empty();
  command.now = clock_.Now();
  if (!command.replace) command.search.set_id(ids_.NewId());

  // A retry of a request that went through: its search is the outcome (a new search under the
  // id the first attempt drew).
  if (!request.request_id().empty()) {
    ASSIGN_OR_RETURN(auto first, FirstOutcome(store_, stream, key));
    if (first.has_value()) return SavedBefore(*first, command, request.request_id());
  }

  ASSIGN_OR_RETURN(
      auto outcome,
      eventstore::RunCommand<SavedSearchesState>(
          store_, clock_, ids_, stream, key,
          [&](const SavedSearchesState& state) { return domain::Decide(state, command); },
          eventstore::DecodeEvent<SavedSearchEvent>, eventstore::EncodeEvent<SavedSearchEvent>,
          std::bind_front(StampSavedSearch, std::cref(caller))));
  if (const v1::SavedSearch* saved = outcome.after.Find(command.search.id())) {
    if (!outcome.events.empty()) {
      log::Info("search saved", {{"search_id", saved->id()}});
    }
    return *saved;
  }
  // The same request went through concurrently, under an id of its own.
  ASSIGN_OR_RETURN(auto first, FirstOutcome(store_, stream, key));
  if (first.has_value()) return SavedBefore(*first, command, request.request_id());
  return absl::InternalError("recherche sauvegardée introuvable après son enregistrement");
}

absl::StatusOr<std::vector<v1::SavedSearch>> SavedSearches::List(const SavedSearchCaller& caller) {
  RETURN_IF_ERROR(CheckCaller(caller));
  ASSIGN_OR_RETURN(SavedSearchesState state, eventstore::LoadStream<SavedSearchesState>(
                                                 store_, SavedSearchStream(caller.owner),
                                                 eventstore::DecodeEvent<SavedSearchEvent>));
  if (!state.owner.empty() && state.owner != caller.owner) {
    return absl::FailedPreconditionError(
        "les recherches sauvegardées de ce flux appartiennent à un autre utilisateur");
  }
  return domain::SortedByNom(state);
}

absl::Status SavedSearches::Delete(const SavedSearchCaller& caller,
                                   const v1::DeleteSavedSearchRequest& request) {
  RETURN_IF_ERROR(CheckCaller(caller));
  FieldViolations v;
  if (request.id().empty())
    v.Add("id", "required", "l'identifiant de la recherche est obligatoire");
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(CheckRequestId(request.request_id()));
  const std::string stream = SavedSearchStream(caller.owner);
  const std::string key = StoreRequestId(caller.owner, request.request_id(), ids_);

  if (!request.request_id().empty()) {
    ASSIGN_OR_RETURN(auto first, FirstOutcome(store_, stream, key));
    if (first.has_value()) {
      const auto* deleted =
          first->empty() ? nullptr : std::get_if<domain::SavedSearchDeleted>(&first->front());
      if (deleted == nullptr || deleted->id() != request.id()) return Reused(request.request_id());
      return absl::OkStatus();
    }
  }

  domain::DeleteSavedSearch command;
  command.owner = caller.owner;
  command.id = request.id();
  command.now = clock_.Now();
  ASSIGN_OR_RETURN(
      auto outcome,
      eventstore::RunCommand<SavedSearchesState>(
          store_, clock_, ids_, stream, key,
          [&](const SavedSearchesState& state) { return domain::Decide(state, command); },
          eventstore::DecodeEvent<SavedSearchEvent>, eventstore::EncodeEvent<SavedSearchEvent>,
          std::bind_front(StampSavedSearch, std::cref(caller))));
  if (!outcome.events.empty()) log::Info("saved search deleted", {{"search_id", request.id()}});
  return absl::OkStatus();
}

}  // namespace ror::search::app
