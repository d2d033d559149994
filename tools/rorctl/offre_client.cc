#include "tools/rorctl/offre_client.h"

#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "libs/server/grpc_status.h"
#include "tools/rorctl/credentials.h"

namespace ror::rorctl {

OffreClient::OffreClient(absl::string_view address, absl::Duration timeout,
                         std::string authorization)
    : timeout_(timeout),
      authorization_(std::move(authorization)),
      stub_(v1::OffreService::NewStub(
          grpc::CreateChannel(std::string(address), grpc::InsecureChannelCredentials()))) {}

absl::StatusOr<v1::Offre> OffreClient::Create(const v1::CreateOffreRequest& request) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
  Authorize(context, authorization_);
  v1::CreateOffreResponse response;
  grpc::Status status = stub_->CreateOffre(&context, request, &response);
  if (!status.ok()) return server::FromGrpcStatus(status);
  return response.offre();
}

absl::StatusOr<v1::Offre> OffreClient::Get(absl::string_view offre_id) {
  v1::GetOffreRequest request;
  request.set_offre_id(std::string(offre_id));
  return Call(&v1::OffreService::Stub::GetOffre, request);
}

template <typename Request, typename Method>
absl::StatusOr<v1::Offre> OffreClient::Call(Method method, const Request& request) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
  Authorize(context, authorization_);
  v1::Offre response;
  grpc::Status status = (stub_.get()->*method)(&context, request, &response);
  if (!status.ok()) return server::FromGrpcStatus(status);
  return response;
}

absl::StatusOr<v1::Offre> OffreClient::SaveDraft(const v1::SaveDraftRequest& request) {
  return Call(&v1::OffreService::Stub::SaveDraft, request);
}

absl::StatusOr<v1::Offre> OffreClient::ValidateDraft(const v1::ValidateDraftRequest& request) {
  return Call(&v1::OffreService::Stub::ValidateDraft, request);
}

}  // namespace ror::rorctl
