#pragma once

// The services behind the gateway, each a gRPC channel, and a unary call to any of their RPCs by
// its descriptor (the request and response messages built from it): the REST routes need no code
// of their own per RPC.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/http/http_types.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"

namespace ror::gateway::rest {

// What the gateway passes on to a service with each call.
struct CallMetadata {
  std::string authorization;  // the caller's "Bearer …", as received
  const http::RequestContext* context = nullptr;
};

class Upstreams {
 public:
  // `addresses`: upstream name ("auth", "offre", "search") → host:port.
  Upstreams(const std::map<std::string, std::string>& addresses, absl::Duration deadline);

  // UNAVAILABLE when `upstream` is not configured; the service's status otherwise (payloads, such
  // as its field violations, restored).
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(
      const std::string& upstream, const google::protobuf::MethodDescriptor& method,
      const google::protobuf::Message& request, const CallMetadata& metadata) const;

  // A server-streaming RPC: `each` gets every response message in order, and may stop the stream
  // by returning false.
  absl::Status Stream(const std::string& upstream, const google::protobuf::MethodDescriptor& method,
                      const google::protobuf::Message& request, const CallMetadata& metadata,
                      const std::function<bool(const google::protobuf::Message&)>& each) const;

 private:
  struct Upstream {
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<grpc::GenericStub> stub;
  };
  // UNAVAILABLE when `upstream` is not configured.
  absl::StatusOr<const Upstream*> Find(const std::string& upstream) const;
  // The deadline, and the caller's token, request id and trace as metadata.
  void Prepare(grpc::ClientContext& context, const CallMetadata& metadata) const;

  std::map<std::string, Upstream> upstreams_;
  const absl::Duration deadline_;
};

}  // namespace ror::gateway::rest
