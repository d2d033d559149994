#include "services/auth/domain/api_client.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "services/auth/domain/text_rules.h"

namespace ror::auth::domain {

absl::Status ValidateApiClient(const CreateApiClient& c) {
  FieldViolations v;
  CheckText("name", "le nom du client", c.name, kMaxNameLength, /*required=*/true, v);
  if (c.access_profile < 0 || c.access_profile > kMaxAccessProfile) {
    v.Add("access_profile", "range",
          absl::StrCat("le profil d'accès est compris entre 0 et ", kMaxAccessProfile, " (",
                       c.access_profile, " reçu)"));
  }
  return v.ToStatus();
}

absl::StatusOr<std::vector<ApiClientEvent>> Decide(const ApiClientState& state,
                                                   const ApiClientCommand& command) {
  const auto& c = std::get<CreateApiClient>(command);
  if (state.exists()) {
    if (state.client.client_secret_hash() == c.client_secret_hash)
      return std::vector<ApiClientEvent>{};
    return absl::AlreadyExistsError(absl::StrCat("le client ", c.client_id, " existe déjà"));
  }
  RETURN_IF_ERROR(ValidateApiClient(c));
  ApiClientCreated event;
  event.set_client_id(c.client_id);
  event.set_name(std::string(absl::StripAsciiWhitespace(c.name)));
  event.set_access_profile(c.access_profile);
  event.set_client_secret_hash(c.client_secret_hash);
  *event.mutable_created_at() = ToProtoTimestamp(c.now);
  return std::vector<ApiClientEvent>{std::move(event)};
}

ApiClientState Evolve(ApiClientState state, const ApiClientEvent& event) {
  state.client = std::get<ApiClientCreated>(event);
  ++state.version;
  return state;
}

}  // namespace ror::auth::domain
