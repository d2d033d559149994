#include "gateway/rest/upstreams.h"

#include <future>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/sync_stream.h"
#include "libs/common/status_macros.h"
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

namespace {

grpc::ByteBuffer BufferOf(const google::protobuf::Message& message) {
  const std::string bytes = message.SerializeAsString();
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// `buffer` parsed as a new `type`; nullptr when it does not parse.
std::unique_ptr<google::protobuf::Message> Parse(const grpc::ByteBuffer& buffer,
                                                 const google::protobuf::Descriptor& type) {
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type)->New());
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return nullptr;
  std::string bytes;
  for (const grpc::Slice& part : slices) {
    bytes.append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  if (!message->ParseFromString(bytes)) return nullptr;
  return message;
}

std::string PathOf(const google::protobuf::MethodDescriptor& method) {
  return absl::StrCat("/", method.service()->full_name(), "/", method.name());
}

}  // namespace

absl::StatusOr<const Upstreams::Upstream*> Upstreams::Find(const std::string& upstream) const {
  const auto it = upstreams_.find(upstream);
  if (it == upstreams_.end()) {
    return absl::UnavailableError(absl::StrCat("service ", upstream, " non configuré"));
  }
  return &it->second;
}

void Upstreams::Prepare(grpc::ClientContext& context, const CallMetadata& metadata) const {
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  if (!metadata.authorization.empty()) context.AddMetadata("authorization", metadata.authorization);
  if (metadata.context != nullptr) {
    context.AddMetadata("x-correlation-id", metadata.context->request_id);
    context.AddMetadata("traceparent", metadata.context->trace.ToString());
  }
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Upstreams::Call(
    const std::string& upstream, const google::protobuf::MethodDescriptor& method,
    const google::protobuf::Message& request, const CallMetadata& metadata) const {
  ASSIGN_OR_RETURN(const Upstream* target, Find(upstream));
  grpc::ClientContext context;
  Prepare(context, metadata);
  const grpc::ByteBuffer request_buffer = BufferOf(request);
  grpc::ByteBuffer response_buffer;
  std::promise<grpc::Status> done;
  target->stub->UnaryCall(&context, PathOf(method), grpc::StubOptions(), &request_buffer,
                          &response_buffer,
                          [&done](grpc::Status status) { done.set_value(std::move(status)); });
  const grpc::Status status = done.get_future().get();
  if (!status.ok()) return server::FromGrpcStatus(status);
  std::unique_ptr<google::protobuf::Message> response =
      Parse(response_buffer, *method.output_type());
  if (response == nullptr) {
    return absl::InternalError(absl::StrCat(method.full_name(), ": response does not parse"));
  }
  return response;
}

absl::Status Upstreams::Stream(
    const std::string& upstream, const google::protobuf::MethodDescriptor& method,
    const google::protobuf::Message& request, const CallMetadata& metadata,
    const std::function<bool(const google::protobuf::Message&)>& each) const {
  ASSIGN_OR_RETURN(const Upstream* target, Find(upstream));
  grpc::ClientContext context;
  Prepare(context, metadata);
  const std::string path = PathOf(method);
  const grpc::internal::RpcMethod rpc(path.c_str(), grpc::internal::RpcMethod::SERVER_STREAMING,
                                      target->channel);
  std::unique_ptr<grpc::ClientReader<grpc::ByteBuffer>> reader(
      grpc::internal::ClientReaderFactory<grpc::ByteBuffer>::Create(target->channel.get(), rpc,
                                                                    &context, BufferOf(request)));
  grpc::ByteBuffer buffer;
  while (reader->Read(&buffer)) {
    std::unique_ptr<google::protobuf::Message> message = Parse(buffer, *method.output_type());
    if (message == nullptr) {
      context.TryCancel();
      (void)reader->Finish();
      return absl::InternalError(absl::StrCat(method.full_name(), ": response does not parse"));
    }
    if (!each(*message)) {
      context.TryCancel();
      break;
    }
  }
  const grpc::Status status = reader->Finish();
  if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
    return server::FromGrpcStatus(status);
  }
  return absl::OkStatus();
}

}  // namespace ror::gateway::rest
