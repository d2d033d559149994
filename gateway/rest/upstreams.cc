#include "gateway/rest/upstreams.h"

#include <future>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "libs/server/grpc_status.h"

namespace ror::gateway::rest {

Upstreams::Upstreams(const std::map<std::string, std::string>& addresses, absl::Duration deadline)
    : deadline_(deadline) {
  for (const auto& [name, address] : addresses) {
    Upstream upstream;
    upstream.channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
    upstream.stub = std::make_unique<grpc::GenericStub>(upstream.channel);
    upstreams_.emplace(name, std::move(upstream));
  }
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Upstreams::Call(
    const std::string& upstream, const google::protobuf::MethodDescriptor& method,
    const google::protobuf::Message& request, const CallMetadata& metadata) const {
  const auto it = upstreams_.find(upstream);
  if (it == upstreams_.end()) {
    return absl::UnavailableError(absl::StrCat("service ", upstream, " non configuré"));
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  if (!metadata.authorization.empty()) context.AddMetadata("authorization", metadata.authorization);
  if (metadata.context != nullptr) {
    context.AddMetadata("x-correlation-id", metadata.context->request_id);
    context.AddMetadata("traceparent", metadata.context->trace.ToString());
  }
  const std::string bytes = request.SerializeAsString();
  grpc::Slice slice(bytes);
  const grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  std::promise<grpc::Status> done;
  it->second.stub->UnaryCall(&context,
                             absl::StrCat("/", method.service()->full_name(), "/", method.name()),
                             grpc::StubOptions(), &request_buffer, &response_buffer,
                             [&done](grpc::Status status) { done.set_value(std::move(status)); });
  const grpc::Status status = done.get_future().get();
  if (!status.ok()) return server::FromGrpcStatus(status);

  std::unique_ptr<google::protobuf::Message> response(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method.output_type())
          ->New());
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) {
    return absl::InternalError(absl::StrCat(method.full_name(), ": unreadable response"));
  }
  std::string body;
  for (const grpc::Slice& part : slices) {
    body.append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  if (!response->ParseFromString(body)) {
    return absl::InternalError(absl::StrCat(method.full_name(), ": response does not parse"));
  }
  return response;
}

}  // namespace ror::gateway::rest
