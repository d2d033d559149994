#pragma once

// « Mes recherches sauvegardées » on the search service's event store: one stream per user,
// "recherches-<owner>" (SavedSearchStream), decided by services/search/domain/saved_search.h
// through the shared command loop (libs/eventstore/command_loop.h).

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/authz/principal.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/event_store.h"
#include "ror/v1/envelope.pb.h"
#include "ror/v1/search.pb.h"
#include "ror/v1/types.pb.h"

namespace ror::search::app {

inline constexpr char kSavedSearchCategory[] = "recherches";
// The longest request_id a client may give (the store's 200 bytes, less the owner's scope).
inline constexpr size_t kMaxSavedSearchRequestIdLength = 160;

// Who asks, and the context copied into every event envelope. The gRPC layer builds it from the
// verified principal (CallerOf); anonymous callers and API clients never get here.
struct SavedSearchCaller {
  std::string owner;           // whose searches: the principal's subject (the token's sub)
  v1::Actor actor;             // copied into the envelopes; never an e-mail
  std::string correlation_id;  // empty (or longer than 200 bytes): the command's request id
  std::string traceparent;     // W3C, kept only when well-formed
};

// The caller of a signed-in user: owner = subject, actor = authz::ActorOf(principal).
SavedSearchCaller CallerOf(const authz::Principal& principal, absl::string_view correlation_id = "",
                           absl::string_view traceparent = "");

// "recherches-<owner>": the owner as is when it is made of ASCII letters, digits, '-', '.' and
// ':' (account ids are UUIDs); otherwise every other byte is escaped as "_XX" (hex). When that is
// longer than the store allows, a prefix of it and a 64-bit hash of the whole owner.
std::string SavedSearchStream(absl::string_view owner);

// Sets the envelope's actor, correlation (the caller's, or the request id), causation (the
// command's request id), event id and traceparent (only a well-formed one).
void StampSavedSearch(const SavedSearchCaller& caller, absl::string_view request_id,
                      absl::string_view event_id, v1::EventEnvelope& envelope);

class SavedSearches {
 public:
  SavedSearches(eventstore::EventStore& store, const Clock& clock, IdGenerator& ids);

  // Saves request.search: a new one when its id is empty (the id is drawn from `ids`), else
  // replaces the caller's search of that id (NOT_FOUND when he has none). Returns it as stored
  // (nom trimmed, saved_at set). INVALID_ARGUMENT with field violations: search.nom (required,
  // max_length, format, unique — case, accents and blanks aside), search (max_count: 50 per user;
  // max_size), search.guide_article, search.type, search.sort, request_id (max_length). With
  // par_defaut, the caller's other default search loses its flag. A request_id seen before
  // returns the search that request saved and writes nothing (FAILED_PRECONDITION when the
  // search asked differs).
  absl::StatusOr<v1::SavedSearch> Save(const SavedSearchCaller& caller,
                                       const v1::SaveSearchRequest& request);
  // The caller's searches sorted by nom.
  absl::StatusOr<std::vector<v1::SavedSearch>> List(const SavedSearchCaller& caller);
  // NOT_FOUND for an id the caller never had; OK for one already deleted (a retry).
  absl::Status Delete(const SavedSearchCaller& caller, const v1::DeleteSavedSearchRequest& request);

 private:
  eventstore::EventStore& store_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace ror::search::app
