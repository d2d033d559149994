#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "ror/v1/offre.grpc.pb.h"

namespace ror::rorctl {

// ror.v1.OffreService over an insecure channel; every call has a deadline. Errors come back as
// absl::Status with their details (e.g. the BadRequest).
class OffreClient {
 public:
  // `authorization`: "Bearer <token>", or empty for an anonymous caller (credentials.h).
  explicit OffreClient(absl::string_view address, absl::Duration timeout = absl::Seconds(10),
                       std::string authorization = "");

  absl::StatusOr<v1::Offre> Create(const v1::CreateOffreRequest& request);
  absl::StatusOr<v1::Offre> Get(absl::string_view offre_id);
  absl::StatusOr<v1::Offre> SaveDraft(const v1::SaveDraftRequest& request);
  absl::StatusOr<v1::Offre> ValidateDraft(const v1::ValidateDraftRequest& request);

 private:
  // Calls `method` with a deadline; the reply or the status with its details.
  template <typename Request, typename Method>
  absl::StatusOr<v1::Offre> Call(Method method, const Request& request);

  const absl::Duration timeout_;
  const std::string authorization_;
  std::unique_ptr<v1::OffreService::Stub> stub_;
};

}  // namespace ror::rorctl
